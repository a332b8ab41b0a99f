"""The list of fixed contact persons per division and directorate (Beheerder and SBK)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from herstel.forms.records import ContactPointForm
from herstel.selectors import records
from herstel.services import working_group as services
from uwvkms.forms import add_service_errors, posted_data


def contact_points(request):
    records.require_contact_point_manager(request.user)
    form = ContactPointForm(posted_data(request), users=records.people())
    if request.method == "POST" and form.is_valid():
        try:
            point = services.contact_point_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s staat op de lijst van vaste contactpersonen.") % {"name": point},
            )
            return redirect("herstel:contact_points")
    return render(
        request,
        "herstel/contact_points.html",
        {"directorates": records.contact_points_by_directorate(), "form": form},
        status=400 if form.errors else 200,
    )


def contact_point_edit(request, pk: int):
    point = records.contact_point_get_for_manager(user=request.user, pk=pk)
    form = ContactPointForm(
        posted_data(request),
        users=records.people(),
        initial={
            "directorate": point.directorate,
            "name": point.name,
            "email": point.email,
            "user": point.user_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_point_update(
                actor=request.user, contact_point=point, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De contactpersoon is gewijzigd."))
            return redirect("herstel:contact_points")
    return render(
        request,
        "herstel/contact_point_form.html",
        {"point": point, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def contact_point_set_active(request, pk: int):
    point = records.contact_point_get_for_manager(user=request.user, pk=pk)
    is_active = request.POST.get("is_active") == "1"
    services.contact_point_set_active(actor=request.user, contact_point=point, is_active=is_active)
    messages.success(
        request,
        (
            _("%(name)s wordt weer ingelicht bij nieuwe herstelacties.")
            if is_active
            else _("%(name)s wordt niet meer ingelicht bij nieuwe herstelacties.")
        )
        % {"name": point},
    )
    return redirect("herstel:contact_points")
