"""Who a user is when they log in with their UWV account (OpenID Connect, issue 19 §1).

The identity provider is the authority on a single-sign-on user: their name, e-mail, roles and
business unit come from the claims of every login, never from a form here. This module holds the
pure rules that read the claims (`identity_from_claims`, `roles_from_groups`, table-tested) and
the one service that applies them to the user (`user_sign_in_apply`). The protocol itself (the
code flow, tokens, the provider's keys) is `uwvkms.oidc`.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from uwvkms.constants import Role
from uwvkms.events import USER_SSO_CREATED, USER_SSO_UPDATED
from uwvkms.models import BusinessUnit, User
from uwvkms.services import audit_event_record

CLAIMS_REASON = "claims bij inloggen"


def oidc_enabled() -> bool:
    """Whether login with a UWV account is configured (an issuer and a client id)."""
    return bool(settings.OIDC_OP_ISSUER and settings.OIDC_RP_CLIENT_ID)


def local_login_enabled() -> bool:
    """Whether local accounts may log in with a user name and password."""
    return bool(settings.LOCAL_LOGIN_ENABLED)


def role_named(text: str) -> Role:
    """The role a mapping names: its value ("Coördinatieteam") or its name ("COORDINATIETEAM"),
    in any case. Raises ValueError for anything else."""
    wanted = text.strip().casefold()
    for role in Role:
        if wanted in (role.value.casefold(), role.name.casefold()):
            return role
    raise ValueError(f"Unknown role {text!r}; known: {', '.join(r.value for r in Role)}")


def group_roles(mapping: Mapping[str, str]) -> dict[str, Role]:
    """The group → role mapping of the settings (OIDC_GROUP_ROLES), with its roles checked."""
    return {group: role_named(role) for group, role in mapping.items()}


def roles_from_groups(groups: Iterable[str], mapping: Mapping[str, Role]) -> frozenset[Role]:
    """The roles the provider's groups give: each group the mapping knows gives its role;
    unknown groups give nothing. Group names match exactly (they are identifiers)."""
    return frozenset(mapping[group] for group in groups if group in mapping)


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _groups(value) -> list[str]:
    """A groups claim: a list of names, or one name (some providers send a single group so)."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, str)]
    return []


@dataclass(frozen=True)
class Identity:
    """What the claims of one login say about the user."""

    subject: str
    username: str
    email: str
    first_name: str
    last_name: str
    roles: frozenset[Role]
    unit_abbreviation: str


def identity_from_claims(
    claims: Mapping, *, names: Mapping[str, str], mapping: Mapping[str, Role]
) -> Identity:
    """Read an identity from the claims, under the configured claim names (OIDC_CLAIMS).

    The subject is required (ValueError without it). A missing given and family name are taken
    from the full name (first word / the rest). A missing or empty groups claim gives no role; a
    missing unit claim gives no unit."""
    subject = _text(claims.get(names["subject"]))
    if not subject:
        raise ValueError(f"The claims have no subject ({names['subject']!r}).")
    first_name = _text(claims.get(names["given_name"]))
    last_name = _text(claims.get(names["family_name"]))
    if not first_name and not last_name:
        first_name, _sep, last_name = _text(claims.get(names["name"])).partition(" ")
    return Identity(
        subject=subject,
        username=_text(claims.get(names["username"])),
        email=_text(claims.get(names["email"])),
        first_name=first_name[:150],
        last_name=last_name.strip()[:150],
        roles=roles_from_groups(_groups(claims.get(names["groups"])), mapping),
        unit_abbreviation=_text(claims.get(names["business_unit"])),
    )


def username_candidates(identity: Identity) -> list[str]:
    """The user names a new single-sign-on user may get, in order of preference: the provider's
    user name, else ``uwv-<subject>``; characters Django does not allow in a user name (spaces,
    ``|``) become ``-``."""
    names = [identity.username] if identity.username else []
    names.append(f"uwv-{identity.subject}")
    return [re.sub(r"[^\w.@+-]", "-", name)[:150] for name in names]


def _free_username(identity: Identity) -> str:
    """The first candidate no other account has, else the last one with a number."""
    candidates = username_candidates(identity)
    for candidate in candidates:
        if not User.objects.filter(username__iexact=candidate).exists():
            return candidate
    number = 2
    while User.objects.filter(username__iexact=f"{candidates[-1][:140]}-{number}").exists():
        number += 1
    return f"{candidates[-1][:140]}-{number}"


def _role_names(user: User) -> list[str]:
    role_values = {role.value for role in Role}
    return sorted(
        name for name in user.groups.values_list("name", flat=True) if name in role_values
    )


class SignInRefused(Exception):
    """The user may not log in with these claims; `reason` is one of the REFUSED_* names, `user`
    the account the claims are about when there is one (for the event log's failed login)."""

    def __init__(self, reason: str, user: User | None = None):
        super().__init__(reason)
        self.reason = reason
        self.user = user


REFUSED_INACTIVE = "inactive"
REFUSED_NO_ROLE = "no_role"


@transaction.atomic
def user_sign_in_apply(*, identity: Identity) -> User:
    """Apply a login's claims to the user with that subject, creating them at their first login.

    Name, e-mail, roles (the role groups: other groups are left alone) and business unit (by
    abbreviation, case-insensitive; none when the claim names no known unit) are set to what the
    claims say; every change is recorded in the event log with the user as actor and the reason
    "claims bij inloggen". The identity provider authorises this: there is no other actor.

    Claims the user model refuses (an e-mail that is no address) raise ValidationError.

    Refused (SignInRefused, nothing changed): an inactive user (REFUSED_INACTIVE), and a new
    user whose claims give no role (REFUSED_NO_ROLE: no account is made). A known user whose
    claims give no role loses their roles (recorded) and is refused afterwards by the caller:
    `identity.roles` is empty."""
    user = User.objects.select_for_update().filter(oidc_subject=identity.subject).first()
    if user is not None and not user.is_active:
        raise SignInRefused(REFUSED_INACTIVE, user)
    if user is None and not identity.roles:
        raise SignInRefused(REFUSED_NO_ROLE)
    unit = (
        BusinessUnit.objects.filter(abbreviation__iexact=identity.unit_abbreviation).first()
        if identity.unit_abbreviation
        else None
    )
    created = user is None
    if created:
        user = User(username=_free_username(identity), oidc_subject=identity.subject)
        user.set_unusable_password()
        old = {"roles": [], "business_unit": None, "email": "", "name": ""}
    else:
        old = {
            "roles": _role_names(user),
            "business_unit": str(user.business_unit) if user.business_unit_id else None,
            "email": user.email,
            "name": user.get_full_name(),
        }
    user.email = identity.email
    user.first_name = identity.first_name
    user.last_name = identity.last_name
    user.business_unit = unit
    user.full_clean(exclude=["password"])
    user.save()
    role_values = {role.value for role in Role}
    kept = [group for group in user.groups.all() if group.name not in role_values]
    roles = [Group.objects.get_or_create(name=role.value)[0] for role in identity.roles]
    user.groups.set([*kept, *roles])
    new = {
        "roles": sorted(role.value for role in identity.roles),
        "business_unit": str(unit) if unit else None,
        "email": user.email,
        "name": user.get_full_name(),
    }
    changes = {field: [old[field], new[field]] for field in new if old[field] != new[field]}
    if created or changes:
        audit_event_record(
            event=USER_SSO_CREATED if created else USER_SSO_UPDATED,
            actor=user,
            target=user,
            changes=changes,
            reason=CLAIMS_REASON,
        )
    return user
