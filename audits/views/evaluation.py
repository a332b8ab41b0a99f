"""Views of the audit's own evaluation (issue 21 §6): the auditor's hours per unit, the lessons
for the next cycle, and the three-year coverage per unit. Thin: access in the selectors, the
writes in `audits.services.evaluation`."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audits.constants import HoursKind
from audits.evaluation_rules import hours_closed_reason
from audits.forms.evaluation import (
    HoursCorrectForm,
    HoursForm,
    LessonForm,
    LessonProcessForm,
    ReasonForm,
)
from audits.models import Lesson
from audits.selectors import evaluation as selectors
from audits.selectors.cycles import cycle_get_for_coordinator
from audits.services import evaluation as services
from uwvkms.constants import Role
from uwvkms.exports import XLSX_CONTENT_TYPE, attachment, to_xlsx
from uwvkms.forms import add_service_errors, posted_data
from uwvkms.permissions import role_required

# --- The auditor's hours ----------------------------------------------------------------------


def hours_mine(request, year: int):
    """The auditor's units in a cycle with the hours recorded so far."""
    cycle = selectors.hours_cycle_get_for_auditor(user=request.user, year=year)
    return render(
        request,
        "audits/evaluation/hours_mine.html",
        {"cycle": cycle, "rows": selectors.own_hours(user=request.user, cycle=cycle)},
    )


