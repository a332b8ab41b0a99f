"""Choices, transition tables and defaults of findings, responses and follow-up (DOMAIN.md §4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# A theme found at this many units or more is a rode draad, unless the cycle sets another number.
DEFAULT_THREAD_THRESHOLD = 3


class FindingKind(models.TextChoices):
    OBSERVATIE = "observatie", _("Observatie")
    GOEDE_PRAKTIJK = "goede_praktijk", _("Goede praktijk (waar kunnen we van elkaar leren)")


class Priority(models.TextChoices):
    HOOG = "hoog", _("Hoog")
    MIDDEN = "midden", _("Midden")
    LAAG = "laag", _("Laag")


class UnitReportStatus(models.TextChoices):
    """A unit report is agreed with the unit's board before it is final."""

    CONCEPT = "concept", _("Concept")
    AFGESTEMD = "afgestemd", _("Afgestemd")
    DEFINITIEF = "definitief", _("Definitief")


# (from, to) moves of a unit report.
UNIT_REPORT_TRANSITIONS: frozenset[tuple[str, str]] = frozenset(
    {
        (UnitReportStatus.CONCEPT, UnitReportStatus.AFGESTEMD),
        (UnitReportStatus.AFGESTEMD, UnitReportStatus.DEFINITIEF),
        (UnitReportStatus.AFGESTEMD, UnitReportStatus.CONCEPT),
    }
)


class Recognition(models.TextChoices):
    """The board's answer to a recommendation."""

    HERKEND = "herkend", _("Herkend")
    DEELS_HERKEND = "deels_herkend", _("Deels herkend")
    NIET_HERKEND = "niet_herkend", _("Niet herkend")


class ResponseStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    INGEDIEND = "ingediend", _("Ingediend")


class ActionStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    IN_UITVOERING = "in_uitvoering", _("In uitvoering")
    GEREED = "gereed", _("Gereed")
    VERVALLEN = "vervallen", _("Vervallen")


class EffectConclusion(models.TextChoices):
    """What the improvement delivered (the report's first main finding: measure effect, not only
    whether the action was done)."""

    BEREIKT = "bereikt", _("Effect bereikt")
    DEELS = "deels", _("Deels bereikt")
    NIET = "niet", _("Niet bereikt")


class RaterRole(models.TextChoices):
    GETOETSTE = "getoetste", _("Getoetste (bedrijfsonderdeel)")
    TOETSER = "toetser", _("Toetser")


# The report's front matter by default (DOMAIN.md §5): to whom it goes; chapter 10's title in
# the default structure.
DEFAULT_ADDRESSEES = _("de Raad van Bestuur en de Groepsraad")
DEFAULT_CHAPTER_10_TITLE = _("Managementreacties en beschouwing")


class SectionStatus(models.TextChoices):
    """Where a chapter or section of the UWV-wide report stands (issue 18): the writer's concept,
    offered for review, agreed by a team member other than its last editor (four eyes)."""

    CONCEPT = "concept", _("Concept")
    REVIEW = "review", _("Klaar voor review")
    AKKOORD = "akkoord", _("Akkoord")


# The content type of the Word files the reports are exported as (issue 18).
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class MaterialKind(models.TextChoices):
    """What the coordination team picks or writes into a section of the UWV-wide report beside
    its text (issue 18)."""

    VOORBEELD = "voorbeeld", _("Goed voorbeeld")
    CITAAT = "citaat", _("Citaat")
    OBSERVATIE = "observatie", _("UWV-brede observatie")
    AANBEVELING = "aanbeveling", _("UWV-brede aanbeveling")
