"""Fictional scores and calibration for the demo cycle: a submitted score with observations and
cited evidence for every assessed unit × principle, one completed calibration round with a few
adjustments and a second round still open, in which one score went back to its auditor.
Idempotent: what exists is left alone."""

import random
from collections.abc import Iterable
from datetime import date, timedelta
from statistics import median

from audits.constants import CycleStatus
from audits.models import Assignment, AuditCycle, DocumentCheck, Interview, ManagementPrinciple
from audits.selectors import assessed_principle_ids_by_unit
from audits.services import cycle_advance
from maturity.constants import ScoreStatus
from maturity.models import CalibrationSession, Score
from maturity.services import score_record
from maturity.services.calibration import (
    calibration_session_close,
    calibration_session_open,
    score_calibrate,
    score_reopen_for_auditor,
)
from uwvkms.models import BusinessUnit, User

JUSTIFICATIONS = {
    1: "Er is geen vaste werkwijze aangetroffen; verbeteringen ontstaan naar aanleiding van incidenten.",
    2: "Het jaarplan benoemt het onderwerp, maar in de interviews bleek de toepassing per team te verschillen.",
    3: "De kwaliteitsrapportages en teamplannen laten zien dat dit structureel en herhaald gebeurt.",
    4: "De directiebeoordeling gebruikt de KPI-set actief om bij te sturen en evalueert de instrumenten.",
    5: "Verbetercycli worden continu geëvalueerd en aangescherpt; het effect wordt gemeten en gedeeld.",
}
OBSERVATIONS = (
    "Er is een beschreven werkwijze met rollen en verantwoordelijkheden.",
    "In de bezochte teams wordt de werkwijze herkend en grotendeels gevolgd.",
    "Afwijkingen worden zichtbaar gemaakt; of verbeteringen effect hebben wordt nog beperkt gemeten.",
)
ADJUSTMENT_REASONS = [
    "Vergeleken met vergelijkbare onderdelen weegt het bewijs uit de interviews zwaarder.",
    "De directiebeoordeling laat zien dat er structureel wordt bijgestuurd.",
    "De onderbouwing rust op één document; de interviews bevestigen het niveau niet.",
    "Gelijkgetrokken met de scores van onderdelen met een vergelijkbare werkwijze.",
    "Het bestaan is aangetoond, de werking nog niet: één niveau lager.",
]
# Scores that cite no evidence, so the calibration matrix has something to flag.
UNCITED = 3


def load_scores_and_calibration(
    *, cycle: AuditCycle, units: list[BusinessUnit], coordinator: User, rng: random.Random
) -> tuple[str, str] | None:
    """Score and calibrate. Returns the username of the auditor who got a score back and which
    score it is (None when calibration had been loaded before)."""
    _score_everything(cycle=cycle, units=units, rng=rng)
    if cycle.status == CycleStatus.VELDWERK:
        cycle = cycle_advance(actor=coordinator, cycle=cycle, expected_status=cycle.status)
    if CalibrationSession.objects.filter(cycle=cycle).exists():
        return None
    return _calibrate(cycle=cycle, coordinator=coordinator, rng=rng)


def _score_everything(*, cycle, units, rng) -> None:
    scope = assessed_principle_ids_by_unit(cycle)
    leads = {
        a.unit_id: a.auditor
        for a in Assignment.objects.filter(cycle=cycle, is_lead=True).select_related("auditor")
    }
    scored = set(Score.objects.filter(cycle=cycle).values_list("unit_id", "principle_id"))
    interviews = _evidence_by_unit_principle(
        Interview.objects.filter(cycle=cycle, status="bevestigd").prefetch_related("notes"),
        lambda interview: [note.principle_id for note in interview.notes.all()],
    )
    documents = _evidence_by_unit_principle(
        DocumentCheck.objects.filter(cycle=cycle, status="geleverd").prefetch_related("principles"),
        lambda check: [p.id for p in check.principles.all()],
    )
    uncited = 0
    for principle in cycle.principles.all():
        for unit in units:
            level = rng.choice([1, 2, 2, 2, 3, 3, 3, 4])
            key = (unit.id, principle.id)
            if principle.id not in scope.get(unit.id, set()) or key in scored:
                continue
            cite = uncited >= UNCITED or principle.is_basic
            uncited += 0 if cite else 1
            score_submit(
                auditor=leads[unit.id],
                cycle=cycle,
                unit=unit,
                principle=principle,
                level=level,
                interviews=interviews.get(key, [])[:2] if cite else [],
                documents=documents.get(key, [])[:2] if cite else [],
            )


