"""The invitation link: a one-time link with which an invited user sets their own password.

Made with Django's token generator (`PasswordResetTokenGenerator`) under a salt of its own, so a
password-reset token is no invitation and the other way round. A token is bound to the account's
password and last login: it is spent once the password is set, and a new invitation (which gives
the account a new unusable password) makes the earlier links useless. It expires after
INVITATION_TIMEOUT_DAYS (three unless configured), not after PASSWORD_RESET_TIMEOUT (the short
life of a reset link); the Beheerder can send a new one."""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode

from uwvkms.models import User


def invitation_timeout_seconds() -> int:
    """How long an invitation link works (INVITATION_TIMEOUT_DAYS), in seconds."""
    return settings.INVITATION_TIMEOUT_DAYS * 24 * 60 * 60


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Django's generator with its own salt and its own validity. Django's `check_token` compares
    the age with PASSWORD_RESET_TIMEOUT itself, so the check is redone here with the same steps
    (the timestamp, the signature under the secret or a fallback, then the age)."""

    key_salt = "uwvkms.users.invitation.InvitationTokenGenerator"

    def check_token(self, user, token) -> bool:
        if not (user and token):
            return False
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        return (self._num_seconds(self._now()) - ts) <= invitation_timeout_seconds()


invitation_tokens = InvitationTokenGenerator()


def invitation_path(user: User) -> str:
    """The path of a fresh invitation link for `user` (the mail makes it absolute)."""
    return reverse(
        "invitation_accept",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_tokens.make_token(user),
        },
    )


def invited_user(uidb64: str, token: str) -> User | None:
    """The invited user this link is for, or None when the link is unknown, spent or expired,
    or the account was deactivated meanwhile."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None or user.has_usable_password():
        return None
    return user if invitation_tokens.check_token(user, token) else None
