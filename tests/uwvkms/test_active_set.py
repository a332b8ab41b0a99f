"""`uwvkms.services.active_set`: the one way a list item is taken out of use or back in."""

import pytest

from audits.events import DOCUMENT_TYPE_ACTIVATED, DOCUMENT_TYPE_DEACTIVATED
from tests.factories import DocumentTypeFactory
from uwvkms.models import AuditEvent
from uwvkms.services import active_set


@pytest.mark.parametrize(
    ("start", "wanted", "event"),
    [
        (True, False, DOCUMENT_TYPE_DEACTIVATED),
        (False, True, DOCUMENT_TYPE_ACTIVATED),
        (True, True, None),
        (False, False, None),
    ],
)
def test_the_flag_and_its_event(coordinator, start, wanted, event):
    item = DocumentTypeFactory(is_active=start)
    result = active_set(
        actor=coordinator,
        instance=item,
        is_active=wanted,
        on=DOCUMENT_TYPE_ACTIVATED,
        off=DOCUMENT_TYPE_DEACTIVATED,
    )
    item.refresh_from_db()
    assert result.is_active is wanted and item.is_active is wanted
    events = list(AuditEvent.objects.values_list("event", "actor", "changes"))
    if event is None:
        assert events == []  # unchanged: nothing stored
    else:
        assert events == [(event, coordinator.pk, {"is_active": [start, wanted]})]
