"""The UWV-wide report's fixed texts: the author, the generated blocks' footnotes and the front
matter (date, addressees) the coordination team keeps. Bijlage 1 and 2 read theirs from the
reference data (`maturity.selectors.level_meanings`, `audits.selectors.reference_text` and the
principles' own texts)."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from audits.models import AuditCycle
from findings.constants import DEFAULT_ADDRESSEES
from findings.report.uwv.model import long_date
from findings.selectors.narratives import front_matter_of

AUTHOR = "Coördinatieteam Interne Toets KMS"


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
