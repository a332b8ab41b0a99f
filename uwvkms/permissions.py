"""Permission helpers shared by every app: a view checks the role here and the object in its
app's access-checked getter."""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied

from uwvkms.constants import Role


def has_any_role(user, *roles: Role) -> bool:
    """Whether an authenticated, active user holds at least one of `roles`."""
    if not getattr(user, "is_authenticated", False):
        return False
    return any(user.has_role(role) for role in roles)


def require_role(user, *roles: Role) -> None:
    """Raise PermissionDenied (403) unless the user holds one of `roles`."""
    if not has_any_role(user, *roles):
        raise PermissionDenied


def role_required(*roles: Role) -> Callable:
    """View decorator: 403 unless the user holds one of `roles`."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require_role(request.user, *roles)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
