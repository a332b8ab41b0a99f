"""Review fixes of step 2 (issue 20): a division is involved only through a member the lead
advisers added, not through its fixed contact person; the RvB's intended decision and the
go/no-go refer to a document of the dossier; the RvB's contacts with the minister from 2B on,
withdrawable; a final RvB decision superseded by a raise of the mandate."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from herstel.constants import Capacity, Directorate
from herstel.models import ContactPoint, DtView
from herstel.notifications import AWAITING_DT
from herstel.selectors.actions import herstelacties_for_user, involved_unit_ids
from herstel.selectors.workqueue import herstel_work_items
from herstel.services.guards import capacities_of
from herstel.services.step2 import dt_view_record
from herstel.services.working_group import working_group_member_add
from tests.herstel.flow import start
from tests.herstel.test_step2 import in_2a
from uwvkms.models import Notification as Message

# --- Involvement: explicitly added members only -------------------------------------------------


@pytest.fixture
def contact_action(db, adviser, other_adviser):
    """An action of Uitkeren started while Handhaving's adviser is a fixed contact person: they
    are in its working group as such."""
    ContactPoint.objects.create(
        directorate=Directorate.DHH, name="Harm Handhaving", user=other_adviser
    )
    return start(adviser)


def _told(action) -> set[int]:
    return set(
        Message.objects.filter(kind=AWAITING_DT, object_id=action.pk).values_list(
            "recipient", flat=True
        )
    )


def test_a_fixed_contact_persons_division_is_not_involved(
    client, contact_action, adviser, other_adviser, other_dt
):
    action = contact_action
    assert action.members.filter(user=other_adviser, contact_point__isnull=False).exists()
    assert involved_unit_ids(action) == frozenset()
    assert capacities_of(other_dt, action) == frozenset()
    assert not herstelacties_for_user(other_dt).filter(pk=action.pk).exists()
    in_2a(action, adviser)
    assert other_dt.pk not in _told(action)
    assert herstel_work_items(other_dt, datetime.date.today()) == []
    with pytest.raises(PermissionDenied):
        dt_view_record(actor=other_dt, herstelactie=action, position="eens", body="Eens.")
    client.force_login(other_dt)
    assert client.get(reverse("herstel:decisions", args=[action.pk])).status_code == 404
    response = client.post(
        reverse("herstel:dt_view_add", args=[action.pk]),
        {"zienswijze-position": "eens", "zienswijze-body": "Eens."},
    )
    assert response.status_code == 404
    assert not DtView.objects.exists()


def test_an_explicitly_added_members_division_is_involved(
    contact_action, adviser, other_dt, handhaving
):
    action = contact_action
    colleague = type(other_dt).objects.create(
        username="hh.collega", business_unit=handhaving, is_active=True
    )
    working_group_member_add(actor=adviser, herstelactie=action, user=colleague, role="Jurist")
    assert involved_unit_ids(action) == {handhaving.pk}
    assert capacities_of(other_dt, action) == {Capacity.INVOLVED_DT}
    assert herstelacties_for_user(other_dt).filter(pk=action.pk).exists()
    in_2a(action, adviser)
    assert other_dt.pk in _told(action)
    assert len(herstel_work_items(other_dt, datetime.date.today())) == 1
    dt_view_record(actor=other_dt, herstelactie=action, position="eens", body="Eens.")
