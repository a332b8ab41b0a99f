"""Optimistic locking, one way for every app (STYLE.md practice 14).

A record that people edit in a form carries its version, who changed it last and when
(`Versioned`). The form sends back the version the user saw; the service locks the row and
calls `version_check`, which refuses a save on a version that is no longer current with the one
`EditConflict`. Its message always has the same shape: what changed, by whom, when in local time
(`uwvkms.formats.local_datetime`), and what to do. `model_update` does the whole edit of plain
fields (check, apply, clean, save, diff) where a service has nothing special to do.

Views and forms show an EditConflict like any ValidationError; the REST API answers it with 409
in one place (`uwvkms.api.exceptions.problem_details_handler`)."""

import datetime
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from uwvkms.changes import changes_between
from uwvkms.formats import local_datetime


class Versioned(models.Model):
    """A record edited by people: its version for optimistic locking, who changed it last and
    when. Every row has an author: a service creates it for an actor (a database constraint)."""

    version = models.PositiveIntegerField(_("versie"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("laatst gewijzigd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("laatst gewijzigd op"), auto_now=True)

    class Meta:
        abstract = True

    def touch(self, actor) -> list[str]:
        """Count a change by `actor`: the next version, with who made it. Returns the fields to
        add to `save(update_fields=...)`; `updated_at` follows on save."""
        self.version += 1
        self.updated_by = actor
        return ["version", "updated_by", "updated_at"]


class VersionedSinceLater(Versioned):
    """A Versioned record of a table that kept no author before issue 15 (interviews, the
    framework, herstelacties, their dossiers and evaluations): its older rows may have none, and
    a conflict message then says "iemand anders"."""

    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("laatst gewijzigd door"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        abstract = True


# What happened to the record meanwhile; each has its own sentence.
CHANGED, CREATED, DELETED = "changed", "created", "deleted"


def conflict_message(
    what: str,
    *,
    by=None,
    at: datetime.datetime | None = None,
    kind: str = CHANGED,
    state: str = "",
    todo: str = "",
) -> str:
    """The one wording of an edit conflict, e.g. "Deze score is intussen gewijzigd door Bram
    Collega (7 december 2026 00:30). Uw invoer is niet opgeslagen; bekijk de actuele versie en
    pas die zo nodig aan." `what` is the subject as a sentence starts it ("Deze score"); without
    a known author (or for a record created or deleted meanwhile) the sentence says "iemand
    anders". `state` adds where the record stands now ("Het staat nu op Afgestemd."), `todo`
    replaces what to do where the default does not fit the reader (an interviewee answers a
    record, they do not edit it)."""
    if kind == DELETED:
        first = gettext("%(what)s is intussen door iemand anders verwijderd.")
    elif kind == CREATED:
        first = gettext("%(what)s is intussen door iemand anders vastgelegd.")
    elif by is None or at is None:
        first = gettext("%(what)s is intussen door iemand anders gewijzigd.")
    else:
        first = gettext("%(what)s is intussen gewijzigd door %(who)s (%(when)s).")
    sentences = [first % {"what": what, "who": by, "when": at and local_datetime(at)}]
    if state:
        sentences.append(state)
    sentences.append(
        todo
        or gettext(
            "Uw invoer is niet opgeslagen; bekijk de actuele versie en pas die zo nodig aan."
        )
    )
    return " ".join(sentences)


class EditConflict(ValidationError):
    """Someone else changed (or created, or deleted) the record after this user opened it: the
    save is refused and nothing changed. The one conflict error of every app."""

    def __init__(
        self,
        what: str,
        *,
        by=None,
        at: datetime.datetime | None = None,
        kind: str = CHANGED,
        state: str = "",
        todo: str = "",
    ):
        super().__init__(
            conflict_message(what, by=by, at=at, kind=kind, state=state, todo=todo),
            code="conflict",
        )


def version_check(
    obj: Versioned | None,
    *,
    expected_version: int,
    what: str,
    state: Callable[[Versioned], str] | None = None,
    todo: str = "",
) -> None:
    """Refuse a save made on `expected_version` (the version the user saw; 0 for a record not
    created yet) when `obj` (locked by the caller; None when there is none) is at another
    version: EditConflict naming who changed it last and when. `state(obj)` says where the
    record stands now, `todo` what this reader should do (see `conflict_message`)."""
    current = obj.version if obj is not None else 0
    if current == expected_version:
        return
    if obj is None:  # the user saw a record that is gone
        raise EditConflict(what, kind=DELETED, todo=todo)
    raise EditConflict(
        what,
        by=obj.updated_by,
        at=obj.updated_at,
        state=state(obj) if state is not None else "",
        todo=todo,
    )


@contextmanager
def created_meanwhile(what: str) -> Iterator[None]:
    """Create a record inside this block: when a unique constraint says someone else created
    it meanwhile (two first saves at once), refuse with EditConflict instead of a server error.
    The block runs in a savepoint, so the caller's transaction stays usable."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        raise EditConflict(what, kind=CREATED) from exc


def model_update(
    instance: Versioned,
    *,
    actor,
    data: Mapping[str, Any],
    expected_version: int | None = None,
    what: str = "",
) -> dict[str, list]:
    """Edit the plain fields of a Versioned record (after HackSoft's `model_update`): check
    the version when `expected_version` is given (EditConflict), set the fields of `data` whose
    value differs, `full_clean()`, save only those (with the next version and who), and return
    the diff for the event log. A save that changes nothing stores nothing and returns {}."""
    if expected_version is not None:
        version_check(instance, expected_version=expected_version, what=what)
    changes = changes_between({field: getattr(instance, field) for field in data}, data)
    if not changes:
        return {}
    for field in changes:
        setattr(instance, field, data[field])
    touched = instance.touch(actor)
    instance.full_clean()
    instance.save(update_fields=[*changes, *touched])
    return changes
