"""Who acts in the audit chain: the pure rule (`audits.rules.capacities_held`) as a table, and
`audit_capacities` against the personas."""

import pytest
from django.core.exceptions import PermissionDenied

from audits.constants import AuditCapacity as C
from audits.rules import capacities_held
from audits.selectors import audit_capacities, require_audit_capacity
from uwvkms.constants import Role

UNIT, OTHER = 1, 2

# (roles, own unit, unit in question, assignment: None = not on the team / lead flag) → held
TABLE = [
    ((), UNIT, UNIT, None, set()),
    ((Role.TOETSER,), OTHER, UNIT, None, set()),
    ((Role.TOETSER,), OTHER, UNIT, False, {C.AUDITOR}),
    ((Role.TOETSER,), OTHER, UNIT, True, {C.AUDITOR, C.LEAD_AUDITOR}),
    # An assignment counts only for someone who still holds the Toetser role.
    ((Role.DIRECTIE,), OTHER, UNIT, True, set()),
    ((Role.COORDINATIETEAM,), OTHER, UNIT, None, {C.COORDINATOR}),
    ((Role.COORDINATIETEAM,), OTHER, None, None, {C.COORDINATOR}),
    ((Role.DIRECTIE,), UNIT, UNIT, None, {C.BOARD}),
    ((Role.DIRECTIE,), OTHER, UNIT, None, set()),
    ((Role.DIRECTIE,), None, UNIT, None, set()),
    # Cycle-wide (no unit in question): no board, no audit team.
    ((Role.DIRECTIE,), UNIT, None, None, set()),
    ((Role.TOETSER,), OTHER, None, True, set()),
    ((Role.RVB,), None, UNIT, None, {C.RVB}),
    ((Role.RVB,), None, None, None, {C.RVB}),
    ((Role.HERSTEL_ADVISEUR, Role.BEHEERDER), UNIT, UNIT, None, set()),
    ((Role.DIRECTIE, Role.COORDINATIETEAM), UNIT, UNIT, None, {C.BOARD, C.COORDINATOR}),
]

# A quality contact (issue 21 §1): only at their own unit, never cycle-wide, with or without
# a role. (roles, own unit, unit in question) → held
CONTACT_TABLE = [
    ((), UNIT, UNIT, {C.QUALITY_CONTACT}),
    ((), UNIT, OTHER, set()),
    ((), UNIT, None, set()),
    ((Role.DIRECTIE,), UNIT, UNIT, {C.BOARD, C.QUALITY_CONTACT}),
    ((Role.TOETSER,), UNIT, UNIT, {C.QUALITY_CONTACT}),
]


@pytest.mark.parametrize(("roles", "own", "unit", "lead", "held"), TABLE)
def test_capacities_held(roles, own, unit, lead, held):
    assert capacities_held(
        roles=frozenset(roles), user_unit_id=own, unit_id=unit, assignment_lead=lead
    ) == frozenset(held)
    # Not being a quality contact changes nothing of the table.
    assert capacities_held(
        roles=frozenset(roles),
        user_unit_id=own,
        unit_id=unit,
        assignment_lead=lead,
        quality_contact=False,
    ) == frozenset(held)


@pytest.mark.parametrize(("roles", "own", "unit", "held"), CONTACT_TABLE)
def test_a_quality_contact_holds_the_capacity_at_their_own_unit_only(roles, own, unit, held):
    assert capacities_held(
        roles=frozenset(roles),
        user_unit_id=own,
        unit_id=unit,
        assignment_lead=None,
        quality_contact=True,
    ) == frozenset(held)


@pytest.mark.parametrize(
    ("persona", "held"),
    [
        ("auditor", {C.AUDITOR, C.LEAD_AUDITOR}),
        ("other_auditor", set()),
        ("coordinator", {C.COORDINATOR}),
        ("unit_board", {C.BOARD}),
        ("board_member", {C.RVB}),
        ("outsider", set()),
        ("adviser", set()),
    ],
)
def test_the_personas_at_uitkeren(request, cycle, uitkeren, persona, held):
    user = request.getfixturevalue(persona)
    assert audit_capacities(user, cycle=cycle, unit=uitkeren) == frozenset(held)
    assert audit_capacities(user, cycle=cycle, unit=uitkeren.pk) == frozenset(held)


def test_require_refuses_without_an_allowed_capacity(cycle, uitkeren, other_auditor, auditor):
    with pytest.raises(PermissionDenied):
        require_audit_capacity(other_auditor, allowed={C.AUDITOR}, cycle=cycle, unit=uitkeren)
    held = require_audit_capacity(auditor, allowed={C.AUDITOR}, cycle=cycle, unit=uitkeren)
    assert C.LEAD_AUDITOR in held


def test_an_anonymous_user_holds_nothing(cycle, uitkeren):
    from django.contrib.auth.models import AnonymousUser

    assert audit_capacities(AnonymousUser(), cycle=cycle, unit=uitkeren) == frozenset()
