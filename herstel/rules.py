"""Business rules of herstelacties (DOMAIN.md §6, the process guide "Besluitvorming"): pure
functions over plain values, no ORM. Each has a table-driven test in tests/herstel/."""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from herstel.constants import (
    ALLOWED_OUTCOMES,
    DT_CAPACITIES,
    ENRICHABLE_MANDATES,
    FORUM_RULES,
    KAPSTOK_TRANSITIONS,
    MANDATE_ORDER,
    MAX_EVALUATIONS,
    MINISTER_CONTACT_MANDATES,
    MINISTER_CONTACT_RIGHT,
    OBLIGATIONS,
    STEP_2,
    STEP_TRANSITIONS,
    AdviceSection,
    Capacity,
    ControlMeasureProgress,
    Criterion,
    Effectiveness,
    EstimateSource,
    Forum,
    KapstokMove,
    KapstokStatus,
    Mandate,
    MeasureStatus,
    NotificationKind,
    Obligation,
    Outcome,
    Step,
    StepMove,
    StepTransition,
)
from herstel.money import divide_half_up
from uwvkms.dates import dutch, happened_between, not_before

# --- The decision mandate -----------------------------------------------------------------------


@dataclass(frozen=True)
class MandateCriteria:
    """The five judged criteria of the mandate assessment, as plain booleans."""

    within_law: bool  # within law and UWV's tasks and powers
    organisational_impact_high: bool
    political_sensitivity_high: bool
    large_client_impact: bool
    large_money_flow_call: bool


@dataclass(frozen=True)
class MandateRouting:
    """Which body decides, the rule that decided it, the criteria that triggered that rule, and
    the less demanding rules that applied too but were outweighed."""

    mandate: Mandate
    rule: str
    reasons: tuple[str, ...]
    outweighed: tuple[Mandate, ...] = ()


def mandate_rule_text(mandate: Mandate) -> str:
    """The rule of the process guide that gives `mandate`."""
    return {
        Mandate.DT: _(
            "De DT besluit als de actie past binnen wet- en regelgeving en de bevoegdheden van "
            "UWV, én de impact op de organisatie gering is, én de politieke gevoeligheid beperkt."
        ),
        Mandate.RVB: _(
            "De RvB besluit als de actie past binnen wet- en regelgeving en de bevoegdheden van "
            "UWV, én de impact op de organisatie groot is óf de politieke gevoeligheid groot."
        ),
        Mandate.RVB_MINISTER: _(
            "De RvB en de minister van SZW besluiten als de actie niet past binnen wet- en "
            "regelgeving of de taken en bevoegdheden van UWV, óf naar verwachting een grote "
            "impact op cliënten heeft, óf een groot beroep doet op de grote geldstroom."
        ),
    }[mandate]


def mandate_for(criteria: MandateCriteria) -> MandateRouting:
    """The decision mandate for a herstelactie (DOMAIN.md §6, "Decision mandate").

    - RvB + minister of SZW when the action is not within law or UWV's tasks and powers, or has a
      large expected impact on clients, or makes a large call on the large money flow;
    - RvB when it is within law and (the organisational impact is high or the political
      sensitivity is high);
    - DT when it is within law and the impact is low and the sensitivity limited.

    The most demanding rule that applies wins; the less demanding ones that also applied are
    returned as `outweighed`.
    """
    minister_reasons = []
    if not criteria.within_law:
        minister_reasons.append(
            _("past niet binnen wet- en regelgeving of de taken en bevoegdheden van UWV")
        )
    if criteria.large_client_impact:
        minister_reasons.append(_("naar verwachting grote impact op cliënten"))
    if criteria.large_money_flow_call:
        minister_reasons.append(_("groot beroep op de grote geldstroom"))

    rvb_reasons = []
    if criteria.within_law:
        if criteria.organisational_impact_high:
            rvb_reasons.append(_("grote impact op de organisatie"))
        if criteria.political_sensitivity_high:
            rvb_reasons.append(_("grote politieke gevoeligheid"))

    if minister_reasons:
        return MandateRouting(
            mandate=Mandate.RVB_MINISTER,
            rule=mandate_rule_text(Mandate.RVB_MINISTER),
            reasons=tuple(minister_reasons),
            outweighed=(Mandate.RVB,) if rvb_reasons else (),
        )
    if rvb_reasons:
        return MandateRouting(
            mandate=Mandate.RVB, rule=mandate_rule_text(Mandate.RVB), reasons=tuple(rvb_reasons)
        )
    return MandateRouting(
        mandate=Mandate.DT,
        rule=mandate_rule_text(Mandate.DT),
        reasons=(
            _("past binnen wet- en regelgeving en de bevoegdheden van UWV"),
            _("geringe impact op de organisatie"),
            _("beperkte politieke gevoeligheid"),
        ),
    )


