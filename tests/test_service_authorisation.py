"""Every write service authorises its actor (issue 15): called by an outsider it refuses with
PermissionDenied and writes nothing, whoever calls it (an HTML view, the REST API, a script).

The services are discovered, not listed by hand: every public function of the `services`
modules of audits, maturity, findings and herstel, and of `uwvkms.services` and
`uwvkms.retention`, that takes an
`actor`. `BUILDERS` maps each to a small builder of its other arguments (valid ones, built with
the factories and the personas of tests/conftest.py) and to the persona that comes closest
without the right: another team's auditor, another unit's board, an auditor for a coordination
task, another division's adviser for a herstelactie. Each service is called with that persona and
with `outsider` (logged in, no role). A service missing from both `BUILDERS` and `EXEMPT` fails
`test_every_service_with_an_actor_is_covered`, so a new service cannot skip its check."""

import datetime
import importlib
import inspect
import pkgutil
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from audits.constants import ReferenceTextKey
from audits.models import Assignment, DocumentFile, Exclusion, InterviewQuestion
from findings.models import Finding, MainFinding, Quote, ReportVersion, Theme
from maturity.models import CalibrationSession, LevelMeaning
from tests.factories import (
    BlindScoringFactory,
    DistrictFactory,
    DocumentCheckFactory,
    DocumentTypeFactory,
    EffectMeasurementFactory,
    FindingFactory,
    FollowUpActionFactory,
    InterviewFactory,
    RecommendationFactory,
    ScoreFactory,
    principle,
)
from tests.herstel.flow import start
from tests.service_authorisation_evaluation import EVALUATION_BUILDERS
from tests.service_authorisation_fieldwork import FIELDWORK_BUILDERS
from tests.service_authorisation_herstel import DAY, HERSTEL_BUILDERS, KAPSTOK_COMMENT_BUILDERS
from uwvkms.models import AuditEvent

SERVICE_PACKAGES = ("audits.services", "maturity.services", "findings.services", "herstel.services")
SERVICE_MODULES = (
    "uwvkms.services",
    "uwvkms.retention",
    "uwvkms.mfa",
    "uwvkms.users.services",
    "uwvkms.comments",
    "uwvkms.review",
)

# Public functions that take an actor but are no write service of their own, with the reason.
EXEMPT = {
    "uwvkms.services.audit_event_record": "records what an authorised service did; the actor "
    "is the subject of the record, checked by that service",
    "uwvkms.services.active_set": "a step of the set_active services, which authorise their "
    "actor first (each is in BUILDERS)",
    "herstel.services.guards.capacities_of": "the herstel capacity lookup itself",
    "audits.services.confirmations.interview_requests_close": "a step of cycle_advance (the "
    "open confirmation requests lapse when calibration closes), which authorises its actor",
    "maturity.services.blind.blind_scoring_copy": "a step of cycle_open_based_on (registered "
    "copier), which authorises its actor",
    "herstel.services.guards.require_operation": "the herstel check itself (raises "
    "PermissionDenied; every herstel service calls it)",
    "uwvkms.review.review_reset_after_change": "a step of the update services of the reviewed "
    "records (interview, document judgement, finding, recommendation), which authorise their "
    "actor first",
}

KG = "klantgerichtheid"


def discovered_services() -> dict[str, object]:
    """dotted name → function, for every public service function that takes an `actor`."""
    modules = [importlib.import_module(name) for name in SERVICE_MODULES]
    for package_name in SERVICE_PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__):
            modules.append(importlib.import_module(f"{package_name}.{info.name}"))
    found = {}
    for module in modules:
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            if "actor" in inspect.signature(function).parameters:
                found[f"{module.__name__}.{name}"] = function
    return found


# --- The world the builders draw from (f = request.getfixturevalue) ---------------------------


@pytest.fixture
def action(db, adviser):
    """A herstelactie led by Uitkeren, in step 1 (as tests/herstel/conftest.py)."""
    return start(adviser)


def _kg():
    return principle(KG)


def _interview(f, **traits):
    return InterviewFactory(cycle=f("cycle"), unit=f("uitkeren"), **traits)


def _recommendation(f):
    return RecommendationFactory(cycle=f("cycle"), unit=f("uitkeren"))


def _reviewable(f, *, ready=False):
    """A finding at Uitkeren written by another auditor; with `ready` klaar voor review, asked
    by the lead (`auditor`)."""
    from uwvkms.review import review_request  # noqa: PLC0415

    finding = FindingFactory(cycle=f("cycle"), unit=f("uitkeren"))
    if ready:
        finding = review_request(actor=f("auditor"), record=finding, expected_version=1)
    return finding


