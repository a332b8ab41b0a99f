"""The generated blocks the coordination team can place in a chapter or section of the UWV-wide
report (issue 18): figures, tables and lists the app computes from the cycle's data, shown after
the team's own text in the order the team chose. Each block says when it has nothing to show:
a Definitief version is refused while a chosen block is empty and the team has not declared it
"niet van toepassing" (`findings.selectors.publishing`).

The templates render block `key` with the partial `block-<key>` of
`findings/report/uwv_blocks.html`; the Word export has one function per key."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class BlockKind:
    key: str
    label: Promise
    # A principle block shows the figures or items of its chapter's principle.
    needs_principle: bool
    # (report, principle data or None) → nothing to show.
    is_empty: Callable
    # The generated footnote the block carries at its first use (see texts.footnotes_of).
    footnote: str = ""


def _never(report, principle) -> bool:
    return False


BLOCKS: dict[str, BlockKind] = {
    block.key: block
    for block in (
        BlockKind("leeswijzer", _("Opbouw van het rapport (de hoofdstukken)"), False, _never),
        BlockKind(
            "scope",
            _("Scope: getoetste principes, meegetelde en uitgesloten onderdelen"),
            False,
            lambda r, p: not r.units_assessed,
            footnote="uitsluiting",
        ),
        BlockKind(
            "bronnen",
            _("Het toetsteam en de aantallen documenten en interviews"),
            False,
            lambda r, p: not r.documents_checked and not r.interviews_held and not r.team_sentence,
        ),
        BlockKind("lotingen", _("Tabel getrokken locaties"), False, lambda r, p: not r.draws),
        BlockKind(
            "kalibratie",
            _("Volwassenheidsmodel en aantal kalibratiesessies"),
            False,
            lambda r, p: not r.calibration_sessions,
        ),
        BlockKind(
            "afstemming",
            _("Tabel afstemming van de rapporten per onderdeel"),
            False,
            lambda r, p: not r.unit_statuses,
        ),
        BlockKind("rode_draden", _("Lijst van rode draden"), False, lambda r, p: not r.threads),
        BlockKind(
            "grafiek",
            _("Staafdiagram volwassenheid per principe"),
            False,
            lambda r, p: not any(bar.value for bar in r.chart.bars),
        ),
        BlockKind(
            "cijfers",
            _("Tabel volwassenheid per principe"),
            False,
            lambda r, p: not any(line.overall.mean for line in r.maturity),
            footnote="afronding",
        ),
        BlockKind(
            "verdeling",
            _("Verdeling van de niveaus per principe"),
            False,
            lambda r, p: not any(sum(line.overall.distribution) for line in r.maturity),
        ),
        BlockKind(
            "aandacht",
            _("Principes en onderdelen onder niveau 3"),
            False,
            lambda r, p: not r.attention,
        ),
        BlockKind(
            "hoofdbevindingen",
            _("Lijst van de hoofdbevindingen"),
            False,
            lambda r, p: not r.main_findings,
        ),
        BlockKind(
            "hoofdbevindingen_uitgewerkt",
            _("De hoofdbevindingen uitgewerkt, elk als paragraaf met advies"),
            False,
            lambda r, p: not r.main_findings,
        ),
        BlockKind(
            "principe_cijfers",
            _("Cijfers van het principe"),
            True,
            lambda r, p: p is None or not p.figures.mean,
            footnote="basic",
        ),
        BlockKind(
            "principe_definitie",
            _("Definitie van het principe uit het toetskader"),
            True,
            lambda r, p: p is None or not p.definition,
        ),
        BlockKind(
            "observaties",
            _("Observaties van de onderdelen bij dit principe"),
            True,
            lambda r, p: p is None or not p.observations,
        ),
        BlockKind(
            "goede_praktijken",
            _("Goede praktijken van de onderdelen bij dit principe"),
            True,
            lambda r, p: p is None or not p.good_practices,
        ),
        BlockKind(
            "aanbevelingen",
            _("Aanbevelingen aan de onderdelen bij dit principe"),
            True,
            lambda r, p: p is None or not p.recommendations,
        ),
        BlockKind(
            "herkenning",
            _("Herkenning van de aanbevelingen (aantallen)"),
            False,
            lambda r, p: not r.recognition.answered,
        ),
        BlockKind(
            "beoordeling",
            _("Beoordeling van de toets door de deelnemers"),
            False,
            lambda r, p: not r.rating_count,
        ),
        BlockKind("niveaus", _("De vijf niveaus en de niveaus per toetskader"), False, _never),
        BlockKind("principes", _("De managementprincipes van UWV"), False, _never),
    )
}


def block_choices(*, principle_chapter: bool) -> list[tuple[str, str]]:
    """The blocks the team can choose in a chapter or section (principle blocks only in a
    principle's chapter), as (key, label)."""
    return [
        (b.key, str(b.label)) for b in BLOCKS.values() if principle_chapter or not b.needs_principle
    ]
