"""An assigned auditor records a 1–5 score with a justification; nobody else can."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from audits.models import AuditCycle
from maturity.models import Score, ScoreChange
from tests.factories import ScoreFactory, principle


def score_url(cycle, unit, code="klantgerichtheid"):
    return reverse("maturity:score_edit", args=[cycle.year, unit.pk, code])


def post_score(
    client,
    cycle,
    unit,
    *,
    level,
    justification="Jaarplan en twee bevestigde interviews.",
    version=0,
    reason="",
    code="klantgerichtheid",
):
    return client.post(
        score_url(cycle, unit, code),
        {"level": level, "justification": justification, "version": version, "reason": reason},
    )


def test_assigned_auditor_records_a_score(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    page = client.get(score_url(cycle, uitkeren))
    assert page.status_code == 200
    assert "3 Reproduceren" in page.content.decode()  # the levels are shown beside the field
    response = post_score(client, cycle, uitkeren, level=3)
    assert response.status_code == 302
    score = Score.objects.get(cycle=cycle, unit=uitkeren, principle=principle("klantgerichtheid"))
    assert (score.level, score.version, score.updated_by) == (3, 1, auditor)
    change = score.changes.get()
    assert (change.event, change.old_level, change.new_level, change.changed_by) == (
        "maturity.score.recorded",
        None,
        3,
        auditor,
    )


@pytest.mark.parametrize(
    ("level", "justification", "field"),
    [
        ("0", "Onderbouwing", "level"),
        ("6", "Onderbouwing", "level"),
        ("", "Onderbouwing", "level"),
        ("drie", "Onderbouwing", "level"),
        ("2.5", "Onderbouwing", "level"),
        ("3", "", "justification"),
        ("3", "   ", "justification"),
    ],
)
def test_bad_input_gets_a_form_error_and_stores_nothing(
    client, auditor, cycle, uitkeren, level, justification, field
):
    client.force_login(auditor)
    response = post_score(client, cycle, uitkeren, level=level, justification=justification)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    if field == "level":
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
def test_anyone_but_the_assigned_auditor_gets_403(client, request, persona, cycle, uitkeren):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(score_url(cycle, uitkeren)).status_code == 403
    assert post_score(client, cycle, uitkeren, level=3).status_code == 403
    assert not Score.objects.exists()


def test_auditor_of_another_unit_gets_403(client, coordinator, cycle, other_auditor, uitkeren, fez):
    from audits.services import assignment_create

    assignment_create(actor=coordinator, cycle=cycle, unit=uitkeren, auditor=other_auditor)
    client.force_login(other_auditor)
    assert client.get(score_url(cycle, uitkeren)).status_code == 200
    assert client.get(score_url(cycle, fez)).status_code == 403  # not on FEZ's team


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


def test_changing_the_level_needs_a_reason_and_keeps_history(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    post_score(client, cycle, uitkeren, level=2)
    response = post_score(client, cycle, uitkeren, level=4, version=1)
    assert response.status_code == 400
    assert "Geef een reden" in response.content.decode()
    assert Score.objects.get().level == 2

    post_score(
        client, cycle, uitkeren, level=4, version=1, reason="Directiebeoordeling nagezonden."
    )
    score = Score.objects.get()
    assert (score.level, score.version) == (4, 2)
    latest = score.changes.first()
    assert (latest.old_level, latest.new_level, latest.reason) == (
        2,
        4,
        "Directiebeoordeling nagezonden.",
    )
    page = client.get(score_url(cycle, uitkeren)).content.decode()
    assert "Directiebeoordeling nagezonden." in page  # the history is shown


def test_second_save_of_a_stale_form_is_refused(client, auditor, coordinator, cycle, uitkeren):
    from audits.services import assignment_create
    from tests.factories import UserFactory
    from uwvkms.constants import Role

    colleague = UserFactory(
        username="collega", business_unit=auditor.business_unit, roles=[Role.TOETSER]
    )
    assignment_create(actor=coordinator, cycle=cycle, unit=uitkeren, auditor=colleague)
    client.force_login(auditor)
    post_score(client, cycle, uitkeren, level=2)  # both open version 1 of this score

    client.force_login(colleague)
    assert (
        post_score(client, cycle, uitkeren, level=3, version=1, reason="Na interview").status_code
        == 302
    )
    client.force_login(auditor)
    response = post_score(client, cycle, uitkeren, level=4, version=1, reason="Eigen inzicht")
    assert response.status_code == 400
    assert "intussen gewijzigd door" in response.content.decode()
    score = Score.objects.get()
    assert (score.level, score.updated_by) == (3, colleague)


def test_two_first_saves_do_not_overwrite_each_other(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    post_score(client, cycle, uitkeren, level=2)
    response = post_score(client, cycle, uitkeren, level=5, version=0)  # the form was opened before
    assert response.status_code == 400
    assert "intussen gewijzigd door" in response.content.decode()
    assert Score.objects.get().level == 2


def test_scores_are_read_only_once_the_cycle_is_in_calibration(client, auditor, cycle, uitkeren):
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    client.force_login(auditor)
    response = post_score(client, cycle, uitkeren, level=3)
    assert response.status_code == 400
    assert "kunnen niet meer worden gewijzigd" in response.content.decode()
    assert not Score.objects.exists()
