from django.urls import path

from maturity.urls_calibration import urlpatterns as calibration_urlpatterns
from maturity.views import framework, levels, scores

app_name = "maturity"

urlpatterns = [
    # The five levels' names and meanings, Bijlage 1 (coordination team).
    path("niveaus/", levels.level_meaning_list, name="level_meaning_list"),
    path("niveaus/<int:level>/", levels.level_meaning_edit, name="level_meaning_edit"),
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
