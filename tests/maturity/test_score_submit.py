"""Submitting a score: it needs a level and a justification, and is then read-only for the auditor
until calibration reopens it; changing the level of a score that was ever submitted needs a
reason."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from maturity.constants import ScoreStatus
from maturity.models import Score, ScoreChange
from maturity.selectors.scores import ever_submitted
from maturity.services import score_record
from tests.factories import ScoreFactory, principle
from tests.maturity.scoring import post_score, score_url


def reopen(score, *, by):
    """What calibration's reopening does to a submitted score: a concept again, on record."""
    Score.objects.filter(pk=score.pk).update(
        status=ScoreStatus.CONCEPT, submitted_at=None, version=score.version + 1
    )
    ScoreChange.objects.create(
        score=score,
        event="maturity.score.reopened",
        changed_by=by,
        old_level=score.level,
        new_level=score.level,
        old_status=ScoreStatus.INGEDIEND,
        new_status=ScoreStatus.CONCEPT,
        reason="Bespreken in de tweede ronde.",
    )
    score.refresh_from_db()
    return score


def test_auditor_submits_a_score(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    post_score(client, cycle, uitkeren, level=2, action="opslaan", justification="")
    response = post_score(client, cycle, uitkeren, level=3, version=1)
    assert response.status_code == 302
    assert response["Location"] == reverse("maturity:auditor_work", args=[cycle.year])
    score = Score.objects.get()
    assert (score.level, score.status, score.version) == (3, "ingediend", 2)
    assert score.submitted_at is not None
    latest = score.changes.first()
    assert (latest.event, latest.old_status, latest.new_status, latest.old_level) == (
        "maturity.score.submitted",
        "concept",
        "ingediend",
        2,
    )


def test_a_first_save_may_submit_straight_away(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    assert post_score(client, cycle, uitkeren, level=4).status_code == 302
    change = Score.objects.get().changes.get()
    assert (change.event, change.old_status, change.new_status) == (
        "maturity.score.submitted",
        "",
        "ingediend",
    )


def test_a_concept_may_lack_level_and_justification(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    response = post_score(
        client,
        cycle,
        uitkeren,
        action="opslaan",
        justification="",
        design_note="Nog uitzoeken.",
    )
    assert response.status_code == 302
    score = Score.objects.get()
    assert (score.level, score.justification, score.status) == (None, "", "concept")


@pytest.mark.parametrize(
    ("level", "justification", "field", "message"),
    [
        (None, "Onderbouwing", "level", "Kies een volwassenheidsniveau om de score in te dienen."),
        (3, "", "justification", "Onderbouw de score met het bewijs om hem in te dienen."),
        (3, "   ", "justification", "Onderbouw de score met het bewijs om hem in te dienen."),
    ],
)
def test_submitting_needs_a_level_and_a_justification(
    client, auditor, cycle, uitkeren, level, justification, field, message
):
    client.force_login(auditor)
    response = post_score(client, cycle, uitkeren, level=level, justification=justification)
    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    assert message in response.content.decode()
    assert not Score.objects.exists()


def test_the_service_refuses_an_incomplete_submission_too(auditor, cycle, uitkeren):
    with pytest.raises(ValidationError) as refused:
        score_record(
            actor=auditor,
            cycle=cycle,
            unit=uitkeren,
            principle=principle("klantgerichtheid"),
            level=None,
            justification=" ",
            expected_version=0,
            submit=True,
        )
    assert set(refused.value.message_dict) == {"level", "justification"}
    assert not Score.objects.exists()


@pytest.mark.parametrize(("level", "justification"), [(None, "Onderbouwing"), (3, "")])
def test_the_database_refuses_a_submitted_score_without_level_or_justification(
    cycle, uitkeren, level, justification
):
    with pytest.raises(IntegrityError), transaction.atomic():
        ScoreFactory(cycle=cycle, unit=uitkeren, level=level, justification=justification)


def test_a_submitted_score_is_read_only_with_its_history(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    post_score(client, cycle, uitkeren, level=3, design_note="Klantvisie vastgelegd.")
    page = client.get(score_url(cycle, uitkeren))
    assert page.status_code == 200
    assert "form" not in page.context
    html = page.content.decode()
    assert "Deze score is ingediend en kan niet meer worden gewijzigd." in html
    assert "Klantvisie vastgelegd." in html
    assert "Historie van deze score" in html
    assert 'name="action"' not in html  # no buttons


def test_posting_to_a_submitted_score_is_refused_with_a_message(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    post_score(client, cycle, uitkeren, level=3)
    for action in ("opslaan", "indienen"):
        response = post_score(
            client, cycle, uitkeren, level=5, version=1, reason="Toch beter.", action=action
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert "Uw wijziging is niet opgeslagen." in html
        assert "Deze score is ingediend en kan niet meer worden gewijzigd." in html
    score = Score.objects.get()
    assert (score.level, score.version, score.changes.count()) == (3, 1, 1)


def test_the_service_refuses_changes_to_a_submitted_score(auditor, cycle, uitkeren):
    score = ScoreFactory(cycle=cycle, unit=uitkeren, level=3)
    with pytest.raises(ValidationError, match="ingediend"):
        score_record(
            actor=auditor,
            cycle=cycle,
            unit=uitkeren,
            principle=score.principle,
            level=4,
            justification="Anders.",
            reason="Nieuw inzicht.",
            expected_version=score.version,
            submit=False,
        )
    score.refresh_from_db()
    assert (score.level, score.status) == (3, "ingediend")


def test_a_reopened_score_is_editable_and_a_new_level_needs_a_reason(
    client, auditor, coordinator, cycle, uitkeren
):
    client.force_login(auditor)
    post_score(client, cycle, uitkeren, level=2)
    score = reopen(Score.objects.get(), by=coordinator)

    page = client.get(score_url(cycle, uitkeren))
    assert "form" in page.context
    assert "Reden van wijziging" in page.content.decode()

    response = post_score(client, cycle, uitkeren, level=3, version=score.version, action="opslaan")
    assert response.status_code == 400
    assert "Geef een reden voor het wijzigen van de score." in response.content.decode()
    assert Score.objects.get().level == 2

    # Same level, other wording: no reason needed.
    response = post_score(
        client,
        cycle,
        uitkeren,
        level=2,
        version=score.version,
        justification="Aangevuld na de kalibratie.",
    )
    assert response.status_code == 302
    assert Score.objects.get().status == "ingediend"


def test_a_reopened_score_resubmitted_with_a_reason(client, auditor, coordinator, cycle, uitkeren):
    client.force_login(auditor)
    post_score(client, cycle, uitkeren, level=2)
    score = reopen(Score.objects.get(), by=coordinator)
    response = post_score(
        client,
        cycle,
        uitkeren,
        level=3,
        version=score.version,
        reason="Vergeleken met Handhaving.",
    )
    assert response.status_code == 302
    score.refresh_from_db()
    assert (score.level, score.status) == (3, "ingediend")
    latest = score.changes.first()
    assert (latest.old_level, latest.new_level, latest.reason, latest.old_status) == (
        2,
        3,
        "Vergeleken met Handhaving.",
        "concept",
    )


def test_what_counts_as_ever_submitted(coordinator, cycle, uitkeren, communicatie):
    assert not ever_submitted(None)
    assert not ever_submitted(ScoreFactory(cycle=cycle, unit=uitkeren, concept=True))
    # Marked "ingediend" by the data migration: no submission date, no status history.
    migrated = ScoreFactory(cycle=cycle, unit=communicatie, level=2, submitted_at=None)
    assert ever_submitted(migrated)
    # Reopened: a concept again, known from its submission date or its history.
    reopened = reopen(migrated, by=coordinator)
    assert reopened.submitted_at is None
    assert ever_submitted(reopened)
    Score.objects.filter(pk=reopened.pk).update(submitted_at=timezone.now())
    ScoreChange.objects.filter(score=reopened).delete()
    reopened.refresh_from_db()
    assert ever_submitted(reopened)


def test_history_shows_status_level_and_reason(client, auditor, coordinator, cycle, uitkeren):
    client.force_login(auditor)
    post_score(client, cycle, uitkeren, level=2, action="opslaan")
    post_score(client, cycle, uitkeren, level=2, version=1)
    score = reopen(Score.objects.get(), by=coordinator)
    post_score(
        client, cycle, uitkeren, level=4, version=score.version, reason="Nagezonden stukken."
    )
    html = client.get(score_url(cycle, uitkeren)).content.decode()
    for text in (
        "Als concept opgeslagen",
        "Ingediend",
        "Heropend voor de toetser",
        "Ingediend → Concept",
        "Nagezonden stukken.",
        "2 → 4",
    ):
        assert text in html
