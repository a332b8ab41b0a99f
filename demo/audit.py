"""The audit demo: the fictional 2023 cycle with the units of DOMAIN.md, users for every role and
plausible fieldwork, scores, calibration and findings, with 2022 and 2024 beside it. Idempotent:
running it again changes nothing. It fills every layer of the audit chain through their
services, so the demo's event log looks like real use."""

import random
from datetime import date

from django.db import transaction

from audits.models import Assignment
from audits.services import assignment_create
from demo.blind import load_blind_scoring
from demo.comments import load_comment_demo
from demo.evaluation import load_evaluation
from demo.fieldwork import cycle_in_fieldwork, load_fieldwork, to_fieldwork
from demo.findings import load_findings
from demo.maturity import load_scores_and_calibration
from demo.people import (
    AUDITORS,
    BOARDS,
    UNIT_NAMES,
    DemoLogin,
    login_of,
    people_get_or_create,
    units_get_or_create,
)
from demo.report import write_demo_report
from demo.report_material import place_demo_material
from demo.report_texts import REPORT_2023
from demo.requests import load_requests
from demo.review import review_fieldwork, review_findings
from demo.years import fail_demo_version, load_next_year, load_other_years
from uwvkms.constants import Role
from uwvkms.events import USER_DEACTIVATED
from uwvkms.models import AuditEvent, User
from uwvkms.users.services import user_deactivate

DEMO_YEAR = 2023
DEMO_PRINCIPLES = ["klantgerichtheid", "sturen-verantwoorden", "operationele-kwaliteit"]
# The people of the audit chain (demo/people.py), and the logins printed first, in this order;
# the auditor whose score was sent back follows them.
PEOPLE = [
    "coordinatie",
    "coordinatie2",
    "rvb",
    *(board.username for board in BOARDS),
    "herstel",
    "beheerder",
    *(auditor.username for auditor in AUDITORS),
    # Shown in the beheerder's list of users only (demo/people.py).
    "oud.adviseur",
    "nieuw.adviseur",
]
LOGINS = [
    "coordinatie",
    "coordinatie2",
    "rvb",
    "directie.uitkeren",
    "directie.handhaving",
    "herstel",
    "beheerder",
]
FORMER_COLLEAGUE = "oud.adviseur"
LOGIN_NOTES = {"coordinatie2": "tweede lid: akkoord op de rapportteksten (vier ogen)"}


def _former_colleague_deactivate(beheerder: User, former: User) -> None:
    """The Beheerder's list shows a deactivated account, with its reason in its history; once
    (a second run finds it recorded)."""
    if not AuditEvent.objects.filter(
        event=USER_DEACTIVATED, object_type="uwvkms.user", object_id=str(former.pk)
    ).exists():
        user_deactivate(
            actor=beheerder,
            user=former,
            expected_version=former.version,
            reason="Uit dienst per 1 september 2023.",
        )


@transaction.atomic
def load_demo() -> list[DemoLogin]:
    """Create (or find) all demo data of the audit chain and return the demo logins to print."""
    rng = random.Random(DEMO_YEAR)
    units = units_get_or_create(UNIT_NAMES)
    people = people_get_or_create(PEOPLE)
    logins = [login_of(username, LOGIN_NOTES.get(username, "")) for username in LOGINS]
    _former_colleague_deactivate(people["beheerder"], people[FORMER_COLLEAGUE])
    coordinator = people["coordinatie"]
    auditors = [people[auditor.username] for auditor in AUDITORS]

    cycle = cycle_in_fieldwork(
        year=DEMO_YEAR,
        codes=DEMO_PRINCIPLES,
        coordinator=coordinator,
        period_start=date(DEMO_YEAR, 7, 3),
        period_end=date(DEMO_YEAR, 11, 24),
    )

    # Two auditors per unit, never from the unit itself (cross-auditing).
    for index, unit in enumerate(units.values()):
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

    cycle = to_fieldwork(cycle, coordinator=coordinator)
    in_order = list(units.values())
    load_fieldwork(cycle=cycle, units=in_order, coordinator=coordinator, rng=rng)
    # Four eyes on the fieldwork before its scores are submitted (issue 21 §3).
    review_fieldwork(cycle=cycle)

    returned = load_scores_and_calibration(
        cycle=cycle, units=in_order, coordinator=coordinator, rng=rng
    )
    load_findings(cycle=cycle, units=in_order, coordinator=coordinator, rng=rng)
    # The report as the roll-up team writes it (issue 18), before 2022's: 2023 starts from the
    # default structure, the order of 2023's report.
    write_demo_report(
        cycle=cycle,
        writer=coordinator,
        reviewer=people["coordinatie2"],
        texts=REPORT_2023,
        material=place_demo_material,
    )
    # 2022 (published) and 2024 (veldwerk) beside it, for the multi-year view.
    load_other_years(
        units=in_order, auditors=auditors, coordinator=coordinator, reviewer=people["coordinatie2"]
    )
    # 2025 in Voorbereiding "op basis van 2024", its proposed teams to review.
    load_next_year(coordinator=coordinator)
    fail_demo_version(cycle=cycle, coordinator=coordinator)
    load_comment_demo(cycle=cycle, coordinator=coordinator)
    # 2025 scores blind (issue 21 part 2): own scores at two units, one spread of two.
    load_blind_scoring(coordinator=coordinator, auditors=auditors)
    # Evidence requests of the cycle in fieldwork, with a quality contact's login (issue 21 §1).
    logins += load_requests()
    # The audit's own evaluation (issue 21 §6): home organisations, hours, lessons.
    load_evaluation(coordinator=coordinator, beheerder=people["beheerder"])
    review_findings(cycle=cycle)
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
