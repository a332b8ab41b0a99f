"""The evidence requests' line of the work queue (issue 21 §1, see `uwvkms.workqueue`): for the
unit's board and its quality contacts, each request list of their unit with items still open,
with its due date."""

import datetime

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audits.selectors.capacities import is_quality_contact
from audits.selectors.requests import open_requests_of_unit
from uwvkms.constants import Role
from uwvkms.models import User
from uwvkms.permissions import has_any_role
from uwvkms.workqueue import Urgency, WorkItem, register


def request_work_items(user: User, today: datetime.date) -> list[WorkItem]:
    """The open request lists of the user's unit, for its board and quality contacts: one
    query; none for anyone else (whether one is a contact comes with the user's roles)."""
    if user.business_unit_id is None:
        return []
    if not (is_quality_contact(user) or has_any_role(user, Role.DIRECTIE)):
        return []
    items = []
    for request in open_requests_of_unit(user.business_unit_id):
        items.append(
            WorkItem(
                kind=_("Uitvraag"),
                title=ngettext(
                    "Uitvraag %(unit)s: %(n)s stuk aanleveren",
                    "Uitvraag %(unit)s: %(n)s stukken aanleveren",
                    request.open_items,
                )
                % {"unit": request.unit.name, "n": request.open_items},
                detail=_("Uiterlijk %(date)s; toetscyclus %(year)s.")
                % {"date": date_format(request.due_on, "j F Y"), "year": request.cycle.year},
                url=reverse("audits:unit_request", args=[request.cycle.year, request.unit_id]),
                urgency=Urgency.ACTION,
                due_on=request.due_on,
            )
        )
    return items


def register_request_queue() -> None:
    """Put the open request lists on the home page of the unit's board and quality contacts."""
    register(request_work_items)
