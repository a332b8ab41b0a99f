"""The demo auditors' home organisations (issue 21 §6) are set as a Beheerder sets them, through
`user_update`: each auditor's history says who set it, old → new; loading again records nothing
new."""

from uwvkms.events import USER_UPDATED
from uwvkms.models import AuditEvent, User


def test_each_home_organisation_is_in_the_accounts_history(demo_data, db):
    auditors = User.objects.filter(username__startswith="toetser").exclude(home_organisation="")
    assert auditors.exists()
    for auditor in auditors:
        event = AuditEvent.objects.get(
            event=USER_UPDATED, object_type="uwvkms.user", object_id=str(auditor.pk)
        )
        assert event.actor.username == "beheerder"
        assert event.changes == {"home_organisation": ["", auditor.home_organisation]}
