from django.urls import path

from audits import views

app_name = "audits"

urlpatterns = [
    path("", views.cycle_list, name="cycle_list"),
    path("nieuw/", views.cycle_open, name="cycle_open"),
    path("<int:year>/", views.cycle_detail, name="cycle_detail"),
    path("<int:year>/volgende-fase/", views.cycle_advance, name="cycle_advance"),
    path("<int:year>/toewijzen/", views.assignment_create, name="assignment_create"),
]
