"""Notifications of herstelacties (issue 16 §3): an action waiting for the DT's step-2A
decision (the DT members of the lead division, herstel/permissions.py) or the RvB's step-2B
decision (the RvB). Called by the step move inside its transaction."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from herstel.constants import Step
from herstel.models import Herstelactie
from uwvkms.constants import Role
from uwvkms.notifications import NotificationKind, notify
from uwvkms.selectors import users_with_role

AWAITING_DT = NotificationKind(
    "herstel.herstelactie.awaiting_dt", gettext_lazy("Herstelactie wacht op besluit DT (stap 2A)")
)
AWAITING_RVB = NotificationKind(
    "herstel.herstelactie.awaiting_rvb",
    gettext_lazy("Herstelactie wacht op besluit RvB (stap 2B)"),
)


def notify_step_reached(herstelactie: Herstelactie) -> None:
    """Tell whoever decides in the step the action just reached that it waits for them: the DT
    of the lead division in step 2A, the RvB in step 2B. Other steps notify nobody (yet)."""
    if herstelactie.step == Step.STAP_2A:
        kind = AWAITING_DT
        recipients = users_with_role(Role.DIRECTIE).filter(
            business_unit_id=herstelactie.lead_unit_id
        )
    elif herstelactie.step == Step.STAP_2B:
        kind, recipients = AWAITING_RVB, users_with_role(Role.RVB)
    else:
        return
    notify(
        kind=kind,
        recipients=recipients,
        # The action's title only: no clients, amounts or advice (mail leaves the building).
        title=_("Herstelactie ‘%(title)s’") % {"title": herstelactie.title},
        url=herstelactie.get_absolute_url(),
        target=herstelactie,
    )
