"""Review before submission, four eyes on fieldwork (issue 21 §3), one way for every app.

A record whose content somebody wrote and somebody else must check (an interview record, a
document judgement, a finding, a recommendation) is `Reviewable`: it carries its review status,
who asked for the review and when, who reviewed it and when, and the review note. Its author
marks it *klaar voor review*; a reviewer marks it *beoordeeld* or sends it back
(*teruggestuurd*, with a note the author is notified of). The moves are data
(`REVIEW_TRANSITIONS`), who may review is a pure rule (`may_review`), and so is the gate that a
unit's scores wait for (`fieldwork_gate`).

Who is the author: the record names its author fields (`REVIEW_AUTHOR_FIELDS`, e.g.
``created_by`` for an interview, ``updated_by`` — who last changed the content — for the others),
and whoever asked for the review counts as an author too. A review move does not count as a
change of the content: it neither raises the version nor changes ``updated_by``, so the author
stays the author and an edit form opened before the review still saves.

A change of the content after the review was asked (*klaar voor review*) or given
(*beoordeeld*) returns the record to *concept* (`review_reset_after_change`, called by the app's
own update service in its transaction): what was reviewed is no longer what is there. A record
sent back stays *teruggestuurd* while its author fixes it (the note stays beside it) until they
mark it ready again. Review moves carry the version the reviewer saw: content changed meanwhile is
refused with `EditConflict`, so nobody approves what they did not read.

The core knows no app: each app registers its kinds (`register_kind`) and the audit chain
registers how to read a user's standing at a unit (`register_standing`), as the work queue does.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from uwvkms.events import REVIEW_APPROVED, REVIEW_REOPENED, REVIEW_REQUESTED, REVIEW_SENT_BACK
from uwvkms.formats import local_datetime
from uwvkms.notifications import NotificationKind, notify
from uwvkms.services import audit_event_record
from uwvkms.versioning import version_check

REVIEW_SENT_BACK_KIND = NotificationKind(
    "uwvkms.review.sent_back", _("Veldwerk teruggestuurd na review")
)


class ReviewStatus(models.TextChoices):
    """Where a record stands in its review (issue 21 §3)."""

    CONCEPT = "concept", _("Concept")
    KLAAR = "klaar", _("Klaar voor review")
    BEOORDEELD = "beoordeeld", _("Beoordeeld")
    TERUGGESTUURD = "teruggestuurd", _("Teruggestuurd")


class ReviewAction(models.TextChoices):
    """The moves of a review; see REVIEW_TRANSITIONS."""

    REQUEST = "request", _("Klaar voor review")
    APPROVE = "approve", _("Beoordeeld")
    SEND_BACK = "send_back", _("Terugsturen")


# (from status, action) → to status. Only these moves exist; a change of the content returns a
# record that is klaar or beoordeeld to concept (REVIEW_RESET_ON_CHANGE).
REVIEW_TRANSITIONS: dict[tuple[str, str], str] = {
    (ReviewStatus.CONCEPT, ReviewAction.REQUEST): ReviewStatus.KLAAR,
    (ReviewStatus.TERUGGESTUURD, ReviewAction.REQUEST): ReviewStatus.KLAAR,
    (ReviewStatus.KLAAR, ReviewAction.APPROVE): ReviewStatus.BEOORDEELD,
    (ReviewStatus.KLAAR, ReviewAction.SEND_BACK): ReviewStatus.TERUGGESTUURD,
}
REVIEW_RESET_ON_CHANGE = frozenset({ReviewStatus.KLAAR, ReviewStatus.BEOORDEELD})


def review_next_status(status: str, action: str) -> str | None:
    """The status `action` leads to from `status`, or None when the table has no such move."""
    return REVIEW_TRANSITIONS.get((status, action))


# --- the model mixin ------------------------------------------------------------------------


class Reviewable(models.Model):
    """A piece of fieldwork that another person reviews before the unit's scores are submitted.
    The concrete model has `cycle` and `unit` foreign keys and names its author fields in
    `REVIEW_AUTHOR_FIELDS`. Database constraints keep each status with its who and when."""

    REVIEW_AUTHOR_FIELDS: tuple[str, ...] = ("updated_by",)

    review_status = models.CharField(
        _("reviewstatus"),
        max_length=20,
        choices=ReviewStatus.choices,
        default=ReviewStatus.CONCEPT,
    )
    review_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("review gevraagd door"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    review_requested_at = models.DateTimeField(_("review gevraagd op"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    reviewed_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    review_note = models.TextField(_("reviewopmerking"), blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        review_status=ReviewStatus.CONCEPT,
                        review_requested_by__isnull=True,
                        review_requested_at__isnull=True,
                        reviewed_by__isnull=True,
                        reviewed_at__isnull=True,
                        review_note="",
                    )
                    | models.Q(
                        review_status=ReviewStatus.KLAAR,
                        review_requested_by__isnull=False,
                        review_requested_at__isnull=False,
                        reviewed_by__isnull=True,
                        reviewed_at__isnull=True,
                        review_note="",
                    )
                    | (
                        models.Q(
                            review_status__in=[
                                ReviewStatus.BEOORDEELD,
                                ReviewStatus.TERUGGESTUURD,
                            ],
                            review_requested_by__isnull=False,
                            review_requested_at__isnull=False,
                            reviewed_by__isnull=False,
                            reviewed_at__isnull=False,
                        )
                        & ~models.Q(reviewed_by=models.F("review_requested_by"))
                        & (
                            models.Q(review_status=ReviewStatus.BEOORDEELD)
                            | ~models.Q(review_note="")
                        )
                    )
                ),
                name="%(app_label)s_%(class)s_review_with_who_and_when",
                violation_error_message=_(
                    "Een review heeft wie haar vroeg en wanneer; een beoordeling of terugzending "
                    "ook wie haar gaf (een ander) en wanneer, en een terugzending een opmerking."
                ),
            )
        ]

    def review_author_ids(self) -> frozenset[int]:
        """The users who count as this record's authors for the four-eyes rule: its author
        fields and whoever asked for the review."""
        ids = {getattr(self, f"{name}_id") for name in self.REVIEW_AUTHOR_FIELDS}
        ids.add(self.review_requested_by_id)
        return frozenset(pk for pk in ids if pk is not None)

    @property
    def review_is_done(self) -> bool:
        return self.review_status == ReviewStatus.BEOORDEELD


# --- the rules (pure) -----------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """What the four-eyes rule needs to know of one user at one unit's audit in one cycle."""

    is_team_auditor: bool = False  # on the unit's audit team
    is_lead: bool = False  # leads that team
    is_coordinator: bool = False  # the coordination team
    lead_ids: frozenset[int] = frozenset()  # the unit's lead auditors in the cycle