def score_submit(
    *,
    auditor: User,
    cycle: AuditCycle,
    unit: BusinessUnit,
    principle: ManagementPrinciple,
    level: int,
    interviews: Iterable[Interview] = (),
    documents: Iterable[DocumentCheck] = (),
) -> None:
    """The lead auditor submits a first score: the demo's justification for its level, the three
    observations (design, existence, operation) and the evidence it cites."""
    score_record(
        actor=auditor,
        cycle=cycle,
        unit=unit,
        principle=principle,
        level=level,
        justification=JUSTIFICATIONS[level],
        design_note=OBSERVATIONS[0],
        existence_note=OBSERVATIONS[1],
        operation_note=OBSERVATIONS[2],
        interviews=list(interviews),
        documents=list(documents),
        expected_version=0,
    )


def _evidence_by_unit_principle(records, principles_of) -> dict[tuple[int, int], list]:
    found: dict[tuple[int, int], list] = {}
    for record in records:
        for principle_id in principles_of(record):
            found.setdefault((record.unit_id, principle_id), []).append(record)
    return found


def _calibrate(*, cycle, coordinator, rng) -> tuple[str, str] | None:
    participants = [coordinator] + [
        a.auditor
        for a in Assignment.objects.filter(cycle=cycle, is_lead=True).select_related("auditor")
    ]
    first_day = (cycle.period_end or date(cycle.year, 11, 30)) + timedelta(days=7)
    first = calibration_session_open(
        actor=coordinator, cycle=cycle, held_on=first_day, participants=participants
    )
    scores = list(
        Score.objects.filter(cycle=cycle, status=ScoreStatus.INGEDIEND).select_related("principle")
    )
    for score, reason in zip(_furthest_from_median(scores, rng), ADJUSTMENT_REASONS, strict=False):
        middle = round(median(s.level for s in scores if s.principle_id == score.principle_id))
        level = score.level + (1 if middle > score.level else -1)
        score_calibrate(
            actor=coordinator,
            score=score,
            level=level,
            reason=reason,
            expected_version=score.version,
        )
    calibration_session_close(
        actor=coordinator, session=first, notes="Vijf scores bijgesteld na vergelijking."
    )

    calibration_session_open(
        actor=coordinator,
        cycle=cycle,
        held_on=first_day + timedelta(days=14),
        participants=participants,
        notes="Tweede ronde: de laatste twijfelgevallen.",
    )
    candidate = (
        Score.objects.filter(cycle=cycle, status=ScoreStatus.INGEDIEND, principle__is_basic=False)
        .exclude(changes__session=first)
        .select_related("unit", "principle")
        .order_by("unit__name", "principle__order")
        .first()
    )
    if candidate is None:
        return None
    score_reopen_for_auditor(
        actor=coordinator,
        score=candidate,
        reason="Graag de onderbouwing aanvullen met de bevestigde interviews.",
        expected_version=candidate.version,
    )
    lead = Assignment.objects.get(cycle=cycle, unit=candidate.unit, is_lead=True)
    return lead.auditor.username, f"{candidate.principle.name} bij {candidate.unit.name}"


def _furthest_from_median(scores: list[Score], rng: random.Random) -> list[Score]:
    """The scores furthest from their principle's median first (ties in a fixed random order)."""
    medians = {}
    for principle_id in {s.principle_id for s in scores}:
        medians[principle_id] = median(s.level for s in scores if s.principle_id == principle_id)
    ordered = sorted(scores, key=lambda s: (s.unit_id, s.principle_id))
    rng.shuffle(ordered)
    return sorted(
        (s for s in ordered if abs(s.level - medians[s.principle_id]) >= 1),
        key=lambda s: -abs(s.level - medians[s.principle_id]),
    )
