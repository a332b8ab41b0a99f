"""Views of evidence requests to the unit (issue 21 §1). Thin: every object comes through an
access-checked selector (`audits.selectors.requests`), every write through a service
(`audits.services.requests`). A refused form comes back with everything typed (status 400)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audits.constants import RequestItemAction
from audits.forms.requests import (
    AnswerForm,
    AskMoreForm,
    DeliverForm,
    DesignateForm,
    ItemAddForm,
    MessageForm,
    ReasonForm,
    RequestSendForm,
    RequestUpdateForm,
)
from audits.selectors import requests as selectors
from audits.selectors.cycles import cycle_get_for_coordinator
from audits.services import requests as services
from audits.views.evidence import _read_limited, moved_to_quarantine
from uwvkms.exports import attachment, to_xlsx
from uwvkms.forms import add_service_errors
from uwvkms.security import record_download
from uwvkms.storage import private_file_response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# --- The team's page ---------------------------------------------------------------------------


def _item_forms(page, item) -> dict:
    actions = page.actions_for(item)
    forms = {}
    if RequestItemAction.DELIVER in actions:
        forms["deliver"] = DeliverForm(prefix=f"i{item.pk}")
    if RequestItemAction.NOT_EXISTING in actions:
        forms["answer"] = AnswerForm(prefix=f"i{item.pk}", initial={"version": item.version})
    if RequestItemAction.ASK_MORE in actions:
        forms["ask_more"] = AskMoreForm(prefix=f"i{item.pk}", initial={"version": item.version})
    if RequestItemAction.MESSAGE in actions:
        forms["message"] = MessageForm(prefix=f"m{item.pk}")
    if RequestItemAction.WITHDRAW in actions:
        forms["withdraw"] = ReasonForm(prefix=f"w{item.pk}")
    return forms


def _render(request, page, template, *, refused=None, extra=None, status=200):
    """The page with a fresh form per item and move, except the one refused (`refused` is
    (item id, form name, bound form)), which comes back as typed."""
    for item in page.items:
        item.forms = _item_forms(page, item)
        if refused and refused[0] == item.pk:
            item.forms[refused[1]] = refused[2]
    context = {
        "page": page,
        "history": selectors.request_history(page),
        "history_reason": True,
        "max_upload_mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024),
        "malware_scan": settings.MALWARE_SCAN,
        **(extra or {}),
    }
    return render(request, template, context, status=status)


def _team_extra(page, *, send_form=None, update_form=None, add_form=None) -> dict:
    types = selectors.active_document_types()
    extra = {}
    if page.request is None and page.can_send:
        extra["send_form"] = send_form or RequestSendForm(
            document_types=types, initial={"document_types": list(types)}
        )
    if page.request is not None and page.can_send:
        extra["update_form"] = update_form or RequestUpdateForm(
            initial={
                "due_on": page.request.due_on,
                "note": page.request.note,
                "version": page.request.version,
            }
        )
        on_list = {i.document_type_id for i in page.items if not i.is_withdrawn}
        extra["add_form"] = add_form or ItemAddForm(document_types=types.exclude(pk__in=on_list))
    return extra


TEAM_TEMPLATE = "audits/requests/team_request.html"
UNIT_TEMPLATE = "audits/requests/unit_request.html"


def team_request(request, year: int, unit_id: int):
    """The team's page: the list as sent and what arrived per item; the lead sends it here."""
    page = selectors.team_request_get(user=request.user, year=year, unit_id=unit_id)
    if request.method != "POST":
        return _render(request, page, TEAM_TEMPLATE, extra=_team_extra(page))
    form = RequestSendForm(request.POST, document_types=selectors.active_document_types())
    if form.is_valid():
        try:
            services.evidence_request_send(
                actor=request.user,
                cycle=page.cycle,
                unit=page.unit,
                due_on=form.cleaned_data["due_on"],
                document_types=form.cleaned_data["document_types"],
                extra_items=form.extra(),
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("De uitvraag is verstuurd naar %(unit)s.") % {"unit": page.unit}
            )
            return redirect("audits:team_request", year=year, unit_id=unit_id)
    return _render(
        request, page, TEAM_TEMPLATE, extra=_team_extra(page, send_form=form), status=400
    )


