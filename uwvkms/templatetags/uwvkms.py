from datetime import timedelta

from django import forms, template
from django.core.exceptions import NON_FIELD_ERRORS

from uwvkms.notifications import kind_label, unread_count
from uwvkms.workqueue import work_queue_for

register = template.Library()


@register.filter
def timedelta_minutes(value: timedelta) -> int:
    """Whole minutes in a timedelta, rounded up (a lockout of 14.5 minutes reads as 15)."""
    seconds = int(value.total_seconds())
    return -(-seconds // 60)


@register.inclusion_tag("components/form_errors.html")
def form_error_summary(form) -> dict:
    """The error summary at the top of a form (role alert): the errors that belong to no field,
    and a link to each field with an error, whose message stands beside the field itself."""
    if form is None or not form.is_bound or not form.errors:
        return {"items": []}
    items = [{"message": error} for error in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            continue
        field = form[name] if name in form.fields else None
        if field is None or field.is_hidden:
            # Not shown as a field (a stale version, say): the message itself.
            items.extend({"message": error} for error in errors)
        else:
            items.append({"label": field.label, "anchor": _field_anchor(field)})
    return {"items": items}


def _field_anchor(field) -> str:
    """The id of the element the summary links to: the first option of a group of radio
    buttons or checkboxes, otherwise the field's own input."""
    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id


@register.simple_tag
def unread_notifications_of(user) -> int:
    """The navigation's unread count (loaded with the user's roles: no query of its own)."""
    return unread_count(user)


@register.filter
def notification_kind_label(name: str) -> str:
    """The Dutch label of a notification kind."""
    return kind_label(name)


@register.simple_tag(takes_context=True)
def work_queue_count(context) -> int:
    """How many lines the user's work queue has, for the navigation bar on every page: the
    home page passes the count it already has; elsewhere the queue is read here (the
    providers' fixed number of queries, none for a user whose roles give it nothing)."""
    if context.get("work_queue_count") is not None:
        return context["work_queue_count"]
    request = context.get("request")
    return len(work_queue_for(getattr(request, "user", None)))


@register.simple_tag
def markup_html(blocks, for_pdf=False):
    """The report markup's parsed `blocks` as HTML (`uwvkms.markup.to_html`): footnotes as
    WeasyPrint floats in the PDF, as numbered references to the notes in the browser."""
    from uwvkms import markup  # noqa: PLC0415 (the template library loads before the apps)

    return markup.to_html(blocks, footnotes="float" if for_pdf else "ref")


@register.inclusion_tag("components/review_panel.html", takes_context=True)
def review_panel(context, record) -> dict:
    """The review panel of a reviewable record (issue 21 §3, `uwvkms.review`): where its review
    stands (who asked, who reviewed, the note) and the moves this user may make now. One query
    for the user's standing at the record's unit (none for someone without an audit role)."""
    from uwvkms import review  # noqa: PLC0415 (the review module loads the notification kinds)

    request = context.get("request")
    user = getattr(request, "user", None)
    if record is None or getattr(record, "pk", None) is None or user is None:
        return {"record": None}
    standing = review.standing_of(user, cycle_id=record.cycle_id, unit_id=record.unit_id)
    status = record.review_status
    can_request = review.may_request_review(standing) and (
        review.review_next_status(status, review.ReviewAction.REQUEST) is not None
    )
    can_review = status == review.ReviewStatus.KLAAR and review.may_review(
        user_id=user.pk, author_ids=record.review_author_ids(), standing=standing
    )
    kind = review.kind_of(record)
    return {
        "record": record,
        "kind": kind,
        "status": review.ReviewStatus(status),
        "summary": review.review_summary(record),
        "can_request": can_request,
        "can_review": can_review,
        "can_send_back": can_review and review.may_send_back(record),
        "is_author": user.pk in record.review_author_ids(),
        "next": request.get_full_path(),
    }
