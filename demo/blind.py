"""Blind scoring in the demo (issue 21 part 2). 2025, opened on the basis of 2024, scores blind
(the default for a cycle opened from the previous one). Its proposed teams have started: at one
unit both auditors gave their own score and differ by two levels (the phase closed by itself, the
spread flagged, the team score still to agree); at another one of the two has scored, so the
blind phase is still open. Nothing here enters a figure: only team scores do."""

from audits.models import Assignment, AuditCycle
from audits.selectors import assessed_principle_ids_by_unit
from audits.services import assignment_create
from maturity.models import IndividualScore
from maturity.selectors.blind import blind_scoring_on
from maturity.services import individual_score_record
from uwvkms.models import User

BLIND_YEAR = 2025

# (level of the first auditor, level of the second or None while they have not scored)
_CELLS = [
    (
        (2, "Het jaarplan noemt de klant, maar klantsignalen komen niet terug in de rapportages."),
        (
            4,
            "Klantpanels elk kwartaal; de verbeteracties staan in de teamplannen en worden gevolgd.",
        ),
    ),
    ((3, "Procesbeschrijvingen zijn actueel; de werking blijkt uit de kwartaalrapportage."), None),
]


def load_blind_scoring(*, coordinator: User, auditors: list[User]) -> None:
    """Own scores in 2025 at the first two units (by name) with a principle in scope. Found when
    there: a second load changes nothing."""
    cycle = AuditCycle.objects.filter(year=BLIND_YEAR).first()
    if cycle is None or not blind_scoring_on(cycle):
        return
    if IndividualScore.objects.filter(cycle=cycle).exists():
        return
    scope = assessed_principle_ids_by_unit(cycle)
    principles = {p.id: p for p in cycle.principles.filter(is_basic=False)}
    teams: dict = {}
    for assignment in Assignment.objects.filter(cycle=cycle).select_related("unit", "auditor"):
        teams.setdefault(assignment.unit, []).append(assignment)
    units = sorted(
        (
            u
            for u in teams
            if len(teams[u]) <= 2 and any(pid in principles for pid in scope.get(u.id, ()))
        ),
        key=lambda u: u.name,
    )
    for unit, cell in zip(units, _CELLS, strict=False):
        team = sorted(teams[unit], key=lambda a: (not a.is_lead, a.auditor.username))
        members = [a.auditor for a in team]
        if len(members) < 2:  # the rotation proposed one: a second auditor from elsewhere
            extra = next(a for a in auditors if a.business_unit_id != unit.id and a not in members)
            assignment_create(actor=coordinator, cycle=cycle, unit=unit, auditor=extra)
            members.append(extra)
        principle = principles[min(pid for pid in scope[unit.id] if pid in principles)]
        for auditor, own in zip(members, cell, strict=False):
            if own is None:
                continue
            individual_score_record(
                actor=auditor,
                cycle=cycle,
                unit=unit,
                principle=principle,
                level=own[0],
                justification=own[1],
                expected_version=0,
            )