def hours_unit(request, year: int, unit_id: int):
    """The auditor's hours at one unit: the entries (correct, withdraw), a new week or a total,
    and the history."""
    cycle = selectors.hours_cycle_get_for_auditor(user=request.user, year=year)
    own = selectors.own_hours_of_unit(user=request.user, cycle=cycle, unit_id=unit_id)
    current = [e for e in own.entries if not e.is_withdrawn]
    closed = hours_closed_reason(cycle.status)
    initial = {"kind": current[0].kind if current else HoursKind.WEEK}
    form = HoursForm(posted_data(request), year=cycle.year, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.hours_record(
                actor=request.user,
                cycle=cycle,
                unit=own.unit,
                kind=form.cleaned_data["kind"],
                hours=form.cleaned_data["hours"],
                week=form.cleaned_data["week"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Vastgelegd: %(entry)s.") % {"entry": entry})
            return redirect("audits:hours_unit", year=cycle.year, unit_id=own.unit.pk)
    return render(
        request,
        "audits/evaluation/hours_unit.html",
        {
            "cycle": cycle,
            "own": own,
            "current": current,
            "total": sum((e.hours for e in current), selectors.ZERO),
            "form": form,
            "can_add": own.on_team and not closed,
            "closed": closed,
            "history": selectors.hours_history(own.entries),
        },
        status=400 if form.is_bound else 200,
    )


def hours_correct(request, year: int, pk: int):
    cycle = selectors.hours_cycle_get_for_auditor(user=request.user, year=year)
    entry = selectors.own_hours_entry_get(user=request.user, cycle=cycle, pk=pk)
    form = HoursCorrectForm(
        posted_data(request), initial={"hours": entry.hours, "version": entry.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            changes = services.hours_correct(
                actor=request.user,
                entry=entry,
                hours=form.cleaned_data["hours"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if changes:
                messages.success(request, _("De uren zijn gecorrigeerd."))
            else:
                messages.info(request, _("Er is niets gewijzigd."))
            return redirect("audits:hours_unit", year=cycle.year, unit_id=entry.unit_id)
    return render(
        request,
        "audits/evaluation/hours_correct.html",
        {"cycle": cycle, "entry": entry, "form": form, "closed": hours_closed_reason(cycle.status)},
        status=400 if form.is_bound else 200,
    )


def hours_withdraw(request, year: int, pk: int):
    cycle = selectors.hours_cycle_get_for_auditor(user=request.user, year=year)
    entry = selectors.own_hours_entry_get(user=request.user, cycle=cycle, pk=pk)
    form = ReasonForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.hours_withdraw(
                actor=request.user, entry=entry, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Ingetrokken: %(entry)s.") % {"entry": entry})
            return redirect("audits:hours_unit", year=cycle.year, unit_id=entry.unit_id)
    return render(
        request,
        "audits/evaluation/withdraw.html",
        {
            "cycle": cycle,
            "form": form,
            "title": _("Uren intrekken"),
            "what": str(entry),
            "back": reverse("audits:hours_unit", args=[cycle.year, entry.unit_id]),
            "back_label": _("Mijn uren"),
            "closed": hours_closed_reason(cycle.status),
        },
        status=400 if form.is_bound else 200,
    )


# --- Lessons for the next cycle (coordination team) -------------------------------------------


def process_rows(to_process, *, bound: LessonProcessForm | None = None, lesson_pk=None):
    """Each lesson of the previous cycle with its "verwerkt" form (the refused one as typed)."""
    return [
        (
            item,
            bound
            if bound is not None and item.lesson.pk == lesson_pk
            else LessonProcessForm(
                prefix=f"les{item.lesson.pk}",
                initial={
                    "note": item.processing.note if item.processing else "",
                    "version": item.processing.version if item.processing else 0,
                },
            ),
        )
        for item in to_process
    ]


def lessons(request, year: int):
    """The cycle's lessons for the next cycle (add, edit, withdraw), and the lessons of the
    previous cycle to mark verwerkt in this one."""
    cycle = cycle_get_for_coordinator(user=request.user, year=year)
    form = LessonForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.lesson_create(
                actor=request.user,
                cycle=cycle,
                text=form.cleaned_data["text"],
                theme=form.cleaned_data["theme"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De les is toegevoegd."))
            return redirect("audits:lessons", year=cycle.year)
    previous, to_process = selectors.lessons_to_process(cycle)
    return render(
        request,
        "audits/evaluation/lessons.html",
        {
            "cycle": cycle,
            "form": form,
            "lessons": selectors.lessons_of(cycle),
            "previous": previous,
            "to_process": process_rows(to_process),
        },
        status=400 if form.is_bound else 200,
    )


def lesson_edit(request, year: int, pk: int):
    cycle = cycle_get_for_coordinator(user=request.user, year=year)
    lesson = selectors.lesson_get(cycle=cycle, pk=pk)
    form = LessonForm(
        posted_data(request),
        initial={"text": lesson.text, "theme": lesson.theme, "version": lesson.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            changes = services.lesson_update(
                actor=request.user,
                lesson=lesson,
                text=form.cleaned_data["text"],
                theme=form.cleaned_data["theme"],
                expected_version=form.cleaned_data["version"] or 0,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if changes:
                messages.success(request, _("De les is gewijzigd."))
            else:
                messages.info(request, _("Er is niets gewijzigd."))
            return redirect("audits:lessons", year=cycle.year)
    return render(
        request,
        "audits/evaluation/lesson_form.html",
        {
            "cycle": cycle,
            "lesson": lesson,
            "form": form,
            "history": selectors.lesson_history(lesson),
        },
        status=400 if form.is_bound else 200,
    )


def lesson_withdraw(request, year: int, pk: int):
    cycle = cycle_get_for_coordinator(user=request.user, year=year)
    lesson = selectors.lesson_get(cycle=cycle, pk=pk)
    form = ReasonForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.lesson_withdraw(
                actor=request.user, lesson=lesson, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De les is ingetrokken."))
            return redirect("audits:lessons", year=cycle.year)
    return render(
        request,
        "audits/evaluation/withdraw.html",
        {
            "cycle": cycle,
            "form": form,
            "title": _("Les intrekken"),
            "what": lesson.text,
            "back": reverse("audits:lessons", args=[cycle.year]),
            "back_label": _("Lessen voor de volgende cyclus"),
        },
        status=400 if form.is_bound else 200,
    )


@require_POST
def lesson_process(request, year: int, pk: int):
    """Mark a lesson of the previous cycle verwerkt in this cycle (or change the note)."""
    cycle = cycle_get_for_coordinator(user=request.user, year=year)
    lesson = Lesson.objects.filter(pk=pk).first()
    previous, to_process = selectors.lessons_to_process(cycle)
    if lesson is None or previous is None or lesson.cycle_id != previous.pk:
        raise Http404
    form = LessonProcessForm(request.POST, prefix=f"les{lesson.pk}")
    if form.is_valid():
        try:
            services.lesson_process(
                actor=request.user,
                lesson=lesson,
                cycle=cycle,
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De les is als verwerkt vastgelegd."))
            return redirect("audits:lessons", year=cycle.year)
    return render(
        request,
        "audits/evaluation/lessons.html",
        {
            "cycle": cycle,
            "form": LessonForm(),
            "lessons": selectors.lessons_of(cycle),
            "previous": previous,
            "to_process": process_rows(to_process, bound=form, lesson_pk=lesson.pk),
            "process_lesson": lesson.pk,
        },
        status=400,
    )


# --- Three-year coverage per unit ---------------------------------------------------------


@role_required(Role.COORDINATIETEAM)
def unit_coverage(request, year: int):
    """Per unit which principles it had assessed in the three years up to `year` and which
    remain; `year` may be a cycle still being set up."""
    if not 2000 <= year <= 2100:
        raise Http404
    return render(
        request,
        "audits/evaluation/unit_coverage.html",
        {"table": selectors.unit_coverage_table(year)},
    )


@role_required(Role.COORDINATIETEAM)
def unit_coverage_export(request, year: int):
    if not 2000 <= year <= 2100:
        raise Http404
    table = selectors.unit_coverage_table(year)
    header = [
        _("Bedrijfsonderdeel"),
        *[p.name for p in table.principles],
        _("Nog te toetsen"),
    ]
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if cell.years:
                cells.append(", ".join(str(y) for y in cell.years))
            elif not cell.applicable:
                cells.append(_("n.v.t."))
            else:
                cells.append(_("nog te toetsen"))
        rows.append(
            [row.unit.name, *cells, ", ".join(p.name for p in row.remaining_principles) or "–"]
        )
    title = _("Dekking %(first)s-%(last)s") % {"first": table.years[0], "last": table.years[-1]}
    return attachment(
        to_xlsx([(title, header, rows)]),
        XLSX_CONTENT_TYPE,
        f"dekking-per-onderdeel-{table.years[0]}-{year}.xlsx",
    )