def may_request_review(standing: Standing) -> bool:
    """Whether this user may mark a record klaar voor review: an auditor of the unit's team
    (the author marks their own work; any team member may mark the team's work)."""
    return standing.is_team_auditor


def may_review(*, user_id: int, author_ids: Iterable[int], standing: Standing) -> bool:
    """Whether the user may review (mark beoordeeld or send back) a record of a unit
    (issue 21 §3, four eyes):

    - never an author of the record (its author fields, or who asked for the review);
    - the unit's lead auditor reviews;
    - when every lead of the unit is an author of the record (or the unit has no lead),
      another auditor of the unit's team or the coordination team reviews instead.

    Anyone else (an auditor of another unit, a board, the RvB, someone without a role) never.
    """
    authors = frozenset(author_ids)
    if user_id in authors:
        return False
    if standing.is_lead:
        return True
    lead_available = bool(standing.lead_ids - authors)
    if lead_available:
        return False
    return standing.is_team_auditor or standing.is_coordinator


@dataclass(frozen=True)
class GateItem:
    """One piece of fieldwork as the submission gate reads it."""

    key: object
    status: str
    reviewed_by_id: int | None = None
    author_ids: frozenset[int] = frozenset()

    @property
    def reviewed_by_another(self) -> bool:
        """Beoordeeld, by someone who is not one of its authors."""
        return (
            self.status == ReviewStatus.BEOORDEELD
            and self.reviewed_by_id is not None
            and self.reviewed_by_id not in self.author_ids
        )


@dataclass(frozen=True)
class GateDecision:
    """Whether a unit's scores may be submitted, and what still waits for review."""

    waiting: tuple[GateItem, ...]

    @property
    def open(self) -> bool:
        return not self.waiting


def fieldwork_gate(items: Iterable[GateItem]) -> GateDecision:
    """A unit's scores can be submitted only when all of its fieldwork that counts is reviewed
    by someone other than its author (issue 21 §3). `items` are the unit's records that count
    (the apps leave out what is withdrawn, and a document judgement still open); a unit without
    any has nothing to wait for. Returns the items still waiting, in the given order."""
    return GateDecision(waiting=tuple(item for item in items if not item.reviewed_by_another))


