"""Comments where the work is discussed (issue 21 §4): one thread mechanism for every app.

A `Comment` hangs on any record (its content type and id). The core knows no app: each app
*registers* its target kinds (`register`, from its `AppConfig.ready()`), saying who may read a
target's thread and who may write in it, what the target is called (a notification's title: the
object only, the mail leaves the building) and which page shows it to a user. The thread page
(`/reacties/<kind>/<id>/`) and the component every page includes (`{% comment_thread target %}`)
answer 404 for a target one may not read, as the target's own page does.

Rules of the thread (pure functions, table-tested): a comment is edited only by its author, and
only within `EDIT_WINDOW` of posting (`comment_edit_refusal`), and only while they may still
write in the thread (an app's `may_comment` may close it); every edit is versioned and
written to the event log (old → new). A comment is never deleted: its author withdraws it with a
reason (`uwvkms.withdrawal`) and the thread shows it struck through with who, when and why.
`@username` mentions (`mentioned_usernames`) notify active users who may read the target; a
mention of anyone else is refused, so a notification never reveals a target to someone who may
not read it. Under the form, "Wie kunt u noemen?" lists who may be mentioned (`mentionable`):
the readers the registration gives as one query (`CommentTarget.readers`, which must agree with
`may_read`), by name and @username. Comments never appear in a report or an export: no report builder reads them.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.functions import Lower
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from uwvkms.changes import changes_between
from uwvkms.events import COMMENT_EDITED, COMMENT_POSTED, COMMENT_WITHDRAWN
from uwvkms.models import Comment, User
from uwvkms.notifications import COMMENT_MENTIONED, notify
from uwvkms.services import audit_event_record
from uwvkms.versioning import version_check
from uwvkms.withdrawal import withdraw

# How long after posting its author may still change a comment (issue 21 §4).
EDIT_WINDOW = datetime.timedelta(minutes=15)
MAX_LENGTH = 4000

# --- the registry ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CommentTarget:
    """A kind of record that has a thread, as its app registers it.

    `may_read(user, target)` says who reads the thread (everyone else gets 404), `may_comment`
    who writes in it (defaults to the readers); `title(target)` names the target in a
    notification, `page_url(user, target)` is the page that shows the target to this user;
    `audience` says in words who sees the thread; `queryset()` loads a target with what the
    permission checks read (defaults to the model's default manager); `readers(target)` is
    everyone `may_read` lets in, as one queryset of users (the list of who may be mentioned;
    without it no list is shown)."""

    model: type[models.Model]
    may_read: Callable[[User, models.Model], bool]
    title: Callable[[models.Model], str]
    page_url: Callable[[User, models.Model], str]
    audience: Promise | str
    may_comment: Callable[[User, models.Model], bool] | None = None
    queryset: Callable[[], models.QuerySet] | None = None
    readers: Callable[[models.Model], models.QuerySet] | None = None

    @property
    def kind(self) -> str:
        return self.model._meta.label_lower

    def readable_by(self, user, target) -> bool:
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return False
        return self.may_read(user, target)

    def writable_by(self, user, target) -> bool:
        if not self.readable_by(user, target):
            return False
        return self.may_comment is None or self.may_comment(user, target)

    def load(self, pk) -> models.Model | None:
        manager = self.queryset() if self.queryset else self.model._default_manager.all()
        return manager.filter(pk=pk).first()


_targets: dict[str, CommentTarget] = {}


def register(target: CommentTarget) -> None:
    """Give a kind of record a thread (called from an app's `AppConfig.ready()`; registering
    the same kind again replaces it)."""
    _targets[target.kind] = target


def target_kind(record: models.Model) -> CommentTarget:
    """The registration of `record`'s kind; LookupError for a kind without threads."""
    kind = record._meta.label_lower
    if kind not in _targets:
        raise LookupError(f"No comment thread is registered for {kind!r}.")
    return _targets[kind]


def thread_url(record: models.Model) -> str:
    """The thread page of `record` (no query)."""
    return reverse("comment_thread", kwargs={"kind": record._meta.label_lower, "pk": record.pk})


# --- rules (pure) ---------------------------------------------------------------------------

# "@" and a username (letters, digits and . @ + - _), not inside a word or an e-mail address;
# the name ends in a letter or digit, so "@bram." mentions bram.
MENTION = re.compile(r"(?<![\w.@+-])@([\w.@+-]*\w)")


def mentionable_username(username: str) -> bool:
    """Whether `@username` is read back as this whole username by `mentioned_usernames`."""
    return MENTION.fullmatch(f"@{username}") is not None


def mentioned_usernames(text: str) -> list[str]:
    """The usernames `text` mentions with `@username`, each once (case-insensitively), in the
    order they first appear. An e-mail address is no mention."""
    seen: dict[str, str] = {}
    for name in MENTION.findall(text or ""):
        seen.setdefault(name.lower(), name)
    return list(seen.values())


def comment_edit_refusal(
    *, is_author: bool, withdrawn: bool, posted_at: datetime.datetime, now: datetime.datetime
) -> str:
    """Why this user may not change this comment now, or "" when they may: only its author,
    not once withdrawn, and only within `EDIT_WINDOW` of posting (the moment itself counts)."""
    if not is_author:
        return _("Alleen wie een reactie schreef, kan haar wijzigen.")
    if withdrawn:
        return _("Een ingetrokken reactie kan niet meer worden gewijzigd.")
    if now - posted_at > EDIT_WINDOW:
        return _(
            "Een reactie kan tot %(minutes)d minuten na het plaatsen worden gewijzigd; die tijd "
            "is voorbij. Plaats zo nodig een nieuwe reactie."
        ) % {"minutes": EDIT_WINDOW.total_seconds() // 60}
    return ""


def editable_until(posted_at: datetime.datetime) -> datetime.datetime:
    """The last moment a comment posted at `posted_at` may be changed."""
    return posted_at + EDIT_WINDOW


# --- reads ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommentRow:
    """One comment as this reader sees it: may they change it now, may they withdraw it."""

    comment: Comment
    editable: bool
    withdrawable: bool

    @property
    def editable_until(self) -> datetime.datetime:
        return editable_until(self.comment.created_at)


@dataclass(frozen=True)
class Thread:
    """A target's thread for one reader (the component's view-model)."""

    kind: CommentTarget
    target: models.Model
    rows: list[CommentRow]
    may_comment: bool
    url: str
    # Who may be mentioned in the thread (only for a reader who may write in it).
    mentionable: list[User] = field(default_factory=list)


def comment_target_get(*, user, kind: str, pk: int) -> tuple[CommentTarget, models.Model]:
    """The registered kind and the target `pk` of it, for a user who may read its thread; 404
    for an unknown kind or target and for a target they may not read (as its page answers)."""
    registered = _targets.get(kind)
    if registered is None:
        raise Http404
    target = registered.load(pk)
    if target is None or not registered.readable_by(user, target):
        raise Http404
    return registered, target


def comments_of(target: models.Model) -> models.QuerySet[Comment]:
    """The thread of `target`, withdrawn comments too, oldest first: one query."""
    return (
        Comment.with_withdrawn.filter(
            target_type=ContentType.objects.get_for_model(target), target_id=target.pk
        )
        .select_related("author", "withdrawn_by")
        .order_by("created_at", "id")
    )


def has_comments(target: models.Model) -> bool:
    """Whether `target` has a thread (withdrawn comments count too): a record with one is not
    deleted, as its comments are never deleted and would lose what they are about."""
    return Comment.with_withdrawn.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    ).exists()


def commented(model: type[models.Model]) -> models.Exists:
    """An annotation for a queryset of `model`: whether each row has a thread (`has_comments`),
    in the same query."""
    return models.Exists(
        Comment.with_withdrawn.filter(
            target_type=ContentType.objects.get_for_model(model),
            target_id=models.OuterRef("pk"),
        )
    )


def mentionable(target: models.Model) -> list[User]:
    """The active users who may be mentioned in `target`'s thread, by name: its readers as the
    registration gives them (`CommentTarget.readers`), whose username a mention can name. One
    query, whatever their number; [] for a kind that gives no readers."""
    registered = target_kind(target)
    if registered.readers is None:
        return []
    users = (
        registered.readers(target)
        .filter(is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "username")
        .only("username", "first_name", "last_name")
    )
    return [user for user in users if mentionable_username(user.username)]


def thread_for(*, user, target: models.Model, now: datetime.datetime | None = None) -> Thread:
    """The thread of `target` as `user` sees it (the caller's page has checked they may read
    it). Two queries, whatever the number of comments, plus the app's write check, and for a
    writer one for who may be mentioned (`mentionable`)."""
    registered = target_kind(target)
    now = now or timezone.now()
    may_comment = registered.writable_by(user, target)
    rows = [
        CommentRow(
            comment=comment,
            editable=may_comment
            and not comment_edit_refusal(
                is_author=comment.author_id == user.pk,
                withdrawn=comment.is_withdrawn,
                posted_at=comment.created_at,
                now=now,
            ),
            withdrawable=may_comment and comment.author_id == user.pk and not comment.is_withdrawn,
        )
        for comment in comments_of(target)
    ]
    return Thread(
        kind=registered,
        target=target,
        rows=rows,
        may_comment=may_comment,
        url=thread_url(target),
        mentionable=mentionable(target) if may_comment else [],
    )


def comment_get_for_user(*, user, pk: int) -> tuple[Comment, CommentTarget, models.Model]:
    """A comment with its target's kind and target, for a user who may read the thread; 404
    otherwise (withdrawn comments are found too)."""
    comment = (
        Comment.with_withdrawn.select_related("author", "withdrawn_by", "target_type")
        .filter(pk=pk)
        .first()
    )
    if comment is None:
        raise Http404
    registered, target = comment_target_get(
        user=user,
        kind=f"{comment.target_type.app_label}.{comment.target_type.model}",
        pk=comment.target_id,
    )
    return comment, registered, target


# --- writes ---------------------------------------------------------------------------------


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Schrijf uw reactie.")}, code="required")
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            {"text": _("Een reactie is ten hoogste %(max)d tekens.") % {"max": MAX_LENGTH}},
            code="max_length",
        )
    return text