def _finding(f):
    return Finding.objects.create(
        cycle=f("cycle"),
        unit=f("uitkeren"),
        principle=_kg(),
        kind="observatie",
        text="Gezien.",
        updated_by=f("auditor"),
    )


def _quote(f):
    return Quote.objects.create(
        cycle=f("cycle"),
        unit=f("uitkeren"),
        principle=_kg(),
        interview=_interview(f, bevestigd=True),
        text="Wij zijn trots op het team.",
        updated_by=f("auditor"),
    )


def _theme(f):
    return Theme.objects.create(
        cycle=f("cycle"), title="Effect vaststellen", updated_by=f("coordinator")
    )


def _main_finding(f):
    return MainFinding.objects.create(
        theme=_theme(f), title="Effect", advice="Meet het effect.", updated_by=f("coordinator")
    )


def _report_section(f):
    """The introduction chapter of the cycle's report, its structure stored by the team."""
    from findings.models import ReportSection  # noqa: PLC0415
    from findings.services.report_structure import report_structure_start  # noqa: PLC0415

    cycle = f("cycle")
    if not ReportSection.objects.filter(cycle=cycle).exists():
        report_structure_start(actor=f("coordinator"), cycle=cycle)
    return ReportSection.objects.get(cycle=cycle, anchor="inleiding")


def _report_material(f):
    """A UWV-level observation the team placed in the introduction."""
    from findings.services.report_material import report_material_add  # noqa: PLC0415

    return report_material_add(
        actor=f("coordinator"),
        section=_report_section(f),
        kind="observatie",
        title="Effect meten",
        text="UWV-breed ontbreekt het meten van effect.",
    )


def _action(f):
    return FollowUpActionFactory(recommendation=_recommendation(f))


def _session(f):
    return CalibrationSession.objects.create(
        cycle=f("cycle"), number=1, held_on=DAY, status="open", opened_by=f("coordinator")
    )


def _document_file(f):
    check = DocumentCheckFactory(cycle=f("cycle"), unit=f("uitkeren"), geleverd=True)
    return DocumentFile.objects.create(
        document_check=check,
        file="bewijs/jaarplan.pdf",
        original_name="jaarplan.pdf",
        content_type="application/pdf",
        size=10,
        uploaded_by=f("auditor"),
    )


def _token(f):
    from uwvkms.services import api_token_create

    token, _key = api_token_create(user=f("auditor"), name="Script")
    return token


def _framework_fields():
    return {
        "definition": "Definitie.",
        "hard_controls": "Harde controls.",
        "soft_controls": "Zachte controls.",
        "research_questions": "Onderzoeksvragen.",
        **{f"level_{n}": f"Niveau {n}." for n in range(1, 6)},
    }


def _deactivated(user):
    from uwvkms.models import User

    User.objects.filter(pk=user.pk).update(is_active=False)
    return user


def _invited(unit):
    from django.contrib.auth.hashers import make_password

    from tests.factories import UserFactory
    from uwvkms.models import User

    user = UserFactory(username="uitgenodigd", business_unit=unit)
    User.objects.filter(pk=user.pk).update(password=make_password(None))
    return User.objects.get(pk=user.pk)


# Persona names: who comes closest without the right.
COORDINATION_ONLY = "auditor"  # an auditor on the unit's team, but not the coordination team
OTHER_TEAM = "other_auditor"  # an auditor on no team of this unit
OTHER_BOARD = "other_dt"  # the board of Handhaving, not of Uitkeren

A = "audits.services."
M = "maturity.services."
F = "findings.services."
U = "uwvkms.users.services."

