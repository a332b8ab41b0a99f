"""Passwords of local accounts (issue 19 §1): a user changes their own (the current one asked)
or resets it through a link by e-mail; Django's validators plus a list of breached passwords
decide what is acceptable. The reset mail goes out from the task worker, so the answer to the
request neither waits for the mail server nor, by its timing, tells whether the address exists.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth.password_validation import CommonPasswordValidator, validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from uwvkms.events import PASSWORD_CHANGED, PASSWORD_RESET
from uwvkms.mail import absolute_url
from uwvkms.models import User
from uwvkms.services import audit_event_record

BREACHED_PASSWORDS = Path(__file__).resolve().parent / "data" / "breached-passwords.txt"


class BreachedPasswordValidator(CommonPasswordValidator):
    """Refuse a password from the committed list of breached and guessable passwords
    (uwvkms/data/breached-passwords.txt: the Dutch words, seasons, months, clubs and cities
    password spraying tries, with the years and endings people add, such as "Zomer2025!"),
    beside Django's list of 20,000 common ones (CommonPasswordValidator)."""

    def __init__(self, password_list_path=BREACHED_PASSWORDS):
        super().__init__(password_list_path)

    def get_error_message(self):
        return _("Dit wachtwoord staat op een lijst van gelekte of veelgebruikte wachtwoorden.")

    def get_help_text(self):
        return _("Uw wachtwoord mag niet op een lijst van gelekte wachtwoorden staan.")


def _password_set(*, user: User, password: str, event) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"new_password1": exc.messages}) from exc
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_event_record(event=event, actor=user, target=user)


@transaction.atomic
def password_change(*, user: User, current_password: str, password: str) -> None:
    """A user changes their own password: the current one must be right and the new one pass
    the validators. Their other sessions end (Django ties a session to the password's hash)."""
    if not user.check_password(current_password):
        raise ValidationError({"old_password": _("Uw huidige wachtwoord klopt niet.")})
    _password_set(user=user, password=password, event=PASSWORD_CHANGED)


@transaction.atomic
def password_reset_finish(*, user: User, password: str) -> None:
    """Set the password of a user who followed a valid reset link (the view checked the link);
    the link then no longer works, since its token hangs on the old password."""
    _password_set(user=user, password=password, event=PASSWORD_RESET)


def password_reset_email(user: User) -> tuple[str, str]:
    """The subject and body of a reset mail (Dutch), with the link for this user."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {
        "user": user,
        "url": absolute_url(path),
        "minutes": settings.PASSWORD_RESET_TIMEOUT // 60,
        "login_url": absolute_url(reverse("login")),
    }
    subject = render_to_string("registration/password_reset_subject.txt", context)
    body = render_to_string("registration/password_reset_email.txt", context)
    return " ".join(subject.split()), body


def password_reset_email_send(*, user_id: int) -> bool:
    """Mail a reset link to an active user with an address and a usable password (the task
    worker calls this; the link is made here, so no queue holds it). True when it went out."""
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None or not user.has_usable_password():
        return False
    subject, body = password_reset_email(user)
    send_mail(subject, body, None, [user.email])
    return True
