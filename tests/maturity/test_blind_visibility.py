"""Who sees what of blind scoring (issue 21 part 2), through the pages and the API: while the
blind phase is open an auditor sees only their own score, the coordination team only how many
scored; once closed the team and the coordination team see the spread; the board, the RvB, an
auditor of another unit and an outsider never see anything."""

import pytest
from django.urls import reverse

from maturity.models import BlindPhaseClosure, IndividualScore
from tests.factories import principle
from tests.maturity.blind import KLANT, close_url, own_url, score_own
from tests.maturity.scoring import score_url

SECRET_A = "Oordeel-A: jaarplan ontbreekt."
SECRET_B = "Oordeel-B: sterke kwaliteitsrapportage."


@pytest.fixture
def half_scored(blind_cycle, uitkeren, auditor, colleague):
    """The lead scored 2, the colleague has not scored yet."""
    score_own(auditor, blind_cycle, uitkeren, 2, SECRET_A)
    return blind_cycle


@pytest.fixture
def both_scored(half_scored, uitkeren, colleague):
    score_own(colleague, half_scored, uitkeren, 4, SECRET_B)
    return half_scored


def test_while_open_an_auditor_sees_only_their_own(
    client, half_scored, uitkeren, auditor, colleague
):
    client.force_login(colleague)
    response = client.get(score_url(half_scored, uitkeren))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Blinde fase" in page
    assert "1 van 2 toetsers hebben een eigen score gegeven" in page
    assert SECRET_A not in page
    assert response.context["blind"].visible == []
    assert "Blinde fase sluiten" not in page  # not the lead

    client.force_login(auditor)
    response = client.get(score_url(half_scored, uitkeren))
    page = response.content.decode()
    assert SECRET_A in page  # their own, in the form
    assert [s.auditor for s in response.context["blind"].visible] == [auditor]
    assert "Blinde fase sluiten" in page  # the lead may close it


def test_the_own_score_is_posted_and_a_bad_one_refused(client, half_scored, uitkeren, colleague):
    client.force_login(colleague)
    refused = client.post(
        own_url(half_scored, uitkeren), {"level": "", "justification": "x", "version": 0}
    )
    assert refused.status_code == 400
    assert "Kies uw eigen volwassenheidsniveau." in refused.content.decode()
    assert 'value="x"' not in refused.content.decode() or "x</textarea>" in refused.content.decode()
    assert not IndividualScore.objects.filter(auditor=colleague).exists()

    done = client.post(
        own_url(half_scored, uitkeren), {"level": 4, "justification": SECRET_B, "version": 0}
    )
    assert done.status_code == 302
    assert IndividualScore.objects.get(auditor=colleague).level == 4
    assert BlindPhaseClosure.objects.get().all_scored


def test_a_stale_version_is_an_edit_conflict_on_the_page(client, half_scored, uitkeren, auditor):
    client.force_login(auditor)
    response = client.post(
        own_url(half_scored, uitkeren), {"level": 3, "justification": "Nieuw.", "version": 0}
    )
    assert response.status_code == 400
    assert IndividualScore.objects.get(auditor=auditor).level == 2


def test_after_closing_the_team_sees_the_spread_and_the_flag(
    client, both_scored, uitkeren, colleague
):
    client.force_login(colleague)
    response = client.get(score_url(both_scored, uitkeren))
    page = response.content.decode()
    assert SECRET_A in page and SECRET_B in page
    assert "Laagste 2, hoogste 4, verschil 2." in page
    assert "De toetsers verschillen twee niveaus of meer" in page
    assert "Indienen" in page  # the team score form is offered now


def test_the_coordination_team_sees_counts_then_the_spread(
    client, half_scored, uitkeren, colleague, coordinator
):
    url = reverse("maturity:calibration_matrix", args=[half_scored.year])
    client.force_login(coordinator)
    page = client.get(url).content.decode()
    assert "blind: 1 van 2 gescoord" in page
    assert SECRET_A not in page and "eigen scores" not in page

    score_own(colleague, half_scored, uitkeren, 4, SECRET_B)
    page = client.get(url).content.decode()
    assert "eigen scores 2–4 (2 toetsers)" in page
    assert "toetsers verschilden 2 niveaus" in page