# dotted service name → (builder of the arguments other than actor, the nearest persona)
BUILDERS = {
    # --- audits: the cycle (coordination team) ---
    A + "cycles.cycle_open": (
        lambda f: {"year": 2040, "principles": [_kg()], "include_basic": False},
        COORDINATION_ONLY,
    ),
    A + "cycles.cycle_advance": (
        lambda f: {"cycle": f("cycle"), "expected_status": "veldwerk"},
        COORDINATION_ONLY,
    ),
    A + "cycles.cycle_step_back": (
        lambda f: {"cycle": f("cycle"), "expected_status": "veldwerk", "reason": "Te vroeg."},
        COORDINATION_ONLY,
    ),
    A + "cycles.cycle_period_change": (
        lambda f: {
            "cycle": f("cycle"),
            "period_start": datetime.date(2031, 7, 1),
            "period_end": datetime.date(2031, 12, 1),
        },
        COORDINATION_ONLY,
    ),
    A + "cycles.scope_set": (
        lambda f: {"cycle": f("cycle"), "unit": f("uitkeren"), "principles": [_kg()]},
        COORDINATION_ONLY,
    ),
    A + "cycles.assignment_create": (
        lambda f: {"cycle": f("cycle"), "unit": f("uitkeren"), "auditor": f("other_auditor")},
        COORDINATION_ONLY,
    ),
    A + "cycles.assignment_remove": (
        lambda f: {"assignment": Assignment.objects.get(cycle=f("cycle"), unit=f("uitkeren"))},
        COORDINATION_ONLY,
    ),
    A + "cycles.unit_exclude": (
        lambda f: {"cycle": f("cycle"), "unit": f("uitkeren"), "reason": "Niet representatief."},
        COORDINATION_ONLY,
    ),
    A + "cycles.exclusion_undo": (
        lambda f: {
            "exclusion": Exclusion.objects.create(
                cycle=f("cycle"), unit=f("uitkeren"), reason="Eerder.", excluded_by=f("coordinator")
            ),
            "reason": "Telt weer mee.",
        },
        COORDINATION_ONLY,
    ),
    A + "cycle_setup.cycle_open_based_on": (lambda f: {"previous": f("cycle")}, COORDINATION_ONLY),
    A + "cycle_setup.cycle_principles_set": (
        lambda f: {"cycle": f("cycle"), "principles": [_kg()], "include_basic": False},
        COORDINATION_ONLY,
    ),
    A + "cycle_setup.cycle_withdraw": (
        lambda f: {"cycle": f("cycle"), "reason": "Per ongeluk geopend."},
        COORDINATION_ONLY,
    ),
    A + "cycle_setup.cycle_reinstate": (
        lambda f: {"cycle": f("cycle"), "reason": "Toch nodig."},
        COORDINATION_ONLY,
    ),
    A + "teams.team_matrix_save": (
        lambda f: {
            "cycle": f("cycle"),
            "roles": {(f("uitkeren").pk, f("other_auditor").pk): "member"},
        },
        COORDINATION_ONLY,
    ),
    # --- audits: places to visit (the unit's auditors and the coordination team) ---
    A + "districts.district_add": (
        lambda f: {
            "cycle": f("cycle"),
            "unit": f("uitkeren"),
            "name": "Rayon Noord",
            "kind": "decentraal",
        },
        OTHER_TEAM,
    ),
    A + "districts.district_remove": (
        lambda f: {"district": DistrictFactory(cycle=f("cycle"), unit=f("uitkeren"))},
        OTHER_TEAM,
    ),
    A + "districts.districts_draw": (
        lambda f: {
            "cycle": f("cycle"),
            "unit": f("uitkeren"),
            "count": 2,
            "reason": "",
            "expected_current_id": None,
            **{"_": [DistrictFactory(cycle=f("cycle"), unit=f("uitkeren")) for _ in range(3)]},
        },
        OTHER_TEAM,
    ),
    # --- audits: Bijlage 2's reference texts (coordination team) ---
    A + "reference.principle_texts_update": (
        lambda f: {
            "principle": principle(KG),
            "definition": "Een eigen definitie.",
            "uwv_specific": "",
            "expected_version": 1,
        },
        COORDINATION_ONLY,
    ),
    A + "reference.reference_text_update": (
        lambda f: {
            "key": ReferenceTextKey.PRINCIPLES_INTRODUCTION,
            "text": "Een eigen inleiding.",
            "expected_version": 1,
        },
        COORDINATION_ONLY,
    ),
    # --- maturity: the levels' meanings, Bijlage 1 (coordination team) ---
    M + "levels.level_meaning_update": (
        lambda f: {
            "level_meaning": LevelMeaning.objects.get(level=3),
            "name": "Reproduceren",
            "meaning": "Een eigen betekenis.",
            "expected_version": 1,
        },
        COORDINATION_ONLY,
    ),
    # --- audits: the documentation list and the question set (coordination team) ---
    A + "documents.document_type_create": (lambda f: {"name": "Kwaliteitsplan"}, COORDINATION_ONLY),
    A + "documents.document_type_update": (
        lambda f: {"document_type": DocumentTypeFactory(), "name": "Jaarplan", "description": ""},
        COORDINATION_ONLY,
    ),
    A + "documents.document_type_move": (
        lambda f: {"document_type": DocumentTypeFactory(), "direction": "up"},
        COORDINATION_ONLY,
    ),
    A + "documents.document_type_set_active": (
        lambda f: {"document_type": DocumentTypeFactory(), "is_active": False},
        COORDINATION_ONLY,
    ),
    A + "interviews.interview_question_create": (
        lambda f: {"principle": _kg(), "text": "Waar bent u trots op?"},
        COORDINATION_ONLY,
    ),
    A + "interviews.interview_question_update": (
        lambda f: {
            "question": InterviewQuestion.objects.create(principle=_kg(), text="Vraag?"),
            "text": "Wat wilt u beter doen?",
        },
        COORDINATION_ONLY,
    ),
    A + "interviews.interview_question_set_active": (
        lambda f: {
            "question": InterviewQuestion.objects.create(principle=_kg(), text="Vraag?"),
            "is_active": False,
        },
        COORDINATION_ONLY,
    ),
    # --- audits: evidence (the unit's auditors) ---
    A + "documents.document_check_save": (
        lambda f: {
            "cycle": f("cycle"),
            "unit": f("uitkeren"),
            "document_type": DocumentTypeFactory(),
            "status": "geleverd",
            "principles": [_kg()],
            "design_note": "",
            "existence_note": "",
            "operation_note": "",
            "expected_version": 0,
        },
        OTHER_TEAM,
    ),
    A + "documents.document_file_add": (
        lambda f: {
            "cycle": f("cycle"),
            "unit": f("uitkeren"),
            "document_type": DocumentTypeFactory(),
            "name": "jaarplan.txt",
            "data": b"Jaarplan 2031",
        },
        OTHER_TEAM,
    ),
    A + "documents.document_file_delete": (
        lambda f: {"document_file": _document_file(f)},
        OTHER_TEAM,
    ),
    A + "documents.document_file_restore": (
        lambda f: {"document_file": _document_file(f), "reason": "Per abuis verwijderd."},
        COORDINATION_ONLY,
    ),
    A + "interviews.interview_create": (
        lambda f: {
            "cycle": f("cycle"),
            "unit": f("uitkeren"),
            "held_on": DAY,
            "location": DistrictFactory(cycle=f("cycle"), unit=f("uitkeren"), drawn=True),
            "auditors": [f("auditor")],
            "interviewees": [],
            "notes": {},
        },
        OTHER_TEAM,
    ),
    A + "interviews.interview_update": (
        lambda f: {
            "interview": (interview := _interview(f)),
            "expected_version": interview.version,
            "held_on": DAY,
            "location": interview.location,
            "auditors": [f("auditor")],
            "interviewees": [],
            "notes": {},
        },
        OTHER_TEAM,
    ),
    A + "interviews.interview_transition": (
        lambda f: {
            "interview": _interview(f),
            "action": "send",
            "expected_status": "concept",
        },
        OTHER_TEAM,
    ),
    A + "interviews.interview_withdraw": (
        lambda f: {"interview": _interview(f), "reason": "Dubbel vastgelegd."},
        OTHER_TEAM,
    ),
    A + "confirmations.interviewee_confirmation_record": (
        lambda f: {
            "interview": (interview := _interview(f, ter_bevestiging=True)),
            "interviewee": interview.interviewees.get(),
            "confirmed_on": DAY,
            "confirmed_via": "email",
        },
        OTHER_TEAM,
    ),
    # The interviewee answers a record about themselves: only one linked to it.
    A + "confirmations.interview_answer_by_interviewee": (
        lambda f: {
            "interview": (interview := _interview(f, ter_bevestiging=True)),
            "action": "confirm",
            "expected_version": interview.version,
        },
        "unit_board",
    ),
    # --- maturity (the unit's auditors score; the coordination team calibrates) ---
    M + "scores.score_record": (
        lambda f: {
            "cycle": f("cycle"),
            "unit": f("uitkeren"),
            "principle": _kg(),
            "level": 3,
            "justification": "Gezien in de teamplannen.",
            "expected_version": 0,
            "submit": False,
        },
        OTHER_TEAM,
    ),
    M + "framework.framework_get_or_start": (
        lambda f: {"cycle": f("cycle"), "principle": _kg()},
        COORDINATION_ONLY,
    ),
    M + "framework.framework_update": (
        lambda f: {
            "cycle": f("cycle"),
            "principle": _kg(),
            "expected_version": 0,
            **_framework_fields(),
        },
        COORDINATION_ONLY,
    ),
    M + "calibration.calibration_session_open": (
        lambda f: {"cycle": f("cycle"), "held_on": DAY, "participants": [f("auditor")]},
        COORDINATION_ONLY,
    ),
    M + "calibration.calibration_session_close": (
        lambda f: {"session": _session(f)},
        COORDINATION_ONLY,
    ),
    M + "calibration.score_calibrate": (
        lambda f: {
            "score": (score := ScoreFactory(cycle=f("cycle"), unit=f("uitkeren"))),
            "level": 4,
            "reason": "Na kalibratie.",
            "expected_version": score.version,
        },
        COORDINATION_ONLY,
    ),
    M + "calibration.score_reopen_for_auditor": (
        lambda f: {
            "score": (score := ScoreFactory(cycle=f("cycle"), unit=f("uitkeren"))),
            "reason": "Onderbouwing aanvullen.",
            "expected_version": score.version,
        },
        COORDINATION_ONLY,
    ),
    # Blind scoring (issue 21 part 2): the team scores blind, the lead closes, the coordination
    # team sets it per cycle.
    M + "blind.individual_score_record": (
        lambda f: {
            "_": BlindScoringFactory(cycle=f("cycle")),
            "cycle": f("cycle"),
            "unit": f("uitkeren"),
            "principle": _kg(),
            "level": 3,
            "justification": "Eigen oordeel.",
            "expected_version": 0,
        },
        OTHER_TEAM,
    ),
    M + "blind.blind_phase_close": (
        lambda f: {
            "_": BlindScoringFactory(cycle=f("cycle")),
            "cycle": f("cycle"),
            "unit": f("uitkeren"),
            "principle": _kg(),
            "reason": "Collega ziek.",
        },
        OTHER_TEAM,
    ),
    M + "blind.blind_scoring_set": (
        lambda f: {"cycle": f("cycle"), "enabled": True, "expected_version": 0},
        COORDINATION_ONLY,
    ),
    M + "calibration.calibration_close": (lambda f: {"cycle": f("cycle")}, COORDINATION_ONLY),
    M + "calibration.calibration_reopen": (
        lambda f: {"cycle": f("cycle"), "reason": "Nog een ronde."},
        COORDINATION_ONLY,
    ),
    # --- findings: the unit's auditors write findings ---
    F + "findings.unit_report_lock": (
        lambda f: {"cycle": f("cycle"), "unit": f("uitkeren")},
        OTHER_TEAM,
    ),
    F + "findings.finding_create": (
        lambda f: {
            "cycle": f("cycle"),
            "unit": f("uitkeren"),
            "principle": _kg(),
            "kind": "observatie",
            "text": "Gezien.",
        },
        OTHER_TEAM,
    ),
    F + "findings.finding_update": (
        lambda f: {
            "finding": (finding := _finding(f)),
            "expected_version": finding.version,
            "principle": _kg(),
            "kind": "observatie",
            "text": "Anders gezien.",
        },
        OTHER_TEAM,
    ),
    F + "findings.finding_delete": (
        lambda f: {"finding": (finding := _finding(f)), "expected_version": finding.version},
        OTHER_TEAM,
    ),
    F + "findings.recommendation_create": (
        lambda f: {
            "cycle": f("cycle"),
            "unit": f("uitkeren"),
            "principle": _kg(),
            "title": "Meet effect",
            "text": "Meet wat acties opleveren.",
            "priority": "midden",
        },
        OTHER_TEAM,
    ),
    F + "findings.recommendation_update": (
        lambda f: {
            "recommendation": (rec := _recommendation(f)),
            "expected_version": rec.version,
            "principle": _kg(),
            "title": "Meet effect",
            "text": "Meet wat acties opleveren.",
            "priority": "hoog",
        },
        OTHER_TEAM,
    ),
    F + "findings.recommendation_delete": (
        lambda f: {"recommendation": (rec := _recommendation(f)), "expected_version": rec.version},
        OTHER_TEAM,
    ),
    F + "findings.quote_create": (
        lambda f: {
            "cycle": f("cycle"),
            "unit": f("uitkeren"),
            "principle": _kg(),
            "interview": _interview(f, bevestigd=True),
            "text": "Wij zijn trots.",
        },
        OTHER_TEAM,
    ),
    F + "findings.quote_update": (
        lambda f: {
            "quote": (quote := _quote(f)),
            "expected_version": quote.version,
            "principle": _kg(),
            "interview": quote.interview,
            "text": "Wij zijn heel trots.",
        },
        OTHER_TEAM,
    ),
    F + "findings.quote_delete": (
        lambda f: {"quote": (quote := _quote(f)), "expected_version": quote.version},
        OTHER_TEAM,
    ),
    F + "unit_reports.unit_report_move": (
        lambda f: {
            "cycle": f("cycle"),
            "unit": f("uitkeren"),
            "to": "afgestemd",
            "expected_version": 0,
            "agreed_on": DAY,
            "agreed_with": "Directie",
        },
        OTHER_TEAM,
    ),
    # --- findings: the unit's board answers and follows up ---
    F + "responses.management_response_save": (
        lambda f: {
            "cycle": f("cycle"),
            "unit": f("uitkeren"),
            "expected_version": 0,
            "overall": "Herkend.",
            "answers": {},
        },
        OTHER_BOARD,
    ),
    F + "follow_up.follow_up_action_create": (
        lambda f: {
            "recommendation": _recommendation(f),
            "title": "Signalen bespreken",
            "owner": "Teamleider",
            "goal": "Elke maand.",
            "due_on": datetime.date(2032, 3, 31),
        },
        OTHER_BOARD,
    ),
    F + "follow_up.follow_up_action_update": (
        lambda f: {
            "action": (action := _action(f)),
            "expected_version": action.version,
            "title": "Signalen bespreken",
            "owner": "Teamleider",
            "goal": "Elke week.",
            "indicator": "",
            "baseline": None,
            "target": None,
            "due_on": datetime.date(2032, 3, 31),
            "status": "in_uitvoering",
        },
        OTHER_BOARD,
    ),
    F + "follow_up.effect_measurement_record": (
        lambda f: {
            "action": (
                action := EffectMeasurementFactory(
                    action=FollowUpActionFactory(recommendation=_recommendation(f), gereed=True)
                ).action
            ),
            "expected_version": action.version,
            "measured_value": Decimal("80.00"),
            "measured_on": datetime.date(2032, 4, 1),
            "conclusion": "deels",
        },
        OTHER_BOARD,
    ),
    F + "follow_up.follow_up_action_withdraw": (
        lambda f: {
            "action": (action := _action(f)),
            "expected_version": action.version,
            "reason": "Dubbel ingevoerd.",
        },
        OTHER_BOARD,
    ),
    # Participants rate the audit (the auditors assigned in it, the boards of assessed units).
    F + "ratings.audit_rating_save": (lambda f: {"cycle": f("cycle"), "rating": 8}, OTHER_TEAM),
    # --- findings: the roll-up and the UWV-wide report (coordination team) ---
    F + "rollup.rollup_threshold_set": (
        lambda f: {"cycle": f("cycle"), "threshold": 4},
        COORDINATION_ONLY,
    ),
    F + "rollup.theme_create": (
        lambda f: {"cycle": f("cycle"), "title": "Samenwerken in de keten"},
        COORDINATION_ONLY,
    ),
    F + "rollup.theme_update": (
        lambda f: {
            "theme": (theme := _theme(f)),
            "expected_version": theme.version,
            "title": "Effect",
            "description": "",
        },
        COORDINATION_ONLY,
    ),
    F + "rollup.theme_withdraw": (
        lambda f: {
            "theme": (theme := _theme(f)),
            "expected_version": theme.version,
            "reason": "Dubbel aangemaakt.",
        },
        COORDINATION_ONLY,
    ),
    F + "rollup.theme_recommendations_add": (
        lambda f: {"theme": _theme(f), "recommendations": [_recommendation(f)]},
        COORDINATION_ONLY,
    ),
    F + "rollup.theme_recommendations_remove": (
        lambda f: {"theme": _theme(f), "recommendations": [_recommendation(f)]},
        COORDINATION_ONLY,
    ),
    F + "rollup.main_finding_confirm": (
        lambda f: {"theme": _theme(f), "title": "Effect", "advice": "Meet het effect."},
        COORDINATION_ONLY,
    ),
    F + "rollup.main_finding_update": (
        lambda f: {
            "main_finding": (main := _main_finding(f)),
            "expected_version": main.version,
            "title": "Effect",
            "advice": "Meet het effect altijd.",
        },
        COORDINATION_ONLY,
    ),
    F + "rollup.main_finding_remove": (
        lambda f: {
            "main_finding": (main := _main_finding(f)),
            "expected_version": main.version,
            "reason": "Toch geen hoofdbevinding.",
        },
        COORDINATION_ONLY,
    ),
    F + "report_structure.report_structure_start": (
        lambda f: {"cycle": f("cycle")},
        COORDINATION_ONLY,
    ),
    F + "report_structure.report_principle_chapters_add": (
        lambda f: {"cycle": f("cycle")},
        COORDINATION_ONLY,
    ),
    F + "report_structure.report_section_save": (
        lambda f: {
            "section": (section := _report_section(f)),
            "title": "Inleiding",
            "text": "Tekst.",
            "blocks": [],
            "not_applicable": [],
            "expected_version": section.version,
        },
        COORDINATION_ONLY,
    ),
    F + "report_structure.report_section_status_set": (
        lambda f: {
            "section": (section := _report_section(f)),
            "status": "review",
            "expected_version": section.version,
        },
        COORDINATION_ONLY,
    ),
    F + "report_structure.report_section_add": (
        lambda f: {"cycle": f("cycle"), "chapter": _report_section(f), "title": "Nieuw"},
        COORDINATION_ONLY,
    ),
    F + "report_structure.report_section_move": (
        lambda f: {"section": _report_section(f), "up": False},
        COORDINATION_ONLY,
    ),
    F + "report_structure.report_section_withdraw": (
        lambda f: {
            "section": (section := _report_section(f)),
            "reason": "Past niet meer.",
            "expected_version": section.version,
        },
        COORDINATION_ONLY,
    ),
    F + "report_material.report_material_add": (
        lambda f: {
            "section": _report_section(f),
            "kind": "observatie",
            "title": "Effect meten",
            "text": "UWV-breed ontbreekt het meten van effect.",
        },
        COORDINATION_ONLY,
    ),
    F + "report_material.report_material_update": (
        lambda f: {
            "material": (material := _report_material(f)),
            "title": "Effect",
            "text": "Anders.",
            "expected_version": material.version,
        },
        COORDINATION_ONLY,
    ),
    F + "report_material.report_material_withdraw": (
        lambda f: {
            "material": (material := _report_material(f)),
            "reason": "Dubbel.",
            "expected_version": material.version,
        },
        COORDINATION_ONLY,
    ),
    F + "narratives.report_front_matter_save": (
        lambda f: {
            "cycle": f("cycle"),
            "report_date": None,
            "addressees": "de Raad van Bestuur en de Groepsraad",
            "expected_version": 0,
        },
        COORDINATION_ONLY,
    ),
    F + "publishing.report_version_publish": (
        lambda f: {"cycle": f("cycle"), "label": "1.0", "report_status": "concept"},
        COORDINATION_ONLY,
    ),
    F + "publishing.report_version_retry": (
        lambda f: {
            "version": ReportVersion.objects.create(
                cycle=f("cycle"),
                label="1.0",
                report_status="concept",
                state="failed",
                requested_by=f("coordinator"),
                requested_at=datetime.datetime(2031, 12, 1, tzinfo=datetime.UTC),
            )
        },
        COORDINATION_ONLY,
    ),
    M + "framework.frameworks_copy": (
        lambda f: {"previous": f("cycle"), "cycle": f("cycle")},
        COORDINATION_ONLY,
    ),
    # --- uwvkms: a user revokes only their own token ---
    "uwvkms.services.api_token_revoke": (lambda f: {"token": _token(f)}, "coordinator"),
    # --- review before submission (issue 21 §3): another team's auditor never marks or reviews
    "uwvkms.review.review_request": (
        lambda f: {"record": _reviewable(f), "expected_version": 1},
        "other_auditor",
    ),
    "uwvkms.review.review_approve": (
        lambda f: {"record": _reviewable(f, ready=True), "expected_version": 1},
        "other_auditor",
    ),
    "uwvkms.review.review_send_back": (
        lambda f: {"record": _reviewable(f, ready=True), "expected_version": 1, "note": "Bron?"},
        "other_auditor",
    ),
    # --- uwvkms: retention is the Beheerder's (or the daily job's, without an actor) ---
    "uwvkms.retention.retention_apply": (lambda f: {"today": DAY}, "coordinator"),
    # --- uwvkms: only a Beheerder resets someone's two-factor authentication ---
    "uwvkms.mfa.mfa_reset": (
        lambda f: {"user": _with_authenticator(f("other_auditor")), "reason": "Telefoon kwijt"},
        "coordinator",
    ),
    # --- uwvkms: user administration is the Beheerder's (the coordination team is not) ---
    U + "user_create": (
        lambda f: {
            "username": "nieuw",
            "first_name": "Nina",
            "last_name": "Nieuw",
            "email": "nina@example.invalid",
            "business_unit": f("fez"),
            "roles": ["Toetser"],
        },
        "coordinator",
    ),
    U + "user_update": (
        lambda f: {
            "user": f("other_auditor"),
            "expected_version": 1,
            "first_name": "Ander",
            "last_name": "Toetser",
            "email": "ander@example.invalid",
            "business_unit": f("fez"),
            "roles": ["Toetser", "Coördinatieteam"],
            "reason": "Versterking van het team.",
        },
        "coordinator",
    ),
    U + "user_deactivate": (
        lambda f: {"user": f("other_auditor"), "expected_version": 1, "reason": "Uit dienst."},
        "coordinator",
    ),
    U + "user_reactivate": (
        lambda f: {
            "user": _deactivated(f("other_auditor")),
            "expected_version": 1,
            "reason": "Terug.",
        },
        "coordinator",
    ),
    U + "user_invite": (lambda f: {"user": _invited(f("fez"))}, "coordinator"),
    **FIELDWORK_BUILDERS,
    **EVALUATION_BUILDERS,
    **HERSTEL_BUILDERS,
}


