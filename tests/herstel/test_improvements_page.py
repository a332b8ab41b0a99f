"""Per business unit, one list of its improvement actions from the audit's follow-up and the
control measures of the herstelacties it leads, each with its latest effect measurement and the
flag "geen effectmeting" where done or due without one; filterable by source and by that flag
(DOMAIN.md §7; issue 8)."""

import datetime

import pytest
from django.urls import reverse

from herstel.constants import ImprovementSource
from herstel.selectors.improvements import ImprovementFilters, unit_improvements
from tests.herstel.improvements import TODAY

UIT_ROWS = {
    "Klantsignalen bespreken",
    "Teamplannen herijken",
    "Kwaliteitsrapportage",
    "Later",
    "Geschrapt",
    "Automatische controle",
    "Maandelijkse steekproef",
    "Werkinstructie",
    "Nieuwe training",
}
FLAGGED = {"Teamplannen herijken", "Kwaliteitsrapportage", "Werkinstructie"}


def rows_by_description(response):
    return {row.description: row for row in response.context["view"].rows}


@pytest.fixture
def page(client, dt_member, improvement_data, uitkeren):
    client.force_login(dt_member)
    return reverse("herstel:improvements_unit", args=[uitkeren.pk])


def test_both_kinds_are_listed_together_for_the_unit(client, page):
    response = client.get(page)
    assert response.status_code == 200
    rows = rows_by_description(response)
    assert set(rows) == UIT_ROWS  # Handhaving's measure is not Uitkeren's
    assert rows["Klantsignalen bespreken"].source == ImprovementSource.AUDIT
    assert rows["Werkinstructie"].source == ImprovementSource.HERSTEL
    dues = [row.due_on for row in response.context["view"].rows]
    assert dues == sorted(dues)
    html = response.content.decode()
    assert "Verbeteracties Uitkeren" in html
    assert "Toetscyclus 2031 · aanbeveling “Aanbeveling bij Klantsignalen bespreken”" in html
    assert "Herstelactie “Verkeerde toeslag” (Stap 1 · situatie en advies)" in html


def test_the_latest_effect_measurement_counts(client, page):
    rows = rows_by_description(client.get(page))
    audit = rows["Klantsignalen bespreken"]
    assert (audit.measured_value, audit.conclusion) == (82.5, "Effect bereikt")
    assert audit.measured_on == TODAY - datetime.timedelta(days=5)
    assert audit.next_steps == "Borgen in het kwaliteitsplan."
    later = rows["Maandelijkse steekproef"]
    assert (later.evaluation_number, later.implemented, later.effective) == (2, True, "Deels")
    assert later.measured_on == TODAY and later.status == "Geïmplementeerd"
    assert later.evidence == "Eerste twee steekproeven gedaan."
    works = rows["Automatische controle"]
    assert works.evaluation_number == 2 and works.effective == "Ja"


def test_done_or_due_without_a_measurement_is_flagged(client, page):
    response = client.get(page)
    rows = rows_by_description(response)
    assert {d for d, row in rows.items() if row.lacks_measurement} == FLAGGED
    assert rows["Kwaliteitsrapportage"].late
    assert rows["Werkinstructie"].status == "Over de datum, nog niet geëvalueerd"
    assert rows["Nieuwe training"].status == "Gepland" and not rows["Nieuwe training"].late
    html = response.content.decode()
    assert html.count("Geen effectmeting</span>") == len(FLAGGED)
    assert "3 zonder effectmeting" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"bron": "audit"}, {"Klantsignalen bespreken", "Teamplannen herijken",
                             "Kwaliteitsrapportage", "Later", "Geschrapt"}),
        ({"bron": "herstel"}, {"Automatische controle", "Maandelijkse steekproef",
                               "Werkinstructie", "Nieuwe training"}),
        ({"zonder_effectmeting": "1"}, FLAGGED),
        ({"bron": "herstel", "zonder_effectmeting": "1"}, {"Werkinstructie"}),
        ({"bron": "onzin"}, UIT_ROWS),  # an unknown source shows both
    ],
)  # fmt: skip
def test_filters(client, page, query, expected):
    assert set(rows_by_description(client.get(page, query))) == expected


def test_links_go_only_where_the_reader_may_follow(
    client, improvement_data, uitkeren, dt_member, coordinator, sbk_adviser
):
    url = reverse("herstel:improvements_unit", args=[uitkeren.pk])
    action = improvement_data["action"]
    client.force_login(dt_member)  # the board reads its follow-up and its herstelacties
    rows = rows_by_description(client.get(url))
    assert rows["Klantsignalen bespreken"].url.startswith("/rapportage/2031/vervolgacties/")
    assert rows["Automatische controle"].origin_url == action.get_absolute_url()
    assert rows["Automatische controle"].url == reverse("herstel:evaluation", args=[action.pk])
    client.force_login(coordinator)  # reads the follow-up, no herstelactie
    rows = rows_by_description(client.get(url))
    assert rows["Klantsignalen bespreken"].url is not None
    assert (
        rows["Automatische controle"].origin_url is None
        and rows["Automatische controle"].url is None
    )
    client.force_login(sbk_adviser)  # reads every herstelactie, not the audit's follow-up
    rows = rows_by_description(client.get(url))
    assert rows["Klantsignalen bespreken"].url is None
    assert rows["Klantsignalen bespreken"].origin_url is None
    assert rows["Automatische controle"].origin_url == action.get_absolute_url()


def test_a_unit_without_improvement_actions(client, board_member, communicatie):
    client.force_login(board_member)
    response = client.get(reverse("herstel:improvements_unit", args=[communicatie.pk]))
    assert response.status_code == 200
    assert "Geen verbeteracties met deze filters." in response.content.decode()


def test_the_selector_counts_both_kinds(improvement_data, uitkeren, dt_member):
    view = unit_improvements(uitkeren, user=dt_member, filters=ImprovementFilters(), today=TODAY)
    assert view.counts == {"audit": 5, "herstel": 4}
    assert view.lacking == len(FLAGGED)
