"""The services of user administration (uwvkms/users/services.py): each change lands in the
event log with who, old → new and why; a role change needs a reason; a Beheerder cannot lock
themselves out; a stale edit is refused; nothing is ever deleted. (Refusals of non-Beheerders:
tests/test_service_authorisation.py.)"""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from uwvkms.constants import Role
from uwvkms.models import AuditEvent, User
from uwvkms.users.services import user_create, user_deactivate, user_reactivate, user_update
from uwvkms.versioning import EditConflict


def roles_of(user) -> set[str]:
    return set(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


def events_of(user) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(object_type="uwvkms.user", object_id=str(user.pk)).order_by("id")
    )


def edit(actor, user, **changes):
    user = User.objects.get(pk=user.pk)
    values = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "business_unit": user.business_unit,
        "roles": list(user.groups.values_list("name", flat=True)),
        "reason": "",
        "expected_version": user.version,
        **changes,
    }
    return user_update(actor=actor, user=user, **values)


def test_create_records_the_new_account_with_its_roles_and_no_password(beheerder, uitkeren):
    user = user_create(
        actor=beheerder,
        username="nina.nieuw",
        first_name="Nina",
        last_name="Nieuw",
        email="nina@example.invalid",
        business_unit=uitkeren,
        roles=[Role.TOETSER.value, Role.SBK.value],
        invite=False,
    )
    assert not user.has_usable_password()
    assert roles_of(user) == {"Toetser", "SBK (herstel)"}
    assert user.updated_by == beheerder and user.version == 1
    [event] = events_of(user)
    assert event.event == "uwvkms.user.created" and event.actor == beheerder
    assert event.changes["roles"] == [None, ["Toetser", "SBK (herstel)"]]
    assert event.changes["business_unit"] == [None, "Uitkeren"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("username", "AUDITOR", "gebruikersnaam is al in gebruik"),
        ("email", "auditor@example.invalid", "al een gebruiker met dit e-mailadres"),
    ],
)
def test_create_refuses_a_taken_username_or_address(beheerder, auditor, field, value, message):
    values = {
        "username": "nieuw",
        "first_name": "N",
        "last_name": "N",
        "email": "nieuw@example.invalid",
        "business_unit": None,
        "roles": [],
        field: value,
    }
    with pytest.raises(ValidationError, match=message):
        user_create(actor=beheerder, **values)
    assert not User.objects.filter(username="nieuw").exists()


def test_a_role_change_needs_a_reason_and_is_recorded_old_to_new(beheerder, auditor):
    with pytest.raises(ValidationError, match="reden"):
        edit(beheerder, auditor, roles=["Toetser", "Coördinatieteam"])
    assert roles_of(auditor) == {"Toetser"}

    changes = edit(
        beheerder, auditor, roles=["Toetser", "Coördinatieteam"], reason="Versterkt het team."
    )
    assert changes == {"roles": [["Toetser"], ["Toetser", "Coördinatieteam"]]}
    assert roles_of(auditor) == {"Toetser", "Coördinatieteam"}
    [event] = events_of(auditor)
    assert event.event == "uwvkms.user.updated"
    assert event.actor == beheerder
    assert event.reason == "Versterkt het team."
    assert User.objects.get(pk=auditor.pk).version == 2


def test_a_name_change_needs_no_reason_and_nothing_changed_stores_nothing(beheerder, auditor):
    assert edit(beheerder, auditor) == {}
    assert events_of(auditor) == []
    changes = edit(beheerder, auditor, last_name="de Toetser")
    assert changes == {"last_name": ["Toetser", "de Toetser"]}


def test_a_stale_edit_is_refused(beheerder, auditor, coordinator):
    coordinator.groups.add(Group.objects.get(name=Role.BEHEERDER.value))
    seen = User.objects.get(pk=auditor.pk).version
    edit(coordinator, auditor, last_name="Eerst")
    with pytest.raises(EditConflict, match="intussen gewijzigd door"):
        edit(beheerder, auditor, last_name="Later", expected_version=seen)
    assert User.objects.get(pk=auditor.pk).last_name == "Eerst"


def test_a_beheerder_cannot_take_away_their_own_beheerder_role(beheerder):
    with pytest.raises(ValidationError, match="rol Beheerder"):
        edit(beheerder, beheerder, roles=["Toetser"], reason="Per ongeluk.")
    assert roles_of(beheerder) == {"Beheerder"}
    # Adding a role to themselves, keeping Beheerder, is fine.
    edit(beheerder, beheerder, roles=["Beheerder", "Toetser"], reason="Doet ook toetsen.")
    assert roles_of(beheerder) == {"Beheerder", "Toetser"}


def test_a_beheerder_cannot_deactivate_themselves(beheerder):
    with pytest.raises(ValidationError, match="eigen account"):
        user_deactivate(actor=beheerder, user=beheerder, expected_version=1, reason="Test.")
    assert User.objects.get(pk=beheerder.pk).is_active


def test_deactivate_and_reactivate_with_a_reason_never_delete(beheerder, auditor):
    with pytest.raises(ValidationError, match="reden"):
        user_deactivate(actor=beheerder, user=auditor, expected_version=1, reason=" ")
    user_deactivate(actor=beheerder, user=auditor, expected_version=1, reason="Uit dienst.")
    auditor = User.objects.get(pk=auditor.pk)
    assert not auditor.is_active and auditor.version == 2
    assert roles_of(auditor) == {"Toetser"}  # kept, for the history and a return
    with pytest.raises(ValidationError, match="al gedeactiveerd"):
        user_deactivate(actor=beheerder, user=auditor, expected_version=2, reason="Nog eens.")
    user_reactivate(actor=beheerder, user=auditor, expected_version=2, reason="Terug in dienst.")
    assert User.objects.get(pk=auditor.pk).is_active
    events = events_of(auditor)
    assert [(e.event, e.reason, e.changes) for e in events] == [
        ("uwvkms.user.deactivated", "Uit dienst.", {"is_active": [True, False]}),
        ("uwvkms.user.reactivated", "Terug in dienst.", {"is_active": [False, True]}),
    ]
