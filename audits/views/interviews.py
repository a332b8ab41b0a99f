"""Views of the interviews of a unit (DOMAIN.md §2, "Evidence"): the list, the record and its
moves. Thin: every object comes through an access-checked selector, every write through a
service. The moves that are hard to undo ask first on a page of their own (issue 17, "guarded
moves"): sending a record for confirmation and withdrawing it; both work without JavaScript
(GET shows what will happen, POST does it)."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audits.constants import InterviewAction, InterviewStatus
from audits.evidence_rules import (
    confirmation_open,
    correction_open,
    interview_actions,
    interview_is_editable,
    interview_is_withdrawable,
)
from audits.forms.evidence import (
    IntervieweeConfirmationForm,
    IntervieweeFormSet,
    InterviewForm,
    InterviewTransitionForm,
)
from audits.selectors import evidence as selectors
from audits.services import confirmations as confirmation_services
from audits.services import interviews as interview_services
from uwvkms.forms import WithdrawForm, add_service_errors, posted_data
from uwvkms.pdf import html_to_pdf
from uwvkms.security import record_download


def interview_list(request, year: int, unit_id: int):
    ue = selectors.unit_evidence_get(user=request.user, year=year, unit_id=unit_id)
    return render(
        request,
        "audits/evidence/interview_list.html",
        {
            "ue": ue,
            "interviews": selectors.interviews_of_unit(cycle=ue.cycle, unit=ue.unit),
            "has_districts": selectors.drawn_districts_of_unit(
                cycle=ue.cycle, unit=ue.unit
            ).exists(),
            "districts_url": _districts_url(ue),
        },
    )


def _districts_url(ue) -> str | None:
    """The page where candidate districts are added, when that page exists."""
    try:
        return reverse("audits:districts", kwargs={"year": ue.cycle.year, "unit_id": ue.unit.id})
    except NoReverseMatch:
        return None


def _interview_form(request, ue, interview=None):
    principles = list(selectors.assessed_principles(cycle=ue.cycle, unit=ue.unit))
    asked: set[int] = set()
    initial: dict = {"version": 0, "auditors": [request.user.pk]}
    people = None
    if interview is not None:
        initial = {
            "version": interview.version,
            "held_on": interview.held_on,
            "outside_period_reason": interview.outside_period_reason,
            "location": interview.location_id,
            "auditors": [a.pk for a in interview.auditors.all()],
        }
        for note in interview.notes.all():
            ids = [q.id for q in note.questions.all()]
            asked.update(ids)
            initial[f"questions_{note.principle_id}"] = ids
            initial[f"notes_{note.principle_id}"] = note.notes
        people = [
            {"name": p.name, "function": p.function, "user": p.user_id}
            for p in interview.interviewees.all()
        ]
    form = InterviewForm(
        posted_data(request),
        initial=initial,
        districts=selectors.drawn_districts_of_unit(
            cycle=ue.cycle, unit=ue.unit, keep=interview.location_id if interview else None
        ),
        team=selectors.audit_team(cycle=ue.cycle, unit=ue.unit),
        principles=principles,
        questions=selectors.questions_by_principle(principles=principles, include=asked),
    )
    formset = IntervieweeFormSet(
        posted_data(request),
        initial=people,
        prefix="interviewees",
        # One queryset for every row: it is read once (see AccountChoiceField).
        form_kwargs={"users": selectors.unit_staff(unit=ue.unit)},
    )
    return form, formset


def _record_args(form, formset) -> dict:
    return {
        "held_on": form.cleaned_data["held_on"],
        "outside_period_reason": form.cleaned_data["outside_period_reason"],
        "location": form.cleaned_data["location"],
        "auditors": form.cleaned_data["auditors"],
        "interviewees": [
            interview_services.IntervieweeData(
                name=p["name"],
                function=p["function"],
                user_id=p["user"].pk if p.get("user") else None,
            )
            for p in formset.people()
        ],
        "notes": {
            principle_id: interview_services.NoteData(notes=notes, question_ids=question_ids)
            for principle_id, (notes, question_ids) in form.notes_data().items()
        },
    }


def _render_interview_form(request, ue, form, formset, interview=None, status=200):
    return render(
        request,
        "audits/evidence/interview_form.html",
        {
            "ue": ue,
            "form": form,
            "formset": formset,
            "interview": interview,
            "has_districts": form.fields["location"].queryset.exists(),
            "districts_url": _districts_url(ue),
            "period": (ue.cycle.period_start, ue.cycle.period_end)
            if ue.cycle.period_start and ue.cycle.period_end
            else None,
        },
        status=status,
    )


def interview_create(request, year: int, unit_id: int):
    ue = selectors.unit_evidence_get_for_editing(user=request.user, year=year, unit_id=unit_id)
    form, formset = _interview_form(request, ue)
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            try:
                interview = interview_services.interview_create(
                    actor=request.user,
                    cycle=ue.cycle,
                    unit=ue.unit,
                    **_record_args(form, formset),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Het interview is vastgelegd als concept."))
                return redirect(interview)
        return _render_interview_form(request, ue, form, formset, status=400)
    return _render_interview_form(request, ue, form, formset)


def interview_edit(request, year: int, pk: int):
    interview, ue = selectors.interview_get_for_user(
        user=request.user, year=year, pk=pk, for_editing=True
    )
    not_editable = _("Een interview met status %(status)s kan niet worden gewijzigd.") % {
        "status": interview.get_status_display()
    }
    if not interview_is_editable(interview.status) and request.method != "POST":
        messages.error(request, not_editable)
        return redirect(interview)
    form, formset = _interview_form(request, ue, interview)
    if request.method == "POST" and not interview_is_editable(interview.status):
        # Sent on meanwhile: refused on the page, with everything typed still in it.
        form.is_valid()
        form.add_error(None, not_editable)
        return _render_interview_form(request, ue, form, formset, interview, status=400)
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            try:
                interview = interview_services.interview_update(
                    actor=request.user,
                    interview=interview,
                    expected_version=form.cleaned_data["version"] or 0,
                    **_record_args(form, formset),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Het interview is opgeslagen."))
                return redirect(interview)
        return _render_interview_form(request, ue, form, formset, interview, status=400)
    return _render_interview_form(request, ue, form, formset, interview)


@dataclass(frozen=True)
class InterviewMoves:
    """What the user may do with a record now: only what the services would accept (issue 17:
    a page never offers what the app will refuse)."""

    can_send: bool  # to the guarded page that sends it for confirmation
    can_withdraw: bool  # to the guarded page that withdraws it
    unconfirmed_unlinked: list  # interviewees whose confirmation the team may record


def interview_moves(interview, ue) -> InterviewMoves:
    if interview.is_withdrawn or not ue.is_auditor:
        return InterviewMoves(False, False, [])
    status = interview.status
    recordable = (
        [p for p in interview.interviewees.all() if not p.confirms_in_app and not p.has_confirmed]
        if status == InterviewStatus.TER_BEVESTIGING and confirmation_open(ue.cycle.status)
        else []
    )
    return InterviewMoves(
        can_send=ue.can_edit and InterviewAction.SEND in interview_actions(status),
        can_withdraw=ue.can_edit and interview_is_withdrawable(status),
        unconfirmed_unlinked=recordable,
    )


def _transition_forms(interview, ue, bound=None) -> list[tuple[InterviewAction, object]]:
    """The moves made with a form on the record's page: asking a correction (until calibration
    closes) and taking it back to concept (during fieldwork). Sending has its own page; a
    confirmation is recorded per interviewee."""
    if interview.is_withdrawn or not ue.is_auditor:
        return []
    forms = []
    for action in interview_actions(interview.status):
        if action == InterviewAction.REQUEST_CORRECTION:
            if not correction_open(ue.cycle.status):
                continue
        elif action != InterviewAction.REOPEN or not ue.can_edit:
            continue
        if bound is not None and bound.prefix == action:
            forms.append((action, bound))
        else:
            forms.append(
                (
                    action,
                    InterviewTransitionForm(
                        initial={"action": action, "status": interview.status}, prefix=action
                    ),
                )
            )
    return forms


def _render_interview_detail(
    request, interview, ue, bound=None, confirmation_form=None, status=200
):
    transition_forms = _transition_forms(interview, ue, bound)
    moves = interview_moves(interview, ue)
    if confirmation_form is None and moves.unconfirmed_unlinked:
        confirmation_form = IntervieweeConfirmationForm(
            interviewees=moves.unconfirmed_unlinked, initial={"confirmed_on": timezone.localdate()}
        )
    # A refused move whose form is no longer on the page still says why.
    orphan_errors = (
        list(bound.non_field_errors())
        if bound is not None and all(form is not bound for _action, form in transition_forms)
        else []
    )
    if (
        confirmation_form is not None
        and confirmation_form.is_bound
        and not moves.unconfirmed_unlinked
    ):
        orphan_errors += [e for errors in confirmation_form.errors.values() for e in errors]
    return render(
        request,
        "audits/evidence/interview_detail.html",
        {
            "ue": ue,
            "interview": interview,
            "editable": ue.can_edit
            and not interview.is_withdrawn
            and interview_is_editable(interview.status),
            "moves": moves,
            "confirmation_form": confirmation_form if moves.unconfirmed_unlinked else None,
            "transition_forms": transition_forms,
            "transition_errors": orphan_errors,
            "history": selectors.evidence_history(interview),
        },
        status=status,
    )


def interview_detail(request, year: int, pk: int):
    interview, ue = selectors.interview_get_for_user(user=request.user, year=year, pk=pk)
    return _render_interview_detail(request, interview, ue)


@require_POST
def interview_transition(request, year: int, pk: int):
    interview, ue = selectors.interview_get_for_user(
        user=request.user, year=year, pk=pk, for_editing=True
    )
    # Each move is its own form, prefixed with its action (unique ids on the page).
    prefix = next((a for a in InterviewAction.values if f"{a}-action" in request.POST), None)
    if prefix is None:
        raise Http404
    form = InterviewTransitionForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            interview = interview_services.interview_transition(
                actor=request.user,
                interview=interview,
                action=form.cleaned_data["action"],
                expected_status=form.cleaned_data["status"],
                remarks=form.cleaned_data["remarks"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Het interview staat nu op %(status)s.")
                % {"status": interview.get_status_display()},
            )
            return redirect(interview)
    return _render_interview_detail(request, interview, ue, bound=form, status=400)


def interview_send(request, year: int, pk: int):
    """Send a record for confirmation, after a page that says who will be asked and what
    happens (GET: the page; POST: the move)."""
    interview, ue = selectors.interview_get_for_user(
        user=request.user, year=year, pk=pk, for_editing=True
    )
    form = InterviewTransitionForm(
        posted_data(request),
        initial={"action": InterviewAction.SEND, "status": interview.status},
        prefix=InterviewAction.SEND,
    )
    if request.method == "POST" and form.is_valid():
        try:
            interview = interview_services.interview_transition(
                actor=request.user,
                interview=interview,
                action=InterviewAction.SEND,
                expected_status=form.cleaned_data["status"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Het verslag is ter bevestiging gestuurd; het telt als bewijs zodra iedere "
                    "geïnterviewde het heeft bevestigd."
                ),
            )
            return redirect(interview)
    return render(
        request,
        "audits/evidence/interview_send.html",
        {
            "ue": ue,
            "interview": interview,
            "form": form,
            "can_send": interview_moves(interview, ue).can_send,
        },
        status=400 if form.is_bound else 200,
    )


def interview_withdraw(request, year: int, pk: int):
    """Withdraw a record entered in error, with a reason (GET: the page that asks for it; POST:
    the withdrawal)."""
    interview, ue = selectors.interview_get_for_user(
        user=request.user, year=year, pk=pk, for_editing=True
    )
    form = WithdrawForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            interview = interview_services.interview_withdraw(
                actor=request.user, interview=interview, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het interview is ingetrokken; het telt nergens meer mee."))
            return redirect("audits:interview_list", year=ue.cycle.year, unit_id=ue.unit.id)
    return render(
        request,
        "audits/evidence/interview_withdraw.html",
        {
            "ue": ue,
            "interview": interview,
            "form": form,
            "can_withdraw": interview_moves(interview, ue).can_withdraw,
        },
        status=400 if form.is_bound else 200,
    )


@require_POST
def interviewee_confirmation(request, year: int, pk: int):
    """The audit team records the confirmation of an interviewee without an account."""
    interview, ue = selectors.interview_get_for_user(
        user=request.user, year=year, pk=pk, for_editing=True
    )
    moves = interview_moves(interview, ue)
    form = IntervieweeConfirmationForm(
        request.POST, interviewees=moves.unconfirmed_unlinked or interview.interviewees.all()
    )
    if form.is_valid():
        person = next(
            (p for p in interview.interviewees.all() if p.pk == form.cleaned_data["interviewee"]),
            None,
        )
        try:
            if person is None:
                raise ValidationError(_("Kies een geïnterviewde van dit interview."))
            interview = confirmation_services.interviewee_confirmation_record(
                actor=request.user,
                interview=interview,
                interviewee=person,
                confirmed_on=form.cleaned_data["confirmed_on"],
                confirmed_via=form.cleaned_data["confirmed_via"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("De bevestiging van %(name)s is vastgelegd. Het interview staat op %(status)s.")
                % {"name": person.name, "status": interview.get_status_display()},
            )
            return redirect(interview)
    return _render_interview_detail(request, interview, ue, confirmation_form=form, status=400)


def interview_pdf(request, year: int, pk: int):
    interview, ue = selectors.interview_get_for_user(user=request.user, year=year, pk=pk)
    html = render_to_string(
        "audits/evidence/interview_record.html",
        {"interview": interview, "ue": ue, "generated_at": timezone.now()},
    )
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    filename = get_valid_filename(
        f"interview-{interview.unit.abbreviation}-{interview.held_on:%Y-%m-%d}-{interview.pk}.pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return record_download(request, response, target=interview, what="interviewverslag")
