"""Views of self-service confirmation (DOMAIN.md §3): a user linked as interviewee reads the record
of their interview and confirms it or asks for a correction. Thin: the interview comes through
the interviewee-only getter (404 for anyone else), every write through the service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audits.constants import InterviewAction, InterviewActor, InterviewStatus
from audits.evidence_rules import confirmation_open, correction_open, interview_actions
from audits.forms.confirmations import InterviewConfirmForm, InterviewCorrectionForm
from audits.selectors import confirmations as selectors
from audits.services import confirmations as confirmation_services
from uwvkms.forms import add_service_errors


@login_required
def confirmation_list(request):
    return render(
        request,
        "audits/confirmations/confirmation_list.html",
        {"interviews": selectors.interviews_awaiting_confirmation(user=request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def confirmation_detail(request, pk: int):
    interview = selectors.interview_get_for_interviewee(user=request.user, pk=pk)
    initial = {"version": interview.version}
    confirm_form = InterviewConfirmForm(initial=initial, prefix="bevestigen")
    correction_form = InterviewCorrectionForm(initial=initial, prefix="correctie")
    status = 200
    refused = None
    typed_remarks = ""
    can_answer = _can_answer(interview, request.user)
    if request.method == "POST" and can_answer:
        if "correctie-version" in request.POST:
            action, form = InterviewAction.REQUEST_CORRECTION, InterviewCorrectionForm
            correction_form = form = form(request.POST, prefix="correctie")
        else:
            action = InterviewAction.CONFIRM
            confirm_form = form = InterviewConfirmForm(request.POST, prefix="bevestigen")
        if form.is_valid():
            try:
                interview = confirmation_services.interview_answer_by_interviewee(
                    actor=request.user,
                    interview=interview,
                    action=action,
                    expected_version=form.cleaned_data["version"],
                    remarks=form.cleaned_data.get("remarks", ""),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if action == InterviewAction.REQUEST_CORRECTION:
                    done = _("Uw correctieverzoek is doorgegeven aan het toetsteam.")
                elif interview.status == InterviewStatus.BEVESTIGD:
                    done = _("U hebt het verslag bevestigd; het telt nu als bewijs.")
                else:
                    done = _(
                        "U hebt het verslag bevestigd. Het telt als bewijs zodra ook de andere "
                        "geïnterviewden het hebben bevestigd."
                    )
                messages.success(request, done)
                return redirect("audits:confirmation_detail", pk=interview.pk)
        status = 400
        if form.non_field_errors():
            # Refused as a whole (the record changed since it was opened): say why at the top
            # and show the record as it is now, with fresh forms for the current version.
            refused = form
            # The remarks typed stay in their field.
            interview = selectors.interview_get_for_interviewee(user=request.user, pk=pk)
            initial = {"version": interview.version}
            confirm_form = InterviewConfirmForm(initial=initial, prefix="bevestigen")
            correction_form = InterviewCorrectionForm(
                initial=initial | {"remarks": request.POST.get("correctie-remarks", "")},
                prefix="correctie",
            )
    elif request.method == "POST":
        # No longer to be answered (answered meanwhile, or calibration closed): say so on the
        # page, and give back what was typed, to be sent to the team another way.
        status = 400
        messages.error(request, _("Dit verslag wacht niet (meer) op uw antwoord."))
        typed_remarks = request.POST.get("correctie-remarks", "").strip()
    return render(
        request,
        "audits/confirmations/confirmation_detail.html",
        {
            "interview": interview,
            "can_answer": _can_answer(interview, request.user),
            "can_correct": correction_open(interview.cycle.status),
            "mine": _own_row(interview, request.user),
            "window_open": confirmation_open(interview.cycle.status),
            "confirm_form": confirm_form,
            "correction_form": correction_form,
            "refused": refused,
            "typed_remarks": typed_remarks,
        },
        status=status,
    )


def _own_row(interview, user):
    return next((p for p in interview.interviewees.all() if p.user_id == user.pk), None)


def _can_answer(interview, user) -> bool:
    """Whether the page offers the answer forms: only what the service would accept (a record
    waiting for this interviewee, not yet confirmed by them, calibration still open)."""
    mine = _own_row(interview, user)
    return (
        mine is not None
        and not mine.has_confirmed
        and confirmation_open(interview.cycle.status)
        and bool(interview_actions(interview.status, InterviewActor.INTERVIEWEE))
    )
