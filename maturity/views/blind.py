"""Views of blind scoring (issue 21 part 2): thin. The auditor's own score while the blind phase
is open, the lead auditor's closing of it, and the coordination team's setting per cycle. What a
viewer may see comes from `maturity.selectors.blind.blind_state`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audits.selectors import (
    cycle_get,
    cycle_get_for_coordinator,
    is_assessed,
    principle_get,
    unit_get,
)
from maturity.blind_rules import setting_refusal
from maturity.forms.blind import BlindCloseForm, BlindSettingForm, IndividualScoreForm
from maturity.selectors import blind as selectors
from maturity.selectors import framework as framework_selectors
from maturity.selectors.scores import require_scoring_access
from maturity.services import blind as services
from uwvkms.confirmation import confirmation_page, is_confirmed, went_back
from uwvkms.forms import add_service_errors, kept_input, posted_data


def _score_url(cycle, unit, principle) -> str:
    return reverse(
        "maturity:score_edit",
        kwargs={"year": cycle.year, "unit_id": unit.pk, "principle_code": principle.code},
    )


def _cell(request, year: int, unit_id: int, principle_code: str):
    """The cycle, unit and principle of a blind-scoring page, for an auditor of the unit's team
    (403 otherwise); 404 for a principle not assessed at the unit."""
    cycle = cycle_get(year=year)
    unit = unit_get(unit_id=unit_id)
    require_scoring_access(user=request.user, cycle=cycle, unit=unit)
    principle = principle_get(code=principle_code)
    if not is_assessed(cycle=cycle, unit=unit, principle=principle):
        raise Http404
    return cycle, unit, principle


def blind_phase_page(
    request, *, cycle, unit, principle, blind, form=None, close_form=None, status=200
):
    """The unit × principle while the blind phase is open: the auditor's own score only, how
    many of the team have scored, and for the lead the way to close the phase."""
    if form is None:
        initial = {"version": blind.own.version if blind.own else 0}
        if blind.own:
            initial |= {"level": blind.own.level, "justification": blind.own.justification}
        form = IndividualScoreForm(initial=initial)
    framework = framework_selectors.framework_for(cycle=cycle, principle=principle)
    descriptors = framework_selectors.level_descriptors(framework)
    return render(
        request,
        "maturity/blind/phase_open.html",
        {
            "cycle": cycle,
            "unit": unit,
            "principle": principle,
            "framework": framework,
            "blind": blind,
            "form": form,
            "levels": list(zip(form["level"], descriptors, strict=True)),
            "history": selectors.individual_score_history(blind.own),
            "close_form": close_form or (BlindCloseForm() if blind.is_lead else None),
        },
        status=status,
    )


@require_POST
def individual_score_save(request, year: int, unit_id: int, principle_code: str):
    """Record the auditor's own score (blind)."""
    cycle, unit, principle = _cell(request, year, unit_id, principle_code)
    blind = selectors.blind_state(viewer=request.user, cycle=cycle, unit=unit, principle=principle)
    if not blind.open:
        return redirect(_score_url(cycle, unit, principle))
    form = IndividualScoreForm(request.POST)
    if form.is_valid():
        try:
            services.individual_score_record(
                actor=request.user,
                cycle=cycle,
                unit=unit,
                principle=principle,
                level=form.cleaned_data["level"],
                justification=form.cleaned_data["justification"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Uw eigen score voor %(principle)s bij %(unit)s is vastgelegd.")
                % {"principle": principle, "unit": unit},
            )
            return redirect(_score_url(cycle, unit, principle))
    return blind_phase_page(
        request, cycle=cycle, unit=unit, principle=principle, blind=blind, form=form, status=400
    )


def blind_phase_close(request, year: int, unit_id: int, principle_code: str):
    """The lead auditor closes the blind phase, after confirming (a reason when not everyone
    has scored)."""
    cycle, unit, principle = _cell(request, year, unit_id, principle_code)
    blind = selectors.blind_state(viewer=request.user, cycle=cycle, unit=unit, principle=principle)
    if not blind.on:
        raise Http404
    if not blind.is_lead:
        raise PermissionDenied
    if not blind.open or request.method != "POST":
        return redirect(_score_url(cycle, unit, principle))
    if went_back(request):
        return blind_phase_page(
            request,
            cycle=cycle,
            unit=unit,
            principle=principle,
            blind=blind,
            close_form=kept_input(BlindCloseForm, request.POST),
        )
    form = BlindCloseForm(posted_data(request))
    if form.is_valid():
        reason = form.cleaned_data["reason"].strip()
        if not blind.all_scored and not reason:
            form.add_error(
                "reason",
                _(
                    "Nog niet alle toetsers hebben gescoord: geef een reden om de blinde fase toch te sluiten."
                ),
            )
        elif not is_confirmed(request):
            names = {"principle": principle, "unit": unit}
            counts = {"scored": blind.scored, "team": blind.team_size}
            return confirmation_page(
                request,
                title=_("Blinde fase van %(principle)s bij %(unit)s sluiten?") % names,
                consequences=[
                    _("%(scored)s van de %(team)s toetsers hebben hun eigen score gegeven.")
                    % counts,
                    _(
                        "Het team ziet daarna ieders niveau en onderbouwing en legt de teamscore vast."
                    ),
                    _(
                        "Wie nog niet scoorde, kan dat daarna niet meer; de blinde fase gaat niet opnieuw open."
                    ),
                ],
                summary=[(_("Reden"), reason)],
                confirm_label=_("Ja, blinde fase sluiten"),
                back_label=_("Terug"),
            )
        else:
            try:
                services.blind_phase_close(
                    actor=request.user, cycle=cycle, unit=unit, principle=principle, reason=reason
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "De blinde fase is gesloten. Bespreek de spreiding en leg de teamscore vast."
                    ),
                )
                return redirect(_score_url(cycle, unit, principle))
    return blind_phase_page(
        request,
        cycle=cycle,
        unit=unit,
        principle=principle,
        blind=blind,
        close_form=form,
        status=400,
    )


def blind_setting(request, year: int):
    """The coordination team turns blind scoring of a cycle on or off, before scoring starts."""
    cycle = cycle_get_for_coordinator(user=request.user, year=year)
    setting = selectors.blind_scoring_setting(cycle)
    refusal = setting_refusal(
        cycle_status=cycle.status, scores_recorded=selectors.scores_recorded(cycle)
    )
    initial = {
        "enabled": "1" if setting and setting.enabled else "0",
        "version": setting.version if setting else 0,
    }
    form = BlindSettingForm(posted_data(request), initial=initial)
    if request.method == "POST":
        if refusal:
            # A score recorded between opening the page and saving (or a phase move): say why
            # and give the choice back, as any refused form does.
            form.add_error(None, refusal)
        elif form.is_valid():
            try:
                services.blind_scoring_set(
                    actor=request.user,
                    cycle=cycle,
                    enabled=form.cleaned_data["enabled"],
                    expected_version=form.cleaned_data["version"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Blind scoren staat nu aan.")
                    if form.cleaned_data["enabled"]
                    else _("Blind scoren staat nu uit."),
                )
                return redirect(request.path)
    return render(
        request,
        "maturity/blind/setting.html",
        {"cycle": cycle, "setting": setting, "form": form, "refusal": refusal},
        status=400 if form.is_bound else 200,
    )
