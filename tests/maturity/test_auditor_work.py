"""The auditor's work list: the assessed unit × principle pairs on their teams, each with the
score's status and level."""

from django.urls import reverse

from audits.models import AssessedPrinciple
from audits.services import assignment_create
from tests.factories import BusinessUnitFactory, ScoreFactory, principle


def work_url(cycle):
    return reverse("maturity:auditor_work", args=[cycle.year])


def test_work_list_shows_assessed_pairs_of_assigned_units(
    client, auditor, cycle, uitkeren, communicatie, fez
):
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=principle("klantgerichtheid"), level=4)
    client.force_login(auditor)
    response = client.get(work_url(cycle))
    pairs = {
        (i.unit.name, i.principle.code, i.score.level if i.score else None)
        for i in response.context["items"]
    }
    assert pairs == {
        ("Uitkeren", "klantgerichtheid", 4),
        ("Uitkeren", "operationele-kwaliteit", None),
        ("Communicatie", "klantgerichtheid", None),
    }  # FEZ is the auditor's own unit: never on the list; OK is absent at Communicatie


def test_each_row_shows_status_and_level(client, auditor, cycle, uitkeren, communicatie):
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=principle("klantgerichtheid"), level=4)
    ScoreFactory(
        cycle=cycle,
        unit=uitkeren,
        principle=principle("operationele-kwaliteit"),
        concept=True,
        level=None,
        justification="",
    )
    client.force_login(auditor)
    response = client.get(work_url(cycle))
    statuses = {(i.unit.name, i.principle.code): i.status for i in response.context["items"]}
    assert statuses == {
        ("Uitkeren", "klantgerichtheid"): "ingediend",
        ("Uitkeren", "operationele-kwaliteit"): "concept",
        ("Communicatie", "klantgerichtheid"): None,
    }
    rows = {
        " ".join(row.split())
        for row in response.content.decode().split("<tr>")[2:]  # after the header row
    }
    assert any(
        "Klantgerichtheid" in r and "ingediend" in r and "4 Sturen" in r and "Uitkeren" in r
        for r in rows
    )
    assert any("Operationele Kwaliteit" in r and ">concept<" in r for r in rows)
    assert any("Communicatie" in r and "nog niet gescoord" in r for r in rows)
    html = response.content.decode()
    assert "Score Klantgerichtheid bij Uitkeren bekijken" in html  # submitted: read-only
    assert "Score Operationele Kwaliteit bij Uitkeren wijzigen" in html
    assert "Klantgerichtheid bij Communicatie scoren" in html
    assert reverse("maturity:framework_list", args=[cycle.year]) in html


def test_other_auditor_sees_an_empty_list(client, other_auditor, cycle):
    client.force_login(other_auditor)
    response = client.get(work_url(cycle))
    assert response.context["items"] == []
    html = response.content.decode()
    assert "niet aan een bedrijfsonderdeel toegewezen" in html
    # The framework is for those who take part in the cycle: no link that would answer 403.
    assert reverse("maturity:framework_list", args=[cycle.year]) not in html


def test_non_auditors_get_403(client, coordinator, board_member, unit_board, outsider, cycle):
    for persona in (coordinator, board_member, unit_board, outsider):
        client.force_login(persona)
        assert client.get(work_url(cycle)).status_code == 403


def test_work_list_queries_do_not_grow(
    client, auditor, coordinator, cycle, django_assert_max_num_queries
):
    client.force_login(auditor)
    url = work_url(cycle)
    client.get(url)
    # 14: the navigation bar asks once whether the user is in any herstelactie's working group;
    # one asks whether the cycle scores blind (the own-score progress, issue 21 part 2).
    with django_assert_max_num_queries(14) as small:
        client.get(url)
    for n in range(8):
        unit = BusinessUnitFactory(has_execution_processes=True)
        AssessedPrinciple.objects.create(
            cycle=cycle, unit=unit, principle=principle("klantgerichtheid")
        )
        assignment_create(actor=coordinator, cycle=cycle, unit=unit, auditor=auditor)
        ScoreFactory(
            cycle=cycle, unit=unit, principle=principle("klantgerichtheid"), concept=n % 2 == 0
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["items"]) == 11
    assert {i.status for i in response.context["items"]} == {None, "concept", "ingediend"}