def criteria_from(values: Mapping[str, bool | None]) -> MandateCriteria | None:
    """The criteria as judged (criterion code → True/False/None), or None while one is open."""
    if any(values.get(criterion) is None for criterion in Criterion.values):
        return None
    return MandateCriteria(
        within_law=bool(values[Criterion.WITHIN_LAW]),
        organisational_impact_high=bool(values[Criterion.ORGANISATIONAL_IMPACT]),
        political_sensitivity_high=bool(values[Criterion.POLITICAL_SENSITIVITY]),
        large_client_impact=bool(values[Criterion.CLIENT_IMPACT]),
        large_money_flow_call=bool(values[Criterion.MONEY_FLOW]),
    )


# --- The advice of step 1 -------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionJudged:
    """One criterion as recorded: the judgement, why, and who judged."""

    value: bool | None
    rationale: str
    judged_by: str


def advice_gaps(
    *, sections: Mapping[str, str], criteria: Mapping[str, CriterionJudged]
) -> list[str]:
    """What the advice still lacks before it can be submitted: every section filled, and every
    criterion judged with a rationale and who judged. Empty when complete."""
    gaps = [
        _("%(section)s ontbreekt.") % {"section": section.label}
        for section in AdviceSection
        if not (sections.get(section) or "").strip()
    ]
    for criterion in Criterion:
        judged = criteria.get(criterion)
        if judged is None or judged.value is None:
            gaps.append(_("Criterium “%(c)s” is niet beoordeeld.") % {"c": criterion.label})
            continue
        if not judged.rationale.strip():
            gaps.append(_("Criterium “%(c)s” mist een onderbouwing.") % {"c": criterion.label})
        if not judged.judged_by.strip():
            gaps.append(
                _("Bij criterium “%(c)s” staat niet wie het beoordeelde.") % {"c": criterion.label}
            )
    return gaps


# --- Decisions and obligations (step 2) -----------------------------------------------------------


@dataclass(frozen=True)
class DecisionFacts:
    """What step 2 has recorded so far: per forum the outcome of its latest valid decision
    (corrected records replaced by their correction), the kinds of notification recorded by
    hand, and the kinds sent to the people concerned through the app (issue 20: the RvB
    informed of the DT's decision by a notification)."""

    latest: Mapping[Forum, Outcome]
    notifications: frozenset[NotificationKind] = frozenset()
    # The RvB raised the mandate in 2B (`mandate_raise_refusal`): the DT's part of 2A, taken on
    # the lower mandate's path, then stands for its taking note of the advice.
    mandate_raised: bool = False
    sent_in_app: frozenset[NotificationKind] = frozenset()


def outcomes_for(forum: Forum, mandate: Mandate) -> tuple[Outcome, ...]:
    """The outcomes `forum` can record on the path of `mandate` (empty: not on this path)."""
    return ALLOWED_OUTCOMES.get((forum, mandate), ())


def obligation_met(obligation: Obligation, facts: DecisionFacts) -> bool:
    """Whether the recorded decisions and notifications meet one obligation. The RvB counts as
    informed when the app sent its members the DT's decision, when someone recorded by hand
    that it was informed, or when it recorded anything itself. SZW is outside the app: only
    SBK's record counts."""
    dt, rvb, minister = (facts.latest.get(f) for f in (Forum.DT, Forum.RVB, Forum.MINISTER))
    match obligation:
        case Obligation.DT_DECISION:
            return dt in (Outcome.BESLUIT, Outcome.VOORGENOMEN_BESLUIT)
        case Obligation.DT_NOTED:
            return dt == Outcome.KENNISNAME or (facts.mandate_raised and dt is not None)
        case Obligation.RVB_INFORMED:
            return (
                rvb is not None
                or NotificationKind.RVB_INFORMED in facts.notifications
                or NotificationKind.RVB_INFORMED in facts.sent_in_app
            )
        case Obligation.RVB_NOTED_OR_ADJUSTED:
            return rvb in (Outcome.KENNISNAME, Outcome.BIJSTURING)
        case Obligation.RVB_DECISION:
            return rvb == Outcome.BESLUIT
        case Obligation.RVB_INTENDED:
            return rvb == Outcome.VOORGENOMEN_BESLUIT
        case Obligation.SZW_INFORMED:
            return NotificationKind.SZW_INFORMED in facts.notifications
        case Obligation.MINISTER_NOTE:
            return NotificationKind.MINISTER_NOTE in facts.notifications
        case Obligation.MINISTER_APPROVAL:
            return minister == Outcome.AKKOORD
    raise ValueError(obligation)


