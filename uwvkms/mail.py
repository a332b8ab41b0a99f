"""The e-mail of notifications (issue 16 §3): one mail per notification for those who want it
at once, one digest a day for those who want that. Sent by the task worker and the daily job,
never inside a web request.

A mail says what waits and where, nothing more: the kind, the object's title and an absolute
link (SITE_URL). A failure is logged and recorded on the notification (attempts, error) and tried
again by `manage.py meldingen_mailen` (the watchdog timer) until NOTIFICATION_EMAIL_MAX_ATTEMPTS;
nothing is lost silently.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from uwvkms.constants import Delivery
from uwvkms.models import Notification, User
from uwvkms.notifications import kind_label, unsent_immediate
from uwvkms.users.invitation import invitation_path

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    """The link in a mail: the site's address (SITE_URL) with the path."""
    return path if "://" in path else f"{settings.SITE_URL}{path}"


def _footer() -> str:
    return _(
        "U ontvangt dit bericht van uwvkms omdat er iets op u wacht. Hoe en wanneer u "
        "meldingen per e-mail ontvangt, stelt u in op uw profiel: %(url)s"
    ) % {"url": absolute_url(reverse("profile"))}


def notification_email(notification: Notification) -> tuple[str, str]:
    """The subject and body of the mail of one notification (Dutch)."""
    label = kind_label(notification.kind)
    subject = f"uwvkms: {label}"
    body = "\n\n".join(
        [
            _("Goedendag,"),
            f"{label}: {notification.title}",
            _("Bekijk het in uwvkms: %(url)s") % {"url": absolute_url(notification.url)},
            *(
                [
                    _(
                        "U wordt gevraagd hiervan kennis te nemen. Geef dat aan met "
                        "‘Kennisgenomen’ op uw meldingen: %(url)s"
                    )
                    % {"url": absolute_url(reverse("notification_list"))}
                ]
                if notification.asks_acknowledgement
                else []
            ),
            _footer(),
        ]
    )
    return subject, body + "\n"


def notification_email_send(*, notification_id: int) -> bool:
    """Mail one notification that is due to be mailed at once; True when it went out now.

    The row is locked while mailing (a task delivered twice, or the watchdog at the same time,
    waits and then finds it sent), so a mail goes out once. A recipient without an address is
    recorded and given up on; a failing server is logged, recorded and left for a retry."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True)
            .select_related("recipient")
            .filter(pk=notification_id, emailed_at__isnull=True, delivery=Delivery.IMMEDIATE)
            .first()
        )
        if notification is None:
            return False
        row = Notification.objects.filter(pk=notification.pk)
        address = notification.recipient.email
        if not address:
            logger.warning(
                "Notification %s not mailed: its recipient has no address", notification.pk
            )
            row.update(
                email_error=_("De ontvanger heeft geen e-mailadres."),
                email_attempts=settings.NOTIFICATION_EMAIL_MAX_ATTEMPTS,
            )
            return False
        subject, body = notification_email(notification)
        try:
            send_mail(subject, body, None, [address])
        except Exception as exc:
            logger.exception("Mailing notification %s failed", notification.pk)
            row.update(email_attempts=F("email_attempts") + 1, email_error=str(exc)[:1000])
            return False
        row.update(
            emailed_at=timezone.now(), email_attempts=F("email_attempts") + 1, email_error=""
        )
        return True


def notification_emails_retry() -> int:
    """Try again every immediate mail that has not gone out (a failure, or a queue that lost
    it), each up to NOTIFICATION_EMAIL_MAX_ATTEMPTS; returns how many went out now."""
    ids = list(
        unsent_immediate(settings.NOTIFICATION_EMAIL_MAX_ATTEMPTS)
        # Leave the worker a moment for a mail that was only just enqueued.
        .filter(created_at__lt=timezone.now() - datetime.timedelta(minutes=2))
        .values_list("pk", flat=True)
    )
    return sum(notification_email_send(notification_id=pk) for pk in ids)


def digest_email(user: User, notifications: list[Notification]) -> tuple[str, str]:
    """The subject and body of one user's daily digest (Dutch): one line per notification."""
    subject = _("uwvkms: %(n)d meldingen van vandaag") % {"n": len(notifications)}
    lines = [f"- {kind_label(n.kind)}: {n.title}\n  {absolute_url(n.url)}" for n in notifications]
    body = "\n\n".join(
        [
            _("Goedendag,"),
            _("Dit wacht op u in uwvkms:"),
            "\n".join(lines),
            _("Alle meldingen: %(url)s") % {"url": absolute_url(reverse("notification_list"))},
            _footer(),
        ]
    )
    return subject, body + "\n"


