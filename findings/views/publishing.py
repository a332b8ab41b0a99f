"""Published versions of the UWV-wide report: the coordination team publishes (rendered once in
a background task), the RvB and the coordination team read any published version and download
exactly the bytes that were published. Thin: access in the selectors, writes in the services."""

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audits.selectors import cycle_get
from findings.constants import DOCX_CONTENT_TYPE
from findings.forms.publishing import PublishForm
from findings.models import PublishState, ReportStatus
from findings.selectors import publishing as selectors
from findings.services import publishing as services
from uwvkms.confirmation import confirmation_page, is_confirmed, went_back
from uwvkms.constants import Role
from uwvkms.forms import add_service_errors, kept_input, posted_data
from uwvkms.permissions import has_any_role, require_role
from uwvkms.security import record_download

logger = logging.getLogger(__name__)

# Seconds between reloads of a version page while its PDF is being made.
REFRESH_SECONDS = 3


def version_list(request, year: int):
    """The cycle's versions (the RvB sees published ones only); the coordination team also gets
    the form to publish the next one."""
    cycle = cycle_get(year=year)
    is_coordinator = has_any_role(request.user, Role.COORDINATIETEAM)
    if is_coordinator:
        # A version left "in progress" by a dead worker shows as failed, with a retry.
        services.report_versions_fail_stalled(cycle=cycle)
    versions = list(selectors.report_versions_for_user(user=request.user, cycle=cycle))
    form = PublishForm(initial={"label": _next_label(versions)}) if is_coordinator else None
    published = [v for v in versions if v.state == PublishState.DONE]
    return render(
        request,
        "findings/publishing/list.html",
        {
            "cycle": cycle,
            "versions": versions,
            "published": published,
            "form": form,
            "is_coordinator": is_coordinator,
            "not_agreed": selectors.units_blocking_definitive(cycle) if is_coordinator else [],
        },
    )


