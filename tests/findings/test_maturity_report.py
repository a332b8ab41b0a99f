"""The maturity report: mean per principle over assessed units, rounded half up."""

import pytest
from django.urls import reverse

from audits.models import AssessedPrinciple
from tests.factories import BusinessUnitFactory, ScoreFactory, principle


@pytest.fixture
def scored(cycle, uitkeren, communicatie):
    """Klantgerichtheid: Uitkeren 2, Communicatie 3 → mean 2.50, rounded 3.
    Operationele Kwaliteit: Uitkeren 4 only; a stray score at Communicatie, where the principle
    is absent, must be left out (not averaged, not a zero)."""
    klant, ok = principle("klantgerichtheid"), principle("operationele-kwaliteit")
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant, level=2)
    ScoreFactory(cycle=cycle, unit=communicatie, principle=klant, level=3)
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=ok, level=4)
    ScoreFactory(cycle=cycle, unit=communicatie, principle=ok, level=1)  # absent there
    return cycle


def rows_by_code(response):
    return {row.principle.code: row for row in response.context["report"].rows}


def test_mean_is_rounded_half_up_beside_the_unrounded_mean(client, coordinator, scored):
    client.force_login(coordinator)
    response = client.get(reverse("findings:maturity_report", args=[scored.year]))
    assert response.status_code == 200
    klant = rows_by_code(response)["klantgerichtheid"].overall
    assert (klant.mean.rounded, str(klant.mean.unrounded)) == (3, "2.50")
    assert (klant.minimum, klant.maximum, klant.assessed_units) == (2, 3, 3)
    html = response.content.decode()
    assert '<td class="mean-rounded">3</td>' in html
    assert "2,50" in html  # Dutch decimal comma


def test_absent_principle_is_left_out_not_counted_as_zero(client, coordinator, scored):
    client.force_login(coordinator)
    response = client.get(reverse("findings:maturity_report", args=[scored.year]))
    ok = rows_by_code(response)["operationele-kwaliteit"]
    # Only Uitkeren (execution processes) is assessed: mean 4, not (4 + 1) / 2 or (4 + 0) / 2.
    assert (ok.overall.mean.rounded, str(ok.overall.mean.unrounded)) == (4, "4.00")
    assert ok.overall.mean.count == 1
    assert ok.overall.assessed_units == 1
    assert ok.other.mean is None and ok.other.assessed_units == 0
    assert "niet getoetst" in response.content.decode()


def test_groups_with_and_without_execution_processes(client, coordinator, scored):
    client.force_login(coordinator)
    klant = rows_by_code(client.get(reverse("findings:maturity_report", args=[scored.year])))[
        "klantgerichtheid"
    ]
    assert str(klant.execution.mean.unrounded) == "2.00"
    assert str(klant.other.mean.unrounded) == "3.00"


def test_principle_without_scores_shows_no_figure(client, coordinator, cycle):
    client.force_login(coordinator)
    response = client.get(reverse("findings:maturity_report", args=[cycle.year]))
    assert all(row.overall.mean is None for row in response.context["report"].rows)
    assert "geen scores" in response.content.decode()


def test_board_reads_the_report(client, board_member, scored):
    client.force_login(board_member)
    assert client.get(reverse("findings:maturity_report", args=[scored.year])).status_code == 200


@pytest.mark.parametrize("persona", ["auditor", "other_auditor", "unit_board", "outsider"])
def test_others_get_403(client, request, persona, scored):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("findings:maturity_report", args=[scored.year])).status_code == 403
    assert (
        client.get(reverse("findings:maturity_report_pdf", args=[scored.year])).status_code == 403
    )


def test_report_queries_do_not_grow_with_units(
    client, coordinator, scored, django_assert_max_num_queries
):
    client.force_login(coordinator)
    url = reverse("findings:maturity_report", args=[scored.year])
    client.get(url)
    # Roll-up (2), principles, exclusions and current draws (1 each), besides session and user.
    with django_assert_max_num_queries(14) as small:
        client.get(url)
    klant = principle("klantgerichtheid")
    for level in [1, 2, 3, 4, 5, 3, 2, 4]:
        unit = BusinessUnitFactory()
        AssessedPrinciple.objects.create(cycle=scored, unit=unit, principle=klant)
        ScoreFactory(cycle=scored, unit=unit, principle=klant, level=level)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert rows_by_code(response)["klantgerichtheid"].overall.mean.count == 10
