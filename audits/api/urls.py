from django.urls import path

from audits.api import views

urlpatterns = [
    path("cycles/", views.CycleList.as_view(), name="cycle-list"),
    path("cycles/<int:year>/", views.CycleDetail.as_view(), name="cycle-detail"),
    path("units/", views.BusinessUnitList.as_view(), name="unit-list"),
    path("units/<int:pk>/", views.BusinessUnitDetail.as_view(), name="unit-detail"),
    path("principles/", views.PrincipleList.as_view(), name="principle-list"),
    path("principles/<slug:code>/", views.PrincipleDetail.as_view(), name="principle-detail"),
]
