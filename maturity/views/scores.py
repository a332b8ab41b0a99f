"""Views of maturity scoring: thin, every object fetched through an access-checked selector."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from audits.selectors import cycle_get, is_assessed, principle_get, unit_get
from maturity.constants import LEVEL_MEANINGS, MaturityLevel
from maturity.forms.scores import ScoreForm
from maturity.selectors import scores as selectors
from maturity.services import scores as services
from uwvkms.constants import Role
from uwvkms.forms import add_service_errors, posted_data
from uwvkms.permissions import role_required


@role_required(Role.TOETSER)
def auditor_work(request, year: int):
    cycle = cycle_get(year=year)
    items = selectors.auditor_work(auditor=request.user, cycle=cycle)
    return render(request, "maturity/work_toetser.html", {"cycle": cycle, "items": items})


def score_edit(request, year: int, unit_id: int, principle_code: str):
    cycle = cycle_get(year=year)
    unit = unit_get(unit_id=unit_id)
    selectors.require_scoring_access(user=request.user, cycle=cycle, unit=unit)
    principle = principle_get(code=principle_code)
    if not is_assessed(cycle=cycle, unit=unit, principle=principle):
        raise Http404
    score = selectors.score_for(cycle=cycle, unit=unit, principle=principle)
    initial = {"version": score.version if score else 0}
    if score:
        initial |= {"level": score.level, "justification": score.justification}
    form = ScoreForm(posted_data(request), initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.score_record(
                    actor=request.user,
                    cycle=cycle,
                    unit=unit,
                    principle=principle,
                    level=form.cleaned_data["level"],
                    justification=form.cleaned_data["justification"],
                    reason=form.cleaned_data["reason"],
                    expected_version=form.cleaned_data["version"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("De score voor %(principle)s bij %(unit)s is opgeslagen.")
                    % {"principle": principle, "unit": unit},
                )
                return redirect(reverse("maturity:auditor_work", kwargs={"year": cycle.year}))
        status = 400
    return render(
        request,
        "maturity/score_form_toetser.html",
        {
            "cycle": cycle,
            "unit": unit,
            "principle": principle,
            "score": score,
            "history": selectors.score_history(score),
            "form": form,
            "levels": [(level, LEVEL_MEANINGS[level]) for level in MaturityLevel],
        },
        status=status,
    )
