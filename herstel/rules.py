"""Business rules of herstelacties (DOMAIN.md §6, the process guide "Besluitvorming"): pure
functions over plain values, no ORM. Each has a table-driven test in tests/herstel/."""

import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from herstel.constants import (
    ALLOWED_OUTCOMES,
    AMOUNT_COLUMNS,
    ASSESSED_STATUSES,
    KAPSTOK_TRANSITIONS,
    MAX_EVALUATIONS,
    OBLIGATIONS,
    OUTCOME_ZERO_AMOUNTS,
    PERSONAL_DATA_COLUMNS,
    STEP_2,
    STEP_TRANSITIONS,
    AdviceSection,
    Amount,
    Criterion,
    DossierColumn,
    DossierOutcome,
    DossierStatus,
    Effectiveness,
    EstimateSource,
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
from herstel.money import MAX_CENTS, divide_half_up

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


@dataclass(frozen=True)
class ExecutionFacts:
    """What steps 3 and 4 have recorded so far, for the moves out of them: whether the latest
    go/no-go says go, the number of dossiers and of those not yet handled, and the evaluations
    completed and still planned."""

    go: bool = False
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
        case StepMove.CLOSE:
            blockers = []
            if execution.evaluations_completed == 0:
                blockers.append(_("Een herstelactie sluit pas na een afgeronde evaluatie."))
            if execution.evaluations_planned:
                blockers.append(_("Er staat nog een evaluatie gepland: rond die af of zeg die af."))
            return blockers
    return []


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


# --- Dossiers (step 3): never a BSN, exact amounts, consistent outcomes -------------------------


def passes_elfproef(digits: str) -> bool:
    """The elfproef of the BSN: nine digits d1…d9 with 9·d1 + 8·d2 + … + 2·d8 − d9 divisible by
    11 (so 111222333 passes, 123456789 does not)."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


# A BSN as people write it: nine digits, or grouped 4-2-3 / 3-3-3 with dots, spaces or dashes.
_BSN_GROUPED = re.compile(r"^\d{4}([ .-])\d{2}\1\d{3}$|^\d{3}([ .-])\d{3}\2\d{3}$")
_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")
_EIGHT_DIGITS = re.compile(r"\d{8}")
# Every cell that could hold a BSN in one of the forms above contains one of these (a quick
# first look; the import checks every cell of every row).
_BSN_CANDIDATE = re.compile(r"\d{8}|\d{3}[ .-]\d{2}")


def looks_like_bsn(value: object) -> bool:
    """Whether a cell could hold a BSN, so that it is refused: a run of exactly nine digits
    anywhere in it that passes the elfproef, a grouped BSN (1234.56.782), or eight digits that
    pass with the leading zero a spreadsheet drops. Strict on purpose: a reference that happens
    to look like a BSN is refused too, and must be replaced by another reference."""
    text = (value if isinstance(value, str) else _cell_text(value)).strip()
    if len(text) < 8 or _BSN_CANDIDATE.search(text) is None:
        return False
    if _EIGHT_DIGITS.fullmatch(text):
        return passes_elfproef("0" + text)
    if _BSN_GROUPED.match(text):
        return passes_elfproef(re.sub(r"\D", "", text))
    return any(passes_elfproef(run) for run in _NINE_DIGITS.findall(text))


class AmountError(ValueError):
    """An amount that cannot be read as euros and cents; the message says why, in Dutch."""


_AMOUNT = re.compile(r"^(\d+)(?:[.,](\d{1,2}))?$")


def parse_amount(value: object) -> int:
    """An amount in euros as whole cents. Empty means 0. Accepted: 1234, 1234,5, 1234,56 and
    1234.56 (a decimal comma or point, at most two decimals, no thousands separators: "1.234"
    is refused rather than guessed), optionally with "€"; spreadsheet numbers as they are.
    Negative amounts, more than two decimals and amounts above a trillion are refused."""
    if value is None:
        return 0
    if isinstance(value, str):
        match = _AMOUNT.match(value)  # the common case: a plain amount, read at once
        if match is None:
            text = value.strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
            if not text:
                return 0
            if text.startswith("-"):
                raise AmountError(_("Een bedrag is nul of meer, niet “%s”.") % value.strip())
            match = _AMOUNT.match(text)
            if match is None:
                raise AmountError(
                    _(
                        "“%s” is geen bedrag: schrijf bijvoorbeeld 1234,56 (hoogstens twee "
                        "decimalen, zonder duizendtaltekens)."
                    )
                    % value.strip()
                )
        whole, fraction = match.groups()
        cents = int(whole) * 100 + (int(fraction.ljust(2, "0")) if fraction else 0)
    elif isinstance(value, bool):
        raise AmountError(_("“%s” is geen bedrag.") % value)
    elif isinstance(value, int):
        cents = value * 100
    elif isinstance(value, float | Decimal):
        cents = _number_cents(value)
    else:
        return parse_amount(str(value))
    if cents < 0:
        raise AmountError(_("Een bedrag is nul of meer, niet “%s”.") % value)
    if cents > MAX_CENTS:
        raise AmountError(_("“%s” is groter dan een dossier kan bevatten.") % value)
    return cents


def _number_cents(value: float | Decimal) -> int:
    """A spreadsheet number in cents. A float carries binary noise (0.1 + 0.2 is
    0.30000000000000004): within a millionth of a cent it is that cent; beyond, refused."""
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else value
        cents = number * 100
        rounded = cents.quantize(Decimal(1))
    except (InvalidOperation, ValueError):
        raise AmountError(_("“%s” is geen bedrag.") % value) from None
    if abs(cents - rounded) > Decimal("0.0001"):
        raise AmountError(_("“%s” heeft meer dan twee decimalen.") % value)
    if rounded < 0:
        raise AmountError(_("Een bedrag is nul of meer, niet “%s”.") % value)
    return int(rounded)


@dataclass(frozen=True)
class DossierValues:
    """One dossier as imported or edited: its pseudonymous reference, status, outcome (empty
    while still to assess) and the four amounts in cents."""

    reference: str
    status: str
    outcome: str
    paid: int = 0
    to_pay: int = 0
    recovered: int = 0
    written_off: int = 0

    def amount(self, amount: Amount) -> int:
        return getattr(self, amount.value)


DOSSIER_FIELDS = ("status", "outcome", "paid", "to_pay", "recovered", "written_off")

# A reference is a pseudonym: letters, digits and . _ / - (no spaces, so no full names).
REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$")


def reference_problems(reference: str) -> list[str]:
    """Why `reference` cannot be a dossier's reference (empty: it can)."""
    if REFERENCE.match(reference) and not looks_like_bsn(reference):
        return []
    if not reference:
        return [_("De referentie ontbreekt.")]
    if looks_like_bsn(reference):
        return [
            _(
                "De referentie “%s” lijkt op een BSN (negen cijfers die de elfproef doorstaan). "
                "Gebruik alleen een pseudonieme referentie."
            )
            % reference
        ]
    if not REFERENCE.match(reference):
        return [
            _(
                "De referentie “%s” mag alleen letters, cijfers en . _ / - bevatten (geen spaties, "
                "hoogstens 64 tekens)."
            )
            % reference
        ]
    return []


_AMOUNTS = tuple(Amount)
_TE_BEOORDELEN, _AFGEHANDELD = DossierStatus.TE_BEOORDELEN.value, DossierStatus.AFGEHANDELD.value
# outcome value → the amount fields that must be zero for it
_ZERO_FIELDS = {
    outcome.value: tuple(a.value for a in _AMOUNTS if a in zeros)
    for outcome, zeros in OUTCOME_ZERO_AMOUNTS.items()
}


def dossier_problems(values: DossierValues) -> list[str]:
    """What is inconsistent in a dossier (empty: nothing):

    - a dossier still to assess has no outcome and no amounts yet;
    - an assessed or handled dossier has an outcome;
    - an outcome leaves some amounts at zero (OUTCOME_ZERO_AMOUNTS: who is paid gets nothing
      claimed back, a claim is not paid out, "geen wijziging" moves no money);
    - a handled dossier has nothing left "to be paid": that payment is ordered first.
    """
    problems = []
    if values.status == _TE_BEOORDELEN:
        if values.outcome:
            problems.append(_("Een dossier dat nog te beoordelen is, heeft nog geen uitkomst."))
        if values.paid or values.to_pay or values.recovered or values.written_off:
            problems.append(_("Een dossier dat nog te beoordelen is, heeft nog geen bedragen."))
        return problems
    if not values.outcome:
        problems.append(
            _("Een %(status)s dossier heeft een uitkomst.")
            % {"status": str(DossierStatus(values.status).label).lower()}
        )
        return problems
    nonzero = [name for name in _ZERO_FIELDS[values.outcome] if getattr(values, name)]
    if nonzero:
        problems.append(
            _("Bij de uitkomst “%(outcome)s” hoort geen bedrag bij %(amounts)s.")
            % {
                "outcome": str(DossierOutcome(values.outcome).label).lower(),
                "amounts": ", ".join(f"“{str(Amount(n).label).lower()}”" for n in nonzero),
            }
        )
    if values.status == _AFGEHANDELD and values.to_pay:
        problems.append(
            _(
                "Een afgehandeld dossier heeft niets meer “nog te betalen”: geef eerst de "
                "betaalopdracht."
            )
        )
    return problems


def _normalised(text: object) -> str:
    return re.sub(r"[\s_]+", " ", str(text or "").strip().lower())


_STATUS_BY_TEXT = {
    **{_normalised(s.value): s for s in DossierStatus},
    **{_normalised(s.label): s for s in DossierStatus},
}
_OUTCOME_BY_TEXT = {
    **{_normalised(o.value): o for o in DossierOutcome},
    **{_normalised(o.label): o for o in DossierOutcome},
}
_COLUMN_BY_TEXT = {_normalised(c.value): c for c in DossierColumn}


def parse_status(value: object) -> DossierStatus:
    """A status as written in a file ("te beoordelen", "Beoordeeld", "afgehandeld")."""
    status = _STATUS_BY_TEXT.get(value) or _STATUS_BY_TEXT.get(_normalised(value))
    if status is None:
        raise ValueError(
            _("Onbekende status “%(value)s” (kies uit: %(choices)s).")
            % {"value": value, "choices": ", ".join(str(s.label).lower() for s in DossierStatus)}
        )
    return status


def parse_outcome(value: object) -> str:
    """An outcome as written in a file, or "" when empty."""
    if value is None or value == "":
        return ""
    outcome = _OUTCOME_BY_TEXT.get(value)
    if outcome is not None:
        return outcome.value
    if not _normalised(value):
        return ""
    outcome = _OUTCOME_BY_TEXT.get(_normalised(value))
    if outcome is None:
        raise ValueError(
            _("Onbekende uitkomst “%(value)s” (kies uit: %(choices)s).")
            % {"value": value, "choices": ", ".join(str(o.label).lower() for o in DossierOutcome)}
        )
    return outcome.value


@dataclass(frozen=True)
class ColumnMap:
    """Which position in a row holds which column, and why the header row is refused."""

    positions: dict[DossierColumn, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def known(self) -> frozenset[int]:
        return frozenset(self.positions.values())


def dossier_columns(headers: Sequence[object]) -> ColumnMap:
    """Read the header row of an import file: exactly the columns of the template (in any
    order). A column named like personal data (BSN, naam, …) is refused by name; an unknown or
    repeated column is refused too, so nothing but the template's fields enters the app.
    Trailing empty header cells are ignored."""
    positions: dict[DossierColumn, int] = {}
    problems = []
    for index, header in enumerate(headers):
        name = _normalised(header)
        if not name:
            continue
        if name in PERSONAL_DATA_COLUMNS or name.replace(" ", "") in PERSONAL_DATA_COLUMNS:
            problems.append(
                _(
                    "Kolom “%s” is niet toegestaan: een importbestand bevat geen BSN, naam of "
                    "andere persoonsgegevens, alleen een pseudonieme referentie."
                )
                % str(header).strip()
            )
        elif looks_like_bsn(header):
            problems.append(
                _("De kolomkop “%s” lijkt op een BSN; dat is niet toegestaan.") % str(header)
            )
        elif (column := _COLUMN_BY_TEXT.get(name)) is None:
            problems.append(
                _("Kolom “%(name)s” hoort niet in het sjabloon (wel: %(columns)s).")
                % {"name": str(header).strip(), "columns": ", ".join(DossierColumn.values)}
            )
        elif column in positions:
            problems.append(_("Kolom “%s” staat er twee keer in.") % column.value)
        else:
            positions[column] = index
    missing = [c.value for c in DossierColumn if c not in positions]
    if missing:
        problems.append(_("Ontbrekende kolommen: %s.") % ", ".join(missing))
    return ColumnMap(positions, problems)


def dossier_from_row(
    row: Sequence[object], columns: Mapping[DossierColumn, int], known: frozenset[int] = None
) -> tuple[DossierValues | None, list[str]]:
    """One data row of an import file as a dossier, or None with every reason it is refused.
    Every cell is checked for a BSN, whatever its column; a value in a column without a header
    is refused. (`known`: the positions of `columns`, when the caller has them at hand.)"""
    if known is None:
        known = frozenset(columns.values())
    problems = _cell_problems(row, known) if _needs_cell_checks(row, known) else []
    if problems:
        return None, problems

    size = len(row)
    cells = {column: (row[index] if index < size else None) for column, index in columns.items()}
    reference = _cell_text(cells[DossierColumn.REFERENCE]).strip()
    problems += reference_problems(reference)
    status = outcome = None
    try:
        status = parse_status(cells[DossierColumn.STATUS])
    except ValueError as exc:
        problems.append(str(exc))
    try:
        outcome = parse_outcome(cells[DossierColumn.OUTCOME])
    except ValueError as exc:
        problems.append(str(exc))
    amounts = {}
    for column, amount in _AMOUNT_COLUMNS:
        try:
            amounts[amount] = parse_amount(cells[column])
        except AmountError as exc:
            problems.append(f"{column.label}: {exc}")
    if problems:
        return None, problems
    values = DossierValues(reference, status.value, outcome, **amounts)
    problems = dossier_problems(values)
    return (None, problems) if problems else (values, [])


_AMOUNT_COLUMNS = tuple((column, amount.value) for column, amount in AMOUNT_COLUMNS.items())


def _needs_cell_checks(row: Sequence[object], known: frozenset[int]) -> bool:
    """Whether a row needs its cells looked at one by one: something in it could be a BSN, or
    it has cells outside the known columns. Text rows (CSV) are looked at in one go."""
    try:
        joined = "\x1f".join(row)  # a separator that no BSN pattern spans
    except TypeError:
        return True  # spreadsheet numbers: look at every cell
    return _BSN_CANDIDATE.search(joined) is not None or any(
        index not in known for index in range(len(row))
    )


def _cell_problems(row: Sequence[object], known: frozenset[int]) -> list[str]:
    problems = []
    for index, cell in enumerate(row):
        if cell is None or cell == "":
            continue
        if looks_like_bsn(cell):
            problems.append(
                _(
                    "Waarde “%s” lijkt op een BSN (negen cijfers die de elfproef doorstaan); een "
                    "importbestand bevat geen BSN."
                )
                % _cell_text(cell).strip()
            )
        elif index not in known and _cell_text(cell).strip():
            problems.append(
                _("Waarde “%s” staat in een kolom zonder kop.") % _cell_text(cell).strip()
            )
    return problems


def _cell_text(value: object) -> str:
    """A cell as text; a spreadsheet's whole number 123.0 reads as 123."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def dossier_changes(old: DossierValues, new: DossierValues) -> dict[str, list]:
    """`{field: [old, new]}` for every field of the dossier that differs (amounts in cents)."""
    return {
        name: [getattr(old, name), getattr(new, name)]
        for name in DOSSIER_FIELDS
        if getattr(old, name) != getattr(new, name)
    }


def initial_values(current: Mapping[str, object], changes: Sequence[Mapping[str, list]]) -> dict:
    """What a dossier held when it was created: its current values with every recorded change
    (`{field: [old, new]}`, oldest first) undone, newest first."""
    values = dict(current)
    for change in reversed(changes):
        for name, (old, _new) in change.items():
            values[name] = old
    return values


# --- Management information (step 3) ----------------------------------------------------------


def is_assessed(status: str) -> bool:
    return status in ASSESSED_STATUSES


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