def _mentioned_users(registered: CommentTarget, target, text: str) -> list[User]:
    """The active users `text` mentions; refused (nothing stored) when a name is no active user
    or someone who may not read the target."""
    names = mentioned_usernames(text)
    if not names:
        return []
    found = {
        user.username.lower(): user
        for user in User.objects.annotate(lowered=Lower("username")).filter(
            lowered__in=[name.lower() for name in names], is_active=True
        )
    }
    errors = []
    for name in names:
        user = found.get(name.lower())
        if user is None:
            errors.append(_("@%(name)s is geen gebruiker van deze applicatie.") % {"name": name})
        elif not registered.readable_by(user, target):
            errors.append(
                _(
                    "@%(name)s mag dit onderwerp niet lezen en kan daarom niet in een reactie "
                    "worden genoemd. Haal de vermelding weg."
                )
                % {"name": name}
            )
    if errors:
        raise ValidationError({"text": errors}, code="mention")
    return [found[name.lower()] for name in names]


def _notify_mentioned(registered: CommentTarget, target, comment: Comment, users, actor) -> None:
    notify(
        kind=COMMENT_MENTIONED,
        recipients=[user for user in users if user.pk != actor.pk],
        title=_("Genoemd in een reactie bij %(target)s") % {"target": registered.title(target)},
        url=f"{thread_url(target)}#reactie-{comment.pk}",
        target=comment,
    )


