"""Withdrawing a theme made in error (issue 17, "undo with a trace"): the coordination team asks
first (a page with a required reason), until the report is published. The theme stays on the
board, struck through with who, when and why, and in its history; it leaves every verdict and
count, the UWV-wide report (its rode draad and its hoofdbevinding), the report's generated texts
and the API. Refused for anyone else, once published, without a reason, twice and on a stale
version."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from audits.models import AuditCycle
from findings.models import Theme
from findings.report.uwv import build_uwv_report, render_uwv_report_html
from findings.selectors.rollup import rollup_board
from findings.services.rollup import (
    main_finding_confirm,
    theme_create,
    theme_recommendations_add,
    theme_update,
    theme_withdraw,
)
from tests.factories import RecommendationFactory, principle
from uwvkms.models import AuditEvent
from uwvkms.services import api_token_create
from uwvkms.versioning import EditConflict

REASON = "Dubbel aangemaakt: dezelfde aanbevelingen staan al onder ‘Effect meten’."
REFUSED = ["auditor", "other_auditor", "unit_board", "board_member", "outsider"]


@pytest.fixture
def main_finding(coordinator, cycle, uitkeren, communicatie, fez):
    """A rode draad under both assessed principles, confirmed as hoofdbevinding."""
    theme = theme_create(actor=coordinator, cycle=cycle, title="Effect meten")
    theme_recommendations_add(
        actor=coordinator,
        theme=theme,
        recommendations=[
            RecommendationFactory(cycle=cycle, unit=unit, principle=principle(code))
            for unit, code in (
                (uitkeren, "klantgerichtheid"),
                (communicatie, "klantgerichtheid"),
                (fez, "operationele-kwaliteit"),
            )
        ],
    )
    return main_finding_confirm(
        actor=coordinator, theme=theme, title="Effect vaststellen", advice="Meet het effect."
    )


@pytest.fixture
def theme(main_finding):
    return Theme.objects.get(pk=main_finding.theme_id)


def url(theme, name="theme_withdraw"):
    return reverse(f"findings:{name}", args=[theme.cycle.year, theme.pk])


def withdraw(actor, theme, *, reason=REASON, version=None):
    return theme_withdraw(
        actor=actor,
        theme=theme,
        expected_version=theme.version if version is None else version,
        reason=reason,
    )


def test_the_team_is_asked_first_and_withdraws_it(client, coordinator, cycle, theme):
    client.force_login(coordinator)
    assert url(theme) in client.get(url(theme, "theme_detail")).content.decode()
    question = client.get(url(theme)).content.decode()
    assert "Thema ‘Effect meten’ intrekken?" in question
    assert "Ook de hoofdbevinding ‘Effect vaststellen’ verdwijnt uit het rapport." in question
    response = client.post(url(theme), {"reason": REASON, "version": theme.version})
    assert response.status_code == 302
    assert response.url == reverse("findings:rollup_board", args=[cycle.year])
    withdrawn = Theme.with_withdrawn.get(pk=theme.pk)
    assert (withdrawn.withdrawn_by, withdrawn.withdrawal_reason) == (coordinator, REASON)
    event = AuditEvent.objects.get(event="findings.theme.withdrawn")
    assert (event.actor, event.reason) == (coordinator, REASON)

    board = client.get(response.url).content.decode()
    assert "Ingetrokken thema" in board
    assert "<del><a" in board and REASON in board
    assert "voorgesteld: bevestigen" not in board
    page = client.get(url(theme, "theme_detail")).content.decode()
    assert "Dit thema is ingetrokken" in page and "Thema ingetrokken" in page  # the history
    assert url(theme, "theme_edit") not in page and url(theme) not in page
    assert client.get(url(theme, "theme_edit")).status_code == 404


def test_a_withdrawn_theme_leaves_the_verdicts_the_report_and_the_api(
    coordinator, cycle, theme, main_finding
):
    def seen():
        board = rollup_board(cycle)
        report = build_uwv_report(cycle)
        return (
            [row.theme.title for row in board.threads],
            [t.title for t in report.threads],
            [m.title for m in report.main_findings],
            "Effect vaststellen" in render_uwv_report_html(report, for_pdf=False),
        )

    assert seen() == (["Effect meten"], ["Effect meten"], ["Effect vaststellen"], True)
    withdraw(coordinator, theme)
    assert seen() == ([], [], [], False)
    board = rollup_board(cycle)
    assert [t.title for t in board.withdrawn_themes] == ["Effect meten"]
    # A recommendation names only the themes that count.
    assert all(row.themes == [] for row in board.recommendations)

    client = APIClient()
    _token, key = api_token_create(user=coordinator, name="test")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    listed = client.get("/api/v1/themes/").json()
    assert listed.get("results", listed) == []
    assert client.get(f"/api/v1/themes/{theme.pk}/").status_code == 404


def test_a_missing_reason_keeps_the_page(client, coordinator, theme):
    client.force_login(coordinator)
    response = client.post(url(theme), {"reason": "", "version": theme.version})
    assert response.status_code == 400
    assert "Geef de reden waarom u dit intrekt." in response.content.decode()
    with pytest.raises(ValidationError) as exc:
        withdraw(coordinator, theme, reason="  ")
    assert exc.value.message_dict == {"reason": ["Geef de reden waarom u dit intrekt."]}
    assert not Theme.with_withdrawn.get(pk=theme.pk).is_withdrawn


@pytest.mark.parametrize("persona", REFUSED)
def test_only_the_coordination_team_withdraws(client, request, persona, theme):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        withdraw(user, theme)
    client.force_login(user)
    assert client.get(url(theme)).status_code == 403
    assert client.post(url(theme), {"reason": REASON, "version": 1}).status_code == 403
    assert not Theme.with_withdrawn.get(pk=theme.pk).is_withdrawn


def test_once_published_it_is_not_withdrawn(client, coordinator, cycle, theme):
    AuditCycle.objects.filter(pk=cycle.pk).update(status="gepubliceerd")
    with pytest.raises(ValidationError, match="gepubliceerd"):
        withdraw(coordinator, theme)
    client.force_login(coordinator)
    assert url(theme) not in client.get(url(theme, "theme_detail")).content.decode()
    page = client.get(url(theme)).content.decode()
    assert "ligt vast" in page
    assert 'name="reason"' not in page


def test_withdrawn_once_only_and_stale_is_a_conflict(client, coordinator, theme):
    stale = theme.version
    theme_update(
        actor=coordinator,
        theme=theme,
        expected_version=stale,
        title="Effect meten en borgen",
        description="",
    )
    with pytest.raises(EditConflict):
        withdraw(coordinator, theme, version=stale)
    client.force_login(coordinator)
    response = client.post(url(theme), {"reason": REASON, "version": stale})
    assert response.status_code == 400
    assert REASON in response.content.decode()  # what was typed comes back
    theme.refresh_from_db()
    withdraw(coordinator, theme)
    with pytest.raises(ValidationError, match="al ingetrokken"):
        withdraw(coordinator, Theme.with_withdrawn.get(pk=theme.pk))
    assert AuditEvent.objects.filter(event="findings.theme.withdrawn").count() == 1


def test_the_board_reads_no_more_for_withdrawn_themes(client, coordinator, cycle):
    client.force_login(coordinator)
    board = reverse("findings:rollup_board", args=[cycle.year])

    def queries():
        client.get(board)
        with CaptureQueriesContext(connection) as captured:
            client.get(board)
        return len(captured)

    first = theme_create(actor=coordinator, cycle=cycle, title="Thema 0")
    withdraw(coordinator, first)
    one = queries()
    for n in range(1, 5):
        withdraw(coordinator, theme_create(actor=coordinator, cycle=cycle, title=f"Thema {n}"))
    assert queries() == one
    assert client.get(board).content.decode().count("<del><a") == 5


def test_a_withdrawn_theme_is_no_longer_changed(coordinator, cycle, uitkeren, theme):
    withdraw(coordinator, theme)
    gone = Theme.with_withdrawn.get(pk=theme.pk)
    with pytest.raises(ValidationError, match="ingetrokken"):
        theme_update(
            actor=coordinator,
            theme=gone,
            expected_version=gone.version,
            title="Nieuw",
            description="",
        )
    with pytest.raises(ValidationError, match="ingetrokken"):
        theme_recommendations_add(
            actor=coordinator,
            theme=gone,
            recommendations=[RecommendationFactory(cycle=cycle, unit=uitkeren)],
        )


def test_a_recommendation_of_a_withdrawn_theme_can_be_deleted(coordinator, auditor, theme):
    """A withdrawn theme is no longer changed, so it cannot let a recommendation go: it no
    longer holds it back (it would be stuck for good)."""
    from findings.models import Recommendation
    from findings.services.findings import recommendation_delete

    held = Recommendation.objects.get(memberships__theme=theme, unit__name="Uitkeren")
    with pytest.raises(ValidationError, match="ingedeeld in een thema"):
        recommendation_delete(actor=auditor, recommendation=held, expected_version=held.version)
    withdraw(coordinator, theme)
    recommendation_delete(actor=auditor, recommendation=held, expected_version=held.version)
    assert not Recommendation.objects.filter(pk=held.pk).exists()
