"""Locking a cycle for a write, one way for every app.

A write that depends on the cycle's phase locks the cycle row first (two moves at once are
served one after the other). A cycle withdrawn meanwhile (`uwvkms.withdrawal`) is no longer
there for the default manager: the write is then refused with who withdrew it and why, never
answered with a server error."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from audits.models import AuditCycle


def cycle_lock(cycle_id: int) -> AuditCycle:
    """The cycle `cycle_id`, locked for this transaction; a ValidationError when it was
    withdrawn (or the row is gone)."""
    cycle = AuditCycle.with_withdrawn.select_for_update().filter(pk=cycle_id).first()
    if cycle is None:
        raise ValidationError(_("Deze toetscyclus bestaat niet meer."), code="withdrawn")
    if cycle.is_withdrawn:
        raise ValidationError(
            _("Toetscyclus %(year)s is ingetrokken. %(summary)s")
            % {"year": cycle.year, "summary": cycle.withdrawal_summary()},
            code="withdrawn",
        )
    return cycle
