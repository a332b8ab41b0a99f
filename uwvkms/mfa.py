"""Two-factor authentication for local accounts (issue 19 §1): a TOTP authenticator app with
one-time recovery codes, through django-otp (its otp_totp and otp_static plugins).

Who must use it is one rule, `mfa_required_for` (the roles in MFA_REQUIRED_ROLES, everyone with
MFA_REQUIRED_FOR_ALL); `/beheer/` asks a verified session of everyone (MFA_REQUIRED_FOR_ADMIN).
A user sets it up on /profiel/; a new secret lives in their session until a code from it is
confirmed, so nothing is written before. Every change is recorded in the event log.
"""

import re
from base64 import b32encode
from binascii import unhexlify

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from uwvkms.constants import Role
from uwvkms.events import MFA_DISABLED, MFA_ENABLED, MFA_RECOVERY_CODES_GENERATED, MFA_RESET
from uwvkms.mail import task_enqueue_after_commit
from uwvkms.models import User
from uwvkms.permissions import require_role
from uwvkms.services import audit_event_record
from uwvkms.users.rules import protected_account_refusal

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator-app"
RECOVERY_NAME = "Herstelcodes"
TOTP_DIGITS = 6
# Enqueued by name: the task module imports the mail module.
MFA_RESET_TASK = "uwvkms.tasks.mfa_reset_email_task"


# --- rules ----------------------------------------------------------------------------------


def mfa_required(*, role_names: set[str], required_roles: list[str], for_all: bool) -> bool:
    """Whether someone holding `role_names` must use a second factor: everyone when it is
    required for all, else whoever holds one of the required roles (issue 19 §1: Beheerder and
    Coördinatieteam by default)."""
    return for_all or bool(role_names & set(required_roles))


def mfa_required_for(user) -> bool:
    """`mfa_required` for a logged-in user, with the settings."""
    if not getattr(user, "is_authenticated", False):
        return False
    if settings.MFA_REQUIRED_FOR_ALL:
        return True
    roles = {name for name in settings.MFA_REQUIRED_ROLES if user.has_role(Role(name))}
    return mfa_required(role_names=roles, required_roles=settings.MFA_REQUIRED_ROLES, for_all=False)


def normalised_code(code: str) -> str:
    """A code as typed, without spaces or dashes and in lower case (recovery codes are shown in
    groups; authenticator apps show "123 456")."""
    return re.sub(r"[\s-]", "", code or "").lower()


# --- reads ----------------------------------------------------------------------------------