def _with_authenticator(user):
    from tests.totp import authenticator_for

    authenticator_for(user)
    return user


def test_every_service_with_an_actor_is_covered():
    """A new write service must appear in BUILDERS (it is then called by outsiders below) or,
    with a reason, in EXEMPT."""
    discovered = set(discovered_services())
    assert discovered - set(BUILDERS) - set(EXEMPT) == set(), "services without a refusal test"
    assert set(BUILDERS) | set(EXEMPT) <= discovered, "listed services that no longer exist"
    assert not set(BUILDERS) & set(EXEMPT)


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_an_outsider_is_refused_and_nothing_is_written(request, cycle, name):
    service = discovered_services()[name]
    build, nearest = BUILDERS[name]
    kwargs = {k: v for k, v in build(request.getfixturevalue).items() if k != "_"}
    for persona in ("outsider", nearest):
        actor = request.getfixturevalue(persona)
        events_before = AuditEvent.objects.count()
        with pytest.raises(PermissionDenied):
            service(actor=actor, **kwargs)
        assert AuditEvent.objects.count() == events_before, persona


@pytest.mark.parametrize("name", sorted(KAPSTOK_COMMENT_BUILDERS))
def test_the_comment_services_refuse_on_the_kapstokverhaal(db, request, name):
    """The core's comment services on herstel's kapstokverhaal thread, as herstel's old
    kapstok comment services refused: the DT and another division never write in it, SBK
    never changes the adviser's comment."""
    service = discovered_services()[name]
    build, nearest = KAPSTOK_COMMENT_BUILDERS[name]
    kwargs = build(request.getfixturevalue)
    for persona in ("outsider", *nearest):
        actor = request.getfixturevalue(persona)
        events_before = AuditEvent.objects.count()
        with pytest.raises(PermissionDenied):
            service(actor=actor, **kwargs)
        assert AuditEvent.objects.count() == events_before, persona


