"""Business rules of herstelacties (DOMAIN.md §6, the process guide "Besluitvorming"): pure
functions over plain values, no ORM. Each has a table-driven test in tests/herstel/."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from herstel.constants import (
    ALLOWED_OUTCOMES,
    KAPSTOK_TRANSITIONS,
    OBLIGATIONS,
    STEP_TRANSITIONS,
    AdviceSection,
    Criterion,
    Forum,
    KapstokMove,
    KapstokStatus,
    Mandate,
    NotificationKind,
    Obligation,
    Outcome,
    Step,
    StepMove,
    StepTransition,
)

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
    (corrected records replaced by their correction), and the kinds of notification made."""

    latest: Mapping[Forum, Outcome]
    notifications: frozenset[NotificationKind] = frozenset()


def outcomes_for(forum: Forum, mandate: Mandate) -> tuple[Outcome, ...]:
    """The outcomes `forum` can record on the path of `mandate` (empty: not on this path)."""
    return ALLOWED_OUTCOMES.get((forum, mandate), ())


def obligation_met(obligation: Obligation, facts: DecisionFacts) -> bool:
    """Whether the recorded decisions and notifications meet one obligation. The RvB counts as
    informed when it was notified or when it recorded anything itself."""
    dt, rvb, minister = (facts.latest.get(f) for f in (Forum.DT, Forum.RVB, Forum.MINISTER))
    match obligation:
        case Obligation.DT_DECISION:
            return dt in (Outcome.BESLUIT, Outcome.VOORGENOMEN_BESLUIT)
        case Obligation.DT_NOTED:
            return dt == Outcome.KENNISNAME
        case Obligation.RVB_INFORMED:
            return rvb is not None or NotificationKind.RVB_INFORMED in facts.notifications
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


def move_blockers(
    *,
    step: str,
    move: str,
    mandate: str | None,
    advice_gaps: list[str],
    facts: DecisionFacts,
) -> list[str]:
    """Why `move` cannot be made now (empty: it can). Assumes the table allows the move.

    - The advice goes to the DT only when complete.
    - To the RvB only after the DT recorded what its path asks (a decision with a DT mandate,
      taking note otherwise).
    - To the minister only on the minister path, after the RvB's intended decision.
    - Back to the RvB only after the minister did not approve.
    - Out of step 2 only when every obligation of the path is met; on the minister path never
      straight from the RvB.
    """
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
    return []


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
