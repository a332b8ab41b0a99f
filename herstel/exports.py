"""Exports of herstel figures as CSV and XLSX: the management information of one action, the
central overview for FEZ, the improvement actions of one business unit, and an action's dossiers
in the import template's format (so they can be edited and imported again). The file formats
themselves (Dutch Excel CSV, XLSX, formulas neutralised) are `uwvkms.exports`."""

from collections.abc import Iterable, Sequence

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from herstel.constants import (
    DossierColumn,
    DossierOutcome,
    DossierStatus,
    EstimateSource,
    ImprovementSource,
)
from herstel.money import euros
from herstel.selectors.figures import ManagementInformation, Overview
from herstel.selectors.improvements import UnitImprovements
from uwvkms.exports import to_csv, to_xlsx

# --- Management information --------------------------------------------------------------------


def _estimate_source(mi: ManagementInformation) -> str:
    return str(EstimateSource(mi.estimate.source).label)


def mi_tables(mi: ManagementInformation) -> list[tuple[str, list, list]]:
    """The management information as tables: the key figures, and the trend per week."""
    totals = mi.totals
    figures = [
        (_("Herstelactie"), mi.action.title),
        (_("Leidende divisie"), str(mi.action.lead_unit)),
        (_("Stap"), mi.action.get_step_display()),
        (_("Peilmoment"), formats.date_format(timezone.localtime(mi.measured_at), "j F Y H:i")),
        (_("Dossiers"), totals.total),
        (_("Beoordeeld (beoordeeld of afgehandeld)"), totals.assessed),
        (_("Voortgang (%)"), mi.progress),
        *[
            (_("Status: %s") % str(status.label).lower(), count)
            for status, count in totals.by_status()
        ],
        *[
            (_("Uitkomst: %s") % str(outcome.label).lower(), count)
            for outcome, count in totals.by_outcome()
        ],
        (_("Nabetaald (€)"), totals.paid),
        (_("Nog te betalen (€)"), totals.to_pay),
        (_("Teruggevorderd (€)"), totals.recovered),
        (_("Afgeboekt (€)"), totals.written_off),
        (_("Nog te beoordelen dossiers"), mi.estimate.remaining),
        (_("Geschat gemiddeld bedrag per dossier (€)"), mi.average),
        (_("Bron van de schatting"), _estimate_source(mi)),
        (_("Geschat bedrag nog te beoordelen dossiers (€)"), mi.remaining_amount),
    ]
    trend = [
        (
            week.label,
            week.total,
            week.te_beoordelen,
            week.beoordeeld,
            week.afgehandeld,
            week.progress,
            week.paid,
            week.to_pay,
            week.recovered,
            week.written_off,
        )
        for week in mi.trend
    ]
    return [
        (_("Kengetallen"), [_("Kengetal"), _("Waarde")], figures),
        (
            _("Trend per week"),
            [
                _("Week"),
                _("Dossiers"),
                _("Te beoordelen"),
                _("Beoordeeld"),
                _("Afgehandeld"),
                _("Voortgang (%)"),
                _("Nabetaald (€)"),
                _("Nog te betalen (€)"),
                _("Teruggevorderd (€)"),
                _("Afgeboekt (€)"),
            ],
            trend,
        ),
    ]


def mi_csv(mi: ManagementInformation) -> bytes:
    return to_csv(mi_tables(mi))


def mi_xlsx(mi: ManagementInformation) -> bytes:
    return to_xlsx(mi_tables(mi))


# --- The central overview ----------------------------------------------------------------------

OVERVIEW_HEADER = [
    gettext_lazy("Herstelactie"),
    gettext_lazy("Leidende divisie"),
    gettext_lazy("Stap"),
    gettext_lazy("Mandaat"),
    gettext_lazy("Issue"),
    gettext_lazy("Dossiers"),
    gettext_lazy("Beoordeeld"),
    gettext_lazy("Afgehandeld"),
    gettext_lazy("Voortgang (%)"),
    gettext_lazy("Nabetaald (€)"),
    gettext_lazy("Nog te betalen (€)"),
    gettext_lazy("Teruggevorderd (€)"),
    gettext_lazy("Afgeboekt (€)"),
    gettext_lazy("Nog te beoordelen"),
    gettext_lazy("Geschat bedrag nog te beoordelen (€)"),
    gettext_lazy("Bron van de schatting"),
]


