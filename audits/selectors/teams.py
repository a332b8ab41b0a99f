"""Reads of the team matrix (issue 17): the units × auditors of a cycle, who is where, and who
was on which unit the cycle before (the rotation rule proposes no one there again)."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from audits.constants import TeamRole
from audits.models import AssessedPrinciple, Assignment, AuditCycle
from audits.rules import TeamViolation, team_violations
from uwvkms.constants import Role
from uwvkms.models import BusinessUnit, User
from uwvkms.selectors import users_with_role


@dataclass(frozen=True)
class TeamMatrix:
    units: list[BusinessUnit]
    auditors: list[User]
    roles: dict[tuple[int, int], str]  # (unit id, auditor id) → TeamRole value, set cells only
    previous: set[tuple[int, int]]  # cells on a team in the previous cycle
    previous_year: int | None

    @property
    def seen(self) -> str:
        return roles_text(self.roles)

    def loads(self, roles: dict[tuple[int, int], str] | None = None) -> list[int]:
        """Per auditor (in page order) on how many units they are."""
        roles = self.roles if roles is None else roles
        return [
            sum(1 for (_u, a), role in roles.items() if role and a == auditor.pk)
            for auditor in self.auditors
        ]


def roles_text(roles: Mapping[tuple[int, int], str]) -> str:
    """The teams as the matrix page showed them ((unit id, auditor id) → role, set cells only),
    as the page sends them back: the save then changes only the cells the user changed, and
    refuses a cell someone else changed meanwhile (`roles_from_text` reads it)."""
    return ";".join(f"{u}:{a}:{role}" for (u, a), role in sorted(roles.items()) if role)


def roles_from_text(text: str) -> dict[tuple[int, int], str] | None:
    """The roles of `roles_text`; None when the text is not of that shape."""
    roles = {}
    for part in filter(None, (text or "").split(";")):
        unit, _sep, rest = part.partition(":")
        auditor, _sep, role = rest.partition(":")
        if not (unit.isdigit() and auditor.isdigit() and role in TeamRole.values and role):
            return None
        roles[int(unit), int(auditor)] = role
    return roles


def page_order(auditor: User) -> tuple:
    """Auditors in the matrix, and in the breaches it names: by last name, first name."""
    return (auditor.last_name, auditor.first_name, auditor.pk)


def previous_cycle_of(cycle: AuditCycle) -> AuditCycle | None:
    """The cycle `cycle` was based on, else the one of the year before (withdrawn ones left
    out)."""
    if cycle.based_on_id is not None:
        return AuditCycle.objects.filter(pk=cycle.based_on_id).first()
    return AuditCycle.objects.filter(year=cycle.year - 1).first()


def team_matrix(cycle: AuditCycle) -> TeamMatrix:
    """The units with principles in scope or a team in `cycle` (by name), the auditors (every
    active Toetser and anyone still on a team, by name) and their roles, now and in the previous
    cycle. Five queries, whatever the number of units and auditors."""
    assignments = list(
        Assignment.objects.filter(cycle=cycle).select_related("auditor__business_unit")
    )
    units = list(
        BusinessUnit.objects.filter(
            Q(Exists(AssessedPrinciple.objects.filter(cycle=cycle, unit=OuterRef("pk"))))
            | Q(pk__in={a.unit_id for a in assignments})
        ).order_by("name")
    )
    auditors = {user.pk: user for user in users_with_role(Role.TOETSER)}
    auditors.update({a.auditor_id: a.auditor for a in assignments})
    previous = previous_cycle_of(cycle)
    return TeamMatrix(
        units=units,
        auditors=sorted(auditors.values(), key=page_order),
        roles={
            (a.unit_id, a.auditor_id): TeamRole.LEAD if a.is_lead else TeamRole.MEMBER
            for a in assignments
        },
        previous=set(Assignment.objects.filter(cycle=previous).values_list("unit_id", "auditor_id"))
        if previous
        else set(),
        previous_year=previous.year if previous else None,
    )


def violation_message(violation: TeamViolation, *, units: Mapping, auditors: Mapping) -> str:
    """One breach of the team rules in Dutch, naming the unit and the auditors, as an
    instruction."""
    unit = units[violation.unit_id]
    names = [str(auditors[a]) for a in violation.auditor_ids]
    match violation.kind:
        case "own_unit":
            return _(
                "%(auditor)s hoort zelf bij %(unit)s en mag dit onderdeel niet toetsen: kies "
                "een andere toetser voor %(unit)s."
            ) % {"auditor": names[0], "unit": unit}
        case "no_unit":
            return _(
                "%(auditor)s hoort bij geen bedrijfsonderdeel, dus kruislings toetsen is niet "
                "vast te stellen: haal %(auditor)s uit het toetsteam van %(unit)s."
            ) % {"auditor": names[0], "unit": unit}
        case "two_leads":
            return _(
                "%(unit)s heeft meer dan één lead (%(names)s): kies één lead en maak de anderen "
                "toetser."
            ) % {"unit": unit, "names": ", ".join(names)}
    return _("Het toetsteam van %(unit)s heeft geen lead: maak één van de toetsers lead.") % {
        "unit": unit
    }


def matrix_problems(matrix: TeamMatrix) -> list[str]:
    """The breaches of the team rules in the teams as they stand (a team without a lead, say,
    made one assignment at a time), named as the save would name them."""
    units = {unit.pk: unit.name for unit in matrix.units}
    auditors = {auditor.pk: auditor for auditor in matrix.auditors}
    in_page_order = sorted(
        matrix.roles.items(), key=lambda item: (units[item[0][0]], page_order(auditors[item[0][1]]))
    )
    return [
        violation_message(v, units=units, auditors=auditors)
        for v in team_violations(
            dict(in_page_order),
            own_unit_of={pk: user.business_unit_id for pk, user in auditors.items()},
        )
    ]
