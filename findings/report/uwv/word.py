"""The UWV-wide report as a Word file (issue 18): the same view-model as the page and the PDF
(`UwvReport`), walked in the same order, written with `findings.report.word.WordReport`. Chapters
and sections become Word's Heading 1 and 2 (so its navigation pane and table of contents work),
the team's headings within a section Heading 3; the team's footnotes and the generated ones are
real Word footnotes; tables are tables; the chart is a picture with its alt text.

The texts of the generated blocks are the template's own msgids (findings/report/uwv_blocks.html),
so the page, the PDF and the Word file say the same; tests/findings/test_uwv_report_word.py
compares their headings and texts."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from findings.constants import MaterialKind
from findings.report.chart_png import chart_png_of
from findings.report.uwv.model import BlockView, Figures, PartView, UwvReport
from findings.report.uwv.render import uwv_cover
from findings.report.word import WordReport
from uwvkms.branding import report_branding


def render_uwv_report_docx(report: UwvReport) -> bytes:
    """The report as .docx bytes."""
    branding = report_branding()
    word = WordReport(title=report.title, author=report.author, organisation=branding.organisation)
    word.front(uwv_cover(report), branding)
    word.table_of_contents(_("Inhoudsopgave"))
    for chapter in report.parts:
        word.heading(1, chapter.heading.number, chapter.heading.title, chapter.heading.anchor)
        _part(word, report, chapter)
        for section in chapter.sections:
            word.heading(2, section.heading.number, section.heading.title, section.heading.anchor)
            _part(word, report, section)
    return word.to_bytes()


def _part(word: WordReport, report: UwvReport, part: PartView) -> None:
    word.markup(part.content)
    for group in part.example_groups:
        word.heading(3, group.heading.number, group.heading.title, group.heading.anchor)
        for example in group.examples:
            item = word.paragraph(style="List Bullet")
            word.text(item, example.unit, bold=True)
            word.text(item, f": {example.source}\n{example.text}")
    for material in part.materials:
        if material.kind == MaterialKind.CITAAT:
            word.paragraph(f"“{material.text}”", style="Quote")
            word.paragraph(
                _("Uit het rapport van %(unit)s") % {"unit": material.unit}, style="Quote"
            )
        else:
            label = (
                _("UWV-brede aanbeveling")
                if material.kind == MaterialKind.AANBEVELING
                else _("UWV-brede observatie")
            )
            word.text(word.paragraph(), f"{label}: {material.title}", bold=True)
            word.paragraph(material.text)
    for block in part.blocks:
        if block.empty:
            continue
        BLOCK_WRITERS[block.key](word, report, part, block)


def _noted(word: WordReport, paragraph, block: BlockView) -> None:
    if block.footnote is not None:
        word.footnote(paragraph, block.footnote.text)


def _join(names) -> str:
    return ", ".join(names)


def _mean(f: Figures) -> str:
    if f.mean:
        return f"{f.mean} ({f.rounded})"
    return _("geen score") if f.assessed_units else _("niet getoetst")


def _leeswijzer(word, report, part, block):
    for chapter in report.parts:
        if chapter.is_appendix:
            text = f"{chapter.heading.number}: {chapter.heading.title}"
        else:
            text = _("Hoofdstuk %(n)s: %(title)s") % {
                "n": chapter.heading.number,
                "title": chapter.heading.title,
            }
        word.paragraph(text, style="List Bullet")


def _scope(word, report, part, block):
    word.paragraph(
        _("In %(year)s zijn de volgende principes getoetst: %(principles)s.")
        % {"year": report.year, "principles": _join(report.principles_in_scope)}
    )
    n = len(report.units_assessed)
    paragraph = word.paragraph(
        ngettext(
            "Eén bedrijfsonderdeel telt mee in de UWV-brede cijfers.",
            "%(n)s bedrijfsonderdelen tellen mee in de UWV-brede cijfers: %(execution)s met en "
            "%(other)s zonder uitvoeringsprocessen.",
            n,
        )
        % {
            "n": n,
            "execution": report.units_with_execution,
            "other": report.units_without_execution,
        }
    )
    _noted(word, paragraph, block)
    word.text(paragraph, f" {_join(report.units_assessed)}.")
    if report.exclusions:
        word.paragraph(
            _("Niet meegeteld, omdat de toets daar niet representatief kon worden gedaan:")
        )
        for exclusion in report.exclusions:
            item = word.paragraph(style="List Bullet")
            word.text(item, exclusion.unit, bold=True)
            word.text(item, f": {exclusion.reason}")


def _bronnen(word, report, part, block):
    if report.team_sentence:
        word.paragraph(report.team_sentence)
    word.paragraph(
        _(
            "Beoordeeld zijn %(checked)s documenten op de documentatielijsten, waarvan "
            "%(delivered)s geleverd, en %(held)s interviews, waarvan %(confirmed)s door de "
            "geïnterviewden bevestigd; alleen bevestigde verslagen tellen als bewijs."
        )
        % {
            "checked": report.documents_checked,
            "delivered": report.documents_delivered,
            "held": report.interviews_held,
            "confirmed": report.interviews_confirmed,
        }
    )


def _lotingen(word, report, part, block):
    word.table(
        _("Getrokken locaties per bedrijfsonderdeel"),
        [_("Bedrijfsonderdeel"), _("Geloot"), _("Uit")],
        [
            [
                draw.unit,
                _join(draw.places),
                ngettext("%(n)s kandidaat", "%(n)s kandidaten", draw.candidates)
                % {"n": draw.candidates},
            ]
            for draw in report.draws
        ],
    )


def _kalibratie(word, report, part, block):
    n = report.calibration_sessions
    word.paragraph(
        ngettext(
            "De scores van de toetsteams zijn in één kalibratiesessie naast elkaar gelegd en "
            "waar nodig bijgesteld.",
            "De scores van de toetsteams zijn in %(n)s kalibratiesessies naast elkaar gelegd en "
            "waar nodig bijgesteld.",
            n,
        )
        % {"n": n}
    )


def _afstemming(word, report, part, block):
    word.table(
        _("Rapporten per bedrijfsonderdeel"),
        [_("Bedrijfsonderdeel"), _("Status"), _("Afgestemd"), _("Reactie")],
        [
            [
                row.unit,
                row.status,
                f"{row.agreed_on}, {row.agreed_with}" if row.agreed_on else "–",
                _("ingediend") if row.response_submitted else _("nog niet"),
            ]
            for row in report.unit_statuses
        ],
    )


def _rode_draden(word, report, part, block):
    word.paragraph(
        _("Rode draden (een onderwerp dat bij %(threshold)s of meer onderdelen terugkomt):")
        % {"threshold": report.thread_threshold}
    )
    for thread in report.threads:
        item = word.paragraph(style="List Bullet")
        word.text(item, thread.title, bold=True)
        word.text(item, f" — {_join(thread.units)} ({_join(thread.principles)})")


def _grafiek(word, report, part, block):
    png, alt = chart_png_of(report.chart)
    word.image(png, alt, width_cm=16)
    word.paragraph(
        _(
            "Figuur 1. Gemiddelde volwassenheid per principe (onafgerond). De tabel eronder geeft "
            "dezelfde cijfers."
        ),
        style="Caption",
    )


def _cijfers(word, report, part, block):
    table = word.table(
        _("Gemiddelde volwassenheid per principe, %(year)s") % {"year": report.year},
        [
            _("Principe"),
            _("Gemiddelde (afgerond)"),
            _("Met uitvoeringsprocessen"),
            _("Zonder uitvoeringsprocessen"),
            _("Gescoord / getoetst"),
        ],
        [
            [
                line.principle,
                _mean(line.overall),
                _mean(line.execution),
                _mean(line.other),
                f"{line.overall.scored_units} / {line.overall.assessed_units}",
            ]
            for line in report.maturity
        ],
    )
    if block.footnote is not None:
        word.footnote(word.caption_of(table), block.footnote.text)


def _verdeling(word, report, part, block):
    word.table(
        _("Aantal onderdelen per niveau, per principe"),
        [_("Principe"), *(level.label for level in report.generic_levels)],
        [
            [line.principle, *(str(n) for n in line.overall.distribution)]
            for line in report.maturity
        ],
    )


def _aandacht(word, report, part, block):
    for area in report.attention:
        item = word.paragraph(style="List Bullet")
        word.text(item, area.principle, bold=True)
        level = _("niveau 1 Ad hoc") if area.level == 1 else _("niveau 2 Initieel")
        word.text(item, f", {level}: {_join(area.units)}")


def _hoofdbevindingen(word, report, part, block):
    for finding in report.main_findings:
        item = word.paragraph(style="List Number")
        word.text(item, finding.title, bold=True)
        if finding.heading.number:
            word.text(item, " ")
            word.internal_link(
                item,
                f"({_('zie')} {finding.heading.number})",
                finding.heading.anchor,
            )


def _hoofdbevindingen_uitgewerkt(word, report, part, block):
    for finding in part.main_findings:
        level = 2 if finding.heading.level == 2 else 3
        word.heading(level, finding.heading.number, finding.heading.title, finding.heading.anchor)
        if finding.description:
            word.paragraph(finding.description)
        word.paragraph(
            _("Gezien bij %(units)s; onder %(principles)s.")
            % {"units": _join(finding.units), "principles": _join(finding.principles)}
        )
        word.text(word.paragraph(), _("Advies"), bold=True)
        word.paragraph(finding.advice)


def _principe_cijfers(word, report, part, block):
    f = part.principle.figures
    paragraph = word.paragraph(
        _(
            "UWV-breed is het gemiddelde niveau %(mean)s (afgerond %(rounded)s), over %(scored)s "
            "van de %(assessed)s onderdelen waar dit is getoetst; de scores lopen van %(low)s tot "
            "%(high)s."
        )
        % {
            "mean": f.mean,
            "rounded": f.rounded,
            "scored": f.scored_units,
            "assessed": f.assessed_units,
            "low": f.minimum,
            "high": f.maximum,
        }
    )
    execution, other = part.principle.execution, part.principle.other
    if execution.mean and other.mean:
        word.text(
            paragraph,
            " "
            + _(
                "Onderdelen met uitvoeringsprocessen komen gemiddeld op %(execution)s, "
                "onderdelen zonder op %(other)s."
            )
            % {"execution": execution.mean, "other": other.mean},
        )
    _noted(word, paragraph, block)


def _principe_definitie(word, report, part, block):
    word.paragraph(part.principle.definition)


def _observaties(word, report, part, block):
    for item in part.principle.observations:
        paragraph = word.paragraph(style="List Bullet")
        word.text(paragraph, item.unit, bold=True)
        word.text(paragraph, f": {item.text}")


def _goede_praktijken(word, report, part, block):
    for item in part.principle.good_practices:
        word.paragraph(
            f"{_('Bij %(unit)s:') % {'unit': item.unit}} {item.text}", style="List Bullet"
        )


def _aanbevelingen(word, report, part, block):
    for item in part.principle.recommendations:
        paragraph = word.paragraph(style="List Bullet")
        word.text(paragraph, item.title, bold=True)
        detail = f" ({item.unit}"
        if item.priority:
            detail += f", {_('prioriteit')} {item.priority.lower()}"
        detail += ")"
        if item.themes:
            detail += f" — {_('rode draad')}: {_join(item.themes)}"
        word.text(paragraph, f"{detail}\n{item.text}")


def _herkenning(word, report, part, block):
    r = report.recognition
    text = _(
        "De directies hebben op %(answered)s aanbevelingen gereageerd: %(herkend)s herkend, "
        "%(deels)s deels herkend en %(niet)s niet herkend."
    ) % {"answered": r.answered, "herkend": r.herkend, "deels": r.deels, "niet": r.niet}
    if r.unanswered:
        text += " " + ngettext(
            "Op één aanbeveling is (nog) niet gereageerd.",
            "Op %(n)s aanbevelingen is (nog) niet gereageerd.",
            r.unanswered,
        ) % {"n": r.unanswered}
    word.paragraph(text)
    word.table(
        _("Herkenning van de aanbevelingen"),
        [_("Herkend"), _("Deels herkend"), _("Niet herkend"), _("Geen reactie")],
        [[str(r.herkend), str(r.deels), str(r.niet), str(r.unanswered)]],
    )


def _beoordeling(word, report, part, block):
    n = report.rating_count
    word.paragraph(
        ngettext(
            "De toets zelf is door één deelnemer beoordeeld met een %(average)s.",
            "De toets zelf is door %(n)s deelnemers beoordeeld, gemiddeld met een %(average)s "
            "(op een schaal van 1 tot 10).",
            n,
        )
        % {"n": n, "average": report.rating_average}
    )
    for label, count, average in report.rating_by_role:
        if average:
            text = ngettext(
                "%(average)s (%(n)s beoordeling)", "%(average)s (%(n)s beoordelingen)", count
            ) % {"average": average, "n": count}
        else:
            text = _("geen beoordelingen")
        word.paragraph(f"{label}: {text}", style="List Bullet")


def _niveaus(word, report, part, block):
    word.table(
        _("De vijf niveaus"),
        [_("Niveau"), _("Kenmerk")],
        [[level.label, level.text] for level in report.generic_levels],
    )
    for framework in report.frameworks:
        word.table(
            _("%(principle)s: de niveaus in het toetskader %(year)s")
            % {"principle": framework.principle, "year": report.year},
            [_("Niveau"), _("Wat wij dan zien")],
            [[level.label, level.text] for level in framework.levels],
        )


def _principes(word, report, part, block):
    for text in report.principles_introduction:
        word.paragraph(text)
    for principle in report.all_principles:
        paragraph = word.paragraph()
        word.text(paragraph, principle.name, bold=True)
        if principle.in_scope:
            word.text(paragraph, f" ({_('getoetst in %(year)s') % {'year': report.year}})")
        for text in principle.definition:
            word.paragraph(text)
        for index, text in enumerate(principle.uwv_specific):
            paragraph = word.paragraph()
            if index == 0:
                word.text(paragraph, f"{_('UWV specifiek:')} ", bold=True)
            word.text(paragraph, text)


BLOCK_WRITERS = {
    "leeswijzer": _leeswijzer,
    "scope": _scope,
    "bronnen": _bronnen,
    "lotingen": _lotingen,
    "kalibratie": _kalibratie,
    "afstemming": _afstemming,
    "rode_draden": _rode_draden,
    "grafiek": _grafiek,
    "cijfers": _cijfers,
    "verdeling": _verdeling,
    "aandacht": _aandacht,
    "hoofdbevindingen": _hoofdbevindingen,
    "hoofdbevindingen_uitgewerkt": _hoofdbevindingen_uitgewerkt,
    "principe_cijfers": _principe_cijfers,
    "principe_definitie": _principe_definitie,
    "observaties": _observaties,
    "goede_praktijken": _goede_praktijken,
    "aanbevelingen": _aanbevelingen,
    "herkenning": _herkenning,
    "beoordeling": _beoordeling,
    "niveaus": _niveaus,
    "principes": _principes,
}
