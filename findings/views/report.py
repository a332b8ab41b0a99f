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
    with its own form (optimistic locking per section) and history."""
    cycle = cycle_get(year=year)
    stored = narratives_of(cycle)
    bound_key = request.POST.get("key") if request.method == "POST" else None
    if bound_key is not None and bound_key not in NarrativeKey.values:
        raise Http404
    defaults = None
    sections = []
    for key in NarrativeKey:
        narrative = stored.get(key.value)
        if key.value == bound_key:
            form = NarrativeForm(request.POST, prefix=key.value)
            if form.is_valid():
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
                else:
                    messages.success(
                        request,
                        _("De tekst ‘%(section)s’ is opgeslagen.") % {"section": key.label},
                    )
                    return redirect("findings:uwv_report_narratives", year=year)
        else:
            text = narrative.text if narrative else ""
            form = NarrativeForm(
                prefix=key.value,
                initial={"text": text, "version": narrative.version if narrative else 0},
            )
        if defaults is None:
            defaults = default_texts_of(cycle)
        sections.append(
            {
                "key": key.value,
                "label": key.label,
                "form": form,
                "narrative": narrative,
                "default": defaults[key.value],
                "history": narrative_history(narrative),
            }
        )
    return render(
        request,
        "findings/report/uwv_narratives.html",
        {"cycle": cycle, "sections": sections},
    )