def totp_device_of(user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def mfa_has_device(user: User) -> bool:
    """Whether the user set up an authenticator (the login then asks a code)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def mfa_set_up() -> Exists:
    """An expression over a user row: an authenticator is set up (recovery codes alone do not
    count). The one definition of "MFA ingesteld", for a list in the same query."""
    return Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))


def with_mfa_status(users: QuerySet[User]) -> QuerySet[User]:
    """`users` annotated with `has_mfa` (`mfa_set_up`), in the same query."""
    return users.annotate(has_mfa=mfa_set_up())


def recovery_codes_left(user: User) -> int:
    """How many unused recovery codes the user has."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def totp_secret_new() -> str:
    """A new TOTP secret (hex, 20 random bytes), for the set-up page to keep in the session."""
    return default_key()


def totp_secret_text(key: str) -> str:
    """The secret as an authenticator app asks it when typed (base32, in groups of four)."""
    encoded = b32encode(unhexlify(key)).decode()
    return " ".join(encoded[i : i + 4] for i in range(0, len(encoded), 4))


def totp_config_url(user: User, key: str) -> str:
    """The otpauth:// address the QR code holds."""
    return TOTPDevice(user=user, key=key, name=AUTHENTICATOR_NAME).config_url


def totp_qr_svg(url: str, *, title: str) -> str:
    """The QR code of `url` as inline SVG (no external service), with a title for screen
    readers."""
    import segno  # noqa: PLC0415  (only the set-up page needs it)

    svg = segno.make(url, error="m").svg_inline(scale=5, border=2, light="#fff", title=title)
    return svg.replace("<svg ", '<svg role="img" ', 1)


def totp_code_step(key: str, code: str) -> int | None:
    """The time step at which `code` is the code of `key` (the current one, or one step either
    way for a clock that drifts), or None when it is not."""
    code = normalised_code(code)
    if not (code.isdigit() and len(code) == TOTP_DIGITS):
        return None
    totp = TOTP(unhexlify(key), step=30, t0=0, digits=TOTP_DIGITS)
    return totp.t() if totp.verify(int(code), tolerance=1) else None


def is_authenticator_code(code: str) -> bool:
    """Whether a typed code has the shape of an authenticator's code (six digits); anything
    else is tried as a recovery code."""
    code = normalised_code(code)
    return code.isdigit() and len(code) == TOTP_DIGITS


# --- writes ---------------------------------------------------------------------------------


def _recovery_codes_new(user: User) -> list[str]:
    """Replace the user's recovery codes with new ones; returns them (shown once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def mfa_totp_enable(*, user: User, key: str, code: str) -> list[str]:
    """Confirm the authenticator app holding `key` with a `code` from it: it replaces any earlier
    one, new recovery codes replace the old, and the event log records it. Returns the recovery
    codes, to be shown this once. A wrong code changes nothing."""
    step = totp_code_step(key, code) if key else None
    if step is None:
        raise ValidationError(
            {"code": _("Deze code klopt niet. Typ de zes cijfers die de app nu toont.")}
        )
    had_device = mfa_has_device(user)
    TOTPDevice.objects.filter(user=user).delete()
    # The confirming code cannot be used again to log in.
    device = TOTPDevice(user=user, key=key, name=AUTHENTICATOR_NAME, confirmed=True, last_t=step)
    device.full_clean()
    device.save()
    codes = _recovery_codes_new(user)
    audit_event_record(
        event=MFA_ENABLED,
        actor=user,
        target=user,
        changes={"authenticator": [had_device, True]},
    )
    return codes


@transaction.atomic
def mfa_recovery_codes_regenerate(*, user: User) -> list[str]:
    """New recovery codes for a user with an authenticator; the old ones stop working."""
    if not mfa_has_device(user):
        raise ValidationError(_("Stel eerst tweestapsverificatie in."))
    left = recovery_codes_left(user)
    codes = _recovery_codes_new(user)
    audit_event_record(
        event=MFA_RECOVERY_CODES_GENERATED,
        actor=user,
        target=user,
        changes={"recovery_codes": [left, len(codes)]},
    )
    return codes


def _devices_remove(user: User) -> bool:
    had_device = mfa_has_device(user)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    return had_device


@transaction.atomic
def mfa_disable(*, user: User) -> None:
    """Switch off the user's own second factor; refused where it is required for them."""
    if mfa_required_for(user):
        raise ValidationError(_("Voor uw rol is tweestapsverificatie verplicht."))
    if not _devices_remove(user):
        raise ValidationError(_("U heeft geen tweestapsverificatie ingesteld."))
    audit_event_record(
        event=MFA_DISABLED, actor=user, target=user, changes={"authenticator": [True, False]}
    )


@transaction.atomic
def mfa_reset(*, actor: User, user: User, reason: str) -> None:
    """A Beheerder removes someone's authenticator and recovery codes (a lost phone), with the
    reason; that user sets it up again at their next login where it is required, and is told by
    mail (after the commit, by the task worker). Refused (PermissionDenied) for an account with
    access to the admin unless the actor is a superuser: a Beheerder must not take it over."""
    require_role(actor, Role.BEHEERDER)
    user = User.objects.get(pk=user.pk)
    if refusal := protected_account_refusal(
        actor_is_superuser=actor.is_superuser,
        is_staff=user.is_staff,
        is_superuser=user.is_superuser,
    ):
        raise PermissionDenied(refusal)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden op.")})
    if not _devices_remove(user):
        raise ValidationError(_("Deze gebruiker heeft geen tweestapsverificatie ingesteld."))
    audit_event_record(
        event=MFA_RESET,
        actor=actor,
        target=user,
        changes={"authenticator": [True, False]},
        reason=reason,
    )
    task_enqueue_after_commit(MFA_RESET_TASK, user_id=user.pk)


def mfa_device_verified(*, user: User, code: str):
    """The device that accepts `code` for `user`: the authenticator's current code, or a
    recovery code, which is used up. None when neither does (django-otp throttles each device
    after failures). The caller counts a failure for the login lockout."""
    code = normalised_code(code)
    if not code:
        return None
    # Only the device the code's shape fits counts the attempt: a recovery code typed must not
    # throttle the authenticator.
    model = TOTPDevice if is_authenticator_code(code) else StaticDevice
    with transaction.atomic():
        for device in model.objects.select_for_update().filter(user=user, confirmed=True):
            if device.verify_token(code):
                return device
    return None
