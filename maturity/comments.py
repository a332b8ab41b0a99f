"""The comment threads of maturity (issue 21 §4): a score is discussed by the audit team of its
unit and the coordination team, nobody else (not the unit's board, not the RvB, not an auditor
of another unit). Registered with the core's one comment mechanism (`uwvkms.comments`)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audits.constants import AuditCapacity
from audits.selectors.capacities import audit_capacities, capacity_holders
from maturity.models import Score
from uwvkms.comments import CommentTarget, register

SCORE_READERS = frozenset({AuditCapacity.AUDITOR, AuditCapacity.COORDINATOR})


def may_read_score_thread(user, score: Score) -> bool:
    """The auditors on the unit's audit team in the score's cycle and the coordination team."""
    return bool(audit_capacities(user, cycle=score.cycle, unit=score.unit_id) & SCORE_READERS)


def _title(score: Score) -> str:
    return _("de score voor %(principle)s bij %(unit)s (%(year)s)") % {
        "principle": score.principle,
        "unit": score.unit,
        "year": score.cycle.year,
    }


def _page_url(user, score: Score) -> str:
    held = audit_capacities(user, cycle=score.cycle, unit=score.unit_id)
    if AuditCapacity.AUDITOR in held:
        return reverse(
            "maturity:score_edit",
            kwargs={
                "year": score.cycle.year,
                "unit_id": score.unit_id,
                "principle_code": score.principle.code,
            },
        )
    return reverse(
        "maturity:calibration_score", kwargs={"year": score.cycle.year, "score_id": score.pk}
    )


def register_comment_targets() -> None:
    register(
        CommentTarget(
            model=Score,
            may_read=may_read_score_thread,
            title=_title,
            page_url=_page_url,
            audience=gettext_lazy("het auditteam van dit onderdeel en het coördinatieteam"),
            queryset=lambda: Score.objects.select_related("cycle", "unit", "principle"),
            readers=lambda score: capacity_holders(
                allowed=SCORE_READERS, cycle=score.cycle, unit=score.unit_id
            ),
        )
    )
