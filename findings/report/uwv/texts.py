"""The UWV-wide report's texts: the author, Bijlage 2's principle summaries, the footnotes, and
the narrative sections the data cannot write, from `ReportNarrative` (the coordination team's
text) or a generated default."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audits.models import AssessedPrinciple, AuditCycle
from audits.selectors import exclusions_of
from findings.constants import DEFAULT_ADDRESSEES, DEFAULT_CHAPTER_10_TITLE, NarrativeKey
from findings.models import MainFinding
from findings.report.uwv.front import examples_and_attention
from findings.report.uwv.model import Footnote, Narrative, long_date
from findings.selectors.narratives import front_matter_of, narrative_texts
from uwvkms.models import BusinessUnit

AUTHOR = "Coördinatieteam Interne Toets KMS"

# Bijlage 2: what each of UWV's eight management principles asks (our own summary).
PRINCIPLE_SUMMARIES = {
    "klantgerichtheid": "De behoeften en verwachtingen van cliënten en interne klanten zijn bekend "
    "en sturen de dienstverlening; klantinformatie wordt gemeten en benut om te verbeteren.",
    "leiderschap": "Leidinggevenden geven richting, maken doelen en kwaliteitsbeleid concreet en "
    "scheppen de voorwaarden waarin medewerkers kwaliteit kunnen leveren.",
    "vakmanschap": "Medewerkers zijn bekwaam, worden ontwikkeld en betrokken, en hun kennis wordt "
    "gedeeld en geborgd.",
    "procesbenadering": "Werk is georganiseerd als samenhangende processen met eigenaren, "
    "afspraken en meetpunten, ook over de grenzen van bedrijfsonderdelen heen.",
    "continu-leren": "Afwijkingen, klachten en signalen worden structureel geanalyseerd; "
    "verbeteringen worden doorgevoerd en hun effect wordt vastgesteld.",
    "besturing": "Taken, verantwoordelijkheden en bevoegdheden zijn belegd; eigenaren nemen "
    "besluiten op basis van feiten en leggen die vast.",
    "operationele-kwaliteit": "Juistheid, tijdigheid, volledigheid en efficiëntie van producten en "
    "diensten worden aantoonbaar vastgesteld tegen interne en externe normen.",
    "sturen-verantwoorden": "Plannen, doelen en indicatoren vormen een gesloten PDCA-cyclus; "
    "rapportages leiden tot bijsturing en verantwoording.",
}


def footnotes_of(exclusions) -> dict[str, Footnote]:
    """The report's footnotes, numbered in the order the body uses them; the exclusion note only
    when a unit is excluded (the one place besides the exclusion facts that names it)."""
    texts = {
        "afronding": _(
            "Het gemiddelde is het rekenkundig gemiddelde van de ingediende scores van de "
            "onderdelen waar het principe is getoetst, getoond met twee decimalen en "
            "rekenkundig afgerond (2,5 wordt 3). Een niet getoetst principe telt niet mee, "
            "ook niet als nul."
        ),
        "uitsluiting": _(
            "Niet meegeteld (niet representatief getoetst): %(units)s. Hun bevindingen en "
            "aanbevelingen staan in hun eigen rapport, niet in de UWV-brede cijfers."
        )
        % {"units": "; ".join(f"{e.unit.name}: {e.reason}" for e in exclusions)}
        if exclusions
        else "",
        "basic": _(
            "De Basics zijn UWV-brede afspraken over standaard managementprocessen. Basic "
            "Kwaliteitsmanagement is geen managementprincipe; het wordt per onderdeel wel op "
            "dezelfde schaal gescoord."
        ),
    }
    used = [key for key in ("uitsluiting", "afronding", "basic") if texts.get(key)]
    return {key: Footnote(number=i, text=texts[key]) for i, key in enumerate(used, start=1)}


def narratives_of(
    cycle, *, status, principles, main_findings, examples, unit_count, addressees: str
):
    """The coordination team's texts, or the generated default per section."""
    stored = narrative_texts(cycle)
    defaults = default_narratives(
        cycle,
        principles=principles,
        main_findings=main_findings,
        examples=[e.unit for e in examples["execution"] + examples["other"]],
        unit_count=unit_count,
        addressees=addressees,
    )
    result = {}
    for key in NarrativeKey:
        text = stored.get(key.value)
        result[key.value] = Narrative(
            key=key.value,
            paragraphs=paragraphs(text if text is not None else defaults[key.value]),
            is_default=text is None,
        )
    return result


def default_texts_of(cycle: AuditCycle, *, addressees: str = "") -> dict[str, str]:
    """The generated default of every narrative section of `cycle` (for the editing page);
    `addressees` as the team set them (empty: the default)."""
    principles = list(cycle.principles.all())
    units = {u.id: u for u in BusinessUnit.objects.order_by("name")}
    excluded = {e.unit_id for e in exclusions_of(cycle)}
    counted = (
        set(AssessedPrinciple.objects.filter(cycle=cycle).values_list("unit_id", flat=True))
        - excluded
    )
    examples, _attention = examples_and_attention(
        cycle, units=units, excluded=excluded, principles=principles, items={}
    )
    return default_narratives(
        cycle,
        principles=[p.name for p in principles if not p.is_basic],
        main_findings=list(
            MainFinding.objects.filter(theme__cycle=cycle, theme__withdrawn_at__isnull=True)
            .order_by("theme__title", "theme_id")
            .values_list("title", flat=True)
        ),
        examples=[e.unit for e in examples["execution"] + examples["other"]],
        unit_count=len(counted),
        addressees=addressees,
    )