# --- the registry ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewKind:
    """One kind of reviewable record, registered by its app: its slug (in URLs), its Dutch
    label (singular and plural), the records of a cycle that count for the gate (`records(cycle_id)`,
    a queryset with whatever `title` and `url` need selected; the app leaves out what does not
    count), the record's title and the page where it is read and reviewed."""

    slug: str
    label: Promise | str
    label_plural: Promise | str
    model: type[Reviewable]
    records: Callable[[int], models.QuerySet]
    title: Callable[[Reviewable], str]
    url: Callable[[Reviewable], str]
    order: int = 0
    # Why the record's content can no longer change (the app's own lock: closed fieldwork, an
    # agreed report), in Dutch, or None while it can; without a query for a record loaded by
    # `records` (a page asks it per row). None: always editable.
    editable: Callable[[Reviewable], str | None] | None = None

    def lock_reason(self, record: Reviewable) -> str | None:
        """Why `record` can no longer be changed by its author, or None (`editable`)."""
        return self.editable(record) if self.editable is not None else None


_kinds: dict[str, ReviewKind] = {}
_standing: list[Callable[..., Standing]] = []


def register_kind(kind: ReviewKind) -> None:
    """Add an app's reviewable kind (from `AppConfig.ready()`; again replaces it)."""
    _kinds[kind.slug] = kind


def register_standing(reader: Callable[..., Standing]) -> None:
    """Set how to read a user's `Standing` at a unit: `reader(user, cycle_id, unit_id)` (the
    audit chain registers it; one reader)."""
    _standing[:] = [reader]


def review_kinds() -> list[ReviewKind]:
    """The registered kinds, in their order."""
    return sorted(_kinds.values(), key=lambda kind: kind.order)


def kind_get(slug: str) -> ReviewKind | None:
    return _kinds.get(slug)


def kind_of(record: Reviewable) -> ReviewKind:
    for kind in _kinds.values():
        if isinstance(record, kind.model):
            return kind
    raise LookupError(f"{type(record).__name__} is not a registered review kind")


def standing_of(user, *, cycle_id: int, unit_id: int) -> Standing:
    """The user's standing at the unit (nothing for an anonymous or inactive user)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or not _standing:
        return Standing()
    return _standing[0](user, cycle_id, unit_id)


# --- reads ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewLine:
    """One record on a review page or in the gate's message."""

    kind: ReviewKind
    record: Reviewable
    title: str
    url: str

    @property
    def status(self) -> str:
        return self.record.review_status

    @property
    def status_label(self) -> str:
        return str(ReviewStatus(self.record.review_status).label)


def unit_review_lines(*, cycle_id: int, unit_id: int) -> list[ReviewLine]:
    """Every record of the unit that counts for the gate, per kind in order: one query per
    registered kind, whatever the number of records."""
    lines = []
    for kind in review_kinds():
        records = kind.records(cycle_id).filter(unit_id=unit_id)
        for record in records.select_related("review_requested_by", "reviewed_by"):
            lines.append(ReviewLine(kind, record, kind.title(record), kind.url(record)))
    return lines


@dataclass(frozen=True)
class ReviewCounts:
    """How a unit's fieldwork stands in review: all records that count, and per status."""

    total: int = 0
    concept: int = 0
    klaar: int = 0
    teruggestuurd: int = 0
    beoordeeld: int = 0

    @property
    def waiting(self) -> int:
        """Not yet beoordeeld: what the submission of the unit's scores waits for."""
        return self.total - self.beoordeeld

    def __add__(self, other: "ReviewCounts") -> "ReviewCounts":
        return ReviewCounts(
            *(getattr(self, f) + getattr(other, f) for f in self.__dataclass_fields__)
        )


def review_counts(cycle_id: int) -> dict[int, ReviewCounts]:
    """unit id → its `ReviewCounts` in the cycle, over every registered kind: one grouped
    query per kind, whatever the number of units and records."""
    result: dict[int, ReviewCounts] = {}
    for kind in review_kinds():
        rows = (
            kind.records(cycle_id)
            .order_by()
            .values("unit_id")
            .annotate(
                total=models.Count("id"),
                **{
                    status.value: models.Count("id", filter=models.Q(review_status=status))
                    for status in ReviewStatus
                },
            )
        )
        for row in rows:
            unit_id = row.pop("unit_id")
            result[unit_id] = result.get(unit_id, ReviewCounts()) + ReviewCounts(**row)
    return result


