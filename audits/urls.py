from django.urls import path

from audits.urls_evidence import urlpatterns as evidence_urlpatterns
from audits.views import cycle_setup, cycles, districts, evaluation, reference

app_name = "audits"

urlpatterns = [
    path("", cycles.cycle_list, name="cycle_list"),
    path("nieuw/", cycles.cycle_open, name="cycle_open"),
    path("driejarenplan/", cycles.three_year_plan, name="three_year_plan"),
    # Bijlage 2's reference texts (coordination team).
    path("managementprincipes/", reference.principle_texts_list, name="principle_texts_list"),
    path(
        "managementprincipes/inleiding/",
        reference.principles_introduction_edit,
        name="principles_introduction_edit",
    ),
    path(
        "managementprincipes/<slug:code>/",
        reference.principle_texts_edit,
        name="principle_texts_edit",
    ),
    path(
        "nieuw/op-basis-van/<int:year>/",
        cycle_setup.cycle_open_based_on,
        name="cycle_open_based_on",
    ),
    # The audit's own evaluation (issue 21 §6).
    path(
        "dekking-per-onderdeel/<int:year>/",
        evaluation.unit_coverage,
        name="unit_coverage",
    ),
    path(
        "dekking-per-onderdeel/<int:year>/export.xlsx",
        evaluation.unit_coverage_export,
        name="unit_coverage_export",
    ),
    path("<int:year>/uren/", evaluation.hours_mine, name="hours_mine"),
    path("<int:year>/uren/onderdeel/<int:unit_id>/", evaluation.hours_unit, name="hours_unit"),
    path("<int:year>/uren/<int:pk>/corrigeren/", evaluation.hours_correct, name="hours_correct"),
    path("<int:year>/uren/<int:pk>/intrekken/", evaluation.hours_withdraw, name="hours_withdraw"),
    path("<int:year>/lessen/", evaluation.lessons, name="lessons"),
    path("<int:year>/lessen/<int:pk>/wijzigen/", evaluation.lesson_edit, name="lesson_edit"),
    path(
        "<int:year>/lessen/<int:pk>/intrekken/", evaluation.lesson_withdraw, name="lesson_withdraw"
    ),
    path("<int:year>/lessen/<int:pk>/verwerken/", evaluation.lesson_process, name="lesson_process"),
    path("<int:year>/", cycles.cycle_detail, name="cycle_detail"),
    path("<int:year>/volgende-fase/", cycles.cycle_advance, name="cycle_advance"),
    path("<int:year>/vorige-fase/", cycles.cycle_step_back, name="cycle_step_back"),
    path("<int:year>/periode/", cycles.cycle_period_edit, name="cycle_period"),
    path("<int:year>/toewijzen/", cycles.assignment_create, name="assignment_create"),
    path("<int:year>/teams/", cycles.cycle_teams, name="cycle_teams"),
    path("<int:year>/teammatrix/", cycle_setup.team_matrix_edit, name="team_matrix"),
    path("<int:year>/principes/", cycle_setup.cycle_principles_edit, name="cycle_principles"),
    path("<int:year>/intrekken/", cycle_setup.cycle_withdraw, name="cycle_withdraw"),
    path("<int:year>/terugzetten/", cycle_setup.cycle_reinstate, name="cycle_reinstate"),
    path(
        "<int:year>/toewijzingen/<int:pk>/verwijderen/",
        cycles.assignment_remove,
        name="assignment_remove",
    ),
    path("<int:year>/uitsluitingen/", cycles.exclusions, name="exclusions"),
    path(
        "<int:year>/uitsluitingen/<int:pk>/terugdraaien/",
        cycles.exclusion_undo,
        name="exclusion_undo",
    ),
    path("<int:year>/onderdelen/<int:unit_id>/scope/", cycles.scope_edit, name="scope_edit"),
    path("<int:year>/onderdelen/<int:unit_id>/districten/", districts.districts, name="districts"),
    path(
        "<int:year>/onderdelen/<int:unit_id>/districten/toevoegen/",
        districts.district_add,
        name="district_add",
    ),
    path(
        "<int:year>/onderdelen/<int:unit_id>/districten/<int:pk>/verwijderen/",
        districts.district_remove,
        name="district_remove",
    ),
    path(
        "<int:year>/onderdelen/<int:unit_id>/districten/loten/",
        districts.districts_draw,
        name="districts_draw",
    ),
    *evidence_urlpatterns,
]
