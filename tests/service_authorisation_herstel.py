"""The herstel half of `tests/test_service_authorisation.py`'s table: for every herstel write
service, a builder of its other arguments (for an action led by Uitkeren, the `action` fixture
there) and the persona that comes closest without the right."""

import datetime
from decimal import Decimal

DAY = datetime.date(2031, 9, 20)
OTHER_DIVISION = "other_adviser"  # a Herstel-adviseur of Handhaving; the action is Uitkeren's
H = "herstel.services."


def _herstel(f):
    return f("action")


def _measure(f):
    from herstel.services.actions import control_measure_add

    return control_measure_add(
        actor=f("adviser"),
        herstelactie=f("action"),
        description="Extra controle",
        owner="Teamleider",
        due_on=DAY,
    )


def _assignment(f):
    from herstel.services.actions import advice_section_assign

    return advice_section_assign(
        actor=f("adviser"), herstelactie=f("action"), section="legal_framework"
    )


def _communication_member(f):
    from herstel.models import CommunicationMember

    return CommunicationMember.objects.create(
        herstelactie=f("action"), function="woordvoering", name="Wout Woord"
    )


def _working_group_member(f):
    from herstel.services.working_group import working_group_member_add

    return working_group_member_add(
        actor=f("adviser"), herstelactie=f("action"), user=f("wg_user"), role="Financieel"
    )


def _kapstok(f):
    from herstel.models import Kapstokverhaal

    return Kapstokverhaal.objects.create(
        herstelactie=f("action"),
        version=1,
        narrative="Het verhaal.",
        key_messages="De boodschap.",
        status="concept",
        created_by=f("adviser"),
    )


def _communication_task(f):
    from herstel.models import CommunicationTask

    return CommunicationTask.objects.create(
        herstelactie=f("action"),
        discipline="woordvoering",
        description="Persvragen beantwoorden.",
        owner_name="Wout Woord",
        due_on=DAY,
        created_by=f("adviser"),
        updated_by=f("adviser"),
    )


def _kapstok_comment(f):
    from uwvkms.comments import comment_post

    return comment_post(actor=f("adviser"), target=_kapstok(f), text="Graag scherper.")


def _decision(f):
    from herstel.models import Decision

    return Decision.objects.create(
        herstelactie=f("action"),
        forum="dt",
        outcome="besluit",
        mandate="dt",
        body="Besloten.",
        decided_on=DAY,
        recorded_by=f("dt_member"),
    )


def _dt_view(f):
    from herstel.models import DtView

    return DtView.objects.create(
        herstelactie=f("action"),
        business_unit=f("handhaving"),
        position="eens",
        body="Eens.",
        recorded_by=f("other_dt"),
    )


def _minister_contact(f):
    from herstel.models import MinisterContact

    return MinisterContact.objects.create(
        herstelactie=f("action"),
        contact_on=DAY,
        form="overleg",
        summary="Overleg.",
        recorded_by=f("board_member"),
    )


def _dossier(f):
    from herstel.models import Dossier, DossierImport

    batch = DossierImport.objects.create(
        herstelactie=f("action"),
        file_name="dossiers.csv",
        file_format="csv",
        rows=1,
        created=1,
        updated=0,
        unchanged=0,
        imported_by=f("adviser"),
        imported_at=datetime.datetime(2031, 9, 20, tzinfo=datetime.UTC),
    )
    return Dossier.objects.create(
        herstelactie=f("action"),
        reference="D-1",
        status="te_beoordelen",
        created_in=batch,
        updated_at=datetime.datetime(2031, 9, 20, tzinfo=datetime.UTC),
    )


def _evaluation(f):
    from herstel.models import Evaluation

    return Evaluation.objects.create(
        herstelactie=f("action"), number=1, planned_on=DAY, created_by=f("adviser")
    )


def _document(f):
    from tests.herstel.documents import upload

    return upload(f("action"), f("adviser"))


def _contact_point(f):
    from herstel.models import ContactPoint

    return ContactPoint.objects.create(directorate="wb", name="Willem WB")