def review_counts_text(counts: ReviewCounts | None) -> str:
    """How a unit's fieldwork stands in review, in words for the cockpit: "2 te beoordelen ·
    1 teruggestuurd · 3 concept", "alles beoordeeld", or "–" when there is nothing to review."""
    if counts is None or counts.total == 0:
        return "–"
    if counts.waiting == 0:
        return gettext("alles beoordeeld")
    parts = []
    if counts.klaar:
        parts.append(gettext("%(n)s te beoordelen") % {"n": counts.klaar})
    if counts.teruggestuurd:
        parts.append(gettext("%(n)s teruggestuurd") % {"n": counts.teruggestuurd})
    if counts.concept:
        parts.append(gettext("%(n)s concept") % {"n": counts.concept})
    return " · ".join(parts)


def gate_item(line: ReviewLine) -> GateItem:
    record = line.record
    return GateItem(
        key=line,
        status=record.review_status,
        reviewed_by_id=record.reviewed_by_id,
        author_ids=record.review_author_ids(),
    )


def fieldwork_awaiting_review(*, cycle_id: int, unit_id: int) -> list[ReviewLine]:
    """The unit's fieldwork that still waits for a review by someone other than its author,
    per kind: what the submission of its scores waits for (`fieldwork_gate`)."""
    lines = unit_review_lines(cycle_id=cycle_id, unit_id=unit_id)
    return [item.key for item in fieldwork_gate(gate_item(line) for line in lines).waiting]


def fieldwork_review_required(*, cycle_id: int, unit_id: int, unit_name: str) -> None:
    """Refuse (ValidationError) while the unit's fieldwork waits for review: the check of the
    score-submission service."""
    waiting = fieldwork_awaiting_review(cycle_id=cycle_id, unit_id=unit_id)
    if waiting:
        raise ValidationError(
            gettext(
                "De scores van %(unit)s kunnen pas worden ingediend als het veldwerk is "
                "beoordeeld door een ander dan de auteur. Nog niet beoordeeld: %(items)s."
            )
            % {
                "unit": unit_name,
                "items": "; ".join(f"{line.kind.label} {line.title}" for line in waiting),
            },
            code="review_pending",
        )


# --- services -------------------------------------------------------------------------------


def _locked(record: Reviewable, *, to_author: bool = False) -> Reviewable:
    """The record, locked for this transaction; refused when it is withdrawn, and (`to_author`,
    a move that gives the author work to do) when its app's lock says its content can no longer
    change: sent back then, it could never be fixed (`ReviewKind.editable`)."""
    current = type(record)._base_manager.select_for_update().get(pk=record.pk)
    if getattr(current, "withdrawn_at", None) is not None:
        raise ValidationError(gettext("Dit onderdeel is ingetrokken en wordt niet beoordeeld."))
    if to_author:
        reason = kind_of(current).lock_reason(current)
        if reason:
            raise ValidationError(
                gettext("Dit onderdeel kan niet meer worden teruggestuurd: %(reason)s")
                % {"reason": reason},
                code="review_locked",
            )
    return current


def may_send_back(record: Reviewable) -> bool:
    """Whether sending `record` back leaves its author something they can do: its content can
    still change (`ReviewKind.editable`). Marking it ready and beoordeeld change no content and
    stay possible after the lock, so the submission gate never waits for what cannot move."""
    return kind_of(record).lock_reason(record) is None


def _move(current: Reviewable, action: str) -> str:
    new_status = review_next_status(current.review_status, action)
    if new_status is None:
        raise ValidationError(
            gettext("Dit onderdeel staat op %(status)s; dat kan nu niet.")
            % {"status": ReviewStatus(current.review_status).label.lower()},
            code="review_move",
        )
    return new_status


_FIELDS = [
    "review_status",
    "review_requested_by",
    "review_requested_at",
    "reviewed_by",
    "reviewed_at",
    "review_note",
]


def _save_and_record(current, *, actor, event, old_status: str, note: str = "") -> None:
    current.full_clean(validate_unique=False)
    current.save(update_fields=_FIELDS)
    changes = {"review_status": [old_status, current.review_status]}
    if note:
        changes["review_note"] = [None, note]
    audit_event_record(event=event, actor=actor, target=current, changes=changes)


