"""Exports of findings pages as spreadsheets: the cycle cockpit as XLSX (the file format, with
formulas neutralised, is `uwvkms.exports`)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from findings.selectors.cockpit import CycleCockpit
from uwvkms.exports import to_xlsx


def _cell(status) -> str:
    return f"{status.word} ({status.detail})" if status.detail else status.word


def _open_items(n: int | None) -> str:
    if n is None:
        return _("niet verstuurd")
    return ngettext("%(n)s stuk open", "%(n)s stukken open", n) % {"n": n}


def cockpit_table(cockpit: CycleCockpit) -> tuple[str, list, list]:
    """The cockpit as one table: a row per unit shown, a column per stage (the status word with
    its detail), and the totals per stage below."""
    header = [
        _("Bedrijfsonderdeel"),
        _("Niet representatief"),
        *[str(label) for _stage, label in cockpit.stages],
        _("Uitvraag open"),
        _("Review veldwerk"),
        _("Achterstand"),
    ]
    rows = [
        [
            row.unit.name,
            _("ja") if row.exclusion else _("nee"),
            *[_cell(cell.status) for cell in row.cells],
            _open_items(row.open_request_items),
            row.review_text,
            _("ja") if row.is_backlog else _("nee"),
        ]
        for row in cockpit.rows
    ]
    rows.append(
        [
            _("Totaal gereed"),
            "",
            *[
                _("%(finished)s van %(units)s") % {"finished": t.finished, "units": t.units}
                + (f" · {t.done_items}/{t.all_items}" if t.all_items is not None else "")
                for t in cockpit.totals
            ],
            _open_items(cockpit.open_request_items),
            _("%(n)s nog niet beoordeeld") % {"n": cockpit.review_waiting},
            str(sum(row.is_backlog for row in cockpit.rows)),
        ]
    )
    title = _("Cockpit %(year)s") % {"year": cockpit.cycle.year}
    return (title, header, rows)


def cockpit_xlsx(cockpit: CycleCockpit) -> bytes:
    return to_xlsx([cockpit_table(cockpit)])
