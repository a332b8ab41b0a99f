"""Views of a unit's findings: the page per principle, and adding, changing and deleting
observations, good practices, recommendations and quotes. Thin: access through
`findings.selectors.unit_reports`, rules in `findings.services.findings`."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from findings.constants import FindingKind
from findings.forms.findings import DeleteForm, FindingForm, QuoteForm, RecommendationForm
from findings.selectors import findings as selectors
from findings.selectors.unit_reports import (
    UnitReportAccess,
    findings_history,
    item_history,
    unit_findings_get,
)
from findings.services import findings as services
from uwvkms.comments import has_comments
from uwvkms.forms import add_service_errors, posted_data


def unit_findings(request, year: int, unit_id: int):
    access = unit_findings_get(user=request.user, year=year, unit_id=unit_id)
    return render(
        request,
        "findings/unit/findings.html",
        {
            "access": access,
            "cycle": access.cycle,
            "unit": access.unit,
            "sections": selectors.findings_by_principle(
                cycle=access.cycle, unit=access.unit, principles=access.principles
            ),
            "history": findings_history(access),
        },
    )


# --- One view per action, shared by the three kinds of item ---------------------------------------


@dataclass(frozen=True)
class ItemKind:
    """What differs between an observation/good practice, a recommendation and a quote."""

    name: str  # the URL names' prefix and the services' keyword
    noun: str
    saved: str
    deleted: str
    form_class: type[Form]
    fields: tuple[str, ...]  # the form fields the services take
    get: Callable
    create: Callable
    update: Callable
    delete: Callable


FINDING = ItemKind(
    name="finding",
    noun=gettext_lazy("bevinding"),
    saved=gettext_lazy("De bevinding is opgeslagen."),
    deleted=gettext_lazy("De bevinding is verwijderd."),
    form_class=FindingForm,
    fields=("principle", "kind", "text"),
    get=selectors.finding_get,
    create=services.finding_create,
    update=services.finding_update,
    delete=services.finding_delete,
)
RECOMMENDATION = ItemKind(
    name="recommendation",
    noun=gettext_lazy("aanbeveling"),
    saved=gettext_lazy("De aanbeveling is opgeslagen."),
    deleted=gettext_lazy("De aanbeveling is verwijderd."),
    form_class=RecommendationForm,
    fields=("principle", "title", "text", "priority"),
    get=selectors.recommendation_get,
    create=services.recommendation_create,
    update=services.recommendation_update,
    delete=services.recommendation_delete,
)
QUOTE = ItemKind(
    name="quote",
    noun=gettext_lazy("citaat"),
    saved=gettext_lazy("Het citaat is opgeslagen."),
    deleted=gettext_lazy("Het citaat is verwijderd."),
    form_class=QuoteForm,
    fields=("principle", "interview", "text"),
    get=selectors.quote_get,
    create=services.quote_create,
    update=services.quote_update,
    delete=services.quote_delete,
)
KINDS = {kind.name: kind for kind in (FINDING, RECOMMENDATION, QUOTE)}


def _form(kind: ItemKind, access: UnitReportAccess, data, initial: dict) -> Form:
    extra = {}
    if kind is QUOTE:
        extra["interviews"] = selectors.quotable_interviews(cycle=access.cycle, unit=access.unit)
    principles = selectors.principle_choices(access.principles)
    return kind.form_class(data, initial=initial, principles=principles, **extra)


def _findings_url(access: UnitReportAccess, principle=None) -> str:
    url = reverse(
        "findings:unit_findings", kwargs={"year": access.cycle.year, "unit_id": access.unit.id}
    )
    return f"{url}#principe-{principle.code}" if principle else url


def _context(kind: ItemKind, access: UnitReportAccess, **extra) -> dict:
    return {
        "kind": kind.name,
        "noun": kind.noun,
        "access": access,
        "cycle": access.cycle,
        "unit": access.unit,
    } | extra


def item_create(request, year: int, unit_id: int, kind: str):
    item_kind = KINDS[kind]
    access = unit_findings_get(user=request.user, year=year, unit_id=unit_id, for_editing=True)
    initial = {"version": 0, "principle": _initial_principle(request, access)}
    if item_kind is FINDING:
        initial["kind"] = request.GET.get("soort") or FindingKind.OBSERVATIE
    form = _form(item_kind, access, posted_data(request), initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = item_kind.create(
                actor=request.user,
                cycle=access.cycle,
                unit=access.unit,
                **{field: data[field] for field in item_kind.fields},
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _created_message(item_kind, item))
            return redirect(_findings_url(access, item.principle))
    return render(
        request,
        "findings/unit/item_form.html",
        _context(item_kind, access, form=form, item=None, history=[]),
        status=400 if form.is_bound else 200,
    )


def _initial_principle(request, access: UnitReportAccess):
    code = request.GET.get("principe")
    return next((p for p in access.principles if p.code == code), access.principles[0])


def item_edit(request, year: int, unit_id: int, kind: str, pk: int):
    item_kind = KINDS[kind]
    access = unit_findings_get(user=request.user, year=year, unit_id=unit_id)
    if request.method == "POST" and not access.is_auditor:
        raise PermissionDenied
    item = item_kind.get(access=access, pk=pk)
    initial = {field: getattr(item, field) for field in item_kind.fields}
    form = _form(item_kind, access, posted_data(request), initial | {"version": item.version})
    if not access.can_edit_findings:
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = item_kind.update(
                actor=request.user,
                expected_version=data["version"],
                **{item_kind.name: item},
                **{field: data[field] for field in item_kind.fields},
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, str(item_kind.saved))
            return redirect(_findings_url(access, item.principle))
    return render(
        request,
        "findings/unit/item_form.html",
        _context(item_kind, access, form=form, item=item, history=item_history(item)),
        status=400 if form.is_bound else 200,
    )


def item_delete(request, year: int, unit_id: int, kind: str, pk: int):
    item_kind = KINDS[kind]
    access = unit_findings_get(user=request.user, year=year, unit_id=unit_id, for_editing=True)
    item = item_kind.get(access=access, pk=pk)
    form = DeleteForm(posted_data(request), initial={"version": item.version})
    if request.method == "POST" and form.is_valid():
        try:
            item_kind.delete(
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                **{item_kind.name: item},
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, str(item_kind.deleted))
            return redirect(_findings_url(access, item.principle))
    return render(
        request,
        "findings/unit/item_delete.html",
        _context(
            item_kind,
            access,
            form=form,
            item=item,
            commented=item_kind is not QUOTE and has_comments(item),
        ),
        status=400 if form.is_bound else 200,
    )


def _created_message(kind: ItemKind, item) -> str:
    names = {"principle": item.principle, "unit": item.unit}
    if kind is FINDING and item.kind == FindingKind.GOEDE_PRAKTIJK:
        return _("De goede praktijk bij %(principle)s is toegevoegd.") % names
    if kind is FINDING:
        return _("De observatie bij %(principle)s is toegevoegd.") % names
    if kind is RECOMMENDATION:
        return _("De aanbeveling bij %(principle)s is toegevoegd.") % names
    return _("Het citaat bij %(principle)s is toegevoegd.") % names
