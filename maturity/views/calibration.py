"""Views of calibration: thin. The coordination team runs it; every object comes through an
access-checked selector and every change through a service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audits.constants import CycleStatus
from audits.selectors import cycle_get, cycle_get_for_coordinator
from maturity.constants import ScoreStatus, SessionStatus
from maturity.forms.calibration import (
    CalibrationReopenForm,
    ScoreAdjustForm,
    ScoreReopenForm,
    SessionCloseForm,
    SessionOpenForm,
)
from maturity.selectors import calibration as selectors
from maturity.selectors.blind import blind_state
from maturity.selectors.levels import level_meanings
from maturity.services import calibration as services
from uwvkms.constants import Role
from uwvkms.forms import add_service_errors, posted_data
from uwvkms.permissions import has_any_role


def _overview_url(cycle) -> str:
    return reverse("maturity:calibration", kwargs={"year": cycle.year})


def calibration_overview(request, year: int):
    """The calibration of a cycle: its rounds, whether calibration is closed, and its history."""
    cycle = cycle_get_for_coordinator(user=request.user, year=year)
    return _render_overview(request, cycle)


def _render_overview(request, cycle, *, reopen_form=None, status=200):
    frozen = selectors.is_calibration_frozen(cycle)
    current = selectors.open_session(cycle)
    sessions = list(selectors.sessions_of(cycle))
    in_phase = cycle.status == CycleStatus.KALIBRATIE
    return render(
        request,
        "maturity/calibration/overview.html",
        {
            "cycle": cycle,
            "sessions": sessions,
            "open_session": current,
            "frozen": frozen,
            "in_phase": in_phase,
            "can_open": in_phase and not frozen and current is None,
            "can_close": in_phase and not frozen and current is None and bool(sessions),
            "closures": selectors.closures_of(cycle),
            "reopen_form": reopen_form or (CalibrationReopenForm() if frozen else None),
            "phase_label": CycleStatus.KALIBRATIE.label,
        },
        status=status,
    )


def session_open(request, year: int):
    cycle = cycle_get_for_coordinator(user=request.user, year=year)
    form = SessionOpenForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            session = services.calibration_session_open(
                actor=request.user,
                cycle=cycle,
                held_on=form.cleaned_data["held_on"],
                participants=form.cleaned_data["participants"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Kalibratieronde %(number)s is geopend.") % {"number": session.number},
            )
            return redirect("maturity:calibration_session", year=cycle.year, number=session.number)
    return render(
        request,
        "maturity/calibration/session_form.html",
        {"cycle": cycle, "form": form, "frozen": selectors.is_calibration_frozen(cycle)},
        status=400 if form.is_bound else 200,
    )


def session_detail(request, year: int, number: int):
    """A round: while open, the matrix to discuss with its outliers and the close form;
    afterwards what it changed."""
    cycle = cycle_get_for_coordinator(user=request.user, year=year)
    session = selectors.session_get(cycle=cycle, number=number)
    return _render_session(request, cycle, session)


def _render_session(request, cycle, session, *, close_form=None, status=200):
    is_open = session.status == SessionStatus.OPEN
    return render(
        request,
        "maturity/calibration/session.html",
        {
            "cycle": cycle,
            "session": session,
            "is_open": is_open,
            "matrix": selectors.calibration_matrix(cycle) if is_open else None,
            "adjustments": selectors.session_adjustments(session),
            "close_form": close_form or (SessionCloseForm() if is_open else None),
        },
        status=status,
    )


@require_POST
def session_close(request, year: int, number: int):
    cycle = cycle_get_for_coordinator(user=request.user, year=year)
    session = selectors.session_get(cycle=cycle, number=number)
    form = SessionCloseForm(request.POST)
    if form.is_valid():
        try:
            services.calibration_session_close(
                actor=request.user, session=session, notes=form.cleaned_data["notes"] or None
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Kalibratieronde %(number)s is gesloten.") % {"number": number}
            )
            return redirect(_overview_url(cycle))
    return _render_session(request, cycle, session, close_form=form, status=400)


def cycle_matrix(request, year: int):
    """The matrix of the cycle outside a session: to prepare a round or look back."""
    cycle = cycle_get_for_coordinator(user=request.user, year=year)
    return render(
        request,
        "maturity/calibration/matrix.html",
        {
            "cycle": cycle,
            "matrix": selectors.calibration_matrix(cycle),
            "open_session": selectors.open_session(cycle),
        },
    )


# --- one score ------------------------------------------------------------------------------


def calibration_score(request, year: int, score_id: int):
    """One score under discussion: its level, justification, evidence and history; for the
    coordination team in an open session also the forms to adjust it or reopen it."""
    cycle = cycle_get(year=year)
    score = selectors.score_get_for_user(user=request.user, cycle=cycle, score_id=score_id)
    return _render_score(request, cycle, score)


def _render_score(request, cycle, score, *, adjust_form=None, reopen_form=None, status=200):
    coordinator = has_any_role(request.user, Role.COORDINATIETEAM)
    session = selectors.open_session(cycle) if coordinator else None
    frozen = selectors.is_calibration_frozen(cycle)
    can_act = (
        coordinator
        and session is not None
        and not frozen
        and cycle.status == CycleStatus.KALIBRATIE
        and score.status == ScoreStatus.INGEDIEND
    )
    initial = {"version": score.version}
    return render(
        request,
        "maturity/calibration/score.html",
        {
            "cycle": cycle,
            "score": score,
            "coordinator": coordinator,
            "session": session,
            "frozen": frozen,
            "can_act": can_act,
            "history": selectors.score_changes(score),
            "adjust_form": adjust_form or (ScoreAdjustForm(initial=initial) if can_act else None),
            "reopen_form": reopen_form or (ScoreReopenForm(initial=initial) if can_act else None),
            "levels": list(level_meanings().values()),
            # Blind scoring: the spread the team agreed this score from (issue 21 part 2).
            "blind": blind_state(
                viewer=request.user, cycle=cycle, unit=score.unit, principle=score.principle
            ),
        },
        status=status,
    )


def _score_for_coordinator(request, year: int, score_id: int):
    cycle = cycle_get_for_coordinator(user=request.user, year=year)
    return cycle, selectors.score_get_for_user(user=request.user, cycle=cycle, score_id=score_id)


@require_POST
def score_adjust(request, year: int, score_id: int):
    cycle, score = _score_for_coordinator(request, year, score_id)
    form = ScoreAdjustForm(request.POST)
    if form.is_valid():
        try:
            services.score_calibrate(
                actor=request.user,
                score=score,
                level=form.cleaned_data["level"],
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("De score van %(unit)s voor %(principle)s is bijgesteld naar %(level)s.")
                % {
                    "unit": score.unit,
                    "principle": score.principle,
                    "level": form.cleaned_data["level"],
                },
            )
            return _back_to_matrix(cycle)
    score = selectors.score_get_for_user(user=request.user, cycle=cycle, score_id=score_id)
    return _render_score(request, cycle, score, adjust_form=form, status=400)


@require_POST
def score_reopen(request, year: int, score_id: int):
    cycle, score = _score_for_coordinator(request, year, score_id)
    form = ScoreReopenForm(request.POST)
    if form.is_valid():
        try:
            services.score_reopen_for_auditor(
                actor=request.user,
                score=score,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("De score van %(unit)s voor %(principle)s is teruggezet naar de toetser.")
                % {"unit": score.unit, "principle": score.principle},
            )
            return _back_to_matrix(cycle)
    score = selectors.score_get_for_user(user=request.user, cycle=cycle, score_id=score_id)
    return _render_score(request, cycle, score, reopen_form=form, status=400)


def _back_to_matrix(cycle):
    session = selectors.open_session(cycle)
    if session is None:
        return redirect("maturity:calibration_matrix", year=cycle.year)
    return redirect("maturity:calibration_session", year=cycle.year, number=session.number)


# --- closing and reopening ------------------------------------------------------------------


@require_POST
def calibration_close(request, year: int):
    cycle = cycle_get_for_coordinator(user=request.user, year=year)
    try:
        services.calibration_close(actor=request.user, cycle=cycle)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return _render_overview(request, cycle, status=400)
    messages.success(
        request,
        _("De kalibratie van %(year)s is afgesloten: de scores liggen vast.")
        % {"year": cycle.year},
    )
    return redirect(_overview_url(cycle))


@require_POST
def calibration_reopen(request, year: int):
    cycle = cycle_get_for_coordinator(user=request.user, year=year)
    form = CalibrationReopenForm(request.POST)
    if form.is_valid():
        try:
            services.calibration_reopen(
                actor=request.user, cycle=cycle, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("De kalibratie van %(year)s is heropend.") % {"year": cycle.year}
            )
            return redirect(_overview_url(cycle))
    return _render_overview(request, cycle, reopen_form=form, status=400)
