from django.urls import path

from findings.api import views

urlpatterns = [
    path("recommendations/", views.RecommendationList.as_view(), name="recommendation-list"),
    path(
        "recommendations/<int:pk>/",
        views.RecommendationDetail.as_view(),
        name="recommendation-detail",
    ),
    path("themes/", views.ThemeList.as_view(), name="theme-list"),
    path("themes/<int:pk>/", views.ThemeDetail.as_view(), name="theme-detail"),
    path("actions/", views.ActionList.as_view(), name="action-list"),
    path("actions/<int:pk>/", views.ActionDetail.as_view(), name="action-detail"),
    path(
        "actions/<int:pk>/measurements/",
        views.ActionMeasurementCreate.as_view(),
        name="action-measurement-create",
    ),
    path("reports/", views.ReportVersionList.as_view(), name="report-list"),
    path("reports/<int:pk>/", views.ReportVersionDetail.as_view(), name="report-detail"),
    path("reports/<int:pk>/pdf/", views.ReportVersionPdf.as_view(), name="report-pdf"),
]