HERSTEL_BUILDERS = {
    H + "documents.action_document_upload": (
        lambda f: {
            "herstelactie": _herstel(f),
            "kind": "advies",
            "title": "Advies",
            "name": "advies.pdf",
            "data": b"%PDF-1.7\n%%EOF\n",
        },
        OTHER_DIVISION,
    ),
    H + "documents.action_document_withdraw": (
        lambda f: {"document": _document(f), "reason": "Verkeerd bestand."},
        OTHER_DIVISION,
    ),
    # An action led by Uitkeren (tests/herstel/conftest.py `action`) ---
    H + "actions.herstelactie_start": (
        lambda f: {
            "title": "Te lage uitkering",
            "what_went_wrong": "Verkeerde berekening.",
            "wrong_since": DAY,
            "lead_unit": f("uitkeren"),
        },
        "dt_member",  # a role, but not a Herstel-adviseur
    ),
    H + "actions.herstelactie_update": (
        lambda f: {
            "herstelactie": (a := _herstel(f)),
            "expected_version": a.version,
            "title": "Nieuwe titel",
            "what_went_wrong": "Iets anders.",
            "wrong_since": DAY,
            "estimated_clients": 10,
            "estimated_dossiers": 10,
            "estimated_amount": Decimal("100.00"),
        },
        OTHER_DIVISION,
    ),
    H + "actions.herstelactie_lead_change": (
        lambda f: {
            "herstelactie": (a := _herstel(f)),
            "expected_version": a.version,
            "lead_unit": f("handhaving"),
            "reason": "Zwaartepunt ligt elders.",
        },
        OTHER_DIVISION,
    ),
    H + "actions.advice_save": (
        lambda f: {
            "herstelactie": (a := _herstel(f)),
            "expected_version": a.version,
            "sections": {},
            "criteria": {},
        },
        OTHER_DIVISION,
    ),
    H + "actions.control_measure_add": (
        lambda f: {
            "herstelactie": _herstel(f),
            "description": "Controle",
            "owner": "Teamleider",
            "due_on": DAY,
        },
        OTHER_DIVISION,
    ),
    H + "actions.control_measure_update": (
        lambda f: {
            "measure": (m := _measure(f)),
            "expected_version": m.version,
            "description": "Controle",
            "owner": "Teamleider",
            "due_on": DAY,
            "progress": "gereed",
        },
        OTHER_DIVISION,
    ),
    H + "actions.control_measure_withdraw": (
        lambda f: {"measure": (m := _measure(f)), "expected_version": m.version, "reason": "Fout."},
        OTHER_DIVISION,
    ),
    H + "actions.advice_section_assign": (
        lambda f: {"herstelactie": _herstel(f), "section": "legal_framework"},
        OTHER_DIVISION,
    ),
    H + "actions.advice_section_assignment_withdraw": (
        lambda f: {"assignment": _assignment(f), "reason": "Fout."},
        OTHER_DIVISION,
    ),
    H + "actions.advice_section_write": (
        lambda f: {
            "herstelactie": (a := _herstel(f)),
            "expected_version": a.version,
            "section": "legal_framework",
            "text": "Het juridisch kader.",
        },
        OTHER_DIVISION,
    ),
    # The communication track (issue 20): Communicatie sets the issue status and designates the
    # issuemanager; SBK, which ran the track before, no longer does. Only the issuemanager writes
    # the track: Communicatie itself, not designated, comes closest.
    H + "communication.issue_set": (
        lambda f: {"herstelactie": _herstel(f), "is_issue": True, "reason": "Publiek."},
        "sbk_adviser",
    ),
    H + "communication.issuemanager_set": (
        lambda f: {"herstelactie": _herstel(f), "user": f("communicatie_user")},
        "sbk_adviser",
    ),
    H + "communication.communication_member_add": (
        lambda f: {"herstelactie": _herstel(f), "function": "woordvoering", "name": "Wout"},
        "communicatie_user",
    ),
    H + "communication.communication_member_remove": (
        lambda f: {"member": _communication_member(f)},
        "communicatie_user",
    ),
    H + "communication.kapstok_save": (
        lambda f: {
            "herstelactie": _herstel(f),
            "expected_version": 0,
            "narrative": "Het verhaal.",
            "key_messages": "De boodschap.",
            "questions_answers": "",
        },
        "communicatie_user",
    ),
    H + "communication.kapstok_move": (
        lambda f: {"kapstok": _kapstok(f), "move": "submit", "expected_status": "concept"},
        "communicatie_user",
    ),
    H + "communication_tasks.communication_task_add": (
        lambda f: {
            "herstelactie": _herstel(f),
            "discipline": "woordvoering",
            "description": "Persvragen.",
            "owner_name": "Wout",
            "due_on": DAY,
        },
        "communicatie_user",
    ),
    # The lead adviser reads the tasks; only the issuemanager and the task's owner update one.
    H + "communication_tasks.communication_task_update": (
        lambda f: {
            "task": _communication_task(f),
            "expected_version": 1,
            "status": "gereed",
            "done": "Gedaan.",
            "due_on": DAY,
        },
        "adviser",
    ),
    H + "communication_tasks.communication_task_withdraw": (
        lambda f: {"task": _communication_task(f), "reason": "Dubbel."},
        "communicatie_user",
    ),
    H + "decisions.informal_round_record": (
        lambda f: {
            "herstelactie": _herstel(f),
            "held_on": DAY,
            "participants": "DT",
            "summary": "Besproken.",
        },
        OTHER_DIVISION,
    ),
    H + "decisions.decision_record": (
        lambda f: {
            "herstelactie": _herstel(f),
            "forum": "dt",
            "outcome": "besluit",
            "body": "Besloten.",
            "decided_on": DAY,
        },
        OTHER_DIVISION,
    ),
    H + "decisions.decision_correct": (
        lambda f: {
            "decision": _decision(f),
            "outcome": "besluit",
            "body": "Gecorrigeerd.",
            "decided_on": DAY,
            "reason": "Verkeerde datum.",
        },
        OTHER_DIVISION,
    ),
    H + "decisions.decision_withdraw": (
        lambda f: {"decision": _decision(f), "reason": "Bij de verkeerde actie vastgelegd."},
        OTHER_DIVISION,
    ),
    H + "decisions.notification_record": (
        lambda f: {
            "herstelactie": _herstel(f),
            "kind": "rvb_informed",
            "informed_on": DAY,
            "summary": "Per brief.",
        },
        OTHER_DIVISION,
    ),
    H + "step2.dt_view_record": (
        lambda f: {"herstelactie": _herstel(f), "position": "eens", "body": "Eens."},
        "other_dt",  # a DT member, but of a division not involved
    ),
    H + "step2.dt_view_correct": (
        lambda f: {
            "view": _dt_view(f),
            "position": "oneens",
            "body": "Oneens.",
            "reason": "Anders.",
        },
        "dt_member",  # the lead DT records decisions, not views
    ),
    H + "step2.dt_view_withdraw": (
        lambda f: {"view": _dt_view(f), "reason": "Bij de verkeerde actie vastgelegd."},
        "dt_member",
    ),
    H + "step2.advice_enrichment_save": (
        lambda f: {"herstelactie": _herstel(f), "body": "Aanvulling.", "expected_version": 0},
        "other_dt",
    ),
    H + "step2.mandate_raise": (
        lambda f: {
            "herstelactie": (a := _herstel(f)),
            "new_mandate": "rvb_minister",
            "reason": "Het scenario vraagt de minister.",
            "expected_version": a.version,
            "intended_body": "Scenario B.",
            "decided_on": DAY,
        },
        "dt_member",  # never by the DT
    ),
    H + "step2.minister_contact_record": (
        lambda f: {
            "herstelactie": _herstel(f),
            "contact_on": DAY,
            "form": "overleg",
            "summary": "Overleg.",
        },
        "dt_member",
    ),
    H + "step2.minister_contact_withdraw": (
        lambda f: {"contact": _minister_contact(f), "reason": "Nooit gehouden."},
        "dt_member",
    ),
    H + "dossiers.dossiers_import": (
        lambda f: {"herstelactie": _herstel(f), "file_name": "d.csv", "data": b"referentie\n"},
        OTHER_DIVISION,
    ),
    H + "dossiers.dossier_update": (
        lambda f: {
            "dossier": (d := _dossier(f)),
            "expected_version": d.version,
            "status": "beoordeeld",
            "outcome": "",
            "paid": None,
            "to_pay": None,
            "recovered": None,
            "written_off": None,
        },
        OTHER_DIVISION,
    ),
    H + "evaluation.evaluation_plan_first": (
        lambda f: {"herstelactie": _herstel(f), "planned_on": DAY},
        OTHER_DIVISION,
    ),
    H + "evaluation.evaluation_plan": (
        lambda f: {"herstelactie": _herstel(f), "planned_on": DAY, "reason": "Nog een keer."},
        OTHER_DIVISION,
    ),
    H + "evaluation.evaluation_save": (
        lambda f: {
            "evaluation": (e := _evaluation(f)),
            "expected_version": e.version,
            "client_experience": "Goed.",
            "internal_process": "Soepel.",
        },
        OTHER_DIVISION,
    ),
    H + "evaluation.evaluation_complete": (
        lambda f: {
            "evaluation": (e := _evaluation(f)),
            "expected_version": e.version,
            "completed_on": DAY,
        },
        OTHER_DIVISION,
    ),
    H + "evaluation.evaluation_cancel": (
        lambda f: {"evaluation": _evaluation(f), "reason": "Niet nodig."},
        OTHER_DIVISION,
    ),
    H + "execution.execution_plan_save": (
        lambda f: {
            "herstelactie": (a := _herstel(f)),
            "expected_version": a.version,
            "project_lead": "Pim Project",
            "team": "",
            "structure": "",
            "plan_document": "",
            "plan_summary": "",
            "planned_start": DAY,
            "planned_end": DAY,
        },
        OTHER_DIVISION,
    ),
    H + "execution.go_decision_record": (
        lambda f: {"herstelactie": _herstel(f), "body": "dt", "outcome": "go", "decided_on": DAY},
        OTHER_DIVISION,
    ),
    H + "execution.estimate_set": (
        lambda f: {
            "herstelactie": (a := _herstel(f)),
            "expected_version": a.version,
            "average": Decimal("250.00"),
        },
        OTHER_DIVISION,
    ),
    H + "steps.herstelactie_move": (
        lambda f: {
            "herstelactie": (a := _herstel(f)),
            "move": "submit_advice",
            "expected_version": a.version,
        },
        OTHER_DIVISION,
    ),
    H + "working_group.working_group_member_add": (
        lambda f: {"herstelactie": _herstel(f), "role": "Jurist", "name": "Jan Jurist"},
        OTHER_DIVISION,
    ),
    H + "working_group.working_group_member_remove": (
        lambda f: {"member": _working_group_member(f)},
        OTHER_DIVISION,
    ),
    H + "working_group.consultation_record": (
        lambda f: {
            "herstelactie": _herstel(f),
            "kind": "clientenraad",
            "name": "Cliëntenraad",
            "consulted_on": DAY,
            "outcome": "Positief.",
        },
        OTHER_DIVISION,
    ),
    # The fixed contact persons: the Beheerder and SBK's advisers; a lead adviser is not.
    H + "working_group.contact_point_create": (
        lambda f: {"directorate": "wb", "name": "Willem WB"},
        "adviser",
    ),
    H + "working_group.contact_point_update": (
        lambda f: {"contact_point": _contact_point(f), "directorate": "wb", "name": "Wil"},
        "adviser",
    ),
    H + "working_group.contact_point_set_active": (
        lambda f: {"contact_point": _contact_point(f), "is_active": False},
        "adviser",
    ),
}


# The core's comment services (BUILDERS covers them on a score) on the kapstokverhaal's thread
# (`herstel.comments`): the nearest persona without the right. The DT reads the kapstokverhaal
# and does not comment; SBK comments, but changes and withdraws only its own comments.
KAPSTOK_COMMENT_BUILDERS = {
    "uwvkms.comments.comment_post": (
        lambda f: {"target": _kapstok(f), "text": "Akkoord."},
        ("dt_member", OTHER_DIVISION),
    ),
    "uwvkms.comments.comment_edit": (
        lambda f: {"comment": _kapstok_comment(f), "text": "Anders.", "expected_version": 1},
        ("sbk_adviser", OTHER_DIVISION),
    ),
    "uwvkms.comments.comment_withdraw": (
        lambda f: {"comment": _kapstok_comment(f), "reason": "Vergist."},
        ("sbk_adviser", OTHER_DIVISION),
    ),
}
