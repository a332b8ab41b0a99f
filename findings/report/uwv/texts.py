"""The UWV-wide report's fixed texts: the author, Bijlage 2's principle summaries, the generated
blocks' footnotes and the front matter (date, addressees) the coordination team keeps."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from audits.models import AuditCycle
from findings.constants import DEFAULT_ADDRESSEES
from findings.report.uwv.model import long_date
from findings.selectors.narratives import front_matter_of

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


def generated_footnotes(exclusions) -> dict[str, str]:
    """The texts of the footnotes the generated blocks carry (`blocks.BlockKind.footnote`); the
    exclusion note only when a unit is excluded (the one place besides the exclusion facts that
    names it)."""
    return {
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


@dataclass(frozen=True)
class FrontMatter:
    """The report's date (a Dutch long date) and to whom it goes."""

    date: str
    addressees: str


def front_matter_values(cycle: AuditCycle, *, dated: datetime.date) -> FrontMatter:
    """The front matter the coordination team set for `cycle`, the defaults where it set none:
    without a report date the report carries `dated` (the day the version was published, or
    today for the live concept; never the day of a later re-render). One query."""
    front = front_matter_of(cycle)
    return FrontMatter(
        date=long_date(front.report_date if front and front.report_date else dated),
        addressees=(front and front.addressees) or str(DEFAULT_ADDRESSEES),
    )
