"""Role gates for API views, on the shared `uwvkms.permissions.has_any_role`.

An API view checks the role here (403 for a user without it) and the object through its app's
access-checked selectors. A refused object answers 404 (`not_found_unless`), so an auditor
cannot tell another team's unit from one that does not exist."""

from collections.abc import Callable
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework.permissions import BasePermission

from uwvkms.constants import Role
from uwvkms.permissions import has_any_role


def roles_required(*roles: Role, write_roles: tuple[Role, ...] | None = None) -> type:
    """A DRF permission class: the user must hold one of `roles` (and, for a write, one of
    `write_roles` when given)."""

    class RolesRequired(BasePermission):
        def has_permission(self, request, view) -> bool:
            if not has_any_role(request.user, *roles):
                return False
            if write_roles is not None and request.method not in ("GET", "HEAD", "OPTIONS"):
                return has_any_role(request.user, *write_roles)
            return True

    RolesRequired.__name__ = "RolesRequired_" + "_".join(r.name for r in roles)
    return RolesRequired


# Every role; a logged-in user without any (an outsider) gets 403.
ANY_ROLE = tuple(Role)


@contextmanager
def refusal_as_not_found():
    """Turn an object-level PermissionDenied of a shared selector into 404."""
    try:
        yield
    except PermissionDenied as exc:
        raise Http404 from exc


def not_found_unless(allowed: bool | Callable[[], bool]) -> None:
    """404 unless `allowed` (a bool or a callable giving one)."""
    if not (allowed() if callable(allowed) else allowed):
        raise Http404
