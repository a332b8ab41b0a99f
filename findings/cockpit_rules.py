"""Rules of the cycle cockpit: where each unit stands per stage of the audit, and what still
blocks the cycle's next phase. Pure functions on plain data, no ORM (the cockpit selector
gathers the counts; `tests/findings/test_cockpit_rules.py` holds the tables).

A stage is *due* once the cycle has reached the phase in which it must be finished (the team in
Voorbereiding, the fieldwork and the scores in Veldwerk, calibration in Kalibratie, the unit
report and the management response in Oprollen, the follow-up after publication). A unit whose
due stage is not finished has an *achterstand* there; before that the stage is simply under way.
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from audits.constants import NEXT_STATUS, CycleStatus
from findings.constants import ResponseStatus, UnitReportStatus


class Stage(StrEnum):
    """The columns of the cockpit, in the order the work is done (DOMAIN.md §2–§4)."""

    TEAM = "team"
    DISTRICTS = "districts"
    DOCUMENTS = "documents"
    INTERVIEWS = "interviews"
    SCORES = "scores"
    CALIBRATION = "calibration"
    REPORT = "report"
    RESPONSE = "response"
    FOLLOW_UP = "follow_up"


STAGE_LABELS = {
    Stage.TEAM: gettext_lazy("Toetsteam"),
    Stage.DISTRICTS: gettext_lazy("Districten geloot"),
    Stage.DOCUMENTS: gettext_lazy("Documenten beoordeeld"),
    Stage.INTERVIEWS: gettext_lazy("Interviews bevestigd"),
    Stage.SCORES: gettext_lazy("Scores ingediend"),
    Stage.CALIBRATION: gettext_lazy("Kalibratie"),
    Stage.REPORT: gettext_lazy("Rapport onderdeel"),
    Stage.RESPONSE: gettext_lazy("Managementreactie"),
    Stage.FOLLOW_UP: gettext_lazy("Vervolgacties (effect gemeten)"),
}

# The phase in which a stage must be finished: from then on an unfinished stage is an achterstand.
STAGE_PHASE: dict[Stage, str] = {
    Stage.TEAM: CycleStatus.VOORBEREIDING,
    Stage.DISTRICTS: CycleStatus.VELDWERK,
    Stage.DOCUMENTS: CycleStatus.VELDWERK,
    Stage.INTERVIEWS: CycleStatus.VELDWERK,
    Stage.SCORES: CycleStatus.VELDWERK,
    Stage.CALIBRATION: CycleStatus.KALIBRATIE,
    Stage.REPORT: CycleStatus.OPROLLEN,
    Stage.RESPONSE: CycleStatus.OPROLLEN,
    Stage.FOLLOW_UP: CycleStatus.GEPUBLICEERD,
}

_PHASES = list(CycleStatus.values)


class Tone(StrEnum):
    """How a cell reads: the status word says it, the colour and the symbol only repeat it."""

    DONE = "done"  # finished
    BUSY = "busy"  # under way, not yet due
    OPEN = "open"  # due and not finished: an achterstand
    ALERT = "alert"  # something is wrong (an outlier, an action overdue): an achterstand too
    NONE = "none"  # not applicable (yet): nothing to do


TONE_LABELS = {
    Tone.DONE: gettext_lazy("gereed"),
    Tone.BUSY: gettext_lazy("loopt"),
    Tone.OPEN: gettext_lazy("achterstand"),
    Tone.ALERT: gettext_lazy("aandacht"),
    Tone.NONE: gettext_lazy("niet van toepassing"),
}


@dataclass(frozen=True)
class UnitProgress:
    """The counts of one unit in one cycle that the stages are read from."""

    team_size: int = 0
    has_lead: bool = False
    districts_drawn: int = 0  # places in the current draw; 0 when not drawn
    documents_judged: int = 0  # checks with a status other than "not yet judged"
    documents_total: int = 0  # items on the documentation list for this unit
    interviews_confirmed: int = 0
    interviews_total: int = 0
    scores_submitted: int = 0  # of the principles assessed here
    principles_in_scope: int = 0
    outliers: int = 0  # scores flagged in calibration (maturity.rules.principle_outliers)
    adjusted: int = 0  # levels changed in a calibration session
    calibration_closed: bool = False  # cycle-wide: the scores are frozen
    report_status: str | None = None  # None: no unit report yet
    response_status: str | None = None  # None: no management response yet
    actions_due: int = 0  # follow-up actions, cancelled ones left out
    actions_measured: int = 0  # done with an effect measurement
    actions_overdue: int = 0
    actions_without_effect: int = 0  # done without an effect measurement
    recognised_without_action: int = 0  # recognised recommendations that have no action yet


@dataclass(frozen=True)
class StageStatus:
    """One cell: a status word, how it reads, and optional detail."""

    word: str
    tone: Tone
    detail: str = ""

    @property
    def finished(self) -> bool:
        """Nothing left to do here (done, or nothing applies)."""
        return self.tone in (Tone.DONE, Tone.NONE)

    @property
    def is_backlog(self) -> bool:
        return self.tone in (Tone.OPEN, Tone.ALERT)


def stage_due(stage: Stage, cycle_status: str) -> bool:
    """Whether the cycle has reached the phase in which `stage` must be finished."""
    return _PHASES.index(cycle_status) >= _PHASES.index(STAGE_PHASE[stage])


def _unfinished(stage: Stage, cycle_status: str) -> Tone:
    return Tone.OPEN if stage_due(stage, cycle_status) else Tone.BUSY


def _of(n: int, m: int) -> str:
    return _("%(n)s van %(m)s") % {"n": n, "m": m}


def _counted(stage: Stage, n: int, m: int, cycle_status: str, *, none_word: str) -> StageStatus:
    if m == 0:
        return StageStatus(none_word, _unfinished(stage, cycle_status))
    if n >= m:
        return StageStatus(_of(n, m), Tone.DONE)
    return StageStatus(_of(n, m), _unfinished(stage, cycle_status))


def unit_stages(p: UnitProgress, *, cycle_status: str) -> dict[Stage, StageStatus]:
    """The status of every stage of one unit (see the module docstring for *due*).

    - Team: complete with at least one auditor and a lead (DOMAIN.md §2, the lead agrees the
      report with the board).
    - Districts: drawn when a current draw exists.
    - Documents, interviews, scores: n of m judged, confirmed, submitted; none at all is
      unfinished (no documentation list, no interview, no principle in scope).
    - Calibration: closed is done; open outliers are for attention; without outliers it is done
      for this unit once its scores are all submitted.
    - Unit report: done when definitief; response: done when submitted (ingediend).
    - Follow-up: an action overdue or done without an effect measurement needs attention
      whatever the phase (DOMAIN.md §4: effect, not only done); recognised recommendations
      without an action are unfinished; otherwise done when every action's effect is measured,
      under way while they run; nothing applies without actions.
    """
    stages = {}
    if p.team_size == 0:
        stages[Stage.TEAM] = StageStatus(_("geen team"), _unfinished(Stage.TEAM, cycle_status))
    elif not p.has_lead:
        stages[Stage.TEAM] = StageStatus(_("geen lead"), _unfinished(Stage.TEAM, cycle_status))
    else:
        stages[Stage.TEAM] = StageStatus(
            _("compleet"),
            Tone.DONE,
            ngettext("%(n)s toetser", "%(n)s toetsers", p.team_size) % {"n": p.team_size},
        )
    if p.districts_drawn:
        stages[Stage.DISTRICTS] = StageStatus(
            _("geloot"), Tone.DONE, _("%(n)s plaatsen") % {"n": p.districts_drawn}
        )
    else:
        stages[Stage.DISTRICTS] = StageStatus(
            _("niet geloot"), _unfinished(Stage.DISTRICTS, cycle_status)
        )
    stages[Stage.DOCUMENTS] = _counted(
        Stage.DOCUMENTS,
        p.documents_judged,
        p.documents_total,
        cycle_status,
        none_word=_("geen documentenlijst"),
    )
    stages[Stage.INTERVIEWS] = _counted(
        Stage.INTERVIEWS,
        p.interviews_confirmed,
        p.interviews_total,
        cycle_status,
        none_word=_("geen interviews"),
    )
    stages[Stage.SCORES] = _counted(
        Stage.SCORES,
        p.scores_submitted,
        p.principles_in_scope,
        cycle_status,
        none_word=_("geen scope"),
    )
    stages[Stage.CALIBRATION] = _calibration(p, cycle_status)
    stages[Stage.REPORT] = _report(p, cycle_status)
    stages[Stage.RESPONSE] = _response(p, cycle_status)
    stages[Stage.FOLLOW_UP] = _follow_up(p, cycle_status)
    return stages


def _calibration(p: UnitProgress, cycle_status: str) -> StageStatus:
    detail = _("%(outliers)s afwijkend · %(adjusted)s bijgesteld") % {
        "outliers": p.outliers,
        "adjusted": p.adjusted,
    }
    if p.calibration_closed:
        return StageStatus(_("afgesloten"), Tone.DONE, detail)
    if p.outliers:
        word = ngettext("%(n)s afwijkend", "%(n)s afwijkend", p.outliers) % {"n": p.outliers}
        tone = Tone.ALERT if stage_due(Stage.CALIBRATION, cycle_status) else Tone.BUSY
        return StageStatus(word, tone, detail)
    if p.principles_in_scope and p.scores_submitted >= p.principles_in_scope:
        return StageStatus(_("geen afwijkingen"), Tone.DONE, detail)
    return StageStatus(_("wacht op scores"), _unfinished(Stage.CALIBRATION, cycle_status), detail)


def _report(p: UnitProgress, cycle_status: str) -> StageStatus:
    if p.report_status == UnitReportStatus.DEFINITIEF:
        return StageStatus(_("definitief"), Tone.DONE)
    tone = _unfinished(Stage.REPORT, cycle_status)
    if p.report_status == UnitReportStatus.AFGESTEMD:
        return StageStatus(_("afgestemd"), tone)
    if p.report_status == UnitReportStatus.CONCEPT:
        return StageStatus(_("concept"), tone)
    return StageStatus(_("nog geen rapport"), tone)


def _response(p: UnitProgress, cycle_status: str) -> StageStatus:
    if p.response_status == ResponseStatus.INGEDIEND:
        return StageStatus(_("ingediend"), Tone.DONE)
    tone = _unfinished(Stage.RESPONSE, cycle_status)
    if p.response_status == ResponseStatus.CONCEPT:
        return StageStatus(_("concept"), tone)
    return StageStatus(_("nog niet"), tone)


def _follow_up(p: UnitProgress, cycle_status: str) -> StageStatus:
    measured = _("%(n)s van %(m)s gemeten") % {"n": p.actions_measured, "m": p.actions_due}
    if p.actions_overdue:
        return StageStatus(_("%(n)s te laat") % {"n": p.actions_overdue}, Tone.ALERT, measured)
    if p.actions_without_effect:
        return StageStatus(
            _("%(n)s zonder effectmeting") % {"n": p.actions_without_effect}, Tone.ALERT, measured
        )
    if p.recognised_without_action:
        return StageStatus(
            ngettext(
                "%(n)s aanbeveling zonder actie",
                "%(n)s aanbevelingen zonder actie",
                p.recognised_without_action,
            )
            % {"n": p.recognised_without_action},
            _unfinished(Stage.FOLLOW_UP, cycle_status),
            measured if p.actions_due else "",
        )
    if not p.actions_due:
        return StageStatus(_("geen acties"), Tone.NONE)
    if p.actions_measured >= p.actions_due:
        return StageStatus(measured, Tone.DONE)
    return StageStatus(measured, Tone.BUSY)


# --- What blocks the next phase -----------------------------------------------------------


class BlockerKind(StrEnum):
    """Why a cycle is not ready for its next phase: a cycle-wide condition, or a stage that
    units have not finished."""

    PERIOD = "period"
    CALIBRATION_OPEN = "calibration_open"
    NO_UNITS = "no_units"
    STAGE = "stage"


@dataclass(frozen=True)
class UnitStages:
    """A unit as the phase rule sees it: its name, whether it is excluded, its stages."""

    name: str
    excluded: bool
    stages: Mapping[Stage, StageStatus]


@dataclass(frozen=True)
class PhaseBlocker:
    """One thing that still blocks the next phase, with the units concerned (if any)."""

    kind: BlockerKind
    stage: Stage | None = None
    units: tuple[str, ...] = ()


def phase_blockers(
    *,
    cycle_status: str,
    period_set: bool,
    calibration_closed: bool,
    units: Sequence[UnitStages],
) -> list[PhaseBlocker]:
    """What the data says still blocks moving the cycle from `cycle_status` to its next phase
    (audits.constants.NEXT_STATUS); empty when nothing does, and after publication.

    - Voorbereiding: the fieldwork period is set, and there are units to audit.
    - Kalibratie: calibration is closed (the scores are fixed, DOMAIN.md §3).
    - Every phase: each stage due by now is finished at every unit, one blocker per stage
      naming the units in the cockpit's order. An excluded unit never blocks: its audit could
      not be done representatively and stays out of the UWV-wide figures (DOMAIN.md §2).
    This shows what the data says; the cycle's move itself is the coordination team's decision.
    """
    if cycle_status not in NEXT_STATUS:
        return []
    blockers = []
    if cycle_status == CycleStatus.VOORBEREIDING:
        if not period_set:
            blockers.append(PhaseBlocker(kind=BlockerKind.PERIOD))
        if not units:
            blockers.append(PhaseBlocker(kind=BlockerKind.NO_UNITS))
    if cycle_status == CycleStatus.KALIBRATIE and not calibration_closed:
        blockers.append(PhaseBlocker(kind=BlockerKind.CALIBRATION_OPEN))
    for stage in Stage:
        if not stage_due(stage, cycle_status):
            continue
        names = tuple(u.name for u in units if not u.excluded and not u.stages[stage].finished)
        if names:
            blockers.append(PhaseBlocker(kind=BlockerKind.STAGE, stage=stage, units=names))
    return blockers


def blocker_text(blocker: PhaseBlocker) -> str:
    """The Dutch sentence for one blocker (the units are listed beside it)."""
    if blocker.kind == BlockerKind.PERIOD:
        return _("De periode van het veldwerk is nog niet vastgelegd.")
    if blocker.kind == BlockerKind.NO_UNITS:
        return _("Er zijn nog geen onderdelen met principes in scope of een toetsteam.")
    if blocker.kind == BlockerKind.CALIBRATION_OPEN:
        return _("De kalibratie is nog niet afgesloten.")
    return ngettext(
        "%(stage)s: nog niet gereed bij %(n)s onderdeel.",
        "%(stage)s: nog niet gereed bij %(n)s onderdelen.",
        len(blocker.units),
    ) % {
        "stage": STAGE_LABELS[blocker.stage],
        "n": len(blocker.units),
    }


def backlog_stages(stages: Mapping[Stage, StageStatus]) -> Collection[Stage]:
    """The stages of a unit that are an achterstand (the filter "alleen achterstanden")."""
    return [stage for stage, status in stages.items() if status.is_backlog]