@require_POST
def team_request_update(request, year: int, unit_id: int):
    page = selectors.team_request_get(user=request.user, year=year, unit_id=unit_id)
    form = RequestUpdateForm(request.POST)
    if page.request is not None and form.is_valid():
        try:
            services.evidence_request_update(
                actor=request.user,
                request=page.request,
                due_on=form.cleaned_data["due_on"],
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De uitvraag is bijgewerkt."))
            return redirect("audits:team_request", year=year, unit_id=unit_id)
    return _render(
        request, page, TEAM_TEMPLATE, extra=_team_extra(page, update_form=form), status=400
    )


@require_POST
def team_item_add(request, year: int, unit_id: int):
    page = selectors.team_request_get(user=request.user, year=year, unit_id=unit_id)
    form = ItemAddForm(request.POST, document_types=selectors.active_document_types())
    if page.request is not None and form.is_valid():
        try:
            item = services.request_item_add(
                actor=request.user,
                request=page.request,
                document_type=form.cleaned_data["document_type"],
                title=form.cleaned_data["title"],
                explanation=form.cleaned_data["explanation"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(item)s staat op de uitvraag.") % {"item": item.title})
            return redirect("audits:team_request", year=year, unit_id=unit_id)
    return _render(request, page, TEAM_TEMPLATE, extra=_team_extra(page, add_form=form), status=400)


def _item_move(request, page, item_id, *, name, form, call, done, template, redirect_to):
    item = selectors.request_item_get(page, item_id)
    if form.is_valid():
        try:
            call(item, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done % {"item": item.title})
            return redirect(redirect_to, year=page.cycle.year, unit_id=page.unit.pk)
    extra = _team_extra(page) if template == TEAM_TEMPLATE else {}
    return _render(request, page, template, refused=(item.pk, name, form), extra=extra, status=400)


@require_POST
def team_item_ask_more(request, year: int, unit_id: int, item_id: int):
    page = selectors.team_request_get(user=request.user, year=year, unit_id=unit_id)
    return _item_move(
        request,
        page,
        item_id,
        name="ask_more",
        form=AskMoreForm(request.POST, prefix=f"i{item_id}"),
        call=lambda item, data: services.request_item_ask_more(
            actor=request.user, item=item, text=data["text"], expected_version=data["version"]
        ),
        done=_("Bij %(item)s is aanvullend gevraagd; het onderdeel is op de hoogte gebracht."),
        template=TEAM_TEMPLATE,
        redirect_to="audits:team_request",
    )


@require_POST
def team_item_withdraw(request, year: int, unit_id: int, item_id: int):
    page = selectors.team_request_get(user=request.user, year=year, unit_id=unit_id)
    return _item_move(
        request,
        page,
        item_id,
        name="withdraw",
        form=ReasonForm(request.POST, prefix=f"w{item_id}"),
        call=lambda item, data: services.request_item_withdraw(
            actor=request.user, item=item, reason=data["reason"]
        ),
        done=_("%(item)s is ingetrokken."),
        template=TEAM_TEMPLATE,
        redirect_to="audits:team_request",
    )


@require_POST
def team_item_message(request, year: int, unit_id: int, item_id: int):
    page = selectors.team_request_get(user=request.user, year=year, unit_id=unit_id)
    return _message(request, page, item_id, TEAM_TEMPLATE, "audits:team_request")


def _message(request, page, item_id, template, redirect_to):
    return _item_move(
        request,
        page,
        item_id,
        name="message",
        form=MessageForm(request.POST, prefix=f"m{item_id}"),
        call=lambda item, data: services.request_message_post(
            actor=request.user, item=item, text=data["text"]
        ),
        done=_("Uw bericht bij %(item)s is geplaatst."),
        template=template,
        redirect_to=redirect_to,
    )


# --- The unit's page ---------------------------------------------------------------------------


def unit_request(request, year: int, unit_id: int):
    """The unit's page: per open item, upload a file or answer "bestaat niet" / "n.v.t."."""
    page = selectors.unit_request_get(user=request.user, year=year, unit_id=unit_id)
    return _render(request, page, UNIT_TEMPLATE)


@require_POST
def unit_item_deliver(request, year: int, unit_id: int, item_id: int):
    page = selectors.unit_request_get(user=request.user, year=year, unit_id=unit_id)
    form = DeliverForm(request.POST, request.FILES, prefix=f"i{item_id}")

    def call(item, data):
        upload = data["file"]
        services.request_item_deliver(
            actor=request.user,
            item=item,
            name=upload.name,
            data=_read_limited(upload),
            message=data["message"],
        )

    return _item_move(
        request,
        page,
        item_id,
        name="deliver",
        form=form,
        call=call,
        done=_("Het bestand voor %(item)s is aangeleverd; het toetsteam is op de hoogte gebracht."),
        template=UNIT_TEMPLATE,
        redirect_to="audits:unit_request",
    )


@require_POST
def unit_item_answer(request, year: int, unit_id: int, item_id: int):
    page = selectors.unit_request_get(user=request.user, year=year, unit_id=unit_id)
    return _item_move(
        request,
        page,
        item_id,
        name="answer",
        form=AnswerForm(request.POST, prefix=f"i{item_id}"),
        call=lambda item, data: services.request_item_answer(
            actor=request.user,
            item=item,
            action=data["action"],
            answer=data["answer"],
            expected_version=data["version"],
        ),
        done=_("Uw antwoord bij %(item)s is vastgelegd; het toetsteam is op de hoogte gebracht."),
        template=UNIT_TEMPLATE,
        redirect_to="audits:unit_request",
    )


@require_POST
def unit_item_message(request, year: int, unit_id: int, item_id: int):
    page = selectors.unit_request_get(user=request.user, year=year, unit_id=unit_id)
    return _message(request, page, item_id, UNIT_TEMPLATE, "audits:unit_request")


def request_file(request, year: int, file_id: int):
    """Download a file delivered for an extra item (410 once the retention job removed it)."""
    delivered = selectors.request_item_file_get(user=request.user, year=year, file_id=file_id)
    if delivered.removed_on is not None:
        return render(
            request,
            "audits/evidence/document_file_removed.html",
            {"document_file": delivered},
            status=410,
        )
    response = private_file_response(
        delivered.file, filename=delivered.original_name, content_type=delivered.content_type
    )
    return record_download(request, response, target=delivered, what="aangeleverd bestand")


@require_POST
def request_file_delete(request, year: int, file_id: int):
    """Delete a delivered file into the cycle's quarantine (the unit's auditors)."""
    delivered = selectors.request_item_file_get(user=request.user, year=year, file_id=file_id)
    request_ = delivered.item.request
    try:
        services.request_file_delete(actor=request.user, delivered=delivered)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, moved_to_quarantine(delivered.original_name))
    return redirect("audits:team_request", year=year, unit_id=request_.unit_id)


# --- Quality contacts (the unit's board) -------------------------------------------------------


def quality_contacts(request):
    page = selectors.quality_contacts_page(user=request.user)
    form = DesignateForm(
        request.POST if request.method == "POST" else None, candidates=page.candidates
    )
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.quality_contact_designate(
                actor=request.user, unit=page.unit, user=form.cleaned_data["user"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(user)s is kwaliteitscontactpersoon van %(unit)s.")
                % {"user": contact.user, "unit": page.unit},
            )
            return redirect("audits:quality_contacts")
    return _contacts_render(request, page, form)


def _contacts_render(request, page, form, refused=None):
    for contact in page.contacts:
        contact.end_form = (
            refused[1]
            if refused and refused[0] == contact.pk
            else ReasonForm(prefix=f"c{contact.pk}")
        )
    return render(
        request,
        "audits/requests/quality_contacts.html",
        {
            "page": page,
            "form": form,
            "history": selectors.quality_contact_history(page.contacts),
            "history_reason": True,
        },
        status=400 if form.errors or refused else 200,
    )


@require_POST
def quality_contact_end(request, pk: int):
    contact = selectors.quality_contact_get(user=request.user, pk=pk)
    form = ReasonForm(request.POST, prefix=f"c{pk}")
    if form.is_valid():
        try:
            services.quality_contact_end(
                actor=request.user, contact=contact, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(user)s is geen kwaliteitscontactpersoon meer.") % {"user": contact.user},
            )
            return redirect("audits:quality_contacts")
    page = selectors.quality_contacts_page(user=request.user)
    return _contacts_render(
        request, page, DesignateForm(candidates=page.candidates), refused=(pk, form)
    )


# --- The cross-unit view (coordination team) ---------------------------------------------------


def standard_documents(request, year: int):
    cycle = cycle_get_for_coordinator(user=request.user, year=year)
    return render(
        request,
        "audits/requests/standard_documents.html",
        {"view": selectors.standard_documents(cycle)},
    )


def standard_documents_xlsx(request, year: int):
    cycle = cycle_get_for_coordinator(user=request.user, year=year)
    content = to_xlsx([selectors.standard_documents_table(selectors.standard_documents(cycle))])
    return attachment(content, XLSX, f"standaard-documenten-{cycle.year}.xlsx")