@transaction.atomic
def review_request(*, actor, record: Reviewable, expected_version: int) -> Reviewable:
    """Mark `record` klaar voor review (from concept, or after it was sent back): an auditor of
    the unit's team, on the version they saw."""
    if not may_request_review(standing_of(actor, cycle_id=record.cycle_id, unit_id=record.unit_id)):
        raise PermissionDenied
    current = _locked(record)
    version_check(current, expected_version=expected_version, what=gettext("Dit onderdeel"))
    old_status = current.review_status
    current.review_status = _move(current, ReviewAction.REQUEST)
    current.review_requested_by, current.review_requested_at = actor, timezone.now()
    current.reviewed_by, current.reviewed_at, current.review_note = None, None, ""
    _save_and_record(current, actor=actor, event=REVIEW_REQUESTED, old_status=old_status)
    return current


def _require_reviewer(actor, current: Reviewable) -> None:
    standing = standing_of(actor, cycle_id=current.cycle_id, unit_id=current.unit_id)
    if not may_review(user_id=actor.pk, author_ids=current.review_author_ids(), standing=standing):
        raise PermissionDenied


@transaction.atomic
def review_approve(*, actor, record: Reviewable, expected_version: int) -> Reviewable:
    """Mark `record` beoordeeld: a reviewer under `may_review`, on the version they read."""
    current = _locked(record)
    _require_reviewer(actor, current)
    version_check(current, expected_version=expected_version, what=gettext("Dit onderdeel"))
    old_status = current.review_status
    current.review_status = _move(current, ReviewAction.APPROVE)
    current.reviewed_by, current.reviewed_at = actor, timezone.now()
    _save_and_record(current, actor=actor, event=REVIEW_APPROVED, old_status=old_status)
    return current


@transaction.atomic
def review_send_back(*, actor, record: Reviewable, expected_version: int, note: str) -> Reviewable:
    """Send `record` back to its author with a review note (required): a reviewer under
    `may_review`, on the version they read, while its content can still change (its app's lock,
    `ReviewKind.editable`). Its authors are notified."""
    current = _locked(record, to_author=True)
    _require_reviewer(actor, current)
    version_check(current, expected_version=expected_version, what=gettext("Dit onderdeel"))
    note = (note or "").strip()
    if not note:
        raise ValidationError(
            {"note": gettext("Schrijf op wat de auteur moet verbeteren.")}, code="required"
        )
    old_status = current.review_status
    current.review_status = _move(current, ReviewAction.SEND_BACK)
    current.reviewed_by, current.reviewed_at, current.review_note = actor, timezone.now(), note
    _save_and_record(current, actor=actor, event=REVIEW_SENT_BACK, old_status=old_status, note=note)
    kind = kind_of(current)
    notify(
        kind=REVIEW_SENT_BACK_KIND,
        recipients=get_user_model().objects.filter(pk__in=current.review_author_ids() - {actor.pk}),
        title=gettext("%(kind)s teruggestuurd: %(title)s")
        % {"kind": kind.label, "title": kind.title(current)},
        url=kind.url(current),
        target=current,
    )
    return current


def review_reset_after_change(record: Reviewable, *, actor) -> dict[str, list]:
    """Return `record` (locked and authorised by the caller, whose content `actor` just
    changed) to concept when its review was asked or given: the review no longer holds. A
    record sent back keeps its status and note until it is marked ready again. Records the
    event and returns the change ({} when nothing changed)."""
    if record.review_status not in REVIEW_RESET_ON_CHANGE:
        return {}
    old_status = record.review_status
    record.review_status = ReviewStatus.CONCEPT
    record.review_requested_by, record.review_requested_at = None, None
    record.reviewed_by, record.reviewed_at, record.review_note = None, None, ""
    record.save(update_fields=_FIELDS)
    changes = {"review_status": [old_status, ReviewStatus.CONCEPT]}
    audit_event_record(event=REVIEW_REOPENED, actor=actor, target=record, changes=changes)
    return changes


def review_summary(record: Reviewable) -> str:
    """ "Klaar voor review (gevraagd door X op 7 december 2026 10:15)" and the like."""
    status = ReviewStatus(record.review_status)
    if status == ReviewStatus.KLAAR:
        return gettext("%(status)s, gevraagd door %(who)s op %(when)s") % {
            "status": status.label,
            "who": record.review_requested_by,
            "when": local_datetime(record.review_requested_at),
        }
    if status in (ReviewStatus.BEOORDEELD, ReviewStatus.TERUGGESTUURD):
        return gettext("%(status)s door %(who)s op %(when)s") % {
            "status": status.label,
            "who": record.reviewed_by,
            "when": local_datetime(record.reviewed_at),
        }
    return str(status.label)