def obligations_checklist(mandate: Mandate, facts: DecisionFacts) -> list[tuple[Obligation, bool]]:
    """The obligations of the mandate path, each with whether it is met (DOMAIN.md §6 step 2)."""
    return [(o, obligation_met(o, facts)) for o in OBLIGATIONS[Mandate(mandate)]]


# --- The step machine -------------------------------------------------------------------------------


class StepMoveNotAllowed(ValidationError):
    """A step move that the table does not allow, or whose conditions are not met."""


def step_transition(step: str, move: str) -> StepTransition:
    """The transition for `move` from `step`, per STEP_TRANSITIONS; raises StepMoveNotAllowed
    (with the reason) for a move the table does not list."""
    try:
        return STEP_TRANSITIONS[(Step(step), StepMove(move))]
    except (KeyError, ValueError):
        raise StepMoveNotAllowed(
            _("De herstelactie staat in %(step)s; “%(move)s” kan vanuit deze stap niet.")
            % {"step": _label(Step, step), "move": _label(StepMove, move)}
        ) from None


def moves_for(step: str, capacities: Iterable[str]) -> list[StepMove]:
    """The moves from `step` that someone with `capacities` may make, in StepMove's order."""
    held = set(capacities)
    return [
        move
        for move in StepMove
        if (transition := STEP_TRANSITIONS.get((step, move))) is not None and transition.by & held
    ]


@dataclass(frozen=True)
class ExecutionFacts:
    """What steps 3 and 4 have recorded so far, for the moves out of them: whether the latest
    go/no-go says go (or no-go), the number of dossiers and of those not yet handled, and the evaluations
    completed and still planned."""

    go: bool = False
    no_go: bool = False  # the latest go/no-go says no-go
    dossiers: int = 0
    unhandled: int = 0
    evaluations_completed: int = 0
    evaluations_planned: int = 0


