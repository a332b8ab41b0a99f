"""The audit's own evaluation in the demo (issue 21 §6): the auditors' home organisations, their
hours per unit in 2023 (a few still missing, so the work queue reminds them), and lessons the
coordination team kept for the next cycle, one of them already verwerkt in 2025."""

import random
from decimal import Decimal

from audits.models import Assignment, AuditCycle, AuditHours
from audits.services.evaluation import hours_record, lesson_create, lesson_process
from uwvkms.constants import HomeOrganisation
from uwvkms.models import User
from uwvkms.users.services import user_update

HOURS_YEAR = 2023
LESSONS = {
    2023: [
        (
            "Plan de interviews vóór de zomer; in september zijn veel directeuren afwezig.",
            "veldwerk",
        ),
        ("Vraag de documenten vier weken voor het veldwerk op, niet twee.", "voorbereiding"),
    ],
    2024: [
        (
            "Houd twee kalibratiesessies: de eerste voor de verschillen, de tweede voor de "
            "onderbouwing.",
            "kalibratie",
        ),
        ("Laat elk toetsteam een toetser van BC&K en een van FEZ hebben.", "toetsteam"),
        ("Stem het rapport per onderdeel eerder af met de directie.", "rapportage"),
    ],
}


def load_evaluation(*, coordinator: User, beheerder: User) -> None:
    """Home organisations on the demo auditors, hours for 2023 and lessons for 2024 and 2025."""
    auditors = list(User.objects.filter(username__startswith="toetser").order_by("username"))
    for n, auditor in enumerate(auditors):
        home = HomeOrganisation.BCK if n % 3 else HomeOrganisation.FEZ
        _home_organisation_set(beheerder, auditor, home)
    _hours(HOURS_YEAR)
    for year, lessons in LESSONS.items():
        cycle = AuditCycle.objects.filter(year=year).first()
        if cycle is None or cycle.lessons.exists():  # loaded before: the demo loads once
            continue
        for text, theme in lessons:
            lesson_create(actor=coordinator, cycle=cycle, text=text, theme=theme)
    following = AuditCycle.objects.filter(year=2025).first()
    first = AuditCycle.objects.get(year=2024).lessons.order_by("id").first()
    if following is not None and first is not None and not first.processings.exists():
        lesson_process(
            actor=coordinator,
            lesson=first,
            cycle=following,
            note="Twee sessies gepland: 12 en 26 november.",
        )


def _home_organisation_set(beheerder: User, auditor: User, home: str) -> None:
    """Through the Beheerder's own change of an account (`user_update`), so the account's history
    says who set it and when; nothing else changes, and a second run records nothing."""
    user_update(
        actor=beheerder,
        user=auditor,
        expected_version=auditor.version,
        first_name=auditor.first_name,
        last_name=auditor.last_name,
        email=auditor.email,
        business_unit=auditor.business_unit,
        roles=list(auditor.groups.values_list("name", flat=True)),
        home_organisation=home,
    )


def _hours(year: int) -> None:
    """Weekly hours for most assignments, one total for some, and none for the last two (the
    work queue reminds those auditors)."""
    cycle = AuditCycle.objects.filter(year=year).first()
    if cycle is None or AuditHours.objects.filter(cycle=cycle).exists():
        return
    rng = random.Random(year)
    assignments = list(
        Assignment.objects.filter(cycle=cycle).select_related("auditor", "unit").order_by("id")
    )
    for n, assignment in enumerate(assignments[:-2]):
        kw = {"actor": assignment.auditor, "cycle": cycle, "unit": assignment.unit}
        if n % 4 == 3:
            hours_record(kind="totaal", hours=Decimal(rng.randrange(40, 90)), **kw)
            continue
        for week in range(37, 37 + rng.randrange(3, 7)):
            hours = Decimal(rng.randrange(4, 24)) / 2
            hours_record(kind="week", week=week, hours=hours, **kw)
