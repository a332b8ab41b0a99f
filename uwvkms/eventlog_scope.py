"""Which rows of the event log a reader may see (issue 19 review, finding 1).

A row carries old → new values of the object it is about, so the event-log page (`/gebeurtenissen/`)
must not show a reader what that reader's own pages refuse them. The rule, per role:

- Beheerder: the security log (`SECURITY_EVENTS`) and changes made in /beheer/ (`ADMIN_EVENTS`),
  whatever they are about; and every row about an object of the core (``uwvkms.*``: accounts,
  units, API tokens) or about no object (a retention run's summary).
- Coördinatieteam: the security log (`SECURITY_EVENTS`); and every row about an object of
  ``audits``, ``maturity`` or ``findings``.
- anyone else: nothing.

Someone holding both roles sees the union. Rows outside the scope are left out entirely: from the
page, its filters and its CSV export. So the Beheerder (who has no audit capacity) never sees
interview notes or interviewees, and neither role sees a herstelactie's changes (the herstel
readers are named in `herstel.selectors.actions.herstelacties_for_user`, and they are not these).

`event_log_scope(roles)` is the pure rule; `event_log_visible(scope, event, object_type)` answers it
for one row and `event_log_scope_q(scope)` is the same rule as a query filter (one WHERE clause, no
extra query).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from uwvkms.constants import Role
from uwvkms.events import ADMIN_ADDED, ADMIN_CHANGED, ADMIN_DELETED, SECURITY_EVENTS

ADMIN_EVENTS = frozenset({ADMIN_ADDED, ADMIN_CHANGED, ADMIN_DELETED})

# "" stands for a row about no object; only the core writes those (a retention run's summary; a
# refused access carries its path in the row, and is a security event anyway).
NO_OBJECT = ""


@dataclass(frozen=True)
class EventLogScope:
    """What one reader may see: rows with one of `events`, and rows about an object of one of
    `apps` (the app label before the dot of `object_type`; `NO_OBJECT` for rows about nothing)."""

    events: frozenset[str] = frozenset()
    apps: frozenset[str] = frozenset()

    def __or__(self, other: "EventLogScope") -> "EventLogScope":
        return EventLogScope(self.events | other.events, self.apps | other.apps)

    @property
    def empty(self) -> bool:
        return not self.events and not self.apps


NOTHING = EventLogScope()

SCOPES: dict[Role, EventLogScope] = {
    Role.BEHEERDER: EventLogScope(
        events=frozenset(SECURITY_EVENTS) | ADMIN_EVENTS, apps=frozenset({"uwvkms", NO_OBJECT})
    ),
    Role.COORDINATIETEAM: EventLogScope(
        events=frozenset(SECURITY_EVENTS), apps=frozenset({"audits", "maturity", "findings"})
    ),
}


def event_log_scope(roles: Iterable[str]) -> EventLogScope:
    """The union of the scopes of `roles` (role values, e.g. ``"Beheerder"``); `NOTHING` for
    roles that do not read the event log."""
    scope = NOTHING
    for role in roles:
        scope |= SCOPES.get(role, NOTHING)
    return scope


def event_log_scope_for(user) -> EventLogScope:
    """The scope of an (active) user's roles."""
    return event_log_scope(role for role in SCOPES if user.has_role(role))


def object_app(object_type: str) -> str:
    """The app label of a row's ``<app>.<model>`` object type; `NO_OBJECT` for none."""
    return object_type.partition(".")[0]


def event_log_visible(scope: EventLogScope, event: str, object_type: str) -> bool:
    """Whether a reader with `scope` may see a row with this event about this kind of object."""
    return event in scope.events or object_app(object_type) in scope.apps


def event_log_scope_q(scope: EventLogScope) -> Q:
    """`event_log_visible` as a filter on `AuditEvent` rows; matches nothing for `NOTHING`."""
    allowed = Q(pk__in=[])
    if scope.events:
        allowed |= Q(event__in=sorted(scope.events))
    for app in sorted(scope.apps):
        allowed |= Q(object_type="") if app == NO_OBJECT else Q(object_type__startswith=f"{app}.")
    return allowed
