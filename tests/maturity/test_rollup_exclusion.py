"""The roll-up leaves an excluded ("niet representatief") unit out: its scores and its scope."""

from audits.models import Exclusion
from maturity.selectors import rollup_by_principle
from tests.factories import AuditCycleFactory, ScoreFactory, principle


def test_an_excluded_units_score_and_scope_do_not_count(cycle, coordinator, uitkeren, communicatie):
    klant, ok = principle("klantgerichtheid"), principle("operationele-kwaliteit")
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant, level=1)
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=ok, level=2)
    ScoreFactory(cycle=cycle, unit=communicatie, principle=klant, level=4)

    before = rollup_by_principle(cycle)  # Klantgerichtheid assessed at Uitkeren, Communicatie, FEZ
    assert before[klant.id].all.assessed_units == 3
    assert str(before[klant.id].all.mean.unrounded) == "2.50"

    Exclusion.objects.create(
        cycle=cycle, unit=uitkeren, reason="Reorganisatie.", excluded_by=coordinator
    )
    after = rollup_by_principle(cycle)

    klant_all = after[klant.id].all
    assert (klant_all.assessed_units, klant_all.mean.count) == (2, 1)
    assert str(klant_all.mean.unrounded) == "4.00"
    assert klant_all.distribution == (0, 0, 0, 1, 0)
    assert after[klant.id].execution.assessed_units == 0
    assert after[klant.id].execution.mean is None
    # Operationele Kwaliteit was assessed only at Uitkeren: nothing is left to count.
    assert ok.id not in after


def test_an_exclusion_in_another_cycle_does_not_matter(cycle, coordinator, uitkeren):
    klant = principle("klantgerichtheid")
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant, level=3)
    other = AuditCycleFactory(year=2030, created_by=coordinator)
    Exclusion.objects.create(cycle=other, unit=uitkeren, reason="Toen.", excluded_by=coordinator)
    assert rollup_by_principle(cycle)[klant.id].all.mean.count == 1