# The notification services act on the user's own notifications, so they take `user`, not
# `actor`: the one that writes a fact others read (issue 20, the acknowledgement of an informing
# notification) refuses anyone but the recipient, whoever they are, and writes nothing.
OWN_NOTIFICATION_SERVICES = ("uwvkms.notifications.notification_acknowledge",)


@pytest.mark.parametrize("name", OWN_NOTIFICATION_SERVICES)
def test_only_the_recipient_acknowledges_a_notification(request, name, board_member, outsider):
    from django.utils.module_loading import import_string

    from uwvkms.models import Notification
    from uwvkms.notifications import NotificationKind, notify

    kind = NotificationKind("uwvkms.test.authorisation", "Testmelding voor de autorisatie")
    notification = notify(
        kind=kind,
        recipients=[board_member],
        title="Iets om te weten",
        url="/meldingen/",
        target=board_member,
        acknowledgement=True,
    )[0]
    service = import_string(name)
    for persona in ("outsider", "adviser", "coordinator"):
        events_before = AuditEvent.objects.count()
        with pytest.raises(PermissionDenied):
            service(user=request.getfixturevalue(persona), notification=notification)
        assert AuditEvent.objects.count() == events_before, persona
    assert Notification.objects.get(pk=notification.pk).acknowledged_at is None
