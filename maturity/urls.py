from django.urls import path

from maturity import views

app_name = "maturity"

urlpatterns = [
    path("<int:year>/", views.auditor_work, name="auditor_work"),
    path(
        "<int:year>/<int:unit_id>/<slug:principle_code>/",
        views.score_edit,
        name="score_edit",
    ),
]
