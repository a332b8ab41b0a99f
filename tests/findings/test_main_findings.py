"""Hoofdbevindingen: the roll-up team confirms a theme the rule proposes (a rode draad under every
assessed principle) with a title and UWV-wide advice; it can change it (optimistic locking) and
withdraw it with a reason; every step is kept in the theme's history. A theme the rule does not
propose cannot be confirmed; a confirmed one that no longer meets the rule is flagged."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audits.models import AuditCycle
from findings.models import MainFinding
from findings.services.rollup import (
    main_finding_confirm,
    main_finding_update,
    rollup_threshold_set,
    theme_create,
    theme_recommendations_add,
)
from tests.factories import BusinessUnitFactory, RecommendationFactory, principle
from uwvkms.models import AuditEvent
from uwvkms.versioning import EditConflict

REFUSED = ["auditor", "other_auditor", "unit_board", "board_member", "outsider"]
ADVICE = "Leg bij elke verbeteractie vooraf vast welk effect zij moet hebben en meet dat."


@pytest.fixture
def proposed(coordinator, cycle, uitkeren, communicatie, fez):
    """A theme that is a rode draad under both assessed principles."""
    theme = theme_create(actor=coordinator, cycle=cycle, title="Effect meten")
    theme_recommendations_add(
        actor=coordinator,
        theme=theme,
        recommendations=[
            RecommendationFactory(
                cycle=cycle, unit=uitkeren, principle=principle("klantgerichtheid")
            ),
            RecommendationFactory(
                cycle=cycle, unit=communicatie, principle=principle("klantgerichtheid")
            ),
            RecommendationFactory(
                cycle=cycle, unit=fez, principle=principle("operationele-kwaliteit")
            ),
        ],
    )
    return theme


@pytest.fixture
def confirmed(coordinator, proposed):
    return main_finding_confirm(
        actor=coordinator, theme=proposed, title="Effect vaststellen", advice=ADVICE
    )


def save_url(theme):
    return reverse("findings:main_finding_save", args=[theme.cycle.year, theme.pk])


def remove_url(theme):
    return reverse("findings:main_finding_remove", args=[theme.cycle.year, theme.pk])


def theme_url(theme):
    return reverse("findings:theme_detail", args=[theme.cycle.year, theme.pk])


def test_the_board_and_theme_page_offer_to_confirm_a_proposed_theme(client, coordinator, proposed):
    client.force_login(coordinator)
    board = client.get(reverse("findings:rollup_board", args=[2031])).content.decode()
    assert "voorgesteld: bevestigen" in board
    page = client.get(theme_url(proposed)).content.decode()
    assert "Hoofdbevinding bevestigen" in page
    assert "ja: een rode draad onder elk getoetst principe" in page


def test_the_team_confirms_a_proposed_hoofdbevinding(client, coordinator, proposed):
    client.force_login(coordinator)
    response = client.post(save_url(proposed), {"title": "Effect vaststellen", "advice": ADVICE})
    assert response.status_code == 302
    main = MainFinding.objects.get()
    assert (main.theme, main.title, main.advice, main.version, main.updated_by) == (
        proposed,
        "Effect vaststellen",
        ADVICE,
        1,
        coordinator,
    )
    event = AuditEvent.objects.get(event="findings.main_finding.confirmed")
    assert event.changes == {
        "main_finding_title": [None, "Effect vaststellen"],
        "advice": [None, ADVICE],
    }
    assert event.object_id == str(proposed.pk)
    board = client.get(reverse("findings:rollup_board", args=[2031])).content.decode()
    assert "bevestigd</span> Effect vaststellen" in board


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "advice": ADVICE}, "Geef de hoofdbevinding een titel."),
        ({"title": "Effect", "advice": "  "}, "Geef het UWV-brede advies bij deze hoofdbevinding."),
    ],
)
def test_a_hoofdbevinding_needs_a_title_and_advice(client, coordinator, proposed, data, message):
    client.force_login(coordinator)
    response = client.post(save_url(proposed), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not MainFinding.objects.exists()


def test_a_theme_the_rule_does_not_propose_cannot_be_confirmed(
    client, coordinator, cycle, proposed
):
    rollup_threshold_set(actor=coordinator, cycle=cycle, threshold=4)
    client.force_login(coordinator)
    page = client.get(theme_url(proposed)).content.decode()
    assert "Hoofdbevinding bevestigen" not in page
    response = client.post(save_url(proposed), {"title": "Effect", "advice": ADVICE})
    assert response.status_code == 400
    assert "wordt niet (meer) als hoofdbevinding voorgesteld" in response.content.decode()
    assert not MainFinding.objects.exists()
    with pytest.raises(ValidationError):
        main_finding_confirm(actor=coordinator, theme=proposed, title="Effect", advice=ADVICE)


def test_a_theme_has_at_most_one_hoofdbevinding(coordinator, confirmed):
    with pytest.raises(ValidationError, match="heeft al een hoofdbevinding"):
        main_finding_confirm(actor=coordinator, theme=confirmed.theme, title="Nog een", advice="X")


def test_the_team_edits_a_hoofdbevinding_with_locking(client, coordinator, confirmed):
    client.force_login(coordinator)
    response = client.post(
        save_url(confirmed.theme),
        {"title": "Effect vaststellen", "advice": "Meet wat acties opleveren.", "version": 1},
    )
    assert response.status_code == 302
    confirmed.refresh_from_db()
    assert (confirmed.advice, confirmed.version) == ("Meet wat acties opleveren.", 2)
    event = AuditEvent.objects.get(event="findings.main_finding.changed")
    assert event.changes == {"advice": [ADVICE, "Meet wat acties opleveren."]}
    stale = client.post(
        save_url(confirmed.theme), {"title": "Anders", "advice": "Anders.", "version": 1}
    )
    assert stale.status_code == 400
    assert "Deze hoofdbevinding is intussen gewijzigd door" in stale.content.decode()
    confirmed.refresh_from_db()
    assert confirmed.title == "Effect vaststellen"
    with pytest.raises(EditConflict):
        main_finding_update(
            actor=coordinator, main_finding=confirmed, expected_version=1, title="X", advice="Y"
        )


def test_the_team_withdraws_a_hoofdbevinding_with_a_reason(client, coordinator, confirmed):
    theme = confirmed.theme
    client.force_login(coordinator)
    refused = client.post(remove_url(theme), {"reason": "", "version": 1})
    assert refused.status_code == 400
    assert "Geef de reden waarom de hoofdbevinding vervalt." in refused.content.decode()
    assert MainFinding.objects.exists()
    response = client.post(
        remove_url(theme), {"reason": "Valt samen met een ander thema.", "version": 1}
    )
    assert response.status_code == 302
    assert not MainFinding.objects.exists()
    event = AuditEvent.objects.get(event="findings.main_finding.removed")
    assert event.reason == "Valt samen met een ander thema."
    assert event.changes["main_finding_title"] == ["Effect vaststellen", None]
    html = client.get(theme_url(theme)).content.decode()
    assert "Hoofdbevinding ingetrokken" in html and "Valt samen met een ander thema." in html
    assert "Hoofdbevinding bevestigd" in html  # the whole story stays
    # Still proposed: it can be confirmed again.
    assert "Hoofdbevinding bevestigen" in html


def test_a_stale_withdrawal_is_refused(client, coordinator, confirmed):
    MainFinding.objects.filter(pk=confirmed.pk).update(version=3)
    client.force_login(coordinator)
    response = client.post(remove_url(confirmed.theme), {"reason": "Weg ermee.", "version": 1})
    assert response.status_code == 400
    assert MainFinding.objects.exists()


def test_a_confirmed_hoofdbevinding_that_no_longer_meets_the_rule_is_flagged(
    client, coordinator, cycle, confirmed
):
    rollup_threshold_set(actor=coordinator, cycle=cycle, threshold=4)
    client.force_login(coordinator)
    board = client.get(reverse("findings:rollup_board", args=[2031])).content.decode()
    assert "voldoet niet meer aan de regel" in board
    page = client.get(theme_url(confirmed.theme)).content.decode()
    assert "Dit thema voldoet niet meer aan de regel voor een hoofdbevinding" in page


def test_published_cycles_keep_their_hoofdbevindingen(client, coordinator, cycle, confirmed):
    AuditCycle.objects.filter(pk=cycle.pk).update(status="gepubliceerd")
    client.force_login(coordinator)
    page = client.get(theme_url(confirmed.theme)).content.decode()
    assert "Hoofdbevinding intrekken" not in page and "Effect vaststellen" in page
    response = client.post(remove_url(confirmed.theme), {"reason": "Weg.", "version": 1})
    assert response.status_code == 400
    assert MainFinding.objects.exists()


@pytest.mark.parametrize("persona", REFUSED)
def test_others_cannot_confirm_edit_or_withdraw(client, request, persona, proposed):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(save_url(proposed), {"title": "X", "advice": "Y"}).status_code == 403
    assert not MainFinding.objects.exists()
    main_finding_confirm(
        actor=request.getfixturevalue("coordinator"), theme=proposed, title="T", advice="A"
    )
    assert (
        client.post(save_url(proposed), {"title": "X", "advice": "Y", "version": 1}).status_code
        == 403
    )
    assert client.post(remove_url(proposed), {"reason": "R", "version": 1}).status_code == 403
    assert MainFinding.objects.get().title == "T"


def test_needs_a_unit_of_its_own_for_each_count(coordinator, cycle):
    """Three recommendations of one unit under every principle are no rode draad."""
    unit = BusinessUnitFactory(name="Werkbedrijf")
    theme = theme_create(actor=coordinator, cycle=cycle, title="Eén onderdeel")
    theme_recommendations_add(
        actor=coordinator,
        theme=theme,
        recommendations=[
            RecommendationFactory(cycle=cycle, unit=unit, principle=principle(code))
            for code in ("klantgerichtheid", "operationele-kwaliteit", "klantgerichtheid")
        ],
    )
    with pytest.raises(ValidationError):
        main_finding_confirm(actor=coordinator, theme=theme, title="T", advice="A")
