"""The herstel API under /api/v1/ (included by uwvkms/api/urls.py)."""

from django.urls import path

from herstel.api import views

urlpatterns = [
    path("herstelacties/", views.HerstelactieListView.as_view(), name="herstelactie-list"),
    path(
        "herstelacties/<int:pk>/",
        views.HerstelactieDetailView.as_view(),
        name="herstelactie-detail",
    ),
    path(
        "herstelacties/<int:pk>/mandate-criteria/",
        views.MandateCriteriaView.as_view(),
        name="herstelactie-mandate-criteria",
    ),
    path(
        "herstelacties/<int:pk>/dossiers/",
        views.DossierListView.as_view(),
        name="herstelactie-dossiers",
    ),
    path("herstel-overview/", views.OverviewView.as_view(), name="herstel-overview"),
    path("herstel-overview/sbk/", views.SbkOverviewView.as_view(), name="herstel-overview-sbk"),
]
