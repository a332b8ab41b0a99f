"""Views of the working group: members with their role, the fixed contact persons informed at
the start, and the interest groups consulted."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from herstel.constants import Operation
from herstel.forms.records import ConsultationForm, WorkingGroupMemberForm
from herstel.permissions import may_see_acknowledgers
from herstel.selectors import actions as selectors
from herstel.selectors import records
from herstel.selectors.informing import contacts_informing, members_with_informing
from herstel.services import working_group as services
from herstel.views.actions import refusal_on_top, require_capacity
from uwvkms.forms import add_service_errors


def _render(request, access, *, member_form=None, consultation_form=None, status=200):
    action = access.action
    informing = contacts_informing(action)
    return render(
        request,
        "herstel/working_group.html",
        {
            "access": access,
            "action": action,
            "members": members_with_informing(records.members_of(action), informing),
            "informing": informing,
            "acknowledgers_shown": may_see_acknowledgers(access.capacities),
            "consultations": records.consultations_of(action),
            "member_form": member_form or WorkingGroupMemberForm(users=records.people()),
            "consultation_form": consultation_form or ConsultationForm(),
        },
        status=status,
    )


def working_group(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    return _render(request, access)


@require_POST
def member_add(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_capacity(access, Operation.EDIT_WORKING_GROUP)
    form = WorkingGroupMemberForm(request.POST, users=records.people())
    if form.is_valid():
        try:
            member = services.working_group_member_add(
                actor=request.user, herstelactie=access.action, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("%(name)s is lid van de werkgroep.") % {"name": member.name}
            )
            return redirect("herstel:working_group", pk=access.action.pk)
    refusal_on_top(request, form, form_shown=access.may(Operation.EDIT_WORKING_GROUP))
    return _render(request, access, member_form=form, status=400)


@require_POST
def member_remove(request, pk: int, member_pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_capacity(access, Operation.EDIT_WORKING_GROUP)
    member = records.member_get(action=access.action, pk=member_pk)
    try:
        services.working_group_member_remove(actor=request.user, member=member)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("%(name)s is uit de werkgroep gehaald.") % {"name": member.name}
        )
    return redirect("herstel:working_group", pk=access.action.pk)


@require_POST
def consultation_add(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_capacity(access, Operation.EDIT_WORKING_GROUP)
    form = ConsultationForm(request.POST)
    if form.is_valid():
        try:
            services.consultation_record(
                actor=request.user, herstelactie=access.action, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De raadpleging is vastgelegd."))
            return redirect("herstel:working_group", pk=access.action.pk)
    refusal_on_top(request, form, form_shown=access.may(Operation.EDIT_WORKING_GROUP))
    return _render(request, access, consultation_form=form, status=400)
