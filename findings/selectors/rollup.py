"""Reads of the roll-up (DOMAIN.md §4, "Roll-up"): the board of all recommendations of a cycle,
the themes the roll-up team groups them into, and per theme what `findings.rules.theme_verdict`
makes of it (rode draad, proposed hoofdbevinding). Verdicts are computed on every read, never
stored: changing the threshold or the grouping changes them at once.

The board reads a fixed number of queries, however many recommendations and themes there are:
every list is one query, the verdicts are pure Python over the memberships."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import models
from django.http import Http404
from django.utils.translation import gettext, gettext_lazy

from audits.constants import BEFORE_PUBLICATION
from audits.models import AuditCycle, ManagementPrinciple
from audits.selectors import cycle_get_for_coordinator, exclusions_of
from findings.constants import DEFAULT_THREAD_THRESHOLD
from findings.events import ROLLUP_THRESHOLD_CHANGED
from findings.models import MainFinding, Recommendation, RollupSettings, Theme, ThemeMembership
from findings.rules import ThemeVerdict, theme_verdict
from uwvkms.history import ChangeFormat, HistoryEntry
from uwvkms.models import BusinessUnit, User
from uwvkms.selectors import history_for

THRESHOLD_EVENT = ROLLUP_THRESHOLD_CHANGED

# --- access ---------------------------------------------------------------------------------


def rollup_cycle_get(*, user: User, year: int) -> AuditCycle:
    """The cycle of `year` for its roll-up: the coordination team (the roll-up team) only; 403
    for anyone else, 404 without a cycle."""
    return cycle_get_for_coordinator(user=user, year=year)


def rollup_editable(cycle: AuditCycle) -> bool:
    """The grouping may change until the report is published: what the RvB read stays fixed."""
    return cycle.status in BEFORE_PUBLICATION


def theme_get(*, cycle: AuditCycle, pk: int, withdrawn_too: bool = False) -> Theme:
    """A theme of `cycle`, with its main finding and who last changed it; 404 otherwise, and
    for a withdrawn theme unless `withdrawn_too` (its page still shows it, struck through)."""
    themes = Theme.with_withdrawn if withdrawn_too else Theme.objects
    try:
        return themes.select_related("updated_by", "withdrawn_by", "main_finding__updated_by").get(
            cycle=cycle, pk=pk
        )
    except Theme.DoesNotExist as exc:
        raise Http404 from exc


def theme_withdrawal_refusal(theme: Theme) -> str | None:
    """Why `theme` cannot be withdrawn now (None: it can): once withdrawn, and once the report
    is published (the grouping the RvB read stays fixed, `rollup_editable`)."""
    if theme.is_withdrawn:
        return gettext("Dit thema is al ingetrokken (%(summary)s).") % {
            "summary": theme.withdrawal_summary()
        }
    if not rollup_editable(theme.cycle):
        return gettext(
            "Toetscyclus %(year)s is gepubliceerd: de indeling in thema's ligt vast."
        ) % {"year": theme.cycle.year}
    return None


def main_finding_of(theme: Theme) -> MainFinding | None:
    try:
        return theme.main_finding
    except MainFinding.DoesNotExist:
        return None


def recommendations_of_cycle(cycle: AuditCycle) -> models.QuerySet[Recommendation]:
    """Every recommendation of `cycle` (the choices of the grouping form)."""
    return Recommendation.objects.filter(cycle=cycle)


def themes_of_cycle(cycle: AuditCycle) -> models.QuerySet[Theme]:
    """Every theme of `cycle` (the choices of the grouping form)."""
    return Theme.objects.filter(cycle=cycle)


def principles_of_cycle(cycle: AuditCycle) -> models.QuerySet[ManagementPrinciple]:
    """The principles in scope of `cycle` (the board's filter)."""
    return cycle.principles.order_by("order", "name")


# --- the inputs of the rule -----------------------------------------------------------------


def thread_threshold(cycle: AuditCycle) -> int:
    """At how many counted units a theme of `cycle` is a rode draad (default 3). One query."""
    value = (
        RollupSettings.objects.filter(cycle=cycle)
        .values_list("thread_threshold", flat=True)
        .first()
    )
    return DEFAULT_THREAD_THRESHOLD if value is None else value


def assessed_principles(cycle: AuditCycle) -> list[ManagementPrinciple]:
    """The management principles assessed in `cycle`: its principles without Basic
    Kwaliteitsmanagement, which is not a principle (DOMAIN.md §2) and so never needed for a
    hoofdbevinding. One query."""
    return list(cycle.principles.filter(is_basic=False).order_by("order", "name"))


def excluded_unit_ids(cycle: AuditCycle) -> set[int]:
    """The units of `cycle` that were not audited representatively: they never count toward a
    thread (DOMAIN.md §2). One query."""
    return {exclusion.unit_id for exclusion in exclusions_of(cycle)}


# --- the board ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeRow:
    """A theme as the board shows it: its verdict, the counted units and principles by name, and
    the units that take part but do not count."""

    theme: Theme
    verdict: ThemeVerdict
    member_count: int
    units: list[BusinessUnit]
    principles: list[ManagementPrinciple]
    excluded_units: list[BusinessUnit]
    missing_principles: list[ManagementPrinciple]
    main_finding: MainFinding | None

    @property
    def main_finding_outdated(self) -> bool:
        """A confirmed hoofdbevinding whose theme no longer meets the rule (threshold raised or
        recommendations taken out): the team should look at it again."""
        return self.main_finding is not None and not self.verdict.propose_main_finding

    @property
    def awaits_confirmation(self) -> bool:
        return self.verdict.propose_main_finding and self.main_finding is None


@dataclass(frozen=True)
class BoardRecommendation:
    recommendation: Recommendation
    themes: list[Theme]
    excluded: bool  # its unit does not count toward a thread


@dataclass(frozen=True)
class RollupBoard:
    """Everything on the roll-up board of a cycle."""

    cycle: AuditCycle
    threshold: int
    assessed_principles: list[ManagementPrinciple]
    themes: list[ThemeRow]
    recommendations: list[BoardRecommendation]
    total_recommendations: int
    units: list[BusinessUnit]  # every unit, for the filter
    principles: list[ManagementPrinciple]  # the cycle's principles, for the filter
    excluded_units: list[BusinessUnit] = field(default_factory=list)
    # Themes withdrawn with a reason: shown struck through, in no verdict or count.
    withdrawn_themes: list[Theme] = field(default_factory=list)

    @property
    def threads(self) -> list[ThemeRow]:
        return [row for row in self.themes if row.verdict.is_thread]

    @property
    def proposed_main_findings(self) -> list[ThemeRow]:
        return [row for row in self.themes if row.verdict.propose_main_finding]


def _theme_rows(
    themes: Iterable[Theme],
    *,
    members: Mapping[int, list[tuple[int, int]]],
    threshold: int,
    excluded: set[int],
    assessed: list[ManagementPrinciple],
    units: Mapping[int, BusinessUnit],
    principles: Mapping[int, ManagementPrinciple],
) -> list[ThemeRow]:
    assessed_ids = [p.id for p in assessed]
    rows = []
    for theme in themes:
        pairs = members.get(theme.pk, [])
        verdict = theme_verdict(
            pairs, threshold=threshold, excluded_units=excluded, assessed_principles=assessed_ids
        )
        rows.append(
            ThemeRow(
                theme=theme,
                verdict=verdict,
                member_count=len(pairs),
                units=sorted((units[u] for u in verdict.units), key=lambda u: u.name),
                principles=[p for p in principles.values() if p.id in verdict.principles],
                excluded_units=sorted(
                    (units[u] for u in {u for u, _ in pairs} & excluded), key=lambda u: u.name
                ),
                missing_principles=[p for p in assessed if p.id not in verdict.principles],
                main_finding=main_finding_of(theme),
            )
        )
    return rows


def _memberships(cycle: AuditCycle, theme: Theme | None = None) -> list[tuple[int, int, int, int]]:
    """(theme id, recommendation id, unit id, principle id) of every membership of a theme
    that was not withdrawn (a withdrawn theme counts nowhere). One query."""
    memberships = ThemeMembership.objects.filter(
        theme__cycle=cycle, theme__withdrawn_at__isnull=True
    )
    if theme is not None:
        memberships = memberships.filter(theme=theme)
    return list(
        memberships.values_list(
            "theme_id",
            "recommendation_id",
            "recommendation__unit_id",
            "recommendation__principle_id",
        )
    )


@dataclass(frozen=True)
class BoardReference:
    """What the board reads before its own lists: every unit (by name), every management
    principle (in order), the ids of the cycle's principles and of its excluded units. A caller
    that has read them already (the UWV-wide report) passes them in."""

    units: dict[int, BusinessUnit]
    principles: dict[int, ManagementPrinciple]
    in_cycle: set[int]
    excluded: set[int]


def board_reference(cycle: AuditCycle) -> BoardReference:
    """The reference data of `cycle`'s board. Four queries."""
    return BoardReference(
        units={u.id: u for u in BusinessUnit.objects.order_by("name")},
        principles={p.id: p for p in ManagementPrinciple.objects.order_by("order", "name")},
        in_cycle=set(cycle.principles.values_list("id", flat=True)),
        excluded=excluded_unit_ids(cycle),
    )


def rollup_board(
    cycle: AuditCycle,
    *,
    principle: ManagementPrinciple | None = None,
    unit: BusinessUnit | None = None,
    reference: BoardReference | None = None,
) -> RollupBoard:
    """The roll-up board of `cycle`: every recommendation (filtered by `principle` and `unit`,
    which filter the list only, never the verdicts) with the themes it belongs to, and every
    theme with its verdict. Eight queries (nine when filtered; four fewer with a `reference`),
    whatever the number of recommendations and themes."""
    threshold = thread_threshold(cycle)
    reference = reference or board_reference(cycle)
    excluded = reference.excluded
    units = reference.units
    principles = reference.principles
    in_cycle = reference.in_cycle
    # `assessed_principles`, from the principles in hand: the cycle's, without Basic.
    assessed = [p for p in principles.values() if p.id in in_cycle and not p.is_basic]
    # One query for the themes that count and those withdrawn (struck through on the board).
    every_theme = list(
        Theme.with_withdrawn.filter(cycle=cycle)
        .select_related("main_finding", "withdrawn_by")
        .order_by("title", "id")
    )
    themes = [t for t in every_theme if not t.is_withdrawn]
    memberships = _memberships(cycle)

    members: dict[int, list[tuple[int, int]]] = defaultdict(list)
    themes_of: dict[int, list[int]] = defaultdict(list)
    for theme_id, recommendation_id, unit_id, principle_id in memberships:
        members[theme_id].append((unit_id, principle_id))
        themes_of[recommendation_id].append(theme_id)
    by_id = {t.pk: t for t in themes}

    recommendations = Recommendation.objects.filter(cycle=cycle).order_by(
        "unit__name", "principle__order", "id"
    )
    if principle is not None:
        recommendations = recommendations.filter(principle=principle)
    if unit is not None:
        recommendations = recommendations.filter(unit=unit)
    rows = []
    for recommendation in recommendations:
        # Units and principles come from the dicts above: no join, no query per row.
        recommendation.unit = units[recommendation.unit_id]
        recommendation.principle = principles[recommendation.principle_id]
        rows.append(
            BoardRecommendation(
                recommendation=recommendation,
                themes=sorted(
                    (by_id[t] for t in themes_of.get(recommendation.pk, [])),
                    key=lambda t: (t.title, t.pk),
                ),
                excluded=recommendation.unit_id in excluded,
            )
        )

    return RollupBoard(
        cycle=cycle,
        threshold=threshold,
        assessed_principles=assessed,
        themes=_theme_rows(
            themes,
            members=members,
            threshold=threshold,
            excluded=excluded,
            assessed=assessed,
            units=units,
            principles=principles,
        ),
        recommendations=rows,
        total_recommendations=len(rows)
        if principle is None and unit is None
        else Recommendation.objects.filter(cycle=cycle).count(),
        units=list(units.values()),
        principles=[p for p in principles.values() if p.id in in_cycle],
        excluded_units=sorted((units[u] for u in excluded if u in units), key=lambda u: u.name),
        withdrawn_themes=[t for t in every_theme if t.is_withdrawn],
    )


# --- one theme ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeMember:
    membership: ThemeMembership
    excluded: bool

    @property
    def recommendation(self) -> Recommendation:
        return self.membership.recommendation


@dataclass(frozen=True)
class ThemeDetail:
    row: ThemeRow
    threshold: int
    members: list[ThemeMember]


def theme_detail(theme: Theme) -> ThemeDetail:
    """A theme with its verdict and its recommendations, each with who grouped it there and
    when. Six queries."""
    cycle = theme.cycle
    threshold = thread_threshold(cycle)
    excluded = excluded_unit_ids(cycle)
    assessed = assessed_principles(cycle)
    memberships = list(
        ThemeMembership.objects.filter(theme=theme)
        .select_related("recommendation__unit", "recommendation__principle", "added_by")
        .order_by("recommendation__unit__name", "recommendation__principle__order", "id")
    )
    pairs = [(m.recommendation.unit_id, m.recommendation.principle_id) for m in memberships]
    units = {m.recommendation.unit_id: m.recommendation.unit for m in memberships}
    principles = {p.id: p for p in ManagementPrinciple.objects.order_by("order", "name")}
    row = _theme_rows(
        [theme],
        members={theme.pk: pairs},
        threshold=threshold,
        excluded=excluded,
        assessed=assessed,
        units=units,
        principles=principles,
    )[0]
    return ThemeDetail(
        row=row,
        threshold=threshold,
        members=[
            ThemeMember(membership=m, excluded=m.recommendation.unit_id in excluded)
            for m in memberships
        ],
    )


def theme_verdict_of(theme: Theme) -> ThemeVerdict:
    """The verdict of one theme as it stands in the database now (used by the services to
    guard a hoofdbevinding). Four queries."""
    cycle = theme.cycle
    pairs = [(unit, principle) for _t, _r, unit, principle in _memberships(cycle, theme)]
    return theme_verdict(
        pairs,
        threshold=thread_threshold(cycle),
        excluded_units=excluded_unit_ids(cycle),
        assessed_principles=[p.id for p in assessed_principles(cycle)],
    )


# --- history --------------------------------------------------------------------------------


_THEME_FIELD_LABELS = {
    "title": gettext_lazy("titel"),
    "description": gettext_lazy("omschrijving"),
    "recommendations": gettext_lazy("aanbevelingen"),
    "main_finding_title": gettext_lazy("titel hoofdbevinding"),
    "advice": gettext_lazy("UWV-breed advies"),
    "withdrawn": gettext_lazy("ingetrokken"),
}


def theme_history(theme: Theme) -> list[HistoryEntry]:
    """The recorded changes of a theme and its hoofdbevinding, newest first. One query."""
    return history_for(theme, fmt=ChangeFormat(fields=_THEME_FIELD_LABELS))


def threshold_history(cycle: AuditCycle) -> list[HistoryEntry]:
    """The recorded changes of the cycle's thread threshold, newest first. One query."""
    return history_for(cycle, events=[THRESHOLD_EVENT], fmt=ChangeFormat(model=RollupSettings))


def recommendation_label(recommendation: Recommendation) -> str:
    """How a recommendation is named in the history: unit, principle and title."""
    return f"{recommendation.unit} · {recommendation.principle} · {recommendation.title}"