@require_POST
def version_publish(request, year: int):
    require_role(request.user, Role.COORDINATIETEAM)
    cycle = cycle_get(year=year)
    form = PublishForm(posted_data(request))
    if went_back(request):
        form = kept_input(PublishForm, request.POST)
    elif form.is_valid() and not is_confirmed(request):
        data = form.cleaned_data
        refusal = selectors.publish_refusal(
            cycle=cycle, label=data["label"], report_status=data["report_status"]
        )
        if not refusal:
            return _publish_confirmation(request, cycle=cycle, data=data)
        form.add_error(None, refusal)
    elif form.is_valid():
        try:
            version = services.report_version_publish(
                actor=request.user,
                cycle=cycle,
                label=form.cleaned_data["label"],
                report_status=form.cleaned_data["report_status"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except services.PublishRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Versie %(label)s wordt opgemaakt. Deze pagina toont de voortgang.")
                % {"label": version.label},
            )
            return redirect("findings:report_version", year=year, label=version.label)
    versions = list(selectors.report_versions_for_user(user=request.user, cycle=cycle))
    return render(
        request,
        "findings/publishing/list.html",
        {
            "cycle": cycle,
            "versions": versions,
            "published": [v for v in versions if v.state == PublishState.DONE],
            "form": form,
            "is_coordinator": True,
            "not_agreed": selectors.units_blocking_definitive(cycle),
        },
        status=200 if went_back(request) else 400,
    )


def _publish_confirmation(request, *, cycle, data):
    """A published version never changes, and a Definitief one closes the report: ask first."""
    names = {"label": data["label"], "year": cycle.year}
    definitive = data["report_status"] == ReportStatus.DEFINITIEF
    consequences = [
        _(
            "Het rapport wordt opgemaakt zoals het er nu voor staat en als PDF bewaard; een "
            "gepubliceerde versie verandert nooit."
        ),
        _("De Raad van Bestuur en wie het rapport verder mag lezen, zien deze versie."),
    ]
    if definitive:
        consequences.append(
            _(
                "Als Definitief is dit het rapport van %(year)s. Daarna kan de cyclus naar "
                "Gepubliceerd; een fase terug kan dan niet meer."
            )
            % names
        )
    return confirmation_page(
        request,
        title=(
            _("Versie %(label)s publiceren als Definitief?")
            if definitive
            else _("Versie %(label)s publiceren als Concept?")
        )
        % names,
        consequences=consequences,
        summary=[(_("Versie"), data["label"]), (_("Status op het rapport"), data["report_status"])],
        confirm_label=_("Ja, publiceren"),
        back_label=_("Terug naar de versies"),
    )


def version_detail(request, year: int, label: str):
    """One version: its progress while it is made (the page reloads itself through the HTTP
    Refresh header, no script), then who published it, when, its hash and the download."""
    cycle = cycle_get(year=year)
    is_coordinator = has_any_role(request.user, Role.COORDINATIETEAM)
    if is_coordinator:
        services.report_versions_fail_stalled(cycle=cycle)
    version = selectors.report_version_get_for_reader(user=request.user, cycle=cycle, label=label)
    versions = list(selectors.report_versions_for_user(user=request.user, cycle=cycle))
    others = [v for v in versions if v.state == PublishState.DONE and v.pk != version.pk]
    in_progress = version.state in selectors.IN_PROGRESS
    # One version renders at a time (report_version_retry refuses another): while one is being
    # made, a failed one offers no retry, only the reason.
    rendering = next((v for v in versions if v.state in selectors.IN_PROGRESS), None)
    response = render(
        request,
        "findings/publishing/detail.html",
        {
            "cycle": cycle,
            "version": version,
            "others": others,
            "in_progress": in_progress,
            "rendering": rendering,
            "refresh_seconds": REFRESH_SECONDS,
            "is_coordinator": is_coordinator,
        },
    )
    if in_progress:
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


@require_POST
def version_retry(request, year: int, label: str):
    require_role(request.user, Role.COORDINATIETEAM)
    cycle = cycle_get(year=year)
    version = selectors.report_version_get_for_reader(user=request.user, cycle=cycle, label=label)
    try:
        services.report_version_retry(actor=request.user, version=version)
    except services.PublishRefused as exc:
        messages.error(request, str(exc))
    return redirect("findings:report_version", year=year, label=version.label)


def version_pdf(request, year: int, label: str):
    """The stored PDF, never rendered again; served only when its SHA-256 still matches."""
    return _version_file(request, year, label, word=False)


def version_docx(request, year: int, label: str):
    """The stored Word file of the version, as the PDF: never rendered again, checked."""
    return _version_file(request, year, label, word=True)


def _version_file(request, year: int, label: str, *, word: bool):
    cycle = cycle_get(year=year)
    version = selectors.report_version_get_for_reader(user=request.user, cycle=cycle, label=label)
    try:
        data = (selectors.report_version_docx if word else selectors.report_version_pdf)(version)
    except selectors.ReportIntegrityError:
        logger.error(
            "Integrity check failed for report version %s (cycle %s): not served",
            version.label,
            cycle.year,
            exc_info=True,
        )
        return render(
            request,
            "findings/publishing/integrity_error.html",
            {"cycle": cycle, "version": version},
            status=500,
        )
    response = version_pdf_response(version, data, word=word)
    return record_download(request, response, target=version, what="gepubliceerde versie")


def version_pdf_response(version, data: bytes, *, word: bool = False) -> HttpResponse:
    """The download of a published version's checked bytes (its PDF, or its Word file), for
    the page and the API alike: an attachment never cached, with the SHA-256 the reader can
    check."""
    response = HttpResponse(data, content_type=DOCX_CONTENT_TYPE if word else "application/pdf")
    extension = "docx" if word else "pdf"
    response["Content-Disposition"] = (
        f'attachment; filename="toets-kms-{version.cycle.year}-versie-{version.label}.{extension}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["X-Content-SHA256"] = version.docx_sha256 if word else version.pdf_sha256
    return response


def version_compare(request, year: int):
    """What changed between two published versions, from their stored snapshots."""
    cycle = cycle_get(year=year)
    published = [
        v
        for v in selectors.report_versions_for_user(user=request.user, cycle=cycle)
        if v.state == PublishState.DONE
    ]
    labels = [v.label for v in published]
    old_label = request.GET.get("van") or (labels[-2] if len(labels) >= 2 else "")
    new_label = request.GET.get("naar") or (labels[-1] if labels else "")
    sections = None
    old = new = None
    if old_label and new_label:
        if old_label not in labels or new_label not in labels:
            raise Http404
        old = selectors.report_version_get_for_reader(
            user=request.user, cycle=cycle, label=old_label
        )
        new = selectors.report_version_get_for_reader(
            user=request.user, cycle=cycle, label=new_label
        )
        sections = selectors.snapshot_compare(old.snapshot or {}, new.snapshot or {})
    return render(
        request,
        "findings/publishing/compare.html",
        {
            "cycle": cycle,
            "labels": labels,
            "old": old,
            "new": new,
            "sections": sections,
        },
    )


def _next_label(versions) -> str:
    keys = [selectors.label_key(v.label) for v in versions]
    if not keys:
        return "1.0"
    major, _minor = max(keys)
    return f"{major + 1}.0"
