"""Reads of who writes the advice (step 1): the sections the lead advisers asked SBK to write,
and who wrote each section last (shown with the section). Two queries for the whole advice."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from herstel.constants import AdviceSection, Capacity
from herstel.models import Advice, AdviceSectionAssignment, AdviceSectionAuthor
from herstel.rules import advice_section_editable
from uwvkms.dates import dutch


def authorship_line(author: AdviceSectionAuthor) -> str:
    """ "geschreven door Sanne SBK (SBK), 3 december 2026"."""
    values = {"who": author.written_by, "when": dutch(timezone.localdate(author.written_at))}
    if author.as_sbk:
        return _("geschreven door %(who)s (SBK), %(when)s") % values
    return _("geschreven door %(who)s, %(when)s") % values


@dataclass(frozen=True)
class SectionView:
    """One section of the advice as the page shows it."""

    section: AdviceSection
    text: str
    authorship: str
    assignment: AdviceSectionAssignment | None
    editable: bool  # by this reader, as SBK (the lead advisers edit the whole advice)


@dataclass(frozen=True)
class AdviceSections:
    sections: list[SectionView]
    assignments: list[AdviceSectionAssignment]

    @property
    def unassigned(self) -> list[AdviceSection]:
        asked = {a.section for a in self.assignments}
        return [s for s in AdviceSection if s.value not in asked]

    @property
    def sbk_editable(self) -> list[SectionView]:
        return [s for s in self.sections if s.editable]

    def authorship(self) -> dict[str, str]:
        return {s.section.value: s.authorship for s in self.sections if s.authorship}


def advice_sections(advice: Advice, *, capacities, step: str) -> AdviceSections:
    """The sections with their text, last writer and question to SBK; `editable` marks those
    the reader may write as SBK now (rules.advice_section_editable, without the lead advisers'
    right to the whole advice)."""
    assignments = list(
        AdviceSectionAssignment.objects.filter(advice=advice)
        .select_related("asked_by")
        .order_by("asked_at", "id")
    )
    by_section = {a.section: a for a in assignments}
    authors = {
        a.section: a
        for a in AdviceSectionAuthor.objects.filter(advice=advice).select_related("written_by")
    }
    as_sbk = Capacity.LEAD_ADVISER not in set(capacities)
    sections = [
        SectionView(
            section=section,
            text=getattr(advice, section.value),
            authorship=authorship_line(authors[section.value]) if section in authors else "",
            assignment=by_section.get(section.value),
            editable=as_sbk
            and advice_section_editable(
                capacities=capacities, step=step, section=section.value, assigned=by_section
            ),
        )
        for section in AdviceSection
    ]
    return AdviceSections(sections=sections, assignments=assignments)
