"""A cycle is withdrawn only when it was opened in error and holds no work, and a principle
leaves the scope only while nothing is recorded on it (issue 17): otherwise scores, interviews
and findings would linger, unseen, in the API and in every figure that reads them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audits.models import AuditCycle
from audits.rules import cycle_withdrawal_refusal, principle_removal_refusal
from audits.selectors.recorded_work import recorded_work
from audits.services.cycle_setup import cycle_principles_set, cycle_withdraw
from tests.factories import FindingFactory, InterviewFactory, ScoreFactory, principle


@pytest.mark.parametrize(
    ("status", "work", "refused"),
    [
        ("voorbereiding", [], None),
        ("voorbereiding", ["1 score"], "Er is al werk vastgelegd in deze cyclus (1 score);"),
        ("voorbereiding", ["2 scores", "1 interview"], "(2 scores, 1 interview)"),
        ("veldwerk", [], "kan alleen worden ingetrokken in de fase Voorbereiding"),
        ("gepubliceerd", [], "deze staat op Gepubliceerd"),
    ],
)
def test_cycle_withdrawal_refusal(status, work, refused):
    refusal = cycle_withdrawal_refusal(status=status, recorded_work=work)
    assert refusal is None if refused is None else refused in refusal


@pytest.mark.parametrize(
    ("work", "refused"),
    [
        ([], None),
        (
            ["3 scores"],
            "Leiderschap kan niet uit de scope: er is al werk op vastgelegd (3 scores).",
        ),
    ],
)
def test_principle_removal_refusal(work, refused):
    assert principle_removal_refusal(principle="Leiderschap", recorded_work=work) == refused


@pytest.fixture
def prep(cycle):
    """The cycle stepped back to Voorbereiding, as after a move made too early."""
    AuditCycle.objects.filter(pk=cycle.pk).update(status="voorbereiding")
    cycle.refresh_from_db()
    return cycle


def test_recorded_work_counts_each_app(prep, uitkeren, auditor):
    assert recorded_work(prep) == []
    ScoreFactory(cycle=prep, unit=uitkeren)
    InterviewFactory(
        cycle=prep, unit=uitkeren, created_by=auditor, held_on=datetime.date(2025, 3, 3)
    )
    FindingFactory(cycle=prep, unit=uitkeren)
    assert recorded_work(prep) == ["1 interview", "1 score", "1 bevinding"]
    assert recorded_work(prep, {principle("leiderschap").pk}) == []


def test_a_cycle_with_work_in_it_is_not_withdrawn(client, coordinator, prep, uitkeren):
    ScoreFactory(cycle=prep, unit=uitkeren)
    with pytest.raises(
        ValidationError, match=r"Er is al werk vastgelegd in deze cyclus \(1 score\)"
    ):
        cycle_withdraw(actor=coordinator, cycle=prep, reason="Per ongeluk geopend.")
    assert not AuditCycle.with_withdrawn.get(pk=prep.pk).is_withdrawn
    client.force_login(coordinator)
    url = reverse("audits:cycle_withdraw", args=[prep.year])
    assert url not in client.get(prep.get_absolute_url()).content.decode()  # not offered
    page = client.get(url).content.decode()
    assert "Er is al werk vastgelegd" in page and 'name="reason"' not in page
    assert client.post(url, {"reason": "Toch."}).status_code == 400
    assert not AuditCycle.with_withdrawn.get(pk=prep.pk).is_withdrawn


def test_a_principle_with_scores_stays_in_scope(coordinator, prep, uitkeren):
    kg = principle("klantgerichtheid")
    ScoreFactory(cycle=prep, unit=uitkeren, principle=kg)
    others = [p for p in prep.principles.all() if p.pk != kg.pk and not p.is_basic]
    with pytest.raises(ValidationError, match="Klantgerichtheid kan niet uit de scope"):
        cycle_principles_set(actor=coordinator, cycle=prep, principles=others, include_basic=False)
    assert kg in prep.principles.all()


def test_a_write_on_a_cycle_withdrawn_meanwhile_is_refused_in_dutch(coordinator, prep, uitkeren):
    """The page was opened before another coordinator withdrew the cycle: the save is refused
    with who withdrew it and why (it was a server error: the default manager no longer sees
    the cycle)."""
    from audits.services.cycles import unit_exclude

    seen = AuditCycle.objects.get(pk=prep.pk)
    cycle_withdraw(actor=coordinator, cycle=prep, reason="Per ongeluk geopend.")
    with pytest.raises(ValidationError, match="is ingetrokken. Ingetrokken door"):
        unit_exclude(actor=coordinator, cycle=seen, unit=uitkeren, reason="Reorganisatie")
