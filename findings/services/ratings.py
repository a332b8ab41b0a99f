"""Writes of the audit's own evaluation (DOMAIN.md §4): a participant rates the audit of a cycle
1–10 with a comment, once per person per cycle; they may change their own rating. Recorded
old → new."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audits.models import AuditCycle
from findings.events import AUDIT_RATING_CHANGED, AUDIT_RATING_CREATED
from findings.models import AuditRating
from findings.selectors.ratings import RATINGS, rater_position
from uwvkms.models import User
from uwvkms.services import audit_event_record

RATING_RANGE_MESSAGE = gettext_lazy("Geef een cijfer: een geheel getal van 1 tot en met 10.")


@transaction.atomic
def audit_rating_save(
    *, actor: User, cycle: AuditCycle, rating: int, comment: str = ""
) -> AuditRating:
    """Rate the audit of `cycle` as `actor`: their first rating, or a change to their own.
    Only for participants (the boards of assessed units, the auditors assigned in the cycle);
    the rating is a whole number from 1 to 10."""
    position = rater_position(actor, cycle)
    if position is None:
        raise PermissionDenied(
            _("Alleen wie aan de toets deelnam (getoetst of als toetser) beoordeelt de toets.")
        )
    if isinstance(rating, bool) or not isinstance(rating, int) or rating not in RATINGS:
        raise ValidationError({"rating": RATING_RANGE_MESSAGE})
    comment = comment.strip()
    existing = AuditRating.objects.select_for_update().filter(cycle=cycle, rater=actor).first()
    if existing is None:
        created = AuditRating(
            cycle=cycle,
            rater=actor,
            rater_role=position.role,
            unit=position.unit,
            rating=rating,
            comment=comment,
        )
        created.full_clean()
        created.save()
        audit_event_record(
            event=AUDIT_RATING_CREATED,
            actor=actor,
            target=created,
            changes={"rating": [None, rating], **({"comment": [None, comment]} if comment else {})},
        )
        return created
    changes = {
        f: [getattr(existing, f), v]
        for f, v in (("rating", rating), ("comment", comment))
        if getattr(existing, f) != v
    }
    if changes:
        existing.rating, existing.comment = rating, comment
        existing.full_clean()
        existing.save(update_fields=["rating", "comment"])
        audit_event_record(
            event=AUDIT_RATING_CHANGED, actor=actor, target=existing, changes=changes
        )
    return existing
