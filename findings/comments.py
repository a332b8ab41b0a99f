"""The comment threads of findings (issue 21 §4), registered with the core's one comment
mechanism (`uwvkms.comments`): findings (observations, good practices) and recommendations are
discussed by the unit's audit team and the coordination team; the sections of the UWV-wide
report by the coordination team, who writes them. Nobody else reads these threads (not the
unit's board, not the RvB, not an auditor of another unit), and no report reads them."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audits.constants import AuditCapacity
from audits.selectors.capacities import audit_capacities, capacity_holders
from findings.models import Finding, Recommendation, ReportSection
from uwvkms.comments import CommentTarget, register
from uwvkms.constants import Role
from uwvkms.permissions import has_any_role

FINDINGS_READERS = frozenset({AuditCapacity.AUDITOR, AuditCapacity.COORDINATOR})


def may_read_item_thread(user, item: Finding | Recommendation) -> bool:
    """The auditors on the unit's audit team in the item's cycle and the coordination team:
    those who read the unit's findings page."""
    return bool(audit_capacities(user, cycle=item.cycle, unit=item.unit_id) & FINDINGS_READERS)


def may_read_section_thread(user, section: ReportSection) -> bool:
    """The coordination team, who writes the UWV-wide report."""
    return has_any_role(user, Role.COORDINATIETEAM)


def item_thread_readers(item: Finding | Recommendation):
    """Everyone `may_read_item_thread` lets in, as one query (who may be mentioned)."""
    return capacity_holders(allowed=FINDINGS_READERS, cycle=item.cycle, unit=item.unit_id)


def section_thread_readers(section: ReportSection):
    """Everyone `may_read_section_thread` lets in: the coordination team."""
    return capacity_holders(allowed={AuditCapacity.COORDINATOR})


def _item_page(user, item) -> str:
    url = reverse(
        "findings:unit_findings", kwargs={"year": item.cycle.year, "unit_id": item.unit_id}
    )
    return f"{url}#principe-{item.principle.code}"


def _finding_title(finding: Finding) -> str:
    return _("een bevinding over %(principle)s bij %(unit)s (%(year)s)") % {
        "principle": finding.principle,
        "unit": finding.unit,
        "year": finding.cycle.year,
    }


def _recommendation_title(recommendation: Recommendation) -> str:
    return _("een aanbeveling over %(principle)s bij %(unit)s (%(year)s)") % {
        "principle": recommendation.principle,
        "unit": recommendation.unit,
        "year": recommendation.cycle.year,
    }


def _section_title(section: ReportSection) -> str:
    return _("‘%(title)s’ in het UWV-rapport %(year)s") % {
        "title": section.title,
        "year": section.cycle.year,
    }


def _section_page(user, section: ReportSection) -> str:
    return reverse(
        "findings:uwv_report_section", kwargs={"year": section.cycle.year, "pk": section.pk}
    )


AUDIENCE = gettext_lazy("het auditteam van dit onderdeel en het coördinatieteam")


def register_comment_targets() -> None:
    register(
        CommentTarget(
            model=Finding,
            may_read=may_read_item_thread,
            title=_finding_title,
            page_url=_item_page,
            audience=AUDIENCE,
            queryset=lambda: Finding.objects.select_related("cycle", "unit", "principle"),
            readers=item_thread_readers,
        )
    )
    register(
        CommentTarget(
            model=Recommendation,
            may_read=may_read_item_thread,
            title=_recommendation_title,
            page_url=_item_page,
            audience=AUDIENCE,
            queryset=lambda: Recommendation.objects.select_related("cycle", "unit", "principle"),
            readers=item_thread_readers,
        )
    )
    register(
        CommentTarget(
            model=ReportSection,
            may_read=may_read_section_thread,
            title=_section_title,
            page_url=_section_page,
            audience=gettext_lazy("het coördinatieteam"),
            queryset=lambda: ReportSection.objects.select_related("cycle"),
            readers=section_thread_readers,
        )
    )
