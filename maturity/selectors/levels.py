"""Reads of the five maturity levels' meanings (DOMAIN.md §3): the one way every page, form and
report reads them, and the coordination team's access to edit them."""

from django.http import Http404

from maturity.constants import MaturityLevel
from maturity.models import LevelMeaning
from uwvkms.constants import Role
from uwvkms.history import ChangeFormat, HistoryEntry
from uwvkms.models import User
from uwvkms.permissions import require_role
from uwvkms.selectors import history_for

LevelMeanings = dict[MaturityLevel, LevelMeaning]

LEVEL_MEANING_CHANGES = ChangeFormat(model=LevelMeaning)


def level_meanings() -> LevelMeanings:
    """Every level 1–5 with its name and meaning, in order. One query. A level without a row (a
    database the seed did not reach) reads as its scale label with no meaning, never as absent."""
    stored = {m.level: m for m in LevelMeaning.objects.all()}
    return {
        level: stored.get(level.value)
        or LevelMeaning(level=level.value, name=str(level.label).split(" ", 1)[1], meaning="")
        for level in MaturityLevel
    }


def level_meanings_for_coordinator(*, user: User) -> LevelMeanings:
    """The levels' meanings for the page where the coordination team keeps them (403 for
    anyone else)."""
    require_role(user, Role.COORDINATIETEAM)
    return level_meanings()


def level_meaning_get_for_coordinator(*, user: User, level: int) -> LevelMeaning:
    """The stored meaning of `level` for editing: the coordination team only (403), 404 for a
    level that is not on the scale or not stored."""
    require_role(user, Role.COORDINATIETEAM)
    try:
        return LevelMeaning.objects.select_related("updated_by").get(level=level)
    except LevelMeaning.DoesNotExist as exc:
        raise Http404 from exc


def level_meaning_history(meaning: LevelMeaning) -> list[HistoryEntry]:
    """The recorded changes of one level's meaning, newest first."""
    return history_for(meaning, fmt=LEVEL_MEANING_CHANGES)
