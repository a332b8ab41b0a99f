"""The facts of chapters 1–4 of the UWV-wide report: the method facts (evidence, draws, calibration, the unit reports and rode
draden); the maturity chart and table; the areas of attention. The excluded
units' material stays out (DOMAIN.md §5): only the exclusion facts name them."""

from collections import defaultdict

from audits.selectors import current_draws, evidence_totals, team_composition
from findings.report.chart import bar_chart
from findings.report.uwv.model import (
    AttentionArea,
    Chart,
    ChartBar,
    DrawItem,
    MaturityLine,
    ThreadItem,
    UnitStatusItem,
    decimal_text,
    figures_of,
    long_date,
)
from maturity.selectors import EMPTY_ROLLUP, calibration_session_count, submitted_levels


def method_facts(cycle, *, excluded: set[int]) -> dict:
    """Chapter 3's counts of the counted units' evidence, their draws and the number of
    calibration sessions, and the audit team by home organisation (every auditor of the cycle:
    counting them names no unit), through the audit's and maturity's selectors. Five
    queries."""
    evidence = evidence_totals(cycle, excluded=excluded)
    team = team_composition(cycle)
    return {
        "team_bck": team.bck,
        "team_fez": team.fez,
        "team_unknown": team.unknown,
        "documents_checked": evidence.documents_checked,
        "documents_delivered": evidence.documents_delivered,
        "interviews_held": evidence.interviews_held,
        "interviews_confirmed": evidence.interviews_confirmed,
        "draws": [
            DrawItem(
                unit=d.unit.name,
                places=[name for name, _kind in d.drawn],
                candidates=len(d.candidates),
            )
            for d in current_draws(cycle)
            if d.unit_id not in excluded
        ],
        "calibration_sessions": calibration_session_count(cycle),
    }


def unit_statuses_of(unit_reports, *, units) -> list[UnitStatusItem]:
    """Chapter 3's table of the counted units' reports (`unit_reports` leaves the excluded out)."""
    return [
        UnitStatusItem(
            unit=units[r.unit_id].name,
            status=str(r.get_status_display()),
            agreed_on=long_date(r.agreed_on) if r.agreed_on else "",
            agreed_with=r.agreed_with,
            response_submitted=bool(getattr(r, "response", None) and r.response.submitted_at),
        )
        for r in unit_reports
    ]


def threads_of(board) -> list[ThreadItem]:
    """The rode draden of the roll-up board, naming only the counted units."""
    return [
        ThreadItem(
            title=row.theme.title,
            units=[u.name for u in row.units],
            principles=[p.name for p in row.principles],
        )
        for row in board.threads
    ]


def maturity_lines_of(principles, figures) -> list[MaturityLine]:
    """Chapter 4's table: per principle the figures overall and per group."""
    return [
        MaturityLine(
            principle=p.name,
            overall=figures_of(figures.get(p.id, EMPTY_ROLLUP).all),
            execution=figures_of(figures.get(p.id, EMPTY_ROLLUP).execution),
            other=figures_of(figures.get(p.id, EMPTY_ROLLUP).other),
        )
        for p in principles
    ]


def chart_of(principles, figures) -> Chart:
    """Chapter 4's bar chart of the mean per principle."""
    chart = bar_chart([(p, figures.get(p.id, EMPTY_ROLLUP).all) for p in principles])
    return Chart(
        width=chart.width,
        height=chart.height,
        left=chart.left,
        right_edge=chart.right_edge,
        plot_top=chart.plot_top,
        axis_y=chart.axis_y,
        tick_end_y=chart.tick_end_y,
        tick_label_y=chart.tick_label_y,
        axis_title_x=chart.axis_title_x,
        axis_title_y=chart.axis_title_y,
        bar_height=chart.bar_height,
        bars=[
            ChartBar(
                name=bar.principle.name,
                value=decimal_text(bar.figures.mean.unrounded) if bar.figures.mean else None,
                label_y=bar.label_y,
                bar_y=bar.bar_y,
                bar_width=bar.bar_width,
                value_x=bar.value_x,
                value_y=bar.value_y,
            )
            for bar in chart.bars
        ],
        ticks=[(tick.level, tick.x) for tick in chart.ticks],
    )


def attention_of(cycle, *, units, excluded, principles) -> list[AttentionArea]:
    """Areas of attention: per principle the counted units with a submitted level of 2 or
    lower. (Good examples are the team's choice: `findings.models.ReportMaterial`.) One
    query."""
    levels: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for unit_id, principle_id, level in submitted_levels(cycle, excluded=excluded):
        levels[unit_id].append((principle_id, level))
    attention = []
    for principle in principles:
        for level in (1, 2):
            low = sorted(
                units[u].name
                for u, scored in levels.items()
                if any(p == principle.id and lv == level for p, lv in scored)
            )
            if low:
                attention.append(AttentionArea(principle=principle.name, level=level, units=low))
    return attention
