"""The comment thread component (`uwvkms.comments`): `{% comment_thread target %}` shows the
thread of `target` with its form on any page whose view has checked that the user may read it;
`{% comment_link target %}` links to a target's thread page (no query, for lists)."""

from django import template

from uwvkms.comments import target_kind, thread_for, thread_url

register = template.Library()


@register.inclusion_tag("components/comment_thread.html", takes_context=True)
def comment_thread(context, target, form=None) -> dict:
    """The thread of `target` for the request's user; `form` is a bound form given back (the
    thread page after a refused comment)."""
    from uwvkms.comment_views import CommentForm  # the views sit above the templatetags

    request = context["request"]
    if not target_kind(target).readable_by(request.user, target):
        return {"thread": None}  # a page some may open whose thread is not for them
    return {
        "thread": thread_for(user=request.user, target=target),
        "comment_form": form or CommentForm(),
        "next": request.path,
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }


@register.simple_tag
def comment_thread_url(target) -> str:
    return thread_url(target)
