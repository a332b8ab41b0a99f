"""An assigned auditor records a score (observations, level 1–5, justification) as a concept or
submits it; nobody else can, and nothing changes once calibration is frozen or the cycle moved on."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.html import escape

from audits.models import AuditCycle
from audits.services import assignment_create
from maturity.models import CalibrationClosure, Score, ScoreChange
from tests.factories import ScoreFactory, UserFactory, principle
from tests.maturity.scoring import post_score, score_url
from uwvkms.constants import Role
from uwvkms.models import AuditEvent


def test_assigned_auditor_records_observations_and_a_level(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    page = client.get(score_url(cycle, uitkeren))
    assert page.status_code == 200
    html = page.content.decode()
    assert "3 Reproduceren" in html  # the levels are shown beside the field
    assert "Opslaan als concept" in html and "Indienen" in html
    response = post_score(
        client,
        cycle,
        uitkeren,
        level=3,
        action="opslaan",
        design_note="Er is een klantvisie vastgelegd.",
        existence_note="Teams kennen de visie.",
        operation_note="Klachten leiden tot verbeteracties.",
    )
    assert response.status_code == 302
    assert response["Location"] == score_url(cycle, uitkeren)  # a concept: keep working on it
    score = Score.objects.get(cycle=cycle, unit=uitkeren, principle=principle("klantgerichtheid"))
    assert (score.level, score.status, score.version, score.updated_by) == (
        3,
        "concept",
        1,
        auditor,
    )
    assert (score.design_note, score.existence_note, score.operation_note) == (
        "Er is een klantvisie vastgelegd.",
        "Teams kennen de visie.",
        "Klachten leiden tot verbeteracties.",
    )
    change = score.changes.get()
    assert (
        change.event,
        change.old_level,
        change.new_level,
        change.old_status,
        change.new_status,
        change.changed_by,
    ) == ("maturity.score.saved", None, 3, "", "concept", auditor)
    event = AuditEvent.objects.get(event="maturity.score.saved")
    assert event.changes["design_note"] == [None, "Er is een klantvisie vastgelegd."]
    assert event.changes["level"] == [None, 3]


@pytest.mark.parametrize("level", ["0", "6", "drie", "2.5", "-1"])
@pytest.mark.parametrize("action", ["opslaan", "indienen"])
def test_a_level_outside_1_to_5_gets_a_form_error_and_stores_nothing(
    client, auditor, cycle, uitkeren, level, action
):
    client.force_login(auditor)
    response = post_score(client, cycle, uitkeren, level=level, action=action)
    assert response.status_code == 400
    assert response.context["form"].errors["level"]
    assert "Kies een volwassenheidsniveau van 1 tot en met 5." in response.content.decode()
    assert not Score.objects.exists()
    assert not ScoreChange.objects.exists()


@pytest.mark.parametrize("level", [0, 6, -1])
def test_database_refuses_levels_outside_1_to_5(cycle, uitkeren, level):
    with pytest.raises(IntegrityError), transaction.atomic():
        ScoreFactory(cycle=cycle, unit=uitkeren, level=level)


@pytest.mark.parametrize(
    "persona", ["other_auditor", "coordinator", "board_member", "unit_board", "outsider"]
)
@pytest.mark.parametrize("action", ["opslaan", "indienen"])
def test_anyone_but_the_assigned_auditor_gets_403(
    client, request, persona, action, cycle, uitkeren
):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(score_url(cycle, uitkeren)).status_code == 403
    assert post_score(client, cycle, uitkeren, level=3, action=action).status_code == 403
    assert not Score.objects.exists()


def test_a_submitted_score_is_not_shown_to_other_personas_either(
    client, cycle, uitkeren, other_auditor, coordinator
):
    ScoreFactory(cycle=cycle, unit=uitkeren)
    for persona in (other_auditor, coordinator):
        client.force_login(persona)
        assert client.get(score_url(cycle, uitkeren)).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, cycle, uitkeren):
    response = client.get(score_url(cycle, uitkeren))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert post_score(client, cycle, uitkeren, level=3).status_code == 302
    assert not Score.objects.exists()


def test_auditor_of_another_unit_gets_403(client, coordinator, cycle, other_auditor, uitkeren, fez):
    assignment_create(actor=coordinator, cycle=cycle, unit=uitkeren, auditor=other_auditor)
    client.force_login(other_auditor)
    assert client.get(score_url(cycle, uitkeren)).status_code == 200
    assert client.get(score_url(cycle, fez)).status_code == 403  # not on FEZ's team
    assert post_score(client, cycle, fez, level=3).status_code == 403


def test_principle_absent_at_the_unit_is_404(client, auditor, cycle, communicatie):
    client.force_login(auditor)
    # Communicatie has no execution processes: Operationele Kwaliteit is not assessed there.
    assert client.get(score_url(cycle, communicatie, "operationele-kwaliteit")).status_code == 404
    assert (
        post_score(client, cycle, communicatie, level=3, code="operationele-kwaliteit").status_code
        == 404
    )
    # A principle outside the cycle's scope is absent everywhere.
    assert client.get(score_url(cycle, communicatie, "leiderschap")).status_code == 404
    # So is Basic Kwaliteitsmanagement in a cycle that does not assess it.
    assert client.get(score_url(cycle, communicatie, "basic-km")).status_code == 404


def test_a_concept_never_submitted_changes_level_without_a_reason(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    post_score(client, cycle, uitkeren, level=2, action="opslaan")
    response = post_score(client, cycle, uitkeren, level=4, version=1, action="opslaan")
    assert response.status_code == 302
    score = Score.objects.get()
    assert (score.level, score.version, score.status) == (4, 2, "concept")
    latest = score.changes.first()
    assert (latest.old_level, latest.new_level, latest.reason) == (2, 4, "")
    assert "Reden van wijziging" not in client.get(score_url(cycle, uitkeren)).content.decode()


def test_saving_an_unchanged_concept_writes_nothing(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    post_score(client, cycle, uitkeren, level=2, action="opslaan")
    assert post_score(
        client, cycle, uitkeren, level=2, version=1, action="opslaan"
    ).status_code == (302)
    score = Score.objects.get()
    assert (score.version, score.changes.count()) == (1, 1)


def test_second_save_of_a_stale_form_is_refused(client, auditor, coordinator, cycle, uitkeren):
    colleague = UserFactory(
        username="collega", business_unit=auditor.business_unit, roles=[Role.TOETSER]
    )
    assignment_create(actor=coordinator, cycle=cycle, unit=uitkeren, auditor=colleague)
    client.force_login(auditor)
    post_score(client, cycle, uitkeren, level=2, action="opslaan")  # both open version 1

    client.force_login(colleague)
    assert post_score(
        client, cycle, uitkeren, level=3, version=1, action="opslaan"
    ).status_code == (302)
    client.force_login(auditor)
    response = post_score(client, cycle, uitkeren, level=4, version=1, action="opslaan")
    assert response.status_code == 400
    html = response.content.decode()
    assert "intussen gewijzigd door" in html
    assert escape(str(colleague)) in html  # names who changed it (as HTML: "'s Gravensande")
    score = Score.objects.get()
    assert (score.level, score.updated_by, score.changes.count()) == (3, colleague, 2)


def test_two_first_saves_do_not_overwrite_each_other(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    post_score(client, cycle, uitkeren, level=2, action="opslaan")
    response = post_score(client, cycle, uitkeren, level=5, version=0)  # the form was opened before
    assert response.status_code == 400
    assert "intussen gewijzigd door" in response.content.decode()
    assert Score.objects.get().level == 2


@pytest.mark.parametrize("status", ["voorbereiding", "veldwerk", "kalibratie"])
def test_concepts_can_be_worked_on_up_to_and_during_calibration(
    client, auditor, cycle, uitkeren, status
):
    AuditCycle.objects.filter(pk=cycle.pk).update(status=status)
    client.force_login(auditor)
    assert post_score(client, cycle, uitkeren, level=3, action="opslaan").status_code == 302
    assert Score.objects.get().level == 3


@pytest.mark.parametrize("status", ["oprollen", "gepubliceerd"])
def test_scores_are_read_only_once_the_cycle_moved_past_calibration(
    client, auditor, cycle, uitkeren, status
):
    ScoreFactory(cycle=cycle, unit=uitkeren, concept=True, level=2, updated_by=auditor)
    AuditCycle.objects.filter(pk=cycle.pk).update(status=status)
    client.force_login(auditor)
    page = client.get(score_url(cycle, uitkeren))
    assert page.status_code == 200
    assert "form" not in page.context  # read-only
    assert "scores kunnen niet meer worden gewijzigd" in page.content.decode()
    response = post_score(client, cycle, uitkeren, level=3, version=1)
    assert response.status_code == 400
    assert "scores kunnen niet meer worden gewijzigd" in response.content.decode()
    assert "Uw wijziging is niet opgeslagen." in response.content.decode()
    score = Score.objects.get()
    assert (score.level, score.status, score.version) == (2, "concept", 1)


def test_nothing_changes_once_calibration_is_frozen(
    client, auditor, coordinator, cycle, uitkeren, communicatie
):
    ScoreFactory(cycle=cycle, unit=uitkeren, concept=True, level=2, updated_by=auditor)
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    CalibrationClosure.objects.create(cycle=cycle, closed_by=coordinator)
    client.force_login(auditor)
    page = client.get(score_url(cycle, uitkeren))
    assert "De kalibratie is afgesloten" in page.content.decode()
    assert post_score(client, cycle, uitkeren, level=3, version=1).status_code == 400
    assert post_score(client, cycle, communicatie, level=3).status_code == 400  # a new one neither
    assert Score.objects.get().level == 2
    assert Score.objects.count() == 1
