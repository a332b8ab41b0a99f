from django.urls import path

from maturity.urls_calibration import urlpatterns as calibration_urlpatterns
from maturity.views import scores

app_name = "maturity"

urlpatterns = [
    path("<int:year>/", scores.auditor_work, name="auditor_work"),
    path(
        "<int:year>/<int:unit_id>/<slug:principle_code>/",
        scores.score_edit,
        name="score_edit",
    ),
    *calibration_urlpatterns,
]
