"""Views of the evidence pages (DOMAIN.md §2, "Evidence"): the documentation list and question set
for the coordination team; document study and the evidence overview per unit (interviews: `audits.views.interviews`). Thin:
every object comes through an access-checked selector, every write through a service."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from audits.forms.evidence import (
    DocumentCheckForm,
    DocumentFileForm,
    DocumentTypeForm,
    InterviewQuestionForm,
)
from audits.selectors import evidence as selectors
from audits.services import documents as document_services
from audits.services import interviews as interview_services
from uwvkms.constants import Role
from uwvkms.forms import add_service_errors, keep_typed, kept_input, posted_data, typed_on
from uwvkms.permissions import role_required
from uwvkms.security import record_download
from uwvkms.storage import private_file_response

# --- The documentation list (coordination team) --------------------------------------------------


@role_required(Role.COORDINATIETEAM)
def document_type_list(request):
    form = DocumentTypeForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            document_type = document_services.document_type_create(
                actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s staat op de documentenlijst.") % {"name": document_type.name},
            )
            return redirect("audits:document_type_list")
    return render(
        request,
        "audits/evidence/document_type_list.html",
        {"document_types": selectors.document_types(), "form": form},
        status=400 if form.errors else 200,
    )


def document_type_edit(request, pk: int):
    document_type = selectors.document_type_get_for_coordinator(user=request.user, pk=pk)
    form = DocumentTypeForm(
        posted_data(request),
        initial={"name": document_type.name, "description": document_type.description},
    )
    if request.method == "POST" and form.is_valid():
        try:
            document_services.document_type_update(
                actor=request.user, document_type=document_type, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De documentenlijst is bijgewerkt."))
            return redirect("audits:document_type_list")
    return render(
        request,
        "audits/evidence/document_type_form.html",
        {"document_type": document_type, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def document_type_move(request, pk: int):
    document_type = selectors.document_type_get_for_coordinator(user=request.user, pk=pk)
    try:
        document_services.document_type_move(
            actor=request.user, document_type=document_type, direction=request.POST.get("direction")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("audits:document_type_list")


@require_POST
def document_type_set_active(request, pk: int):
    document_type = selectors.document_type_get_for_coordinator(user=request.user, pk=pk)
    is_active = request.POST.get("is_active") == "1"
    document_services.document_type_set_active(
        actor=request.user, document_type=document_type, is_active=is_active
    )
    messages.success(
        request,
        (
            _("%(name)s is weer in gebruik.")
            if is_active
            else _("%(name)s is buiten gebruik gesteld; bestaande beoordelingen blijven bewaard.")
        )
        % {"name": document_type.name},
    )
    return redirect("audits:document_type_list")


# --- The question set (coordination team) --------------------------------------------------------


@role_required(Role.COORDINATIETEAM)
def question_principles(request):
    return render(
        request,
        "audits/evidence/question_principles.html",
        {"principles": selectors.principles_with_question_counts()},
    )


def question_list(request, principle_code: str):
    principle = selectors.principle_get_for_coordinator(user=request.user, code=principle_code)
    form = InterviewQuestionForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            interview_services.interview_question_create(
                actor=request.user, principle=principle, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De vraag is toegevoegd."))
            return redirect("audits:question_list", principle_code=principle.code)
    return render(
        request,
        "audits/evidence/question_list.html",
        {
            "principle": principle,
            "questions": selectors.questions_of_principle(principle),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def question_edit(request, principle_code: str, pk: int):
    principle = selectors.principle_get_for_coordinator(user=request.user, code=principle_code)
    question = selectors.question_get(principle=principle, pk=pk)
    form = InterviewQuestionForm(posted_data(request), initial={"text": question.text})
    if request.method == "POST" and form.is_valid():
        try:
            interview_services.interview_question_update(
                actor=request.user, question=question, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De vraag is gewijzigd."))
            return redirect("audits:question_list", principle_code=principle.code)
    return render(
        request,
        "audits/evidence/question_form.html",
        {"principle": principle, "question": question, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def question_set_active(request, principle_code: str, pk: int):
    principle = selectors.principle_get_for_coordinator(user=request.user, code=principle_code)
    question = selectors.question_get(principle=principle, pk=pk)
    is_active = request.POST.get("is_active") == "1"
    interview_services.interview_question_set_active(
        actor=request.user, question=question, is_active=is_active
    )
    messages.success(
        request,
        _("De vraag is weer in gebruik.")
        if is_active
        else _("De vraag is buiten gebruik gesteld; vastgelegde interviews houden haar."),
    )
    return redirect("audits:question_list", principle_code=principle.code)


# --- Evidence per unit ---------------------------------------------------------------------------


def evidence_units(request, year: int):
    cycle, summaries = selectors.evidence_units_for_user(user=request.user, year=year)
    return render(
        request, "audits/evidence/evidence_units.html", {"cycle": cycle, "summaries": summaries}
    )


def evidence_overview(request, year: int, unit_id: int):
    ue = selectors.unit_evidence_get(
        user=request.user, year=year, unit_id=unit_id, allow_board=True
    )
    return render(
        request,
        "audits/evidence/evidence_overview.html",
        {"ue": ue, "overview": selectors.evidence_overview(ue)},
    )


# --- Document study ------------------------------------------------------------------------------


def document_checklist(request, year: int, unit_id: int):
    ue = selectors.unit_evidence_get(user=request.user, year=year, unit_id=unit_id)
    return render(
        request,
        "audits/evidence/document_checklist.html",
        {"ue": ue, "rows": selectors.document_checklist(cycle=ue.cycle, unit=ue.unit)},
    )


def document_check(request, year: int, unit_id: int, document_type_id: int):
    if request.method == "POST":
        ue = selectors.unit_evidence_get_for_editing(user=request.user, year=year, unit_id=unit_id)
    else:
        ue = selectors.unit_evidence_get(user=request.user, year=year, unit_id=unit_id)
    document_type = selectors.document_type_for_unit_get(ue=ue, document_type_id=document_type_id)
    check = selectors.document_check_for(cycle=ue.cycle, unit=ue.unit, document_type=document_type)
    principles = selectors.assessed_principles(cycle=ue.cycle, unit=ue.unit)
    typed = typed_on(request, request.path) if request.method == "GET" else None
    if typed is not None:
        form = _kept_judgement(request, typed, check, principles)
    else:
        form = DocumentCheckForm(
            posted_data(request), initial=_check_initial(check), principles=principles
        )
    if request.method == "POST" and form.is_valid():
        try:
            document_services.document_check_save(
                actor=request.user,
                cycle=ue.cycle,
                unit=ue.unit,
                document_type=document_type,
                status=form.cleaned_data["status"],
                principles=form.cleaned_data["principles"],
                design_note=form.cleaned_data["design_note"],
                existence_note=form.cleaned_data["existence_note"],
                operation_note=form.cleaned_data["operation_note"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("De beoordeling van %(document)s is opgeslagen.") % {"document": document_type},
            )
            if request.FILES.get("file"):
                # A file chosen but not yet uploaded is added too: nothing typed or chosen is
                # lost. Refused, it is named on the document's page.
                return _file_upload(request, ue, document_type, judgement_saved=True)
            return redirect("audits:document_checklist", year=ue.cycle.year, unit_id=ue.unit.id)
    return _render_document_check(
        request,
        ue,
        document_type,
        check,
        form,
        DocumentFileForm(),
        status=400 if form.errors else 200,
    )


def _render_document_check(request, ue, document_type, check, form, file_form, status=200):
    return render(
        request,
        "audits/evidence/document_check.html",
        {
            "ue": ue,
            "document_type": document_type,
            "check": check,
            "form": form,
            "file_form": file_form,
            "history": selectors.evidence_history(check),
            "max_upload_mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024),
            "malware_scan": settings.MALWARE_SCAN,
        },
        status=status,
    )


@require_POST
def document_file_upload(request, year: int, unit_id: int, document_type_id: int):
    """Add a file. The page posts its one form here (the judgement came along): the judgement
    typed but not saved is given back as typed, whether the upload worked or not."""
    ue = selectors.unit_evidence_get_for_editing(user=request.user, year=year, unit_id=unit_id)
    document_type = selectors.document_type_for_unit_get(ue=ue, document_type_id=document_type_id)
    return _file_upload(request, ue, document_type, judgement_saved=False)


def _file_upload(request, ue, document_type, *, judgement_saved: bool):
    file_form = DocumentFileForm(request.POST, request.FILES)
    uploaded = False
    if file_form.is_valid():
        upload = file_form.cleaned_data["file"]
        try:
            document_services.document_file_add(
                actor=request.user,
                cycle=ue.cycle,
                unit=ue.unit,
                document_type=document_type,
                name=upload.name,
                data=_read_limited(upload),
            )
        except ValidationError as exc:
            add_service_errors(file_form, exc)
        else:
            uploaded = True
            messages.success(
                request,
                _("%(name)s is toegevoegd aan %(document)s.")
                % {"name": upload.name, "document": document_type},
            )
    if judgement_saved and uploaded:
        return redirect("audits:document_checklist", year=ue.cycle.year, unit_id=ue.unit.id)
    return _after_file_change(
        request,
        ue,
        document_type,
        None if uploaded else file_form,
        keep_judgement=not judgement_saved,
    )


def _after_file_change(request, ue, document_type, file_form, *, keep_judgement=True):
    """After a file was added or removed (`file_form` None): back to the document's page, the
    judgement typed meanwhile kept for it (not saved: the page says so). Refused (`file_form`
    with its errors): the page itself, the judgement given back as typed, or as saved."""
    judgement_typed = keep_judgement and "status" in request.POST
    page = reverse("audits:document_check", args=[ue.cycle.year, ue.unit.id, document_type.id])
    if file_form is None:
        if judgement_typed:
            keep_typed(request, page=page, only=set(DocumentCheckForm.base_fields))
            check = selectors.document_check_for(
                cycle=ue.cycle, unit=ue.unit, document_type=document_type
            )
            _carry_own_file_version(request, page=page, check=check)
            messages.info(request, NOT_SAVED)
        return redirect(page)
    check = selectors.document_check_for(cycle=ue.cycle, unit=ue.unit, document_type=document_type)
    principles = selectors.assessed_principles(cycle=ue.cycle, unit=ue.unit)
    if judgement_typed:
        form = _kept_judgement(request, request.POST, check, principles)
        messages.info(request, NOT_SAVED)
    else:
        form = DocumentCheckForm(initial=_check_initial(check), principles=principles)
    return _render_document_check(request, ue, document_type, check, form, file_form, status=400)


def _carry_own_file_version(request, *, page: str, check) -> None:
    """A file added or removed moves the document's record one version on (its review starts
    again). When that was this user's own file action on the version they were typing on, the
    judgement kept for the page saves onto the new version instead of being refused as changed
    meanwhile; a change by someone else in between still is."""
    kept = request.session.get(f"typed:{page}")
    if check is None or not kept:
        return
    typed_version = (kept.get("version") or [""])[0]
    if check.updated_by_id == request.user.id and typed_version == str(check.version - 1):
        kept["version"] = [str(check.version)]
        request.session.modified = True


NOT_SAVED = gettext_lazy(
    "Uw beoordeling staat er nog zoals u die typte, maar is nog niet opgeslagen."
)


def _kept_judgement(request, typed, check, principles) -> DocumentCheckForm:
    """The judgement as typed in `typed`. A file action may just have made the document's
    record (this user's own, from version 0): the judgement then saves onto that record rather
    than being refused as changed meanwhile."""
    form = kept_input(
        DocumentCheckForm, typed, initial=_check_initial(check), principles=principles
    )
    made_now = check is not None and check.updated_by_id == request.user.id
    if made_now and typed.get("version") == "0":
        form.initial["version"] = check.version
    return form


def _check_initial(check) -> dict:
    if check is None:
        return {"version": 0, "status": "open"}
    return {
        "version": check.version,
        "status": check.status,
        "principles": list(check.principles.all()),
        "design_note": check.design_note,
        "existence_note": check.existence_note,
        "operation_note": check.operation_note,
    }


def _read_limited(upload) -> bytes:
    """The uploaded bytes, but never more than one byte over the limit: the size check refuses a
    larger file without the whole of it in memory."""
    return upload.read(settings.UPLOAD_MAX_BYTES + 1)


def document_file_download(request, year: int, file_id: int):
    document_file = selectors.document_file_get_for_user(
        user=request.user, year=year, file_id=file_id
    )
    if document_file.removed_on is not None:
        # Gone for good (uwvkms.retention): say so, rather than "not found".
        return render(
            request,
            "audits/evidence/document_file_removed.html",
            {"document_file": document_file},
            status=410,
        )
    return record_download(
        request, file_response(document_file), target=document_file, what="bewijsstuk"
    )


def file_response(document_file) -> FileResponse:
    """The stored bytes of an evidence file as a download (never shown inline)."""
    return private_file_response(
        document_file.file,
        filename=document_file.original_name,
        content_type=document_file.content_type,
    )


def moved_to_quarantine(name: str) -> str:
    """What the audit team is told when an evidence file it deleted went into quarantine."""
    return _(
        "%(name)s is verwijderd. Het staat in quarantaine tot de bewaartermijn "
        "verstreken is; het coördinatieteam kan het terugzetten."
    ) % {"name": name}


@require_POST
def document_file_delete(request, year: int, file_id: int):
    document_file = selectors.document_file_get_for_editing(
        user=request.user, year=year, file_id=file_id
    )
    check = document_file.document_check
    try:
        document_services.document_file_delete(actor=request.user, document_file=document_file)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, moved_to_quarantine(document_file.original_name))
    ue = selectors.unit_evidence_get_for_editing(
        user=request.user, year=year, unit_id=check.unit_id
    )
    document_type = selectors.document_type_for_unit_get(
        ue=ue, document_type_id=check.document_type_id
    )
    return _after_file_change(request, ue, document_type, None)
