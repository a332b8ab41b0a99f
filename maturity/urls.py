from django.urls import path

from maturity.urls_calibration import urlpatterns as calibration_urlpatterns
from maturity.views import blind, framework, levels, scores

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
    # Blind scoring (issue 21 part 2): the own score, the lead closing the phase, the setting.
    path(
        "<int:year>/<int:unit_id>/<slug:principle_code>/eigen-score/",
        blind.individual_score_save,
        name="individual_score_save",
    ),
    path(
        "<int:year>/<int:unit_id>/<slug:principle_code>/blinde-fase-sluiten/",
        blind.blind_phase_close,
        name="blind_phase_close",
    ),
    path("<int:year>/blind-scoren/", blind.blind_setting, name="blind_setting"),
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