def move_blockers(
    *,
    step: str,
    move: str,
    mandate: str | None,
    advice_gaps: list[str],
    facts: DecisionFacts,
    execution: ExecutionFacts | None = None,
) -> list[str]:
    """Why `move` cannot be made now (empty: it can). Assumes the table allows the move.

    - The advice goes to the DT only when complete.
    - To the RvB only after the DT recorded what its path asks (a decision with a DT mandate,
      taking note otherwise).
    - To the minister only on the minister path, after the RvB's intended decision.
    - Back to the RvB only after the minister did not approve.
    - Out of step 2 only when every obligation of the path is met; on the minister path never
      straight from the RvB.
    - Out of step 3 (execution) only after a "go", with dossiers, every one of them handled.
    - Closed only after an evaluation, with no further evaluation still planned.
    - Ended without execution only when the latest go/no-go says no-go (after a no-go a go may
      still follow; ending makes the no-go final).
    """
    execution = execution or ExecutionFacts()
    match move:
        case StepMove.SUBMIT_ADVICE:
            return list(advice_gaps)
        case StepMove.TO_RVB:
            needed = Obligation.DT_DECISION if mandate == Mandate.DT else Obligation.DT_NOTED
            return (
                [] if obligation_met(needed, facts) else [_("Nog niet gedaan: %s") % needed.label]
            )
        case StepMove.TO_MINISTER:
            if mandate != Mandate.RVB_MINISTER:
                return [
                    _("Alleen bij een mandaat van RvB en minister gaat de actie naar de minister.")
                ]
            if not obligation_met(Obligation.RVB_INTENDED, facts):
                return [_("Nog niet gedaan: %s") % Obligation.RVB_INTENDED.label]
            return []
        case StepMove.BACK_TO_RVB:
            if facts.latest.get(Forum.MINISTER) != Outcome.NIET_AKKOORD:
                return [
                    _(
                        "Alleen nadat de minister niet akkoord is gegaan, gaat de actie terug naar de RvB."
                    )
                ]
            return []
        case StepMove.TO_EXECUTION:
            if mandate is None:
                return [_("Er is geen besluitvormingsmandaat vastgesteld.")]
            if mandate == Mandate.RVB_MINISTER and step != Step.MINISTER:
                return [_("Zonder akkoord van de minister wordt de actie niet uitgevoerd.")]
            return [
                _("Nog niet gedaan: %s") % obligation.label
                for obligation, met in obligations_checklist(Mandate(mandate), facts)
                if not met
            ]
        case StepMove.TO_EVALUATION:
            blockers = []
            if not execution.go:
                blockers.append(_("Er is (nog) geen go-besluit voor de uitvoering."))
            if execution.dossiers == 0:
                blockers.append(_("Er zijn nog geen dossiers ingelezen."))
            elif execution.unhandled:
                blockers.append(
                    ngettext(
                        "%(n)s dossier is nog niet afgehandeld.",
                        "%(n)s dossiers zijn nog niet afgehandeld.",
                        execution.unhandled,
                    )
                    % {"n": execution.unhandled}
                )
            return blockers
        case StepMove.END_WITHOUT_EXECUTION:
            if not execution.no_go:
                return [
                    _(
                        "Een herstelactie wordt alleen zonder uitvoering beëindigd na een no-go "
                        "bij het go/no-go-moment; het laatste besluit is geen no-go."
                    )
                ]
            return []
        case StepMove.CLOSE:
            blockers = []
            if execution.evaluations_completed == 0:
                blockers.append(_("Een herstelactie sluit pas na een afgeronde evaluatie."))
            if execution.evaluations_planned:
                blockers.append(_("Er staat nog een evaluatie gepland: rond die af of zeg die af."))
            return blockers
    return []


# --- Step 2: raising the mandate, enriching the advice, the involved DTs' views ---------------


def mandate_raise_refusal(
    *, current: str | None, new: str, step: str, capacities: Iterable[str]
) -> str | None:
    """Why the mandate cannot be raised from `current` to `new` now (None: it can). The
    process guide, step 2B: when the RvB chooses a scenario that needs a heavier decision
    (the minister's approval), the RvB raises the mandate; the action does not go back to
    step 1. So: only by the RvB (never by the DT, whose mandate it would widen), only in 2B,
    only upwards (MANDATE_ORDER); lowering is never possible."""
    if Capacity.RVB not in set(capacities):
        return _("Alleen de RvB kan het besluitvormingsmandaat verhogen.")
    if step != Step.STAP_2B:
        return _("Het mandaat wordt alleen verhoogd in stap 2B, als de RvB over de actie besluit.")
    try:
        new_mandate = Mandate(new)
    except ValueError:
        return _("Onbekend besluitvormingsmandaat.")
    if not current:
        return _("Deze herstelactie heeft nog geen besluitvormingsmandaat.")
    if MANDATE_ORDER.index(new_mandate) <= MANDATE_ORDER.index(Mandate(current)):
        return _(
            "Het mandaat kan alleen omhoog: van %(current)s naar een zwaarder mandaat, nooit "
            "gelijk of lager."
        ) % {"current": Mandate(current).label}
    return None


def superseding_mandate(
    *,
    outcome: str,
    mandate: str,
    recorded_at: datetime.datetime,
    raises: Iterable[tuple[str, str, datetime.datetime]],
) -> Mandate | None:
    """The mandate that superseded a final decision (None: it stands as recorded). A final
    decision (`Outcome.BESLUIT`) recorded under `mandate` no longer counts as final once the
    RvB raised the mandate from it afterwards (`raises`: old mandate, new mandate, when): the
    decision is then for the new mandate's path (e.g. the minister's approval)."""
    if outcome != Outcome.BESLUIT:
        return None
    for old, new, raised_at in raises:
        if old == mandate and raised_at >= recorded_at:
            return Mandate(new)
    return None


