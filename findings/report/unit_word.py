"""The report of one unit as a Word file: the same view-model as the page and the PDF
(`findings.report.unit.UnitReportDocument`) and the same content in the same order as the template
`findings/unit/report.html`, written with `findings.report.word.WordReport`. The template's
<h2>/<h3>/<h4> become Word's Heading 1/2/3, so Word's navigation pane shows the report's outline.

The texts are the template's own msgids, so a translation of the page translates this file too.
Keep the two in step: tests/findings/test_unit_report_word.py compares their headings."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from findings.report.unit import (
    AUTHOR,
    PrincipleSection,
    RecommendationLine,
    UnitReportDocument,
    unit_cover,
)
from findings.report.unit import long_date as _date
from findings.report.word import WordReport
from uwvkms.branding import report_branding


def render_unit_report_docx(document: UnitReportDocument) -> bytes:
    """The unit report as .docx bytes."""
    cover = unit_cover(document)
    branding = report_branding()
    word = WordReport(title=cover.title, author=AUTHOR, organisation=branding.organisation)
    word.front(cover, branding)
    _scope(word, document)
    _method(word, document)
    _maturity(word, document)
    word.heading(1, "", _("4 Bevindingen per principe"), "bevindingen")
    for section in document.sections:
        _findings(word, document, section)
    _response(word, document)
    return word.to_bytes()


def _scope(word: WordReport, document: UnitReportDocument) -> None:
    word.heading(1, "", _("1 Scope"), "scope")
    count = len(document.principles)
    word.paragraph(
        ngettext(
            "In %(year)s is bij %(unit)s %(n)s managementprincipe getoetst:",
            "In %(year)s zijn bij %(unit)s %(n)s managementprincipes getoetst:",
            count,
        )
        % {"year": document.cycle.year, "unit": document.unit.name, "n": count}
    )
    for principle in document.principles:
        word.paragraph(principle.name, style="List Bullet")
    if document.exclusion:
        paragraph = word.paragraph()
        word.text(paragraph, _("Niet representatief."), bold=True)
        word.text(
            paragraph,
            " "
            + _(
                "De toets kon bij dit onderdeel niet representatief worden gedaan: %(reason)s "
                "De bevindingen tellen niet mee in de UWV-brede cijfers en het UWV-brede "
                "rapport; de aanbevelingen gaan wel naar de directie."
            )
            % {"reason": document.exclusion.reason},
        )


def _method(word: WordReport, document: UnitReportDocument) -> None:
    method = document.method
    word.heading(1, "", _("2 Methode"), "methode")
    word.paragraph(
        _(
            "De toetsers bestudeerden de aangeleverde documenten en hielden interviews in "
            "willekeurig gelote districten, regio's of afdelingen, met open, waarderende vragen. "
            "Een interview telt pas mee als de geïnterviewden het verslag hebben bevestigd."
        )
    )
    documents = method.delivered_documents
    interviews = method.confirmed_interviews
    places = ", ".join(f"{place.name} ({place.kind.lower()})" for place in method.drawn_places)
    for line in (
        ngettext("%(n)s geleverd document", "%(n)s geleverde documenten", documents)
        % {"n": documents},
        ngettext("%(n)s bevestigd interview", "%(n)s bevestigde interviews", interviews)
        % {"n": interviews},
        f"{_('Gelote plaatsen')}: {places or _('nog niet geloot')}",
    ):
        word.paragraph(line, style="List Bullet")


def _maturity(word: WordReport, document: UnitReportDocument) -> None:
    word.heading(1, "", _("3 Volwassenheid per principe"), "volwassenheid")
    rows = []
    for section in document.sections:
        if not section.assessed:
            continue  # a principle not assessed at the unit is absent, never "geen score"
        if section.score:
            rows.append(
                [
                    section.principle.name,
                    section.score.get_level_display(),
                    section.score.justification,
                ]
            )
        else:
            rows.append([section.principle.name, _("nog geen score"), "–"])
    word.table(
        _("Volwassenheid van %(unit)s per principe, met onderbouwing")
        % {"unit": document.unit.name},
        [_("Managementprincipe"), _("Niveau"), _("Onderbouwing")],
        rows,
    )


def _findings(word: WordReport, document: UnitReportDocument, section: PrincipleSection) -> None:
    word.heading(2, "", section.principle.name, f"bevindingen-{section.principle.code}")
    word.heading(3, "", _("Observaties"))
    _list_or_none(word, [f.text for f in section.observations], _("Geen observaties."))
    word.heading(3, "", _("Waar kunnen we van elkaar leren"))
    _list_or_none(word, [f.text for f in section.good_practices], _("Geen goede praktijken."))
    if section.quotes:
        word.heading(3, "", _("Citaten"))
        for quote in section.quotes:
            # Attributed to the unit's report, never to the person interviewed.
            word.paragraph(f"“{quote.text}”", style="Quote")
            word.paragraph(
                _("Uit het rapport van %(unit)s") % {"unit": document.unit.name}, style="Caption"
            )
    word.heading(3, "", _("Waar is verbetering nodig"))
    for line in section.recommendations:
        _recommendation(word, line)
    if not section.recommendations:
        word.paragraph(_("Geen aanbevelingen."))


def _list_or_none(word: WordReport, texts: list[str], none: str) -> None:
    for text in texts:
        word.paragraph(text, style="List Bullet")
    if not texts:
        word.paragraph(none)


def _recommendation(word: WordReport, line: RecommendationLine) -> None:
    recommendation = line.recommendation
    paragraph = word.paragraph()
    word.text(paragraph, recommendation.title, bold=True)
    priority = recommendation.get_priority_display().lower()
    word.text(paragraph, " (" + _("prioriteit %(priority)s") % {"priority": priority} + ")")
    word.paragraph(recommendation.text)
    answer = line.answer
    if answer is None:
        return
    paragraph = word.paragraph()
    word.text(
        paragraph,
        f"{_('Reactie van de directie')}: {answer.get_recognition_display()}.",
        bold=True,
    )
    if answer.explanation:
        word.text(paragraph, f" {answer.explanation}")
    if answer.intended_actions:
        paragraph = word.paragraph()
        word.text(paragraph, f"{_('Voorgenomen acties')}:", bold=True)
        word.text(paragraph, f" {answer.intended_actions}")


def _response(word: WordReport, document: UnitReportDocument) -> None:
    word.heading(1, "", _("5 Managementreactie"), "reactie")
    response = document.response
    if response:
        word.paragraph(
            _("Ingediend op %(date)s door %(who)s.")
            % {"date": _date(response.submitted_at), "who": response.updated_by}
        )
        word.paragraph(response.overall)
        if document.recommendation_count:
            word.paragraph(
                _("De reactie per aanbeveling staat bij de aanbevelingen in hoofdstuk 4.")
            )
    elif document.is_concept:
        word.paragraph(_("De directie reageert op het rapport nadat het met haar is afgestemd."))
    else:
        word.paragraph(_("De directie heeft nog geen managementreactie ingediend."))
