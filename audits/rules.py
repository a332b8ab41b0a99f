"""Business rules of the audit fieldwork: pure functions, no ORM."""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PrincipleInScope:
    """A principle in a cycle's scope, as far as the scope rule needs to know."""

    id: int
    execution_units_only: bool


def default_assessed_principles(
    principles: Iterable[PrincipleInScope], *, unit_has_execution_processes: bool
) -> set[int]:
    """The principles assessed at a unit by default (DOMAIN.md §2, "Scope per unit").

    Every principle in the cycle's scope is assessed, except that a principle meant for execution
    processes (Operationele Kwaliteit) is assessed only at units that have them. Elsewhere it is
    absent, which is not a zero.
    """
    return {p.id for p in principles if unit_has_execution_processes or not p.execution_units_only}


def is_cross_audit(*, auditor_unit_id: int | None, unit_id: int) -> bool:
    """Whether an auditor may audit a unit (DOMAIN.md §2, "Cross-auditing"): never their own.

    An auditor without a unit cannot be shown independent, so is refused too.
    """
    return auditor_unit_id is not None and auditor_unit_id != unit_id
