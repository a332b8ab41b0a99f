"""Reads of the reference texts the coordination team keeps for Bijlage 2 of the UWV-wide report
(DOMAIN.md §5): each management principle's definition and what it means at UWV, and the
appendix's introduction."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from audits.constants import ReferenceTextKey
from audits.events import PRINCIPLE_TEXTS_CHANGED
from audits.models import ManagementPrinciple, ReferenceText
from uwvkms.constants import Role
from uwvkms.history import ChangeFormat, HistoryEntry
from uwvkms.models import User
from uwvkms.permissions import require_role
from uwvkms.selectors import history_for

PRINCIPLE_TEXT_CHANGES = ChangeFormat(model=ManagementPrinciple)
REFERENCE_TEXT_CHANGES = ChangeFormat(fields={"text": _("tekst")})


def bijlage_principles_for_coordinator(*, user: User) -> list[ManagementPrinciple]:
    """Bijlage 2's principles for the page where the coordination team keeps their texts: the
    coordination team only (403)."""
    require_role(user, Role.COORDINATIETEAM)
    return bijlage_principles()


def bijlage_principles() -> list[ManagementPrinciple]:
    """The management principles Bijlage 2 describes, in their order: Basic
    Kwaliteitsmanagement is no principle and stays out. One query."""
    return list(
        ManagementPrinciple.objects.filter(is_basic=False)
        .select_related("updated_by")
        .order_by("order", "name")
    )


def principle_texts_get_for_coordinator(*, user: User, code: str) -> ManagementPrinciple:
    """A principle of Bijlage 2 for editing its texts: the coordination team only (403); 404 for
    an unknown code or Basic Kwaliteitsmanagement."""
    require_role(user, Role.COORDINATIETEAM)
    try:
        return ManagementPrinciple.objects.select_related("updated_by").get(
            code=code, is_basic=False
        )
    except ManagementPrinciple.DoesNotExist as exc:
        raise Http404 from exc


def reference_text(key: ReferenceTextKey) -> str:
    """The text kept under `key`; empty when there is none. One query."""
    return ReferenceText.objects.filter(key=key).values_list("text", flat=True).first() or ""


def reference_text_get_for_coordinator(*, user: User, key: ReferenceTextKey) -> ReferenceText:
    """The stored text under `key` for editing: the coordination team only (403); an unsaved
    empty one (version 0) while there is none."""
    require_role(user, Role.COORDINATIETEAM)
    stored = ReferenceText.objects.select_related("updated_by").filter(key=key).first()
    return stored or ReferenceText(key=key, text="", version=0)


def principle_texts_history(principle: ManagementPrinciple) -> list[HistoryEntry]:
    """The recorded changes of a principle's Bijlage 2 texts, newest first."""
    return history_for(principle, events=[PRINCIPLE_TEXTS_CHANGED], fmt=PRINCIPLE_TEXT_CHANGES)


def reference_text_history(text: ReferenceText) -> list[HistoryEntry]:
    """The recorded changes of a reference text, newest first; none while it is not stored."""
    return history_for(text, fmt=REFERENCE_TEXT_CHANGES)
