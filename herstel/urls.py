from django.urls import path

from herstel.views import (
    actions,
    advice,
    communication,
    communication_tasks,
    contact_points,
    decisions,
    documents,
    dossiers,
    evaluation,
    execution,
    figures,
    improvements,
    measures,
    step2,
    timeline,
)
from herstel.views import working_group as wg

app_name = "herstel"

urlpatterns = [
    path("", actions.herstelactie_list, name="list"),
    path("nieuw/", actions.herstelactie_start, name="start"),
    path("totaaloverzicht/", figures.overview, name="overview"),
    path(
        "totaaloverzicht/export.<slug:file_format>",
        figures.overview_export,
        name="overview_export",
    ),
    path("totaaloverzicht/sbk/", figures.sbk_overview, name="sbk_overview"),
    # Per business unit: improvement actions from the audit's follow-up and herstel together.
    path("verbeteracties/", improvements.improvements_index, name="improvements"),
    path("verbeteracties/<int:unit_id>/", improvements.improvements_unit, name="improvements_unit"),
    path(
        "verbeteracties/<int:unit_id>/export.<slug:file_format>",
        improvements.improvements_export,
        name="improvements_export",
    ),
    path(
        "dossiers/sjabloon.<slug:file_format>", dossiers.dossier_template, name="dossier_template"
    ),
    path("contactpersonen/", contact_points.contact_points, name="contact_points"),
    path("contactpersonen/<int:pk>/", contact_points.contact_point_edit, name="contact_point_edit"),
    path(
        "contactpersonen/<int:pk>/actief/",
        contact_points.contact_point_set_active,
        name="contact_point_set_active",
    ),
    path("<int:pk>/", actions.herstelactie_detail, name="detail"),
    path("<int:pk>/wijzigen/", actions.herstelactie_edit, name="edit"),
    path("<int:pk>/lead/", actions.herstelactie_lead, name="lead"),
    path("<int:pk>/stap/", actions.herstelactie_move_view, name="move"),
    path("<int:pk>/advies/", advice.advice, name="advice"),
    path("<int:pk>/advies/sbk/", advice.section_assign, name="advice_section_assign"),
    path(
        "<int:pk>/advies/sbk/<int:assignment_pk>/intrekken/",
        advice.section_assignment_withdraw,
        name="advice_section_assignment_withdraw",
    ),
    path("<int:pk>/advies/onderdeel/", advice.section_write, name="advice_section_write"),
    path("<int:pk>/maatregelen/", measures.measure_list, name="measures"),
    path("<int:pk>/maatregelen/toevoegen/", measures.measure_add, name="measure_add"),
    path(
        "<int:pk>/maatregelen/<int:measure_pk>/wijzigen/",
        measures.measure_edit,
        name="measure_edit",
    ),
    path(
        "<int:pk>/maatregelen/<int:measure_pk>/intrekken/",
        measures.measure_withdraw,
        name="measure_withdraw",
    ),
    path("<int:pk>/werkgroep/", wg.working_group, name="working_group"),
    path("<int:pk>/werkgroep/leden/", wg.member_add, name="member_add"),
    path(
        "<int:pk>/werkgroep/leden/<int:member_pk>/verwijderen/",
        wg.member_remove,
        name="member_remove",
    ),
    path("<int:pk>/werkgroep/raadplegingen/", wg.consultation_add, name="consultation_add"),
    path("<int:pk>/besluitvorming/", decisions.decisions, name="decisions"),
    path("<int:pk>/besluitvorming/zienswijzen/", step2.dt_view_add, name="dt_view_add"),
    path(
        "<int:pk>/besluitvorming/zienswijzen/<int:view_pk>/corrigeren/",
        step2.dt_view_correct,
        name="dt_view_correct",
    ),
    path(
        "<int:pk>/besluitvorming/zienswijzen/<int:view_pk>/intrekken/",
        step2.dt_view_withdraw,
        name="dt_view_withdraw",
    ),
    path("<int:pk>/besluitvorming/aanvulling/", step2.enrichment_save, name="enrichment_save"),
    path("<int:pk>/besluitvorming/mandaat/", step2.mandate_raise, name="mandate_raise"),
    path(
        "<int:pk>/besluitvorming/contacten-minister/",
        step2.minister_contact_add,
        name="minister_contact_add",
    ),
    path(
        "<int:pk>/besluitvorming/contacten-minister/<int:contact_pk>/intrekken/",
        step2.minister_contact_withdraw,
        name="minister_contact_withdraw",
    ),
    path(
        "<int:pk>/besluitvorming/besluiten/<slug:forum>/",
        decisions.decision_record,
        name="decision_record",
    ),
    path(
        "<int:pk>/besluitvorming/besluiten/<int:decision_pk>/corrigeren/",
        decisions.decision_correct,
        name="decision_correct",
    ),
    path(
        "<int:pk>/besluitvorming/besluiten/<int:decision_pk>/intrekken/",
        decisions.decision_withdraw,
        name="decision_withdraw",
    ),
    path(
        "<int:pk>/besluitvorming/informeel/",
        decisions.informal_round_add,
        name="informal_round_add",
    ),
    path(
        "<int:pk>/besluitvorming/kennisgevingen/",
        decisions.notification_add,
        name="notification_add",
    ),
    path("<int:pk>/communicatie/", communication.communication, name="communication"),
    path("<int:pk>/communicatie/issue/", communication.issue_set, name="issue_set"),
    path(
        "<int:pk>/communicatie/issuemanager/",
        communication.issuemanager_set,
        name="issuemanager_set",
    ),
    path(
        "<int:pk>/communicatie/taken/",
        communication_tasks.communication_task_add,
        name="communication_task_add",
    ),
    path(
        "<int:pk>/communicatie/taken/<int:task_pk>/",
        communication_tasks.communication_task_update,
        name="communication_task_update",
    ),
    path(
        "<int:pk>/communicatie/taken/<int:task_pk>/intrekken/",
        communication_tasks.communication_task_withdraw,
        name="communication_task_withdraw",
    ),
    path(
        "<int:pk>/communicatie/leden/",
        communication.communication_member_add,
        name="communication_member_add",
    ),
    path(
        "<int:pk>/communicatie/leden/<int:member_pk>/verwijderen/",
        communication.communication_member_remove,
        name="communication_member_remove",
    ),
    path("<int:pk>/kapstokverhaal/", communication.kapstok_edit, name="kapstok_edit"),
    path("<int:pk>/kapstokverhaal/status/", communication.kapstok_move, name="kapstok_move"),
    path(
        "<int:pk>/kapstokverhaal/versies/<int:version>/",
        communication.kapstok_version,
        name="kapstok_version",
    ),
    path("<int:pk>/tijdlijn/", timeline.timeline, name="timeline"),
    # The documents in the action's dossier (every step)
    path("<int:pk>/documenten/", documents.documents, name="documents"),
    path(
        "<int:pk>/documenten/<int:document_pk>/download/",
        documents.document_download,
        name="document_download",
    ),
    path(
        "<int:pk>/documenten/<int:document_pk>/intrekken/",
        documents.document_withdraw,
        name="document_withdraw",
    ),
    # Step 3: execution, dossiers, management information
    path("<int:pk>/uitvoering/", execution.execution, name="execution"),
    path("<int:pk>/uitvoering/plan/", execution.execution_plan_edit, name="execution_plan"),
    path("<int:pk>/uitvoering/go-no-go/", execution.go_decision_add, name="go_decision_add"),
    path("<int:pk>/dossiers/", dossiers.dossier_list, name="dossiers"),
    path("<int:pk>/dossiers/importeren/", dossiers.dossier_import, name="dossier_import"),
    path(
        "<int:pk>/dossiers/importen/<int:import_pk>/",
        dossiers.dossier_import_result,
        name="dossier_import_result",
    ),
    path("<int:pk>/dossiers/export.csv", dossiers.dossier_export, name="dossier_export"),
    path("<int:pk>/dossiers/<int:dossier_pk>/", dossiers.dossier_detail, name="dossier"),
    path(
        "<int:pk>/managementinformatie/",
        figures.management_information,
        name="management_information",
    ),
    path("<int:pk>/managementinformatie/schatting/", figures.estimate, name="estimate"),
    path(
        "<int:pk>/managementinformatie/export.<slug:file_format>",
        figures.management_information_export,
        name="management_information_export",
    ),
    # Step 4: evaluation
    path("<int:pk>/evaluatie/", evaluation.evaluation, name="evaluation"),
    path("<int:pk>/evaluatie/plannen/", evaluation.evaluation_plan, name="evaluation_plan"),
    path("<int:pk>/evaluatie/<int:number>/", evaluation.evaluation_save, name="evaluation_save"),
    path(
        "<int:pk>/evaluatie/<int:number>/afronden/",
        evaluation.evaluation_complete,
        name="evaluation_complete",
    ),
    path(
        "<int:pk>/evaluatie/<int:number>/afzeggen/",
        evaluation.evaluation_cancel,
        name="evaluation_cancel",
    ),
]