def minister_contact_refusal(*, mandate: str | None, step: str) -> str | None:
    """Why a contact of the RvB with the minister cannot be recorded (or withdrawn) now (None:
    it can): from step 2B on while the action is open (MINISTER_CONTACT_RIGHT.steps), under a
    mandate of the RvB or of the RvB and the minister (MINISTER_CONTACT_MANDATES)."""
    if mandate not in MINISTER_CONTACT_MANDATES or step not in MINISTER_CONTACT_RIGHT.steps:
        return _(
            "Contacten met de minister worden vastgelegd bij een mandaat van de RvB of van de "
            "RvB en de minister, vanaf stap 2B zolang de actie loopt; de herstelactie staat in "
            "%(step)s."
        ) % {"step": Step(step).label}
    return None


def raisable_mandates(*, current: str | None, step: str, capacities: Iterable[str]) -> list:
    """The mandates the mandate can be raised to now by someone with `capacities`."""
    held = frozenset(capacities)
    return [
        m
        for m in MANDATE_ORDER
        if mandate_raise_refusal(current=current, new=m, step=step, capacities=held) is None
    ]


def enrichment_refusal(*, mandate: str | None, step: str, capacities: Iterable[str]) -> str | None:
    """Why the advice cannot be enriched now (None: it can). The process guide, step 2A: with
    an RvB or minister mandate the DT takes note of the advice to the RvB "en verrijkt het
    waar nodig" before it goes to the RvB. So: by a DT (of the lead division or of a division
    involved), in 2A, and only when the advice goes on to the RvB (not under a DT mandate,
    where the DT decides itself)."""
    if not DT_CAPACITIES & set(capacities):
        return _("Alleen de DT van de leidende of een betrokken divisie vult het advies aan.")
    if step != Step.STAP_2A:
        return _("Het advies wordt aangevuld in stap 2A, voordat het naar de RvB gaat.")
    if mandate not in ENRICHABLE_MANDATES:
        return _(
            "Met een mandaat DT besluit de DT zelf; een aanvulling op het advies aan de RvB is "
            "er alleen bij een mandaat RvB of RvB en minister."
        )
    return None


def view_refusal(*, step: str, capacities: Iterable[str]) -> str | None:
    """Why a view (zienswijze) of an involved division's DT cannot be recorded now (None: it
    can): by the DT of a division involved through the working group, in step 2A, where the
    DTs discuss the situation and the advice. The lead division's DT records its decision
    instead."""
    if Capacity.INVOLVED_DT not in set(capacities):
        return _("Alleen de DT van een betrokken divisie legt een zienswijze vast.")
    if step != Step.STAP_2A:
        return _("Een zienswijze wordt vastgelegd in stap 2A, waar de DT's het advies bespreken.")
    return None


# --- SBK's overview: what needs informing SZW or a note to the minister -----------------------


@dataclass(frozen=True)
class SbkTask:
    """Something SBK has to do for an action in step 2: an obligation of its path that is not
    met, and whether it can be done now (`ready`) or waits for an earlier decision."""

    obligation: Obligation
    ready: bool


# What SBK does on each path (the process guide, step 2B), and what must have happened first.
_SBK_OBLIGATIONS: dict[Obligation, Obligation | None] = {
    Obligation.SZW_INFORMED: Obligation.RVB_DECISION,
    Obligation.MINISTER_NOTE: Obligation.RVB_INTENDED,
    Obligation.MINISTER_APPROVAL: Obligation.MINISTER_NOTE,
}


def sbk_tasks(*, step: str, mandate: str | None, facts: DecisionFacts) -> list[SbkTask]:
    """SBK's open obligations for an action (DOMAIN.md §6, step 2B): SZW to inform after an RvB
    decision; with a minister mandate the note to the minister after the RvB's intended
    decision, then the minister's answer to record. Only while the action is in step 2; a DT
    mandate asks nothing of SBK ("where applicable" is not an obligation)."""
    if step not in STEP_2 or not mandate:
        return []
    tasks = []
    for obligation in OBLIGATIONS[Mandate(mandate)]:
        if obligation not in _SBK_OBLIGATIONS or obligation_met(obligation, facts):
            continue
        needs = _SBK_OBLIGATIONS[obligation]
        tasks.append(SbkTask(obligation, ready=needs is None or obligation_met(needs, facts)))
    return tasks


