"""The auditor's work list: the assessed unit × principle pairs on their teams."""

from django.urls import reverse

from audits.models import AssessedPrinciple
from audits.services import assignment_create
from tests.factories import BusinessUnitFactory, ScoreFactory, principle


def test_work_list_shows_assessed_pairs_of_assigned_units(
    client, auditor, cycle, uitkeren, communicatie, fez
):
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=principle("klantgerichtheid"), level=4)
    client.force_login(auditor)
    response = client.get(reverse("maturity:auditor_work", args=[cycle.year]))
    pairs = {
        (i.unit.name, i.principle.code, i.score.level if i.score else None)
        for i in response.context["items"]
    }
    assert pairs == {
        ("Uitkeren", "klantgerichtheid", 4),
        ("Uitkeren", "operationele-kwaliteit", None),
        ("Communicatie", "klantgerichtheid", None),
    }  # FEZ is the auditor's own unit: never on the list; OK is absent at Communicatie


def test_other_auditor_sees_an_empty_list(client, other_auditor, cycle):
    client.force_login(other_auditor)
    response = client.get(reverse("maturity:auditor_work", args=[cycle.year]))
    assert response.context["items"] == []
    assert "niet aan een bedrijfsonderdeel toegewezen" in response.content.decode()


def test_non_auditors_get_403(client, coordinator, cycle):
    client.force_login(coordinator)
    assert client.get(reverse("maturity:auditor_work", args=[cycle.year])).status_code == 403


def test_work_list_queries_do_not_grow(
    client, auditor, coordinator, cycle, django_assert_max_num_queries
):
    client.force_login(auditor)
    url = reverse("maturity:auditor_work", args=[cycle.year])
    client.get(url)
    # 13: the navigation bar asks once whether the user is in any herstelactie's working group.
    with django_assert_max_num_queries(13) as small:
        client.get(url)
    for _ in range(8):
        unit = BusinessUnitFactory(has_execution_processes=True)
        AssessedPrinciple.objects.create(
            cycle=cycle, unit=unit, principle=principle("klantgerichtheid")
        )
        assignment_create(actor=coordinator, cycle=cycle, unit=unit, auditor=auditor)
        ScoreFactory(cycle=cycle, unit=unit, principle=principle("klantgerichtheid"))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["items"]) == 11
