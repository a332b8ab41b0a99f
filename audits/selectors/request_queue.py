"""The evidence requests' line of the work queue (issue 21 §1, see `uwvkms.workqueue`): for the
unit's board and its quality contacts, each request list of their unit with items still open,
with its due date."""

import datetime

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audits.constants import FIELDWORK_OPEN, REQUEST_ITEM_OPEN
from audits.models import EvidenceRequestItem
from audits.selectors.capacities import is_quality_contact
from audits.selectors.requests import open_requests_of_unit
from uwvkms.constants import Role
from uwvkms.models import USER_FACTS, User
from uwvkms.permissions import has_any_role
from uwvkms.workqueue import Urgency, WorkItem, register

OPEN_ITEMS_FACT = "unit_open_request_items"


def _open_items_subquery():
    """How many items of the outer user's unit's request lists are still open, in cycles whose
    fieldwork is open."""
    items = (
        EvidenceRequestItem.objects.filter(
            request__unit=OuterRef("business_unit"),
            request__cycle__status__in=FIELDWORK_OPEN,
            request__cycle__withdrawn_at__isnull=True,
            status__in=REQUEST_ITEM_OPEN,
        )
        .order_by()
        .values("request__unit")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(items, output_field=IntegerField()), 0)


def request_work_items(user: User, today: datetime.date) -> list[WorkItem]:
    """The open request lists of the user's unit, for its board and quality contacts: one
    query, and none when nothing of their unit is open or they are neither (both facts come
    with the user's roles)."""
    if user.business_unit_id is None or not user.fact(OPEN_ITEMS_FACT):
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
    """Put the open request lists on the home page of the unit's board and quality contacts;
    whether their unit has open items is loaded with their roles."""
    USER_FACTS[OPEN_ITEMS_FACT] = _open_items_subquery
    register(request_work_items)
