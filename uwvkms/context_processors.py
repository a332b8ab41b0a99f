from uwvkms.constants import Role
from uwvkms.permissions import has_any_role


def roles(request) -> dict:
    """Expose the user's roles to templates as booleans (navigation shows only what is theirs)."""
    user = getattr(request, "user", None)
    return {
        "role": {
            "toetser": has_any_role(user, Role.TOETSER),
            "coordinator": has_any_role(user, Role.COORDINATIETEAM),
            "directie": has_any_role(user, Role.DIRECTIE),
            "rvb": has_any_role(user, Role.RVB),
            "herstel": has_any_role(user, Role.HERSTEL_ADVISEUR),
            "beheerder": has_any_role(user, Role.BEHEERDER),
        }
    }