def invitation_email(user: User, link: str) -> tuple[str, str]:
    """The subject and body of an invitation (Dutch): who invites, the one-time link, how long it
    works (INVITATION_TIMEOUT_DAYS). No roles or other details: mail leaves the building."""
    days = settings.INVITATION_TIMEOUT_DAYS
    validity = ngettext("%(days)d dag", "%(days)d dagen", days) % {"days": days}
    subject = _("Uitnodiging voor uwvkms")
    body = "\n\n".join(
        [
            _("Goedendag %(name)s,") % {"name": user.get_full_name() or user.username},
            _(
                "Er is een account voor u aangemaakt in uwvkms (Interne Toets KMS en "
                "herstelacties van UWV). Uw gebruikersnaam is: %(username)s"
            )
            % {"username": user.username},
            _("Stel via deze link uw eigen wachtwoord in: %(url)s") % {"url": link},
            _(
                "De link werkt één keer en is %(validity)s geldig. Werkt hij niet meer, vraag "
                "dan de functioneel beheerder om een nieuwe uitnodiging."
            )
            % {"validity": validity},
        ]
    )
    return subject, body + "\n"


def invitation_email_send(*, user_id: int) -> bool:
    """Mail an invited user their one-time link (made now, for the account as it is now); True
    when it went out. An account that meanwhile has a password, was deactivated or has no
    address gets nothing; a failing server is logged, and the Beheerder sends a new invitation."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.has_usable_password() or not user.email:
        logger.warning("Invitation of user %s not mailed: not (or no longer) invited", user_id)
        return False
    subject, body = invitation_email(user, absolute_url(invitation_path(user)))
    try:
        send_mail(subject, body, None, [user.email])
    except Exception:
        logger.exception("Mailing the invitation of user %s failed", user_id)
        return False
    return True


def task_enqueue_after_commit(task_path: str, **kwargs) -> None:
    """Hand a mail to the task worker once the change that asks it committed. The task is named
    by its dotted path (the task module imports this one). A queue that refuses is logged: the
    change itself stands."""

    def enqueue() -> None:
        try:
            import_string(task_path).enqueue(**kwargs)
        except Exception:
            logger.exception("Enqueueing %s failed", task_path)

    transaction.on_commit(enqueue)


def _account_greeting(user: User) -> str:
    return _("Goedendag %(name)s,") % {"name": user.get_full_name() or user.username}


def _not_you() -> str:
    return _(
        "Heeft u hier niet om gevraagd, neem dan direct contact op met de functioneel beheerder "
        "van uwvkms."
    )


def email_changed_email(user: User) -> tuple[str, str]:
    """The subject and body of the notice to an account's OLD address that its e-mail address
    was changed (Dutch). The new address is not in it: it would tell whoever changed it nothing,
    and the owner of the old address whose account it is can ask."""
    subject = _("Uw e-mailadres in uwvkms is gewijzigd")
    body = "\n\n".join(
        [
            _account_greeting(user),
            _(
                "Het e-mailadres van uw account %(username)s in uwvkms is gewijzigd. Berichten "
                "en links om uw wachtwoord te herstellen gaan voortaan naar het nieuwe adres, "
                "niet meer naar dit adres."
            )
            % {"username": user.username},
            _not_you(),
        ]
    )
    return subject, body + "\n"


def mfa_reset_email(user: User) -> tuple[str, str]:
    """The subject and body of the notice that a Beheerder reset the user's two-step
    verification (Dutch)."""
    subject = _("Uw tweestapsverificatie in uwvkms is gereset")
    body = "\n\n".join(
        [
            _account_greeting(user),
            _(
                "De functioneel beheerder heeft de tweestapsverificatie van uw account "
                "%(username)s in uwvkms gereset: uw authenticator-app en uw herstelcodes werken "
                "niet meer. Waar tweestapsverificatie verplicht is, stelt u haar bij de volgende "
                "keer inloggen opnieuw in."
            )
            % {"username": user.username},
            _not_you(),
        ]
    )
    return subject, body + "\n"


def _account_notice_send(*, address: str, subject: str, body: str, what: str) -> bool:
    if not address:
        logger.warning("%s not mailed: no address", what)
        return False
    try:
        send_mail(subject, body, None, [address])
    except Exception:
        logger.exception("Mailing %s failed", what)
        return False
    return True


def email_changed_email_send(*, user_id: int, old_address: str) -> bool:
    """Tell the old address of a user that their e-mail address was changed; True when it went
    out. A failing server is logged (the change stands)."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return False
    subject, body = email_changed_email(user)
    return _account_notice_send(
        address=old_address,
        subject=subject,
        body=body,
        what=f"the e-mail change notice of user {user_id}",
    )


def mfa_reset_email_send(*, user_id: int) -> bool:
    """Tell a user that a Beheerder reset their two-step verification; True when it went out."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return False
    subject, body = mfa_reset_email(user)
    return _account_notice_send(
        address=user.email,
        subject=subject,
        body=body,
        what=f"the MFA reset notice of user {user_id}",
    )
