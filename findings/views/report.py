"""Report views: the same view-model and template give the HTML page and the PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from audits.selectors import cycle_get
from findings.constants import DEFAULT_ADDRESSEES, DEFAULT_CHAPTER_10_TITLE, NarrativeKey
from findings.forms.front_matter import FrontMatterForm
from findings.forms.narratives import NarrativeForm
from findings.report.maturity import build_maturity_report, render_maturity_report_html
from findings.report.pdf import html_to_pdf
from findings.report.uwv import build_uwv_report, default_texts_of, render_uwv_report_pdf
from findings.selectors.narratives import (
    front_matter_history,
    front_matter_of,
    narrative_history,
    narratives_of,
)
from findings.services.narratives import narrative_save, report_front_matter_save
from maturity.selectors import FIGURES_READERS, maturity_figures_cycle_get
from uwvkms.constants import Role
from uwvkms.forms import add_service_errors, keep_typed, kept_input, typed_on
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


# The button of the front matter section; the texts' buttons carry their NarrativeKey.
FRONT = "front"


def _front_initial(front) -> dict:
    """What the front matter form shows: the stored values, or the defaults to edit."""
    if front is None:
        return {
            "report_date": None,
            "addressees": str(DEFAULT_ADDRESSEES),
            "chapter_10_title": str(DEFAULT_CHAPTER_10_TITLE),
            "version": 0,
        }
    return {
        "report_date": front.report_date,
        "addressees": front.addressees or str(DEFAULT_ADDRESSEES),
        "chapter_10_title": front.chapter_10_title or str(DEFAULT_CHAPTER_10_TITLE),
        "version": front.version,
    }


def _typed_differs(form, initial: dict) -> bool:
    """Whether the user typed something else than what is stored in this (unbound) form."""

    def norm(value):
        return "" if value in (None, "") else str(value).strip()

    return any(
        norm(form.initial.get(name)) != norm(initial.get(name))
        for name in form.base_fields
        if name != "version"
    )


@role_required(Role.COORDINATIETEAM)
def uwv_report_narratives(request, year: int):
    """The narrative sections of the report: the team's text or the generated default, each
    saved by its own button (optimistic locking per section), with its history; and the front
    matter (date, addressees, chapter 10's title), saved by its own button too. The page is one
    form (issue 17, no lost input): saving one part gives the others back as typed."""
    cycle = cycle_get(year=year)
    stored = narratives_of(cycle)
    front = front_matter_of(cycle)
    bound_key = request.POST.get("key") if request.method == "POST" else None
    if bound_key is not None and bound_key != FRONT and bound_key not in NarrativeKey.values:
        raise Http404
    forms = {}
    refused = False
    # On GET, what an earlier save kept of the other parts (`keep_typed`), given back as typed.
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
    if bound_key == FRONT:
        front_form = FrontMatterForm(request.POST, prefix=FRONT)
        if not front_form.is_valid():
            refused = True
        else:
            try:
                front = report_front_matter_save(
                    actor=request.user,
                    cycle=cycle,
                    report_date=front_form.cleaned_data["report_date"],
                    addressees=front_form.cleaned_data["addressees"],
                    chapter_10_title=front_form.cleaned_data["chapter_10_title"],
                    expected_version=front_form.cleaned_data["version"],
                )
            except ValidationError as error:
                add_service_errors(front_form, error)
                refused = True
            else:
                messages.success(request, _("Het voorwerk van het rapport is opgeslagen."))
    elif typed is not None:
        front_form = kept_input(FrontMatterForm, typed, prefix=FRONT, initial=_front_initial(front))
    else:
        front_form = FrontMatterForm(prefix=FRONT, initial=_front_initial(front))
    if bound_key is not None and not refused:
        others_typed = [
            key
            for key, form in forms.items()
            if key.value != bound_key
            and (form.initial.get("text") or "").strip()
            != (stored[key.value].text if key.value in stored else "").strip()
        ]
        kept = {
            forms[key].add_prefix(name)
            for key in others_typed
            for name in NarrativeForm.base_fields
        }
        labels = [str(key.label) for key in others_typed]
        if bound_key != FRONT and _typed_differs(front_form, _front_initial(front)):
            kept |= {front_form.add_prefix(name) for name in FrontMatterForm.base_fields}
            labels.insert(0, str(_("Voorwerk")))
        if kept:
            keep_typed(request, page=request.path, only=kept)
            messages.info(
                request,
                _(
                    "Ook gewijzigd maar nog niet opgeslagen: %(sections)s. Die tekst staat er "
                    "nog zoals u die typte."
                )
                % {"sections": ", ".join(labels)},
            )
        return redirect("findings:uwv_report_narratives", year=year)
    defaults = default_texts_of(cycle, addressees=front.addressees if front else "")
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
        {
            "cycle": cycle,
            "sections": sections,
            "front": {
                "key": FRONT,
                "form": front_form,
                "stored": front,
                "history": front_matter_history(front),
            },
        },
        status=400 if refused else 200,
    )
