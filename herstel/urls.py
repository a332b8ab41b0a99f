from django.urls import path

from herstel.views import actions, advice, communication, contact_points, decisions, timeline
from herstel.views import working_group as wg

app_name = "herstel"

urlpatterns = [
    path("", actions.herstelactie_list, name="list"),
    path("nieuw/", actions.herstelactie_start, name="start"),
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
    path("<int:pk>/maatregelen/", advice.measure_add, name="measure_add"),
    path(
        "<int:pk>/maatregelen/<int:measure_pk>/verwijderen/",
        advice.measure_remove,
        name="measure_remove",
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
]
