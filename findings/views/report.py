"""Report views: the same view-model and template give the HTML page and the PDF."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from audits.selectors import cycle_get
from findings.constants import NarrativeKey
from findings.forms.narratives import NarrativeForm
from findings.report.maturity import build_maturity_report, render_maturity_report_html
from findings.report.pdf import html_to_pdf
from findings.report.uwv import build_uwv_report, default_texts_of, render_uwv_report_pdf
from findings.selectors.narratives import narrative_history, narratives_of
from findings.services.narratives import narrative_save
from maturity.selectors import FIGURES_READERS, maturity_figures_cycle_get
from uwvkms.constants import Role
from uwvkms.forms import keep_typed, kept_input, typed_on
from uwvkms.permissions import role_required
from uwvkms.versioning import EditConflict

REPORT_READERS = FIGURES_READERS


def _maturity_report_cycle(user, year: int):
    """See `maturity.selectors.maturity_figures_cycle_get` (shared with the API)."""
    return maturity_figures_cycle_get(user=user, year=year)


@role_required(*REPORT_READERS)
def maturity_report(request, year: int):
    report = build_maturity_report(_maturity_report_cycle(request.user, year))
    return render(
        request, "findings/report/maturity_page.html", {"report": report, "for_pdf": False}
    )


@role_required(*REPORT_READERS)
def maturity_report_pdf(request, year: int):
    report = build_maturity_report(_maturity_report_cycle(request.user, year))
    pdf = html_to_pdf(render_maturity_report_html(report, for_pdf=True))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="volwassenheid-kms-{year}.pdf"'
    return response


# --- the UWV-wide report (DOMAIN.md §5): the live concept, for the coordination team ---------


@role_required(Role.COORDINATIETEAM)
def uwv_report(request, year: int):
    report = build_uwv_report(cycle_get(year=year))
    return render(request, "findings/report/uwv_page.html", {"report": report, "for_pdf": False})


@role_required(Role.COORDINATIETEAM)
def uwv_report_pdf(request, year: int):
    report = build_uwv_report(cycle_get(year=year))
    response = HttpResponse(render_uwv_report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="interne-toets-kms-{year}-concept.pdf"'
    return response


@role_required(Role.COORDINATIETEAM)
def uwv_report_narratives(request, year: int):
    """The narrative sections of the report: the team's text or the generated default, each
    saved by its own button (optimistic locking per section), with its history. The page is one
    form (issue 17, no lost input): saving one text gives the others back as typed."""
    cycle = cycle_get(year=year)
    stored = narratives_of(cycle)
    bound_key = request.POST.get("key") if request.method == "POST" else None
    if bound_key is not None and bound_key not in NarrativeKey.values:
        raise Http404
    forms = {}
    refused = False
    # On GET, what an earlier save kept of the other texts (`keep_typed`), given back as typed.
    typed = typed_on(request, request.path) if request.method == "GET" else request.POST
    for key in NarrativeKey:
        narrative = stored.get(key.value)
        initial = {
            "text": narrative.text if narrative else "",
            "version": narrative.version if narrative else 0,
        }
        if key.value != bound_key:
            forms[key] = (
                kept_input(NarrativeForm, typed, prefix=key.value, initial=initial)
                if typed is not None
                else NarrativeForm(prefix=key.value, initial=initial)
            )
            continue
        form = NarrativeForm(request.POST, prefix=key.value)
        forms[key] = form
        if not form.is_valid():
            refused = True
            continue
        try:
            narrative_save(
                actor=request.user,
                cycle=cycle,
                key=key,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as error:
            form.add_error(None, error)
            refused = True
        else:
            messages.success(
                request, _("De tekst ‘%(section)s’ is opgeslagen.") % {"section": key.label}
            )
            stored = narratives_of(cycle)
            saved = stored[key.value]
            forms[key] = NarrativeForm(
                prefix=key.value, initial={"text": saved.text, "version": saved.version}
            )
    if bound_key is not None and not refused:
        others_typed = [
            key
            for key, form in forms.items()
            if key.value != bound_key
            and (form.initial.get("text") or "").strip()
            != (stored[key.value].text if key.value in stored else "").strip()
        ]
        if others_typed:
            keep_typed(
                request,
                page=request.path,
                only={
                    forms[key].add_prefix(name)
                    for key in others_typed
                    for name in NarrativeForm.base_fields
                },
            )
            messages.info(
                request,
                _(
                    "Ook gewijzigd maar nog niet opgeslagen: %(sections)s. Die tekst staat er "
                    "nog zoals u die typte."
                )
                % {"sections": ", ".join(str(key.label) for key in others_typed)},
            )
        return redirect("findings:uwv_report_narratives", year=year)
    defaults = default_texts_of(cycle)
    sections = [
        {
            "key": key.value,
            "label": key.label,
            "form": forms[key],
            "narrative": stored.get(key.value),
            "default": defaults[key.value],
            "history": narrative_history(stored.get(key.value)),
        }
        for key in NarrativeKey
    ]
    return render(
        request,
        "findings/report/uwv_narratives.html",
        {"cycle": cycle, "sections": sections},
        status=400 if refused else 200,
    )