@transaction.atomic
def comment_post(*, actor: User, target: models.Model, text: str) -> Comment:
    """Post a comment by `actor` in `target`'s thread and notify the users it mentions. Refused
    (PermissionDenied) for someone who may not write in the thread; a mention of someone who may
    not read the target refuses the whole comment with a Dutch message."""
    registered = target_kind(target)
    if not registered.writable_by(actor, target):
        raise PermissionDenied
    text = _clean_text(text)
    mentioned = _mentioned_users(registered, target, text)
    comment = Comment(
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        author=actor,
        text=text,
        updated_by=actor,
    )
    comment.full_clean()
    comment.save()
    audit_event_record(
        event=COMMENT_POSTED, actor=actor, target=comment, changes={"text": ["", text]}
    )
    _notify_mentioned(registered, target, comment, mentioned, actor)
    return comment


def _locked(comment: Comment, actor) -> tuple[Comment, CommentTarget, models.Model]:
    locked = Comment.with_withdrawn.select_for_update().select_related("author").get(pk=comment.pk)
    registered = _targets.get(f"{locked.target_type.app_label}.{locked.target_type.model}")
    target = registered.load(locked.target_id) if registered else None
    # Changing or withdrawing is writing in the thread: refused to whom may no longer write
    # in it (an app may close a thread, as herstel does on a closed action).
    if target is None or not registered.writable_by(actor, target):
        raise PermissionDenied
    if locked.author_id != actor.pk:
        raise PermissionDenied
    return locked, registered, target


@transaction.atomic
def comment_edit(
    *,
    actor: User,
    comment: Comment,
    text: str,
    expected_version: int,
    now: datetime.datetime | None = None,
) -> Comment:
    """Change the text of `actor`'s own comment, within `EDIT_WINDOW` of posting (refused with
    a Dutch message after; PermissionDenied for anyone but its author). Versioned: a save on a
    version that is no longer current is an EditConflict. Users newly mentioned are notified."""
    locked, registered, target = _locked(comment, actor)
    refusal = comment_edit_refusal(
        is_author=True,
        withdrawn=locked.is_withdrawn,
        posted_at=locked.created_at,
        now=now or timezone.now(),
    )
    if refusal:
        raise ValidationError(refusal, code="closed")
    version_check(locked, expected_version=expected_version, what=_("Deze reactie"))
    text = _clean_text(text)
    mentioned = _mentioned_users(registered, target, text)
    changes = changes_between({"text": locked.text}, {"text": text})
    if not changes:
        return locked
    before = {name.lower() for name in mentioned_usernames(locked.text)}
    locked.text = text
    locked.edited_at = now or timezone.now()
    touched = locked.touch(actor)
    locked.full_clean()
    locked.save(update_fields=["text", "edited_at", *touched])
    audit_event_record(event=COMMENT_EDITED, actor=actor, target=locked, changes=changes)
    newly = [user for user in mentioned if user.username.lower() not in before]
    _notify_mentioned(registered, target, locked, newly, actor)
    return locked


@transaction.atomic
def comment_withdraw(*, actor: User, comment: Comment, reason: str) -> Comment:
    """Withdraw `actor`'s own comment with a reason: it stays in the thread, struck through,
    with who, when and why. PermissionDenied for anyone but its author."""
    locked, _registered, _target = _locked(comment, actor)
    changes = withdraw(locked, actor=actor, reason=reason, what=_("Deze reactie"))
    audit_event_record(
        event=COMMENT_WITHDRAWN, actor=actor, target=locked, changes=changes, reason=reason.strip()
    )
    return locked
