"""The roll-up board: every recommendation of a cycle across units, filterable by principle and
unit, with the themes each belongs to and every theme's computed verdict; the cycle's thread
threshold (default 3, at least 2, recorded old → new); a constant number of queries however
many recommendations there are; the coordination team only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.models import AuditCycle
from findings.constants import DEFAULT_THREAD_THRESHOLD
from findings.models import RollupSettings, ThemeMembership
from findings.selectors.rollup import rollup_board, thread_threshold
from findings.services.rollup import (
    rollup_threshold_set,
    theme_create,
    theme_recommendations_add,
)
from tests.factories import BusinessUnitFactory, RecommendationFactory, principle
from uwvkms.models import AuditEvent

REFUSED = ["auditor", "other_auditor", "unit_board", "board_member", "outsider"]


def board_url(cycle, **query):
    url = reverse("findings:rollup_board", args=[cycle.year])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


@pytest.fixture
def recommendations(cycle, uitkeren, communicatie, coordinator):
    klant, ok = principle("klantgerichtheid"), principle("operationele-kwaliteit")
    return {
        "uit_klant": RecommendationFactory(
            cycle=cycle, unit=uitkeren, principle=klant, title="Klantsignalen benutten"
        ),
        "uit_ok": RecommendationFactory(
            cycle=cycle, unit=uitkeren, principle=ok, title="Effect van acties meten"
        ),
        "com_klant": RecommendationFactory(
            cycle=cycle, unit=communicatie, principle=klant, title="Klantreis beschrijven"
        ),
    }


def test_the_board_lists_every_recommendation_with_its_themes(
    client, coordinator, cycle, recommendations
):
    theme = theme_create(actor=coordinator, cycle=cycle, title="Effect meten")
    theme_recommendations_add(
        actor=coordinator, theme=theme, recommendations=[recommendations["uit_ok"]]
    )
    client.force_login(coordinator)
    response = client.get(board_url(cycle))
    assert response.status_code == 200
    board = response.context["board"]
    assert {r.recommendation.title for r in board.recommendations} == {
        "Klantsignalen benutten",
        "Effect van acties meten",
        "Klantreis beschrijven",
    }
    themes_of = {r.recommendation.title: [t.title for t in r.themes] for r in board.recommendations}
    assert themes_of["Effect van acties meten"] == ["Effect meten"]
    assert themes_of["Klantreis beschrijven"] == []
    html = response.content.decode()
    assert "Effect meten" in html and "nog niet ingedeeld" in html
    assert "Drempel rode draad" in html


def test_the_board_filters_by_principle_and_unit(client, coordinator, cycle, recommendations):
    client.force_login(coordinator)

    def titles(**query):
        response = client.get(board_url(cycle, **query))
        assert response.status_code == 200
        return {r.recommendation.title for r in response.context["board"].recommendations}

    assert titles(principle="klantgerichtheid") == {
        "Klantsignalen benutten",
        "Klantreis beschrijven",
    }
    communicatie = recommendations["com_klant"].unit
    assert titles(unit=communicatie.pk) == {"Klantreis beschrijven"}
    assert titles(principle="operationele-kwaliteit", unit=communicatie.pk) == set()
    response = client.get(board_url(cycle, principle="klantgerichtheid"))
    assert "2 van 3 aanbevelingen getoond." in response.content.decode()


@pytest.mark.parametrize(
    "query", [{"principle": "bestaat-niet"}, {"unit": "999999"}, {"unit": "uitkeren"}]
)
def test_an_unknown_filter_is_a_400_with_a_dutch_message(
    client, coordinator, cycle, recommendations, query
):
    client.force_login(coordinator)
    response = client.get(board_url(cycle, **query))
    assert response.status_code == 400
    assert response.context["filter_form"].errors


def test_the_filter_never_changes_the_verdicts(client, coordinator, cycle, recommendations):
    theme = theme_create(actor=coordinator, cycle=cycle, title="Klant")
    theme_recommendations_add(
        actor=coordinator,
        theme=theme,
        recommendations=[recommendations["uit_klant"], recommendations["com_klant"]],
    )
    rollup_threshold_set(actor=coordinator, cycle=cycle, threshold=2)
    uitkeren = recommendations["uit_klant"].unit
    board = rollup_board(cycle, unit=uitkeren)
    assert [r.theme.title for r in board.threads] == ["Klant"]
    assert len(board.themes[0].units) == 2


# --- the threshold ----------------------------------------------------------------------------


def test_the_threshold_defaults_to_3(cycle):
    assert thread_threshold(cycle) == DEFAULT_THREAD_THRESHOLD == 3
    assert not RollupSettings.objects.exists()


def test_the_coordinator_sets_the_threshold_recorded_old_to_new(client, coordinator, cycle):
    client.force_login(coordinator)
    response = client.post(
        reverse("findings:rollup_threshold", args=[cycle.year]), {"thread_threshold": "4"}
    )
    assert response.status_code == 302
    assert thread_threshold(cycle) == 4
    event = AuditEvent.objects.get(event="findings.rollup.threshold_changed")
    assert (event.actor, event.changes) == (coordinator, {"thread_threshold": [3, 4]})
    assert event.object_type == "audits.auditcycle" and event.object_id == str(cycle.pk)
    html = client.get(board_url(cycle)).content.decode()
    assert "De drempel voor een rode draad is gewijzigd van 3 naar 4." in html
    assert "3 → 4" in html
    # The same value again changes nothing and records nothing.
    client.post(reverse("findings:rollup_threshold", args=[cycle.year]), {"thread_threshold": "4"})
    assert AuditEvent.objects.filter(event="findings.rollup.threshold_changed").count() == 1


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1", "De drempel is ten minste 2 onderdelen."),
        ("0", "De drempel is ten minste 2 onderdelen."),
        ("", "Vul de drempel in: een aantal onderdelen van 2 of meer."),
        ("drie", "Vul een geheel aantal onderdelen in."),
        ("2.5", "Vul een geheel aantal onderdelen in."),
    ],
)
def test_a_threshold_below_2_or_not_a_number_is_refused(client, coordinator, cycle, value, message):
    client.force_login(coordinator)
    response = client.post(
        reverse("findings:rollup_threshold", args=[cycle.year]), {"thread_threshold": value}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert thread_threshold(cycle) == 3
    assert not AuditEvent.objects.filter(event="findings.rollup.threshold_changed").exists()


def test_the_service_and_the_database_refuse_a_threshold_below_2(coordinator, cycle):
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    with pytest.raises(ValidationError):
        rollup_threshold_set(actor=coordinator, cycle=cycle, threshold=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        RollupSettings.objects.create(cycle=cycle, thread_threshold=1)


def test_nothing_changes_once_the_cycle_is_published(client, coordinator, cycle, recommendations):
    AuditCycle.objects.filter(pk=cycle.pk).update(status="gepubliceerd")
    client.force_login(coordinator)
    response = client.post(
        reverse("findings:rollup_threshold", args=[cycle.year]), {"thread_threshold": "4"}
    )
    assert response.status_code == 400
    assert "is gepubliceerd" in response.content.decode()
    assert thread_threshold(cycle) == 3
    board = client.get(board_url(cycle)).content.decode()
    assert "Toevoegen aan thema" not in board and "Thema aanmaken" not in board


# --- queries ------------------------------------------------------------------------------------


def _grow(cycle, coordinator, *, units: int, per_unit: int, themes: int):
    klant, ok = principle("klantgerichtheid"), principle("operationele-kwaliteit")
    made = []
    for _ in range(units):
        unit = BusinessUnitFactory()
        for i in range(per_unit):
            made.append(
                RecommendationFactory(
                    cycle=cycle, unit=unit, principle=klant if i % 2 else ok, updated_by=coordinator
                )
            )
    for t in range(themes):
        theme = theme_create(actor=coordinator, cycle=cycle, title=f"Thema {t}")
        ThemeMembership.objects.bulk_create(
            ThemeMembership(theme=theme, recommendation=r, added_by=coordinator)
            for r in made[t::themes]
        )
    return made


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_board_uses_a_constant_number_of_queries(
    client, coordinator, cycle, django_assert_max_num_queries
):
    client.force_login(coordinator)
    _grow(cycle, coordinator, units=2, per_unit=3, themes=2)
    small = _count_queries(client, board_url(cycle))
    small_filtered = _count_queries(client, board_url(cycle, principle="klantgerichtheid"))
    made = _grow(cycle, coordinator, units=15, per_unit=20, themes=10)
    assert len(made) == 300
    with django_assert_max_num_queries(small):
        response = client.get(board_url(cycle))
    assert len(response.context["board"].recommendations) == 306
    assert len(response.context["board"].themes) == 12
    with django_assert_max_num_queries(small_filtered):
        response = client.get(board_url(cycle, principle="klantgerichtheid"))
    assert len(response.context["board"].recommendations) == 152


# --- access -------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", REFUSED)
def test_only_the_coordination_team_sees_the_board(client, request, cycle, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(board_url(cycle)).status_code == 403


@pytest.mark.parametrize("persona", REFUSED)
def test_only_the_coordination_team_sets_the_threshold(client, request, cycle, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(
        reverse("findings:rollup_threshold", args=[cycle.year]), {"thread_threshold": "2"}
    )
    assert response.status_code == 403
    assert thread_threshold(cycle) == 3


def test_anonymous_is_sent_to_login(client, cycle):
    response = client.get(board_url(cycle))
    assert response.status_code == 302 and "/inloggen/" in response.url


def test_an_unknown_cycle_is_a_404(client, coordinator, cycle):
    client.force_login(coordinator)
    assert client.get(reverse("findings:rollup_board", args=[2099])).status_code == 404
