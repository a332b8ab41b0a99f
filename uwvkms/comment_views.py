"""Views of the comment threads (`uwvkms.comments`): the thread page of a target (read and
post), changing one's own comment within the edit window, and withdrawing it with a reason.
Every target is fetched through `comment_target_get`, which answers 404 for what one may not
read; acting on someone else's comment, or in a thread one may no longer write in, is 403 (a
comment posted there comes back on the thread page, its text to copy)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uwvkms import comments
from uwvkms.forms import add_service_errors, posted_data


class CommentForm(forms.Form):
    """A new comment (or the new text of one's own). Prefixed: the page it sits on may have a
    field of the same name (a report section's text)."""

    prefix = "reactie"

    text = forms.CharField(
        label=gettext_lazy("Uw reactie"),
        max_length=comments.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Noem een collega met @gebruikersnaam: die krijgt een melding. Alleen wie dit "
            "onderwerp mag lezen, kan worden genoemd. Een reactie komt nooit in een rapport."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CommentWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reden van intrekken"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )


def _back(request, fallback: str) -> str:
    """The page the thread was posted from (a path of this site), or `fallback`."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def comment_thread(request, kind: str, pk: int):
    """GET: the thread of one target with its form; POST: post a comment. A refused comment
    (an empty text, a mention of someone who may not read the target) comes back as typed."""
    registered, target = comments.comment_target_get(user=request.user, kind=kind, pk=pk)
    form = CommentForm(posted_data(request))
    if request.method == "POST" and not registered.writable_by(request.user, target):
        # Refused (403), but the page offered the form: the right to write may have lapsed in
        # between (the action was closed). The thread says so and gives the text back to copy.
        return _thread_page(request, registered, target, form, status=403)
    if request.method == "POST" and form.is_valid():
        try:
            comment = comments.comment_post(
                actor=request.user, target=target, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Uw reactie is geplaatst."))
            return redirect(f"{_back(request, request.path)}#reactie-{comment.pk}")
    return _thread_page(request, registered, target, form, status=400 if form.is_bound else 200)


def _thread_page(request, registered, target, form, *, status: int):
    return render(
        request,
        "uwvkms/comments/thread.html",
        {
            "registered": registered,
            "target": target,
            "target_title": registered.title(target),
            "page_url": registered.page_url(request.user, target),
            "comment_form": form,
        },
        status=status,
    )


def comment_edit(request, pk: int):
    """Change one's own comment within the edit window; after it the page says why not."""
    comment, registered, target = comments.comment_get_for_user(user=request.user, pk=pk)
    if comment.author_id != request.user.pk or not registered.writable_by(request.user, target):
        raise PermissionDenied
    refusal = comments.comment_edit_refusal(
        is_author=True,
        withdrawn=comment.is_withdrawn,
        posted_at=comment.created_at,
        now=timezone.now(),
    )
    form = CommentForm(
        posted_data(request), initial={"text": comment.text, "version": comment.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            comments.comment_edit(
                actor=request.user,
                comment=comment,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data["version"] or 0,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Uw reactie is gewijzigd."))
            return redirect(f"{comments.thread_url(target)}#reactie-{comment.pk}")
    return render(
        request,
        "uwvkms/comments/edit.html",
        {
            "comment": comment,
            "target_title": registered.title(target),
            "thread_url": comments.thread_url(target),
            "form": form,
            "refusal": refusal,
            "editable_until": comments.editable_until(comment.created_at),
            "mentionable": comments.mentionable(target) if not refusal else [],
        },
        status=400 if form.is_bound else 200,
    )


def comment_withdraw(request, pk: int):
    """Withdraw one's own comment with a reason (GET: the question; POST: withdrawn)."""
    comment, registered, target = comments.comment_get_for_user(user=request.user, pk=pk)
    if comment.author_id != request.user.pk or not registered.writable_by(request.user, target):
        raise PermissionDenied
    form = CommentWithdrawForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            comments.comment_withdraw(
                actor=request.user, comment=comment, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Uw reactie is ingetrokken."))
            return redirect(f"{comments.thread_url(target)}#reactie-{comment.pk}")
    return render(
        request,
        "uwvkms/comments/withdraw.html",
        {
            "comment": comment,
            "target_title": registered.title(target),
            "thread_url": comments.thread_url(target),
            "form": form,
        },
        status=400 if form.is_bound else 200,
    )