def overview_table(view: Overview) -> tuple[str, list, list]:
    rows = [
        (
            row.action.title,
            str(row.action.lead_unit),
            row.action.get_step_display(),
            row.action.get_mandate_display() or "",
            _("ja") if row.action.is_issue else _("nee"),
            row.totals.total,
            row.totals.assessed,
            row.totals.afgehandeld,
            row.progress,
            row.totals.paid,
            row.totals.to_pay,
            row.totals.recovered,
            row.totals.written_off,
            row.estimate.remaining,
            row.remaining_amount,
            str(EstimateSource(row.estimate.source).label),
        )
        for row in view.rows
    ]
    rows.append(
        (
            _("Totaal"),
            "",
            "",
            "",
            "",
            view.totals.total,
            view.totals.assessed,
            view.totals.afgehandeld,
            "",
            view.totals.paid,
            view.totals.to_pay,
            view.totals.recovered,
            view.totals.written_off,
            view.totals.remaining,
            view.remaining_amount,
            "",
        )
    )
    return (_("Totaaloverzicht"), [str(h) for h in OVERVIEW_HEADER], rows)


def overview_csv(view: Overview) -> bytes:
    _title, header, rows = overview_table(view)
    return to_csv([(None, header, rows)])  # one table: the header on the first line


def overview_xlsx(view: Overview) -> bytes:
    return to_xlsx([overview_table(view)])


# --- The improvement actions of one business unit ---------------------------------------------

IMPROVEMENTS_HEADER = [
    gettext_lazy("Bron"),
    gettext_lazy("Herkomst"),
    gettext_lazy("Verbeteractie"),
    gettext_lazy("Eigenaar"),
    gettext_lazy("Gereed op"),
    gettext_lazy("Status"),
    gettext_lazy("Laatste effectmeting op"),
    gettext_lazy("Gemeten waarde"),
    gettext_lazy("Effectmeting"),
    gettext_lazy("Toelichting of bewijs"),
    gettext_lazy("Geen effectmeting"),
]


def improvements_table(view: UnitImprovements) -> tuple[str, list, list]:
    rows = [
        (
            str(ImprovementSource(row.source).label),
            row.origin,
            row.description,
            row.owner,
            row.due_on,
            row.status,
            row.measured_on,
            row.measured_value,
            row.effect_text,
            row.effect_note,
            _("ja") if row.lacks_measurement else _("nee"),
        )
        for row in view.rows
    ]
    return (_("Verbeteracties"), [str(h) for h in IMPROVEMENTS_HEADER], rows)


def improvements_csv(view: UnitImprovements) -> bytes:
    _title, header, rows = improvements_table(view)
    return to_csv([(None, header, rows)])


def improvements_xlsx(view: UnitImprovements) -> bytes:
    return to_xlsx([improvements_table(view)])


# --- Dossiers, in the template's format --------------------------------------------------------


def dossier_rows(values_rows: Iterable[Sequence]) -> Iterable[list]:
    """(reference, status, outcome, four amounts in cents) → rows as in the import template."""
    statuses = {s.value: str(s.label).lower() for s in DossierStatus}
    outcomes = {o.value: str(o.label).lower() for o in DossierOutcome}
    for reference, status, outcome, *amounts in values_rows:
        yield [
            reference,
            statuses[status],
            outcomes.get(outcome, ""),
            *(euros(cents) for cents in amounts),
        ]


def dossiers_csv(values_rows: Iterable[Sequence]) -> bytes:
    return to_csv([(None, DossierColumn.values, dossier_rows(values_rows))])
