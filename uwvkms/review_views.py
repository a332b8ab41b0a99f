"""The review moves of every reviewable record (issue 21 §3, `uwvkms.review`): one set of views
for all kinds, which the apps register. Each record's page shows its review panel
(`{% review_panel record %}`); the unit's review page (findings) lists them all."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from uwvkms.forms import add_service_errors, posted_data
from uwvkms.review import (
    ReviewAction,
    ReviewKind,
    ReviewStatus,
    kind_get,
    may_review,
    may_send_back,
    review_approve,
    review_request,
    review_send_back,
    standing_of,
)


class ReviewMoveForm(forms.Form):
    """A review move on the version of the record the user read."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    next = forms.CharField(widget=forms.HiddenInput, required=False)


class SendBackForm(ReviewMoveForm):
    note = forms.CharField(
        label=gettext_lazy("Reviewopmerking"),
        help_text=gettext_lazy("Wat moet de auteur verbeteren? De auteur krijgt een melding."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )


def _record_for(request, slug: str, pk: int):
    """The record of kind `slug`, for someone on its unit's audit team or the coordination team;
    404 for anyone else (they may not see it) and for an unknown kind or record."""
    kind = kind_get(slug)
    if kind is None:
        raise Http404
    record = kind.records(_cycle_of(kind, pk)).filter(pk=pk).first()
    if record is None:
        raise Http404
    standing = standing_of(request.user, cycle_id=record.cycle_id, unit_id=record.unit_id)
    if not (standing.is_team_auditor or standing.is_coordinator):
        raise Http404
    return kind, record


def _cycle_of(kind: ReviewKind, pk: int) -> int:
    cycle_id = kind.model.objects.filter(pk=pk).values_list("cycle_id", flat=True).first()
    if cycle_id is None:
        raise Http404
    return cycle_id


def _safe(request, target: str | None) -> str:
    """`target` when it is a path of this site, else ""."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _back(request, kind: ReviewKind, record, form=None) -> str:
    target = (form.cleaned_data.get("next") if form is not None and form.is_valid() else "") or ""
    return _safe(request, target) or kind.url(record)


_DONE = {
    ReviewAction.REQUEST: gettext_lazy("%(what)s staat klaar voor review."),
    ReviewAction.APPROVE: gettext_lazy("%(what)s is beoordeeld."),
}


@require_POST
def review_move(request, kind: str, pk: int, action: str):
    """Mark a record klaar voor review, or beoordeeld (sending back has its own page)."""
    if action not in (ReviewAction.REQUEST, ReviewAction.APPROVE):
        raise Http404
    review_kind, record = _record_for(request, kind, pk)
    form = ReviewMoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Dit verzoek is onvolledig; er is niets gewijzigd."))
        return redirect(_back(request, review_kind, record))
    service = review_request if action == ReviewAction.REQUEST else review_approve
    try:
        service(actor=request.user, record=record, expected_version=form.cleaned_data["version"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        what = f"{review_kind.label} {review_kind.title(record)}"
        messages.success(request, str(_DONE[action]) % {"what": what})
    return redirect(_back(request, review_kind, record, form))


def review_send_back_view(request, kind: str, pk: int):
    """Send a record back to its author with a note (GET: the form; POST: the move). A refused
    note is given back as typed."""
    review_kind, record = _record_for(request, kind, pk)
    standing = standing_of(request.user, cycle_id=record.cycle_id, unit_id=record.unit_id)
    if not may_review(
        user_id=request.user.pk, author_ids=record.review_author_ids(), standing=standing
    ):
        raise PermissionDenied  # an author, or not a reviewer of this unit
    if not may_send_back(record):  # its content is fixed: the author could never fix it
        messages.error(
            request,
            _("%(what)s kan niet meer worden teruggestuurd: de inhoud ligt vast.")
            % {"what": f"{review_kind.label} {review_kind.title(record)}"},
        )
        return redirect(
            _safe(request, request.GET.get("next") or request.POST.get("next"))
            or review_kind.url(record)
        )
    form = SendBackForm(
        posted_data(request),
        initial={"version": record.version, "next": request.GET.get("next", "")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            review_send_back(
                actor=request.user,
                record=record,
                expected_version=form.cleaned_data["version"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(what)s is teruggestuurd naar de auteur.")
                % {"what": f"{review_kind.label} {review_kind.title(record)}"},
            )
            return redirect(_back(request, review_kind, record, form))
    return render(
        request,
        "uwvkms/review_send_back.html",
        {
            "kind": review_kind,
            "record": record,
            "title": review_kind.title(record),
            "record_url": review_kind.url(record),
            "back_url": _safe(request, request.GET.get("next") or request.POST.get("next"))
            or review_kind.url(record),
            "form": form,
            "waiting": record.review_status == ReviewStatus.KLAAR,
        },
        status=400 if form.is_bound else 200,
    )
