"""Views where the coordination team writes the UWV-wide report (issue 18): the structure page
(chapters and sections in order, with status and who wrote them; start, add, order) and one page
per chapter or section (title, text, generated blocks, status with four eyes), and taking a
section out with a reason. Thin: reads in findings.selectors.report_structure, rules in the
services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from audits.selectors import cycle_get
from findings.constants import MaterialKind, SectionStatus
from findings.forms.report_structure import (
    ExampleForm,
    MaterialEditForm,
    MaterialWithdrawForm,
    QuoteForm,
    SectionAddForm,
    SectionForm,
    SectionWithdrawForm,
    UwvTextForm,
)
from findings.report.uwv import build_uwv_report
from findings.report.uwv.blocks import BLOCKS
from findings.rules import definitive_report_gaps, possible_moves, section_status_refusal
from findings.selectors import report_structure as selectors
from findings.services import report_material as material_services
from findings.services import report_structure as services
from uwvkms.constants import Role
from uwvkms.forms import add_service_errors, posted_data
from uwvkms.permissions import role_required


def _structure_url(year: int) -> str:
    return reverse("findings:uwv_report_structure", args=[year])


@role_required(Role.COORDINATIETEAM)
def uwv_report_structure(request, year: int):
    """The report's chapters and sections. POST: start the structure, add a section or chapter
    (`add` = chapter id, or "hoofdstuk"), move one (`move` = "<id>:up" or "<id>:down")."""
    cycle = cycle_get(year=year)
    rows = selectors.stored_sections(cycle)
    add_form = SectionAddForm(prefix="nieuw")
    add_target = None
    if request.method == "POST":
        try:
            if "start" in request.POST:
                services.report_structure_start(actor=request.user, cycle=cycle)
                messages.success(request, _("De opbouw van het rapport is vastgelegd."))
                return redirect(_structure_url(year))
            if "principles" in request.POST:
                services.report_principle_chapters_add(actor=request.user, cycle=cycle)
                messages.success(request, _("De hoofdstukken van de principes zijn vastgelegd."))
                return redirect(_structure_url(year))
            if "move" in request.POST:
                pk, _sep, direction = request.POST["move"].partition(":")
                section = selectors.report_section_get(cycle=cycle, pk=int(pk))
                services.report_section_move(
                    actor=request.user, section=section, up=direction == "up"
                )
                return redirect(f"{_structure_url(year)}#onderdeel-{section.pk}")
            if "add" in request.POST:
                add_target = request.POST["add"]
                add_form = SectionAddForm(request.POST, prefix=f"nieuw-{add_target}")
                if add_form.is_valid():
                    chapter = (
                        None
                        if add_target == "hoofdstuk"
                        else selectors.report_section_get(cycle=cycle, pk=int(add_target))
                    )
                    section = services.report_section_add(
                        actor=request.user,
                        cycle=cycle,
                        chapter=chapter,
                        title=add_form.cleaned_data["title"],
                    )
                    messages.success(
                        request, _("‘%(title)s’ is toegevoegd.") % {"title": section.title}
                    )
                    return redirect("findings:uwv_report_section", year=year, pk=section.pk)
        except ValueError:
            messages.error(request, _("Dit verzoek is niet te verwerken."))
        except ValidationError as error:
            if add_target is not None:
                add_service_errors(add_form, error)
            else:
                messages.error(request, " ".join(error.messages))
    report = build_uwv_report(cycle) if rows else None
    gaps = definitive_report_gaps(report.parts) if report else []
    principles = list(cycle.principles.order_by("order", "name"))
    with_chapter = {row.principle_id for row in rows if row.chapter_id is None}
    return render(
        request,
        "findings/report/structure.html",
        {
            "cycle": cycle,
            "stored": bool(rows),
            "chapters": _chapters(rows),
            "report": report,
            "gaps": gaps,
            "add_form": add_form,
            "add_target": add_target,
            "source": selectors.previous_structure_cycle(cycle) if not rows else None,
            "principle_ids": {p.pk for p in principles},
            "missing_principles": [p.name for p in principles if p.pk not in with_chapter]
            if rows
            else [],
        },
        status=400 if request.method == "POST" else 200,
    )


def _chapters(rows):
    """(chapter, [(section, can_up, can_down)], can_up, can_down) in order: a part moves only
    among its siblings (an appendix among the appendices), as the service allows."""

    def with_moves(siblings):
        moves = possible_moves([row.is_appendix for row in siblings])
        return [(row, up, down) for row, (up, down) in zip(siblings, moves, strict=True)]

    sections: dict[int, list] = {}
    for row in rows:
        if row.chapter_id is not None:
            sections.setdefault(row.chapter_id, []).append(row)
    chapters = [row for row in rows if row.chapter_id is None]
    return [
        (chapter, with_moves(sections.get(chapter.pk, [])), can_up, can_down)
        for chapter, can_up, can_down in with_moves(chapters)
    ]


STATUS_MESSAGES = {
    SectionStatus.CONCEPT: _("‘%(title)s’ is terug naar concept."),
    SectionStatus.REVIEW: _("‘%(title)s’ staat klaar voor review."),
    SectionStatus.AKKOORD: _("Akkoord gegeven op ‘%(title)s’."),
}


@role_required(Role.COORDINATIETEAM)
def uwv_report_section(request, year: int, pk: int):
    """One chapter or section: its title, text and blocks in one form. `status` buttons save
    what was typed first and then move the status, so nothing typed is lost."""
    cycle = cycle_get(year=year)
    # A save of a section a colleague took out meanwhile is refused by the service with its
    # reason, and the text typed comes back (never a 404 that loses it).
    section = selectors.report_section_get(
        cycle=cycle, pk=pk, withdrawn_too=request.method == "POST"
    )
    principle_chapter = (section.chapter or section).principle_id is not None
    initial = {
        "title": section.title,
        "text": section.text,
        "blocks": section.blocks,
        "not_applicable": section.not_applicable,
        "version": section.version,
    }
    form = SectionForm(posted_data(request), initial=initial, principle_chapter=principle_chapter)
    target = request.POST.get("status", "") if request.method == "POST" else ""
    if target and target not in SectionStatus.values:
        form.add_error(None, _("Deze status bestaat niet."))
    elif request.method == "POST" and form.is_valid():
        try:
            # Saving what was typed and moving the status go together: a refused move (akkoord
            # by the one who just changed the text) saves nothing either.
            with transaction.atomic():
                section = services.report_section_save(
                    actor=request.user,
                    section=section,
                    title=form.cleaned_data["title"],
                    text=form.cleaned_data["text"],
                    blocks=form.cleaned_data["blocks"],
                    not_applicable=form.cleaned_data["not_applicable"],
                    expected_version=form.cleaned_data["version"],
                )
                if target:
                    section = services.report_section_status_set(
                        actor=request.user,
                        section=section,
                        status=target,
                        expected_version=section.version,
                    )
        except ValidationError as error:  # EditConflict too: a ValidationError
            add_service_errors(form, error)
            section = selectors.report_section_get(cycle=cycle, pk=pk, withdrawn_too=True)
        else:
            messages.success(
                request,
                STATUS_MESSAGES[SectionStatus(target)] % {"title": section.title}
                if target in SectionStatus.values
                else _("‘%(title)s’ is opgeslagen.") % {"title": section.title},
            )
            return redirect("findings:uwv_report_section", year=year, pk=section.pk)
    moves = [
        (
            status,
            section_status_refusal(
                current=section.status,
                target=status,
                actor_id=request.user.pk,
                edited_by_id=section.edited_by_id,
            ),
        )
        for status in SectionStatus
        if status != section.status
    ]
    return render(
        request,
        "findings/report/section.html",
        {
            "cycle": cycle,
            "section": section,
            "form": form,
            "moves": moves,
            "history": selectors.section_history(section),
            "block_labels": {key: str(b.label) for key, b in BLOCKS.items()},
            "anchors": selectors.anchors_of(cycle),
            "material_count": section.materials.count(),
        },
        status=400 if form.is_bound else 200,
    )


@role_required(Role.COORDINATIETEAM)
def uwv_report_section_withdraw(request, year: int, pk: int):
    """Take a section out of the report with a reason (GET: the question; POST: out)."""
    cycle = cycle_get(year=year)
    section = selectors.report_section_get(cycle=cycle, pk=pk)
    form = SectionWithdrawForm(posted_data(request), initial={"version": section.version})
    refusal = (
        _("Elk getoetst principe heeft een hoofdstuk in het rapport; haal alleen paragrafen weg.")
        if section.principle_id is not None
        else ""
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.report_section_withdraw(
                actor=request.user,
                section=section,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:  # EditConflict too: a ValidationError
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("‘%(title)s’ is uit het rapport gehaald.") % {"title": section.title}
            )
            return redirect(_structure_url(year))
    return render(
        request,
        "findings/withdraw.html",
        {
            "cycle": cycle,
            "record": section,
            "form": form,
            "refusal": refusal,
            "title": _("‘%(title)s’ uit het rapport halen?") % {"title": section.title},
            "consequence": _(
                "De paragraaf verdwijnt uit het rapport en uit de inhoudsopgave; de tekst blijft "
                "met de reden bewaard in de historie. Een hoofdstuk gaat met zijn paragrafen."
            ),
            "button": _("Uit het rapport halen"),
            "back_url": reverse("findings:uwv_report_section", args=[year, section.pk]),
            "back_label": _("Terug naar de paragraaf"),
            "crumbs": [(_structure_url(year), _("Opbouw van het rapport"))],
        },
        status=400 if form.is_bound else 200,
    )


@role_required(Role.COORDINATIETEAM)
def uwv_report_section_material(request, year: int, pk: int):
    """The material of one section: what is placed (each editable on its own, or taken out
    with a reason) and three ways to add (a good example, a quote, a UWV-level text). Each form
    posts on its own (`add` names it; `edit` the material), and a refused one comes back as
    typed."""
    cycle = cycle_get(year=year)
    section = selectors.report_section_get(cycle=cycle, pk=pk)
    candidates = selectors.material_candidates(cycle)
    posted = request.POST if request.method == "POST" else None
    action = posted.get("add", "") if posted else ""
    forms = {
        "voorbeeld": ExampleForm(
            posted if action == "voorbeeld" else None, candidates=candidates, prefix="voorbeeld"
        ),
        "citaat": QuoteForm(
            posted if action == "citaat" else None, candidates=candidates, prefix="citaat"
        ),
        "tekst": UwvTextForm(
            posted if action == "tekst" else None,
            candidates=candidates,
            prefix="tekst",
            initial={"kind": MaterialKind.OBSERVATIE},
        ),
    }
    edit_pk = posted.get("edit", "") if posted else ""
    edit_form = None
    if posted is not None and action in forms and forms[action].is_valid():
        form = forms[action]
        try:
            if action == "voorbeeld":
                extra = {"kind": MaterialKind.VOORBEELD, "finding": form.cleaned_data["finding"]}
            elif action == "citaat":
                extra = {"kind": MaterialKind.CITAAT, **form.picked()}
            else:
                extra = {
                    "kind": form.cleaned_data["kind"],
                    "title": form.cleaned_data["title"],
                    "themes": form.cleaned_data["themes"],
                    "recommendations": form.cleaned_data["recommendations"],
                }
            material_services.report_material_add(
                actor=request.user, section=section, text=form.cleaned_data["text"], **extra
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het materiaal staat in ‘%(title)s’.") % {"title": section})
            return redirect("findings:uwv_report_section_material", year=year, pk=section.pk)
    elif posted is not None and edit_pk.isdigit():
        material = selectors.report_material_get(
            section=section, pk=int(edit_pk), withdrawn_too=True
        )
        edit_form = MaterialEditForm(posted, prefix=f"m{material.pk}")
        if edit_form.is_valid():
            try:
                material_services.report_material_update(
                    actor=request.user,
                    material=material,
                    title=edit_form.cleaned_data["title"],
                    text=edit_form.cleaned_data["text"],
                    themes=material.themes.all(),
                    recommendations=material.recommendations.all(),
                    expected_version=edit_form.cleaned_data["version"],
                )
            except ValidationError as error:
                add_service_errors(edit_form, error)
            else:
                messages.success(request, _("Het materiaal is gewijzigd."))
                return redirect("findings:uwv_report_section_material", year=year, pk=section.pk)
    placed = []
    for material in selectors.section_materials(section):
        if edit_form is not None and str(material.pk) == edit_pk:
            placed.append((material, edit_form))
        else:
            placed.append(
                (
                    material,
                    MaterialEditForm(
                        prefix=f"m{material.pk}",
                        initial={
                            "title": material.title,
                            "text": material.text,
                            "version": material.version,
                        },
                    ),
                )
            )
    return render(
        request,
        "findings/report/section_material.html",
        {
            "cycle": cycle,
            "section": section,
            "placed": placed,
            "forms": forms,
            "action": action,
            "candidates": candidates,
        },
        status=400 if posted is not None else 200,
    )


@role_required(Role.COORDINATIETEAM)
def uwv_report_material_withdraw(request, year: int, pk: int, material_pk: int):
    """Take material out of its section with a reason (GET: the question; POST: out)."""
    cycle = cycle_get(year=year)
    section = selectors.report_section_get(cycle=cycle, pk=pk)
    material = selectors.report_material_get(section=section, pk=material_pk)
    form = MaterialWithdrawForm(posted_data(request), initial={"version": material.version})
    back = reverse("findings:uwv_report_section_material", args=[year, section.pk])
    if request.method == "POST" and form.is_valid():
        try:
            material_services.report_material_withdraw(
                actor=request.user,
                material=material,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het materiaal is uit het rapport gehaald."))
            return redirect(back)
    return render(
        request,
        "findings/withdraw.html",
        {
            "cycle": cycle,
            "record": material,
            "form": form,
            "refusal": "",
            "title": _("‘%(material)s’ uit het rapport halen?") % {"material": material},
            "consequence": _(
                "Het verdwijnt uit de paragraaf; het blijft met de reden bewaard in de historie."
            ),
            "button": _("Uit het rapport halen"),
            "back_url": back,
            "back_label": _("Terug naar het materiaal"),
            "crumbs": [
                (_structure_url(year), _("Opbouw van het rapport")),
                (back, str(section)),
            ],
        },
        status=400 if form.is_bound else 200,
    )