# --- Management information (step 3) ----------------------------------------------------------


@dataclass(frozen=True)
class Estimate:
    """The estimated average amount per dossier (in cents, None without one), where it comes
    from, and the remaining dossiers times that average."""

    average_cents: int | None
    source: EstimateSource
    remaining: int
    remaining_cents: int | None


def average_estimate(
    *,
    entered_cents: int | None,
    assessed: int,
    assessed_total_cents: int,
    remaining: int,
) -> Estimate:
    """The estimate for the dossiers still to assess (the process guide, step 3): the average
    amount per dossier entered by the lead division when there is one; otherwise derived from
    the assessed dossiers, as the total of their four amounts (paid, to be paid, recovered,
    written off) divided by their number, rounded half up to the cent; otherwise none. The
    remaining amount is the number of dossiers still to assess times that average."""
    if entered_cents is not None:
        average, source = entered_cents, EstimateSource.ENTERED
    elif assessed > 0:
        average = divide_half_up(assessed_total_cents, assessed)
        source = EstimateSource.DERIVED
    else:
        return Estimate(None, EstimateSource.NONE, remaining, None)
    return Estimate(average, source, remaining, average * remaining)


def progress_percent(assessed: int, total: int) -> int:
    """Assessed out of total as a whole percentage, rounded down (99.9 % is not done)."""
    return (assessed * 100) // total if total else 0


# --- Evaluation (step 4) ----------------------------------------------------------------------


def evaluation_due_on(execution_ended_on: datetime.date, period_days: int) -> datetime.date:
    """When the first evaluation is due: the configured period after execution ended."""
    return execution_ended_on + datetime.timedelta(days=period_days)


def evaluation_overdue(
    *,
    execution_ended_on: datetime.date | None,
    first_completed_on: datetime.date | None,
    today: datetime.date,
    period_days: int,
) -> bool:
    """Whether the first evaluation is overdue (the process guide: "de eerste evaluatie [mag]
    niet te lang op zich laten wachten"): execution ended more than `period_days` ago and the
    first evaluation is still not completed. Due on the last day itself is not yet overdue."""
    if execution_ended_on is None or first_completed_on is not None:
        return False
    return today > evaluation_due_on(execution_ended_on, period_days)


def evaluation_reminder_occasion(
    *,
    due_on: datetime.date | None,
    today: datetime.date,
    remind_days: int,
    escalate_days: int | None = None,
) -> str | None:
    """Whether an open evaluation is to be announced (``"due"``: its date falls within
    `remind_days` from today, today included), chased (``"overdue"``: its date has passed; the
    last day itself is not yet overdue, as in `evaluation_overdue`) or escalated
    (``"escalated"``: more than `escalate_days` past its date), else None. The process guide
    wants the first evaluation not to wait long (DOMAIN.md §6, step 4): the daily job reminds the
    lead division's advisers of each and escalates to its DT."""
    if due_on is None:
        return None
    if escalate_days is not None and today > due_on + datetime.timedelta(days=escalate_days):
        return "escalated"
    if today > due_on:
        return "overdue"
    if due_on <= today + datetime.timedelta(days=remind_days):
        return "due"
    return None


@dataclass(frozen=True)
class MeasureJudgement:
    """A control measure as judged in an evaluation: implemented (None: not judged),
    effective (yes / partly / no, only when implemented) and the evidence."""

    implemented: bool | None
    effective: str
    evidence: str


def evaluation_gaps(
    *,
    client_experience: str,
    internal_process: str,
    measures: Mapping[str, MeasureJudgement],
) -> list[str]:
    """What an evaluation lacks before it can be completed (DOMAIN.md §6, step 4): how clients
    experienced the action and the communication, how the internal process went, and per
    control measure of step 1 whether it was implemented; an implemented measure is judged
    effective or not, with its evidence."""
    gaps = []
    if not client_experience.strip():
        gaps.append(_("Hoe cliënten de actie en de communicatie ervoeren, ontbreekt."))
    if not internal_process.strip():
        gaps.append(_("Hoe het interne proces is gegaan, ontbreekt."))
    for label, judged in measures.items():
        if judged.implemented is None:
            gaps.append(_("Maatregel “%s”: geïmplementeerd ja of nee ontbreekt.") % label)
        elif judged.implemented:
            if judged.effective not in Effectiveness.values:
                gaps.append(_("Maatregel “%s”: of hij werkt, ontbreekt.") % label)
            if not judged.evidence.strip():
                gaps.append(_("Maatregel “%s”: het bewijs ontbreekt.") % label)
    return gaps


