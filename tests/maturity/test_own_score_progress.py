""" "Mijn toetsopdrachten" during blind scoring (issue 21 part 2): per unit whose blind phase is
still open, how many of its principles the auditor scored themselves ("Eigen scores: 1 van 2"),
with a link to the next principle to score; never a level, nor anyone else's score. Flat in the
number of assignments."""

from django.urls import reverse

from audits.models import AssessedPrinciple
from audits.services import assignment_create
from maturity.services import blind_phase_close
from tests.factories import BusinessUnitFactory, principle
from tests.maturity.blind import KLANT, score_own

OK = "operationele-kwaliteit"
SECRET = "Oordeel van de collega: kwaliteitsplan ontbreekt."


def work(client, user, cycle):
    client.force_login(user)
    return client.get(reverse("maturity:auditor_work", args=[cycle.year]))


def score_url(cycle, unit, code):
    return reverse("maturity:score_edit", args=[cycle.year, unit.pk, code])


def test_own_progress_per_unit_with_a_link_to_the_next_principle(
    client, blind_cycle, uitkeren, communicatie, auditor, colleague
):
    score_own(auditor, blind_cycle, uitkeren, 2)
    page = work(client, auditor, blind_cycle).content.decode()
    assert "Uitkeren: Eigen scores: 1 van 2" in page
    assert score_url(blind_cycle, uitkeren, OK) in page
    assert "Eigen score geven: Operationele Kwaliteit bij Uitkeren" in page
    assert "Communicatie: Eigen scores: 0 van 1" in page


def test_a_colleagues_score_is_neither_counted_nor_shown(
    client, blind_cycle, uitkeren, auditor, colleague
):
    score_own(auditor, blind_cycle, uitkeren, 5, SECRET, code=OK)
    response = work(client, colleague, blind_cycle)
    page = response.content.decode()
    assert "Uitkeren: Eigen scores: 0 van 2" in page
    assert (
        SECRET not in page and "5 " not in page.split("eigen-scores", 1)[1].split("</section>")[0]
    )
    (progress,) = response.context["own_scores"]
    assert not hasattr(progress, "level") and progress.scored == 0


def test_a_unit_whose_blind_phase_is_over_is_not_listed(
    client, blind_cycle, uitkeren, communicatie, auditor, colleague
):
    for code in (KLANT, OK):
        score_own(auditor, blind_cycle, uitkeren, 3, code=code)
        score_own(colleague, blind_cycle, uitkeren, 3, code=code)  # everyone scored: closed
    page = work(client, auditor, blind_cycle).content.decode()
    assert "Uitkeren: Eigen scores" not in page
    assert "Communicatie: Eigen scores: 0 van 1" in page
    blind_phase_close(
        actor=auditor,
        cycle=blind_cycle,
        unit=communicatie,
        principle=principle(KLANT),
        reason="Geen tweede toetser beschikbaar.",
    )
    page = work(client, auditor, blind_cycle).content.decode()
    assert "Eigen scores" not in page


def test_nothing_without_blind_scoring(client, cycle, auditor):
    response = work(client, auditor, cycle)
    assert response.context["own_scores"] == []
    assert "Eigen scores" not in response.content.decode()


def test_the_queries_do_not_grow_with_assignments(
    client, blind_cycle, auditor, coordinator, uitkeren, django_assert_max_num_queries
):
    score_own(auditor, blind_cycle, uitkeren, 2)
    work(client, auditor, blind_cycle)
    with django_assert_max_num_queries(99) as small:
        work(client, auditor, blind_cycle)
    for n in range(6):
        unit = BusinessUnitFactory(has_execution_processes=True)
        AssessedPrinciple.objects.create(cycle=blind_cycle, unit=unit, principle=principle(KLANT))
        assignment_create(actor=coordinator, cycle=blind_cycle, unit=unit, auditor=auditor)
        if n % 2:
            score_own(auditor, blind_cycle, unit, 3)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = work(client, auditor, blind_cycle)
    # The three units where the auditor, alone on the team, scored are closed: not listed.
    assert len(response.context["own_scores"]) == 2 + 3
