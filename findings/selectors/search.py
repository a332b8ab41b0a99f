"""Search providers of the findings (issue 21 §5, `uwvkms.search`): units, findings
(observations and good practices), recommendations, themes and main findings.

Each follows its page's rule: findings and recommendations are found by whoever reads the unit's
report now (`unit_report_pairs_for_reader`: the unit's auditors and the coordination team in any
status, its board once afgestemd, the RvB once definitief); they land on the findings page when
they may open it (auditors and coordination team), else on the report. A unit is found by whoever
opens one of its pages in a cycle: its evidence overview (auditors, coordination team, its own
board) or its report (as above). Themes and main findings are the roll-up team's: the
coordination team only. Nothing in a withdrawn cycle, no withdrawn theme."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audits.models import AssessedPrinciple, AuditCycle
from audits.selectors.search import AuditScope, audit_scope_of, pairs_filter
from findings.models import Finding, MainFinding, Recommendation, Theme
from findings.selectors.unit_reports import unit_report_pairs_for_reader
from uwvkms.models import BusinessUnit
from uwvkms.search import (
    SearchHit,
    SearchKind,
    SearchTerms,
    contains_matches,
    register,
    text_matches,
)

UNITS = SearchKind("onderdelen", gettext_lazy("Onderdelen"), 10)
RECOMMENDATIONS = SearchKind("aanbevelingen", gettext_lazy("Aanbevelingen"), 20)
FINDINGS = SearchKind("bevindingen", gettext_lazy("Bevindingen"), 30)
THEMES = SearchKind("themas", gettext_lazy("Thema’s en hoofdbevindingen"), 40)


def _current_cycles(user) -> dict[int, int]:
    """cycle id → year of the cycles not withdrawn. One query, once per search (remembered on
    the request's user object)."""
    if not hasattr(user, "_search_cycles"):
        user._search_cycles = dict(AuditCycle.objects.values_list("id", "year"))
    return user._search_cycles


def _report_pairs(user) -> set[tuple[int, int]]:
    """`unit_report_pairs_for_reader`, remembered on the request's user object for the
    providers of one search."""
    if not hasattr(user, "_search_report_pairs"):
        user._search_report_pairs = unit_report_pairs_for_reader(user)
    return user._search_report_pairs


def _item_url(scope: AuditScope, year: int, item) -> str:
    if scope.sees_all_at(item.cycle_id, item.unit_id):
        url = reverse("findings:unit_findings", args=[year, item.unit_id])
        return f"{url}#principe-{item.principle.code}"
    return reverse("findings:unit_report", args=[year, item.unit_id])


def _report_items(user, terms: SearchTerms, model, fields, title) -> list[SearchHit]:
    pairs = _report_pairs(user)
    if not pairs:
        return []
    cycles = _current_cycles(user)
    pairs = {(cycle_id, unit_id) for cycle_id, unit_id in pairs if cycle_id in cycles}
    if not pairs:
        return []
    scope = audit_scope_of(user)
    items = model.objects.filter(pairs_filter(pairs)).select_related("unit", "principle")
    return [
        SearchHit(
            title=title(item),
            url=_item_url(scope, cycles[item.cycle_id], item),
            context=f"{item.unit.name} · {cycles[item.cycle_id]} · {item.principle.name}",
            fragment=item.search_fragment,
            rank=item.search_rank,
        )
        for item in text_matches(items, fields, terms)
    ]


def finding_hits(user, terms: SearchTerms) -> list[SearchHit]:
    """Observations and good practices matching, in the reports `user` reads. A fixed number of
    queries (none for someone without a report role)."""
    return _report_items(user, terms, Finding, ["text"], lambda f: f.get_kind_display())


def recommendation_hits(user, terms: SearchTerms) -> list[SearchHit]:
    """Recommendations matching by title or text, in the reports `user` reads."""
    return _report_items(user, terms, Recommendation, ["title", "text"], lambda r: r.title)


def unit_hits(user, terms: SearchTerms) -> list[SearchHit]:
    """Units matching by name or abbreviation, one hit per cycle in which `user` opens one of
    the unit's pages, newest cycle first. A fixed number of queries."""
    scope = audit_scope_of(user)
    report_pairs = _report_pairs(user)
    evidence = scope.team_filter()
    if scope.board_unit_id is not None:
        own = AssessedPrinciple.objects.filter(unit_id=scope.board_unit_id).values_list(
            "cycle_id", "unit_id"
        )
        board_pairs = set(own.distinct())
    else:
        board_pairs = set()
    evidence_pairs = (
        set(
            AssessedPrinciple.objects.filter(evidence).values_list("cycle_id", "unit_id").distinct()
        )
        if evidence is not None
        else set()
    ) | board_pairs
    pairs = evidence_pairs | report_pairs
    if not pairs:
        return []
    cycles = _current_cycles(user)
    pairs = {pair for pair in pairs if pair[0] in cycles}
    unit_ids = {unit_id for _cycle, unit_id in pairs}
    units = contains_matches(
        BusinessUnit.objects.filter(id__in=unit_ids), ["name", "abbreviation"], terms
    )
    hits = []
    for unit in units:
        for cycle_id in sorted(
            (c for c, u in pairs if u == unit.pk), key=lambda c: cycles[c], reverse=True
        ):
            year = cycles[cycle_id]
            if (cycle_id, unit.pk) in evidence_pairs:
                url = reverse("audits:evidence_overview", args=[year, unit.pk])
                page = _("bewijs")
            else:
                url = reverse("findings:unit_report", args=[year, unit.pk])
                page = _("rapport")
            hits.append(
                SearchHit(
                    title=f"{unit.name} ({unit.abbreviation})",
                    url=url,
                    context=_("Toetscyclus %(year)s · %(page)s") % {"year": year, "page": page},
                    fragment=unit.search_fragment,
                    rank=unit.search_rank + year / 10000,
                )
            )
    return hits


def theme_hits(user, terms: SearchTerms) -> list[SearchHit]:
    """Themes (title, description) and main findings (title, advice) matching, for the
    coordination team only. Two queries; none for anyone else."""
    if not audit_scope_of(user).coordinator:
        return []
    themes = text_matches(
        Theme.objects.filter(cycle__withdrawn_at__isnull=True).select_related("cycle"),
        ["title", "description"],
        terms,
    )
    main_findings = text_matches(
        MainFinding.objects.filter(
            theme__withdrawn_at__isnull=True, theme__cycle__withdrawn_at__isnull=True
        ).select_related("theme__cycle"),
        ["title", "advice"],
        terms,
    )
    hits = [
        SearchHit(
            title=theme.title,
            url=reverse("findings:theme_detail", args=[theme.cycle.year, theme.pk]),
            context=_("Thema · %(year)s") % {"year": theme.cycle.year},
            fragment=theme.search_fragment,
            rank=theme.search_rank,
        )
        for theme in themes
    ]
    hits += [
        SearchHit(
            title=main.title,
            url=reverse("findings:theme_detail", args=[main.theme.cycle.year, main.theme_id]),
            context=_("Hoofdbevinding · %(year)s · thema %(theme)s")
            % {"year": main.theme.cycle.year, "theme": main.theme.title},
            fragment=main.search_fragment,
            rank=main.search_rank,
        )
        for main in main_findings
    ]
    return hits


def register_search() -> None:
    register(UNITS, unit_hits)
    register(RECOMMENDATIONS, recommendation_hits)
    register(FINDINGS, finding_hits)
    register(THEMES, theme_hits)
