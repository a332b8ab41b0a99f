"""The invitation link: a one-time link with which an invited user sets their own password.

Made with Django's token generator (`PasswordResetTokenGenerator`) under a salt of its own, so a
password-reset token is no invitation and the other way round. A token is bound to the account's
password and last login: it is spent once the password is set, and a new invitation (which gives
the account a new unusable password) makes the earlier links useless. It expires after
PASSWORD_RESET_TIMEOUT (three days unless configured); the Beheerder can send a new one."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from uwvkms.models import User


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "uwvkms.users.invitation.InvitationTokenGenerator"


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