@pytest.mark.parametrize("persona", ["other_auditor", "unit_board", "board_member", "outsider"])
def test_nobody_else_sees_or_acts(client, request, both_scored, uitkeren, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(score_url(both_scored, uitkeren)).status_code == 403
    posted = client.post(
        own_url(both_scored, uitkeren), {"level": 5, "justification": "x", "version": 0}
    )
    assert posted.status_code == 403
    assert (
        client.post(close_url(both_scored, uitkeren), {"reason": "x", "bevestigd": "1"}).status_code
        == 403
    )
    assert (
        client.get(reverse("maturity:calibration_matrix", args=[both_scored.year])).status_code
        == 403
    )
    assert client.get(reverse("maturity:blind_setting", args=[both_scored.year])).status_code == 403
    assert not IndividualScore.objects.filter(level=5).exists()


def test_anonymous_is_sent_to_log_in(client, half_scored, uitkeren):
    response = client.get(score_url(half_scored, uitkeren))
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


def test_the_lead_closes_early_after_confirming_with_a_reason(
    client, half_scored, uitkeren, auditor, colleague
):
    client.force_login(colleague)
    assert client.post(close_url(half_scored, uitkeren), {"reason": "x"}).status_code == 403

    client.force_login(auditor)
    missing = client.post(close_url(half_scored, uitkeren), {"reason": ""})
    assert missing.status_code == 400
    assert "geef een reden" in missing.content.decode()
    asked = client.post(close_url(half_scored, uitkeren), {"reason": "Collega ziek."})
    assert asked.status_code == 200
    assert "Ja, blinde fase sluiten" in asked.content.decode()
    assert not BlindPhaseClosure.objects.exists()

    done = client.post(
        close_url(half_scored, uitkeren), {"reason": "Collega ziek.", "bevestigd": "1"}
    )
    assert done.status_code == 302
    closure = BlindPhaseClosure.objects.get()
    assert (closure.closed_by, closure.reason, closure.all_scored) == (
        auditor,
        "Collega ziek.",
        False,
    )


def test_the_setting_page(client, cycle, coordinator, auditor, uitkeren):
    url = reverse("maturity:blind_setting", args=[cycle.year])
    client.force_login(auditor)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    assert client.post(url, {"enabled": "1", "version": 0}).status_code == 302
    assert cycle.blind_scoring.enabled
    score_own(auditor, cycle, uitkeren, 3)
    page = client.get(url).content.decode()
    assert "blind scoren ligt vast" in page
    assert client.post(url, {"enabled": "0", "version": 1}).status_code == 400
    assert cycle.blind_scoring.enabled


def test_the_score_page_stays_flat_with_the_team(
    client, blind_cycle, uitkeren, auditor, coordinator, django_assert_max_num_queries
):
    from audits.services import assignment_create
    from tests.factories import UserFactory
    from uwvkms.constants import Role

    def add(n):
        for i in range(n):
            user = UserFactory(roles=[Role.TOETSER], business_unit=auditor.business_unit)
            assignment_create(actor=coordinator, cycle=blind_cycle, unit=uitkeren, auditor=user)
            score_own(user, blind_cycle, uitkeren, 1 + i % 5)

    # One member who has not scored keeps the blind phase open.
    late = UserFactory(roles=[Role.TOETSER], business_unit=auditor.business_unit)
    assignment_create(actor=coordinator, cycle=blind_cycle, unit=uitkeren, auditor=late)
    score_own(auditor, blind_cycle, uitkeren, 3)
    client.force_login(auditor)
    url = score_url(blind_cycle, uitkeren)
    add(1)
    client.get(url)
    with django_assert_max_num_queries(40) as small:
        client.get(url)
    add(5)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.context["blind"].scored == 7 and response.context["blind"].closed is False


def test_the_calibration_score_page_shows_the_spread_to_the_coordination_team(
    client, both_scored, uitkeren, auditor, coordinator
):
    from maturity.services import score_record

    score = score_record(
        actor=auditor,
        cycle=both_scored,
        unit=uitkeren,
        principle=principle(KLANT),
        level=3,
        justification="Teamoordeel.",
        expected_version=0,
    )
    client.force_login(coordinator)
    page = client.get(
        reverse("maturity:calibration_score", args=[both_scored.year, score.pk])
    ).content.decode()
    assert SECRET_A in page and SECRET_B in page
    assert "Laagste 2, hoogste 4, verschil 2." in page
