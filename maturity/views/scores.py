"""Views of maturity scoring: thin, every object fetched through an access-checked selector."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from audits.constants import DocumentStatus, InterviewStatus
from audits.selectors import cycle_get, is_assessed, principle_get, unit_get
from maturity.forms.scores import ScoreAction, ScoreForm
from maturity.score_rules import score_lock_message
from maturity.selectors import framework as framework_selectors
from maturity.selectors import scores as selectors
from maturity.selectors.blind import blind_state, own_score_progress
from maturity.services import scores as services
from maturity.views.blind import blind_phase_page
from uwvkms.confirmation import confirmation_page, is_confirmed, went_back
from uwvkms.constants import Role
from uwvkms.forms import add_service_errors, kept_input, posted_data
from uwvkms.permissions import role_required
from uwvkms.review import fieldwork_awaiting_review


@role_required(Role.TOETSER)
def auditor_work(request, year: int):
    cycle = cycle_get(year=year)
    items = selectors.auditor_work(auditor=request.user, cycle=cycle)
    # While a unit's blind phase is open: how many principles the auditor scored themselves.
    own_scores = own_score_progress(auditor=request.user, cycle=cycle, items=items)
    return render(
        request,
        "maturity/work_toetser.html",
        {"cycle": cycle, "items": items, "own_scores": own_scores},
    )


def score_edit(request, year: int, unit_id: int, principle_code: str):
    cycle = cycle_get(year=year)
    unit = unit_get(unit_id=unit_id)
    selectors.require_scoring_access(user=request.user, cycle=cycle, unit=unit)
    principle = principle_get(code=principle_code)
    if not is_assessed(cycle=cycle, unit=unit, principle=principle):
        raise Http404
    blind = blind_state(viewer=request.user, cycle=cycle, unit=unit, principle=principle)
    if blind.open:  # blind scoring: each auditor's own score first (issue 21 part 2)
        return blind_phase_page(request, cycle=cycle, unit=unit, principle=principle, blind=blind)
    score = selectors.score_for(cycle=cycle, unit=unit, principle=principle)
    framework = framework_selectors.framework_for(cycle=cycle, principle=principle)
    context = {
        "cycle": cycle,
        "unit": unit,
        "principle": principle,
        "score": score,
        "framework": framework,
        "history": selectors.score_history_rows(score),
        "sent_back": selectors.sent_back_change(score),
        "blind": blind,
    }
    descriptors = framework_selectors.level_descriptors(framework)

    lock = selectors.score_lock_for(cycle=cycle, score=score)
    if lock:
        # Read-only: a submitted score until calibration reopens it, or a closed cycle.
        refused = request.method == "POST"
        context |= {
            "lock_message": score_lock_message(lock, cycle_status=cycle.status),
            "refused": refused,
            "descriptor": next((d for d in descriptors if score and d.level == score.level), None),
        }
        return render(
            request, "maturity/score_detail_toetser.html", context, status=400 if refused else 200
        )

    submit = request.POST.get("action") == ScoreAction.SUBMIT
    form_kwargs = {
        "interviews": selectors.citable_interviews(cycle=cycle, unit=unit),
        "documents": selectors.citable_documents(cycle=cycle, unit=unit),
        "principle_id": principle.id,
        "submit": submit,
    }
    if went_back(request):  # from the confirmation page: the form again, as typed
        form = kept_input(ScoreForm, request.POST, initial=_initial(score), **form_kwargs)
    else:
        form = ScoreForm(posted_data(request), initial=_initial(score), **form_kwargs)
    if request.method == "POST" and form.is_bound and form.is_valid():
        data = form.cleaned_data
        if submit and not is_confirmed(request):
            return _submit_confirmation(request, unit=unit, principle=principle, data=data)
        try:
            services.score_record(
                actor=request.user,
                cycle=cycle,
                unit=unit,
                principle=principle,
                level=data["level"],
                justification=data["justification"],
                reason=data["reason"],
                expected_version=data["version"],
                submit=submit,
                design_note=data["design_note"],
                existence_note=data["existence_note"],
                operation_note=data["operation_note"],
                interviews=data["interviews"],
                documents=data["documents"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            names = {"principle": principle, "unit": unit}
            if submit:
                messages.success(
                    request, _("De score voor %(principle)s bij %(unit)s is ingediend.") % names
                )
                return redirect(reverse("maturity:auditor_work", kwargs={"year": cycle.year}))
            messages.success(
                request,
                _("De score voor %(principle)s bij %(unit)s is als concept opgeslagen.") % names,
            )
            return redirect(request.path)
    context |= {
        "form": form,
        "levels": list(zip(form["level"], descriptors, strict=True)),
        "stale_evidence": _stale_evidence(score),
        "ever_submitted": selectors.ever_submitted(score),
        "actions": ScoreAction,
        # Submission waits for the unit's fieldwork to be reviewed (issue 21 §3): the page
        # says what still waits instead of offering a submission that would be refused.
        "review_waiting": fieldwork_awaiting_review(cycle_id=cycle.pk, unit_id=unit.pk),
    }
    return render(
        request, "maturity/score_form_toetser.html", context, status=400 if form.is_bound else 200
    )


def _submit_confirmation(request, *, unit, principle, data):
    """Submitting hands the score to calibration and locks it: ask first."""
    names = {"principle": principle, "unit": unit, "level": data["level"]}
    return confirmation_page(
        request,
        title=_("Score voor %(principle)s bij %(unit)s indienen?") % names,
        consequences=[
            _("De score (niveau %(level)s) gaat naar het coördinatieteam voor de kalibratie.")
            % names,
            _(
                "Daarna kunt u de score niet meer wijzigen, tenzij het coördinatieteam hem in "
                "de kalibratie heropent."
            ),
        ],
        summary=[
            (_("Volwassenheidsniveau"), data["level"]),
            (_("Onderbouwing"), data["justification"]),
        ],
        confirm_label=_("Ja, indienen"),
        back_label=_("Terug naar de score"),
    )


def _initial(score) -> dict:
    if score is None:
        return {"version": 0}
    return {
        "version": score.version,
        "level": score.level,
        "justification": score.justification,
        "design_note": score.design_note,
        "existence_note": score.existence_note,
        "operation_note": score.operation_note,
        "interviews": [i.pk for i in score.cited_interviews.all()],
        "documents": [d.pk for d in score.cited_documents.all()],
    }


def _stale_evidence(score) -> list:
    """Evidence the score cites that no longer counts (a document no longer delivered): saving
    drops it, so the auditor is told."""
    if score is None:
        return []
    return [i for i in score.cited_interviews.all() if i.status != InterviewStatus.BEVESTIGD] + [
        d for d in score.cited_documents.all() if d.status != DocumentStatus.GELEVERD
    ]
