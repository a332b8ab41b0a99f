"""The scope and cross-audit rules, table-driven."""

import pytest

from audits.rules import PrincipleInScope, default_assessed_principles, is_cross_audit

KLANT = PrincipleInScope(id=1, execution_units_only=False)
OK = PrincipleInScope(id=7, execution_units_only=True)
STUREN = PrincipleInScope(id=8, execution_units_only=False)


@pytest.mark.parametrize(
    ("principles", "has_execution", "expected"),
    [
        ([KLANT, OK, STUREN], True, {1, 7, 8}),
        ([KLANT, OK, STUREN], False, {1, 8}),
        ([OK], False, set()),
        ([OK], True, {7}),
        ([], True, set()),
    ],
)
def test_default_assessed_principles(principles, has_execution, expected):
    assert (
        default_assessed_principles(principles, unit_has_execution_processes=has_execution)
        == expected
    )


@pytest.mark.parametrize(
    ("auditor_unit", "unit", "allowed"),
    [(1, 2, True), (2, 2, False), (None, 2, False)],
)
def test_is_cross_audit(auditor_unit, unit, allowed):
    assert is_cross_audit(auditor_unit_id=auditor_unit, unit_id=unit) is allowed
