from django.urls import path

from maturity.urls_calibration import urlpatterns as calibration_urlpatterns
from maturity.views import framework, scores

app_name = "maturity"

urlpatterns = [
    path("<int:year>/", scores.auditor_work, name="auditor_work"),
    path(
        "<int:year>/<int:unit_id>/<slug:principle_code>/",
        scores.score_edit,
        name="score_edit",
    ),
    path("<int:year>/toetskader/", framework.framework_list, name="framework_list"),
    path(
        "<int:year>/toetskader/<slug:principle_code>/",
        framework.framework_detail,
        name="framework_detail",
    ),
    path(
        "<int:year>/toetskader/<slug:principle_code>/wijzigen/",
        framework.framework_edit,
        name="framework_edit",
    ),
    *calibration_urlpatterns,
]