def measure_judgement_problems(judged: MeasureJudgement) -> list[str]:
    """A measure that is not (or not yet judged as) implemented cannot be judged effective."""
    if judged.implemented is not True and judged.effective:
        return [_("Alleen een geïmplementeerde maatregel kan werken of niet.")]
    return []


@dataclass(frozen=True)
class EvaluationState:
    """One evaluation of an action as the rules see it."""

    number: int
    completed: bool
    measures_not_implemented: int


def follow_up_blockers(evaluations: Sequence[EvaluationState]) -> list[str]:
    """Why no further evaluation can be planned (empty: it can). A second or third evaluation
    follows when measures were not yet in place at the previous one (the process guide, step 4):
    the previous evaluation is completed and found at least one measure not implemented, and
    there are at most three."""
    if not evaluations:
        return [_("De eerste evaluatie wordt gepland bij het afronden van de uitvoering.")]
    if len(evaluations) >= MAX_EVALUATIONS:
        return [_("Er zijn al drie evaluaties; een vierde is niet voorzien.")]
    latest = max(evaluations, key=lambda e: e.number)
    if not latest.completed:
        return [_("Rond eerst evaluatie %s af.") % latest.number]
    if latest.measures_not_implemented == 0:
        return [
            _(
                "Alle maatregelen waren bij evaluatie %s geïmplementeerd; een volgende evaluatie "
                "is niet nodig."
            )
            % latest.number
        ]
    return []


# --- Improvement actions per business unit (DOMAIN.md §7) ----------------------------------------


def control_measure_status(
    *,
    implemented: bool | None,
    progress: str = ControlMeasureProgress.OPEN,
    due_on: datetime.date,
    today: datetime.date,
) -> MeasureStatus:
    """How a control measure stands: as the latest completed evaluation judged it (implemented
    or not; None when no completed evaluation judged it yet), else as its progress is recorded
    (gereed; in uitvoering or open and past its date: overdue)."""
    if implemented is True:
        return MeasureStatus.IMPLEMENTED
    if implemented is False:
        return MeasureStatus.NOT_IMPLEMENTED
    if progress == ControlMeasureProgress.GEREED:
        return MeasureStatus.DONE
    if due_on < today:
        return MeasureStatus.OVERDUE
    if progress == ControlMeasureProgress.IN_UITVOERING:
        return MeasureStatus.IN_PROGRESS
    return MeasureStatus.PLANNED


# A control measure is due within this many years (a later date is a typing error).
MEASURE_HORIZON_YEARS = 10


def measure_due_problem(
    due_on: datetime.date | None, *, wrong_since: datetime.date, today: datetime.date
) -> str | None:
    """A plausible due date of a control measure: not before the error began (the measure
    follows from it) and within ten years from today. The Dutch instruction, or None."""
    if due_on is None:
        return None
    if problem := not_before(due_on, earliest=wrong_since, what=_("het begin van de fout")):
        return problem
    leap_day = (today.month, today.day) == (2, 29)
    latest = today.replace(
        year=today.year + MEASURE_HORIZON_YEARS, day=28 if leap_day else today.day
    )
    if due_on > latest:
        return _("Kies een datum tot en met %(latest)s.") % {"latest": dutch(latest)}
    return None


def lacks_effect_measurement(
    *, done: bool, cancelled: bool, measured: bool, due_on: datetime.date, today: datetime.date
) -> bool:
    """Whether an improvement action (an audit follow-up action or a herstel control measure)
    stands without an effect measurement although it is done or past its due date: the gap the
    audit's first main finding names (units check that actions were done, not what they
    delivered; DOMAIN.md §4). A cancelled action needs none; one not yet due is not late."""
    if cancelled or measured:
        return False
    return done or due_on < today


# --- SBK co-writes the advice (step 1) ------------------------------------------------------------


