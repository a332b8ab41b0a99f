"""Business rules of the roll-up and follow-up (DOMAIN.md §4): pure functions, no ORM."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from findings.constants import ActionStatus, SectionStatus, UnitReportStatus
from uwvkms.dates import happened_between


@dataclass(frozen=True)
class ThemeVerdict:
    """What a theme is, given its recommendations: at how many counted units and under which
    principles it occurs, whether that makes it a rode draad and whether it should be proposed
    as a hoofdbevinding."""

    units: frozenset[int]
    principles: frozenset[int]
    is_thread: bool
    propose_main_finding: bool


def theme_verdict(
    members: Iterable[tuple[int, int]],
    *,
    threshold: int,
    excluded_units: Iterable[int],
    assessed_principles: Iterable[int],
) -> ThemeVerdict:
    """Judge a theme from its members, given as (unit id, principle id) of each recommendation.

    - Excluded units (niet representatief) never count.
    - A rode draad: the theme occurs at `threshold` or more distinct counted units.
    - Proposed as hoofdbevinding: a rode draad that occurs under every principle assessed in the
      cycle (Basic Kwaliteitsmanagement is not a principle and is not passed in). With no
      assessed principles nothing is proposed.
    """
    excluded = set(excluded_units)
    counted = [(unit, principle) for unit, principle in members if unit not in excluded]
    units = frozenset(unit for unit, _ in counted)
    principles = frozenset(principle for _, principle in counted)
    required = frozenset(assessed_principles)
    is_thread = len(units) >= threshold
    return ThemeVerdict(
        units=units,
        principles=principles,
        is_thread=is_thread,
        propose_main_finding=is_thread and bool(required) and required <= principles,
    )


@dataclass(frozen=True, order=True)
class Tertaal:
    """A four-month period of the planning & control cycle: T1 January–April, T2 May–August,
    T3 September–December."""

    year: int
    number: int

    @property
    def start(self) -> date:
        return date(self.year, 4 * (self.number - 1) + 1, 1)

    @property
    def end(self) -> date:
        if self.number == 3:
            return date(self.year, 12, 31)
        next_start = date(self.year, 4 * self.number + 1, 1)
        return date.fromordinal(next_start.toordinal() - 1)

    def __str__(self) -> str:
        return f"T{self.number} {self.year}"


def tertaal_of(day: date) -> Tertaal:
    """The tertaal `day` falls in."""
    return Tertaal(day.year, (day.month - 1) // 4 + 1)


class FollowUpState:
    """How a follow-up action stands, for the per-tertaal overview."""

    OPEN = "open"  # due later, not done
    OVERDUE = "overdue"  # past its due date, not done
    DONE_WITHOUT_EFFECT = "done_without_effect"  # done, but nobody measured what it delivered
    DONE_WITH_EFFECT = "done_with_effect"
    CANCELLED = "cancelled"


def follow_up_state(*, status: str, due_on: date, has_effect_measurement: bool, today: date) -> str:
    """Classify an action. "Done" without an effect measurement is a gap, not a success
    (DOMAIN.md §4: units monitor whether actions were done, not whether they had effect)."""
    if status == ActionStatus.VERVALLEN:
        return FollowUpState.CANCELLED
    if status == ActionStatus.GEREED:
        return (
            FollowUpState.DONE_WITH_EFFECT
            if has_effect_measurement
            else FollowUpState.DONE_WITHOUT_EFFECT
        )
    return FollowUpState.OVERDUE if due_on < today else FollowUpState.OPEN


def units_not_agreed(*, counted_units: Iterable[str], report_status: dict[str, str]) -> list[str]:
    """The units that stand in the way of a definitive UWV-wide report: those that count in this
    cycle (assessed, not excluded) whose unit report is missing or still concept. A concept
    version may carry their findings (the alignment table shows each report's status), but the
    RvB's definitive report only states findings the units agreed with (DOMAIN.md §4-5)."""
    agreed = {UnitReportStatus.AFGESTEMD, UnitReportStatus.DEFINITIEF}
    return sorted(unit for unit in counted_units if report_status.get(unit) not in agreed)


def measurement_date_problem(
    measured_on: date | None, *, action_created_on: date, today: date
) -> str | None:
    """An effect measurement is dated today or earlier and not before its follow-up action was
    recorded (issue 17, "plausible dates": an effect cannot be measured before the action that
    should bring it existed). The Dutch instruction, or None when the date is plausible."""
    return happened_between(
        measured_on,
        earliest=action_created_on,
        what=_("het vastleggen van de vervolgactie"),
        today=today,
    )


def action_withdrawal_refusal(*, is_withdrawn: bool, has_effect_measurement: bool) -> str | None:
    """Why a follow-up action cannot be withdrawn now (None: it can). Withdrawing is for an
    action recorded in error, never taken (issue 17, "undo with a trace"). An action whose
    effect was measured was taken: it stays, and is stopped by setting it to vervallen."""
    if is_withdrawn:
        return _("Deze vervolgactie is al ingetrokken.")
    if has_effect_measurement:
        return _(
            "Van deze vervolgactie is het effect al gemeten: ze is uitgevoerd en wordt niet "
            "ingetrokken. Zet de status op vervallen als de actie stopt."
        )
    return None


def section_status_refusal(
    *, current: str, target: str, actor_id: int, edited_by_id: int | None
) -> str | None:
    """Whether a chapter or section of the UWV-wide report may move from status `current` to
    `target` (issue 18). Any team member offers it for review or sends it back to concept;
    akkoord is given by a team member other than the one who last edited its content (four
    eyes). None: allowed; else the Dutch reason."""
    if current == target:
        return _("Deze paragraaf heeft die status al.")
    if target == SectionStatus.AKKOORD and actor_id == edited_by_id:
        return _(
            "U heeft deze tekst het laatst bewerkt; akkoord geeft een ander lid van het "
            "coördinatieteam (vier ogen)."
        )
    return None


def definitive_report_gaps(parts) -> list[str]:
    """What stands in the way of a Definitief UWV-wide report in its chapters and sections
    (`findings.report.uwv.PartView`, in reading order): every part akkoord, no chosen
    generated block empty unless the team declared it "niet van toepassing", and no link to a
    part that left the report. One Dutch line per gap, naming the part by number and title."""
    from uwvkms import markup  # noqa: PLC0415 (the rules module stays free of parsing)

    every = [part for chapter in parts for part in [chapter, *chapter.sections]]
    anchors = {part.heading.anchor for part in every}
    for part in every:
        anchors |= {b.anchor for b in part.content if b.kind == markup.HEADING}
        anchors |= {g.heading.anchor for g in getattr(part, "example_groups", [])}
        anchors |= {f.heading.anchor for f in part.main_findings}
    gaps = []
    for chapter in parts:
        for part in [chapter, *chapter.sections]:
            name = f"{part.heading.number} {part.heading.title}".strip()
            for target in markup.link_targets(part.content):
                if target not in anchors:
                    gaps.append(
                        _("%(part)s: de link naar #%(target)s wijst nergens meer heen.")
                        % {"part": name, "target": target}
                    )
            if part.status != SectionStatus.AKKOORD:
                gaps.append(_("%(part)s: nog geen akkoord.") % {"part": name})
            for block in part.blocks:
                if block.empty and not block.not_applicable:
                    gaps.append(
                        _(
                            "%(part)s: ‘%(block)s’ heeft niets te tonen; haal het weg of "
                            "markeer het als niet van toepassing."
                        )
                        % {"part": name, "block": block.label}
                    )
    return gaps


def quote_passage_problem(passage: str, source: str) -> str | None:
    """A quote in the UWV-wide report says what its source says (issue 18): the passage, with
    whitespace and the typographic quote marks around it aside, occurs in the source text (an
    interview quote, a passage of the unit's report or of its management response). The team
    may leave out the rest, never change words. None: faithful; else the Dutch reason."""

    def norm(text: str) -> str:
        return " ".join(text.split()).strip(" \"'“”‘’„")

    wanted = norm(passage)
    if not wanted:
        return _("Neem de tekst van het citaat over uit de bron.")
    if wanted.casefold() not in " ".join(source.split()).casefold():
        return _(
            "Een citaat neemt woorden letterlijk over uit de bron; deze tekst staat er niet in. "
            "Laat gerust een deel weg, maar verander geen woorden."
        )
    return None


def possible_moves(appendix: list[bool]) -> list[tuple[bool, bool]]:
    """Whether each of a chapter's sections (or the report's chapters), given in order by
    whether it is an appendix, can move one place up and one place down: a part moves only
    among its siblings of the same kind, an appendix among the appendices
    (`findings.services.report_structure.report_section_move` refuses the rest)."""
    moves = []
    for index, kind in enumerate(appendix):
        moves.append(
            (
                any(other == kind for other in appendix[:index]),
                any(other == kind for other in appendix[index + 1 :]),
            )
        )
    return moves
