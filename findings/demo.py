"""Fictional demo data: the 2023 cycle with the units of DOMAIN.md, users for every role and
plausible scores. Idempotent: running it again changes nothing. Lives in the top app of the audit
chain because it fills every layer below it through their services."""

import random
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from audits.models import Assignment, AuditCycle, ManagementPrinciple
from audits.services import assignment_create, cycle_advance, cycle_open
from findings.demo_fieldwork import load_fieldwork
from findings.demo_findings import load_findings
from findings.demo_maturity import load_scores_and_calibration
from findings.demo_years import fail_demo_version, load_other_years, publish_demo_version
from uwvkms.constants import Role
from uwvkms.demo import DEMO_PASSWORD
from uwvkms.models import BusinessUnit, User

DEMO_YEAR = 2023
DEMO_PRINCIPLES = ["klantgerichtheid", "sturen-verantwoorden", "operationele-kwaliteit"]

# (name, abbreviation, has execution processes), DOMAIN.md §2.
UNITS = [
    ("Uitkeren", "UIT", True),
    ("Handhaving", "HH", True),
    ("Sociaal Medische Zaken", "SMZ", True),
    ("Werkbedrijf", "WB", True),
    ("Bezwaar & Beroep", "B&B", True),
    ("Gegevensdiensten", "GD", True),
    ("Klant & Service", "K&S", False),
    ("Facilitair Bedrijf", "FB", False),
    ("HRM", "HRM", False),
    ("Bureau Integriteit", "BI", False),
    ("Auditdienst", "AD", False),
    ("Bestuurszaken", "BZ", False),
    ("Communicatie", "COM", False),
    ("SBK", "SBK", False),
    ("C-ICT", "C-ICT", False),
    ("FEZ", "FEZ", False),
]

FIRST_NAMES = [
    "Anouk",
    "Bram",
    "Charlotte",
    "Daan",
    "Eva",
    "Floor",
    "Gijs",
    "Hanna",
    "Ilse",
    "Jesse",
    "Karin",
    "Lars",
    "Maaike",
    "Niels",
    "Olga",
    "Pieter",
    "Quinten",
    "Roos",
    "Sanne",
    "Thijs",
    "Ursula",
    "Vincent",
    "Wendy",
    "Xander",
    "Yara",
    "Zoë",
    "Arjen",
    "Bianca",
    "Cas",
    "Dewi",
]
LAST_NAMES = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Berg",
    "van Dijk",
    "Koster",
    "Prins",
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    unit: str
    note: str = ""


@transaction.atomic
def load_demo() -> list[DemoLogin]:
    """Create (or find) all demo data and return the demo logins to print."""
    rng = random.Random(DEMO_YEAR)
    units = {
        name: BusinessUnit.objects.get_or_create(
            name=name, defaults={"abbreviation": abbr, "has_execution_processes": execution}
        )[0]
        for name, abbr, execution in UNITS
    }
    groups = {role: Group.objects.get(name=role.value) for role in Role}
    logins: list[DemoLogin] = []
    password_hash = make_password(DEMO_PASSWORD)

    def user(username, first, last, unit_name, *roles, staff=False):
        person, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.invalid",
                "business_unit": units[unit_name],
                "is_staff": staff,
                "is_superuser": staff,
            },
        )
        if created:
            # One hash for every demo user: hashing 36 times would take seconds.
            person.password = password_hash
            person.save(update_fields=["password"])
            person.groups.set([groups[r] for r in roles])
        return person

    coordinator = user(
        "coordinatie", "Marieke", "Coördinator", "Bestuurszaken", Role.COORDINATIETEAM
    )
    logins.append(DemoLogin("coordinatie", Role.COORDINATIETEAM.label, "Bestuurszaken"))
    user("rvb", "Robert", "Bestuurder", "Bestuurszaken", Role.RVB)
    logins.append(DemoLogin("rvb", Role.RVB.label, "Bestuurszaken"))
    for unit_name, username in [
        ("Uitkeren", "directie.uitkeren"),
        ("Handhaving", "directie.handhaving"),
    ]:
        user(username, "Directie", unit_name, unit_name, Role.DIRECTIE)
        logins.append(DemoLogin(username, Role.DIRECTIE.label, unit_name))
    # Every other unit has a board member too, so most units can answer their report.
    for name, abbreviation, _execution in UNITS:
        if name not in ("Uitkeren", "Handhaving"):
            slug = "".join(c for c in abbreviation.lower() if c.isalnum())
            user(f"directie.{slug}", "Directie", name, name, Role.DIRECTIE)
    user("herstel", "Hester", "Hersteladviseur", "Uitkeren", Role.HERSTEL_ADVISEUR)
    logins.append(DemoLogin("herstel", Role.HERSTEL_ADVISEUR.label, "Uitkeren"))
    user("beheerder", "Bart", "Beheerder", "C-ICT", Role.BEHEERDER, staff=True)
    logins.append(DemoLogin("beheerder", Role.BEHEERDER.label, "C-ICT"))

    unit_names = [name for name, _, _ in UNITS]
    auditors = [
        user(
            f"toetser{i + 1:02d}",
            FIRST_NAMES[i],
            LAST_NAMES[i],
            unit_names[i % len(unit_names)],
            Role.TOETSER,
        )
        for i in range(30)
    ]

    cycle = AuditCycle.objects.filter(year=DEMO_YEAR).first()
    if cycle is None:
        cycle = cycle_open(
            actor=coordinator,
            year=DEMO_YEAR,
            principles=ManagementPrinciple.objects.filter(code__in=DEMO_PRINCIPLES),
            period_start=date(DEMO_YEAR, 7, 3),
            period_end=date(DEMO_YEAR, 11, 24),
        )
        cycle = cycle_advance(actor=coordinator, cycle=cycle, expected_status=cycle.status)

    # Two auditors per unit, never from the unit itself (cross-auditing).
    for index, name in enumerate(unit_names):
        unit = units[name]
        start = (index * 2 + 3) % len(auditors)
        rotated = auditors[start:] + auditors[:start]
        team = [a for a in rotated if a.business_unit_id != unit.id][:2]
        for position, auditor in enumerate(team):
            if not Assignment.objects.filter(cycle=cycle, unit=unit, auditor=auditor).exists():
                assignment_create(
                    actor=coordinator,
                    cycle=cycle,
                    unit=unit,
                    auditor=auditor,
                    is_lead=position == 0,
                )

    load_fieldwork(
        cycle=cycle, units=[units[name] for name in unit_names], coordinator=coordinator, rng=rng
    )

    returned = load_scores_and_calibration(
        cycle=cycle, units=[units[name] for name in unit_names], coordinator=coordinator, rng=rng
    )
    load_findings(
        cycle=cycle, units=[units[name] for name in unit_names], coordinator=coordinator, rng=rng
    )
    # 2022 (published) and 2024 (veldwerk) beside it, for the multi-year view.
    earlier = load_other_years(
        units=[units[name] for name in unit_names], auditors=auditors, coordinator=coordinator
    )
    publish_demo_version(cycle=earlier, coordinator=coordinator)
    fail_demo_version(cycle=cycle, coordinator=coordinator)
    if returned:
        username, what = returned
        auditor = User.objects.select_related("business_unit").get(username=username)
        logins.append(
            DemoLogin(
                username,
                Role.TOETSER.label,
                auditor.business_unit.name,
                f"score teruggelegd in kalibratieronde 2: {what}",
            )
        )
    return logins