def advice_section_editable(
    *, capacities: Iterable[str], step: str, section: str, assigned: Iterable[str]
) -> bool:
    """Whether someone with `capacities` may write `section` of the advice while the action is
    in `step`: only in step 1; the lead advisers every section, SBK the sections the lead
    advisers asked it to write (`assigned`); nobody else any."""
    if step != Step.STAP_1 or section not in AdviceSection.values:
        return False
    held = set(capacities)
    if Capacity.LEAD_ADVISER in held:
        return True
    return Capacity.SBK in held and section in set(assigned)


# --- The kapstokverhaal ---------------------------------------------------------------------------


class KapstokMoveNotAllowed(ValidationError):
    """A status move of a kapstokverhaal version that the table does not allow."""


def kapstok_next_status(status: str, move: str) -> KapstokStatus:
    """The status a kapstokverhaal version moves to, per KAPSTOK_TRANSITIONS."""
    try:
        return KAPSTOK_TRANSITIONS[(KapstokStatus(status), KapstokMove(move))]
    except (KeyError, ValueError):
        raise KapstokMoveNotAllowed(
            _("Deze versie staat op %(status)s; “%(move)s” kan nu niet.")
            % {"status": _label(KapstokStatus, status), "move": _label(KapstokMove, move)}
        ) from None


def kapstok_moves(status: str) -> list[KapstokMove]:
    return [move for move in KapstokMove if (status, move) in KAPSTOK_TRANSITIONS]


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def forum_part_done(forum: str, mandate: str | None, facts: DecisionFacts) -> bool:
    """Whether the DT has given its final word in step 2A on the action's path: a decision
    (`BESLUIT`) on the DT path, taking note (`KENNISNAME`) otherwise. A second record would then
    be a duplicate, so the form is no longer offered and the service refuses it; a change is a
    correction of the record (issue 17). An intended decision (`VOORGENOMEN_BESLUIT`) is not
    yet its final word: the DT records its decision after it. The RvB and the minister may record
    again on their path (after the minister's "niet akkoord" the RvB decides anew), so their part
    is never closed here."""
    if forum != Forum.DT or not mandate:
        return False
    final = Outcome.BESLUIT if mandate == Mandate.DT else Outcome.KENNISNAME
    return facts.latest.get(Forum.DT) == final


def decision_date_problem(
    decided_on: datetime.date | None, *, wrong_since: datetime.date, today: datetime.date
) -> str | None:
    """A decision on the action (2A, 2B, the minister's answer, the go/no-go) is dated today or
    earlier and not before the wrong it remedies began (`wrong_since`, the earliest date the
    action knows): decisions are never removed, so a mistyped year would stay (issue 17)."""
    return happened_between(
        decided_on,
        earliest=wrong_since,
        what=_("het begin van de fout die de herstelactie herstelt"),
        today=today,
    )


def decision_withdrawal_refusal(
    *, step: str, forum: str, is_withdrawn: bool, is_corrected: bool
) -> str | None:
    """Why a recorded decision cannot be withdrawn now (None: it can). Withdrawing is for a
    decision recorded in error, never taken (issue 17, "undo with a trace"); a decision taken
    but recorded wrongly is corrected instead (`decision_correct`).

    - Only the standing record of a decision is withdrawn: one replaced by a correction is
      withdrawn through its correction, which takes the whole chain along (the decision was
      never taken, in any version).
    - Only while the action is in the step where `forum` decides (the DT in 2A, the RvB in 2B,
      the minister's answer in the minister's step, `FORUM_RULES`): the obligations of that
      step are recomputed and its form is offered again. Once the action moved on, the next
      step rests on the decision (withdrawing the DT's decision in 2B would leave 2A's
      obligation open for good, with no form to meet it); it stands, and a correction is
      still possible."""
    if is_withdrawn:
        return _("Dit besluit is al ingetrokken.")
    if is_corrected:
        return _(
            "Dit besluit is vervangen door een correctie. Trek zo nodig de correctie in: die "
            "neemt het oorspronkelijke besluit mee."
        )
    decides_in = FORUM_RULES[Forum(forum)].step
    if step != decides_in:
        return _(
            "Een besluit wordt alleen ingetrokken zolang de herstelactie in %(step)s staat, "
            "waar het genomen wordt; corrigeer het besluit als het anders is genomen dan "
            "vastgelegd."
        ) % {"step": decides_in.label}
    return None
