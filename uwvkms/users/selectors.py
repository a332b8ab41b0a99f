"""Reads of user administration: the Beheerder's list with its filters, one account, its history.

The list answers in a fixed number of queries whatever its rows (the count, the page with each
row's unit, and the roles of the page's users in one prefetch; tests/uwvkms/test_user_admin.py
asserts it). Whether someone set up MFA is `uwvkms.mfa.mfa_set_up`, in the same query."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from uwvkms.constants import HomeOrganisation, Role, UserStatus
from uwvkms.history import ChangeFormat, HistoryEntry
from uwvkms.mfa import mfa_set_up
from uwvkms.models import User
from uwvkms.permissions import require_role
from uwvkms.selectors import history_for

USERS_PER_PAGE = 50

# The last-login filter: a code → its label (`_last_login_q` selects its rows).
LAST_LOGIN_CHOICES = {
    "7": _("in de afgelopen 7 dagen"),
    "30": _("in de afgelopen 30 dagen"),
    "90plus": _("langer dan 90 dagen geleden"),
    "nooit": _("nog nooit"),
}

HISTORY_FORMAT = ChangeFormat(
    model=User,
    fields={
        "roles": _("rollen"),
        "is_active": _("actief"),
        "username": _("gebruikersnaam"),
        "email": _("e-mailadres"),
    },
    values={"home_organisation": HomeOrganisation},
)  # a role's stored name is its label (`Role`), so a list of roles reads as it is


def _status_q(status: str) -> Q:
    """The rows of one `UserStatus` (the rule `rules.user_status`, as a query; Django marks an
    unusable password with a leading "!")."""
    invited = Q(password__startswith=UNUSABLE_PASSWORD_PREFIX, last_login__isnull=True)
    if status == UserStatus.INACTIVE:
        return Q(is_active=False)
    if status == UserStatus.INVITED:
        return Q(is_active=True) & invited
    return Q(is_active=True) & ~invited


def _last_login_q(code: str, now: datetime.datetime) -> Q:
    if code == "nooit":
        return Q(last_login__isnull=True)
    if code == "90plus":
        return Q(last_login__lt=now - datetime.timedelta(days=90))
    return Q(last_login__gte=now - datetime.timedelta(days=int(code)))


@dataclass(frozen=True)
class UserFilters:
    """What the Beheerder filters the list on; empty means "all"."""

    search: str = ""
    role: str = ""
    unit_id: int | None = None
    status: str = ""
    last_login: str = ""
    mfa: str = ""  # "ja", "nee" or ""


def users_for_admin(
    *, actor: User, filters: UserFilters = UserFilters(), now: datetime.datetime | None = None
) -> QuerySet[User]:
    """Every account (deactivated ones too), for the Beheerder only, filtered: search in name,
    username and e-mail; role; business unit; status; last login; MFA set up. Each row carries
    its unit, its roles (`roles_shown`, prefetched) and `mfa_set_up`."""
    require_role(actor, Role.BEHEERDER)
    now = now or timezone.now()
    users = (
        User.objects.select_related("business_unit")
        .prefetch_related("groups")
        .annotate(mfa_set_up=mfa_set_up())
        .order_by("last_name", "first_name", "username")
    )
    if search := filters.search.strip():
        for word in search.split():
            users = users.filter(
                Q(username__icontains=word)
                | Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
            )
    if filters.role:
        users = users.filter(groups__name=filters.role)
    if filters.unit_id is not None:
        users = users.filter(business_unit_id=filters.unit_id)
    if filters.status:
        users = users.filter(_status_q(filters.status))
    if filters.last_login:
        users = users.filter(_last_login_q(filters.last_login, now))
    if filters.mfa:
        users = users.filter(mfa_set_up=filters.mfa == "ja")
    return users


def roles_shown(user: User) -> list[str]:
    """The labels of a user's roles, in Role's order (from the prefetched groups)."""
    held = {group.name for group in user.groups.all()}
    return [str(role.label) for role in Role if role.value in held]


def role_values_of(user: User) -> list[str]:
    """The group names of a user's roles, in Role's order (for the edit form)."""
    held = {group.name for group in user.groups.all()}
    return [role.value for role in Role if role.value in held]


def user_get_for_admin(*, actor: User, pk: int) -> User:
    """One account for the Beheerder (403 for anyone else, 404 for an unknown one), with its
    unit, roles and who changed it last."""
    require_role(actor, Role.BEHEERDER)
    user = (
        User.objects.select_related("business_unit", "updated_by")
        .prefetch_related("groups")
        .annotate(mfa_set_up=mfa_set_up())
        .filter(pk=pk)
        .first()
    )
    if user is None:
        raise Http404
    return user


def user_history(user: User) -> list[HistoryEntry]:
    """The account's history from the event log, newest first: created, invited, every change
    of name, e-mail, unit and roles with the reason, deactivated and reactivated, by whom."""
    return history_for(user, fmt=HISTORY_FORMAT)