@dataclass(frozen=True)
class FrontMatter:
    """The report's date (a Dutch long date), to whom it goes and chapter 10's title."""

    date: str
    addressees: str
    chapter_10_title: str


def front_matter_values(cycle: AuditCycle, *, dated: datetime.date) -> FrontMatter:
    """The front matter the coordination team set for `cycle`, the defaults where it set none:
    without a report date the report carries `dated` (the day the version was published, or
    today for the live concept; never the day of a later re-render). One query."""
    front = front_matter_of(cycle)
    return FrontMatter(
        date=long_date(front.report_date if front and front.report_date else dated),
        addressees=(front and front.addressees) or str(DEFAULT_ADDRESSEES),
        chapter_10_title=(front and front.chapter_10_title) or str(DEFAULT_CHAPTER_10_TITLE),
    )


def paragraphs(text: str) -> list[str]:
    """Plain text → paragraphs (blank line between); the template escapes them."""
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def enumerate_names(names: list[str]) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return _("%(first)s en %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def default_narratives(
    cycle: AuditCycle,
    *,
    principles: list[str],
    main_findings: list[str],
    examples: list[str],
    unit_count: int,
    addressees: str = "",
) -> dict[str, str]:
    """A sensible starting text for each narrative section, from the cycle's data, naming the
    report's `addressees` (empty: the RvB and the Groepsraad)."""
    year = cycle.year
    inleiding = "\n\n".join(
        [
            _(
                "Jaarlijks toetst UWV of zijn kwaliteitsmanagementsysteem (KMS) werkt zoals "
                "bedoeld. De Interne Toets KMS %(year)s kijkt bij %(count)s "
                "bedrijfsonderdelen hoe de managementprincipes %(principles)s in de praktijk zijn "
                "ingericht en hoe volwassen het kwaliteitsmanagement daarin is."
            )
            % {"year": year, "count": unit_count, "principles": enumerate_names(principles)},
            _(
                "De toets is geen oordeel over de kwaliteit van de dienstverlening zelf, maar over "
                "de manier waarop bedrijfsonderdelen die kwaliteit beheersen en verbeteren. Elk "
                "bedrijfsonderdeel ontving een eigen rapport; dit rapport brengt de lijnen UWV-"
                "breed samen voor %(addressees)s."
            )
            % {"addressees": addressees or DEFAULT_ADDRESSEES},
        ]
    )
    dankwoord = _(
        "Wij danken de directies en medewerkers van de bedrijfsonderdelen voor hun openheid in de "
        "gesprekken en het aanleveren van de documentatie, en de toetsers uit de hele organisatie "
        "voor hun inzet naast hun eigen werk."
    )
    goed = (
        _(
            "Wij zien bij veel bedrijfsonderdelen een managementsysteem dat in opzet aanwezig is "
            "en waarin kwaliteit een vaste plek heeft in het gesprek tussen leiding en "
            "medewerkers. Goede voorbeelden vonden wij onder meer bij %(units)s."
        )
        % {"units": enumerate_names(examples)}
        if examples
        else _(
            "Wij zien bij veel bedrijfsonderdelen een managementsysteem dat in opzet aanwezig is "
            "en waarin kwaliteit een vaste plek heeft in het gesprek tussen leiding en "
            "medewerkers."
        )
    )
    samenvatting = "\n\n".join(
        [
            goed,
            ngettext(
                "Over de bedrijfsonderdelen heen komt één hoofdbevinding naar voren: %(titles)s. "
                "Hoofdstuk 5 licht die toe met een UWV-breed advies.",
                "Over de bedrijfsonderdelen heen komen %(count)s hoofdbevindingen naar voren: "
                "%(titles)s. Hoofdstuk 5 licht ze toe, elk met een UWV-breed advies.",
                len(main_findings),
            )
            % {"count": len(main_findings), "titles": enumerate_names(main_findings)}
            if main_findings
            else _("Er zijn (nog) geen hoofdbevindingen vastgesteld."),
        ]
    )
    beschouwing = _(
        "De uitkomsten laten zien dat het kwaliteitsmanagement van UWV op weg is naar het niveau "
        "waarop het systeem actief wordt gebruikt om te sturen. De hoofdbevindingen vragen een "
        "UWV-brede aanpak; het coördinatieteam volgt de opvolging van de aanbevelingen via de "
        "vervolgacties van de bedrijfsonderdelen en komt daar in de volgende toets op terug."
    )
    return {
        NarrativeKey.INLEIDING.value: inleiding,
        NarrativeKey.DANKWOORD.value: dankwoord,
        NarrativeKey.SAMENVATTING.value: samenvatting,
        NarrativeKey.BESCHOUWING.value: beschouwing,
    }
