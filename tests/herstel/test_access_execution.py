"""Who sees and changes what in steps 3 and 4 and the overviews (herstel/permissions.py): only
the advisers of the lead division record the plan, import and edit dossiers, enter the estimate
and evaluate (its DT members record the go/no-go with them); everyone who reads the action reads
its execution, dossiers, figures and evaluations; FEZ reads the figures of every action and
nothing else of it; the overview is for FEZ, SBK and the RvB, SBK's list for SBK and the RvB.
Every refusal answers 404 (the action does not exist for them) or 403, and changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from herstel.constants import StepMove
from herstel.models import (
    Dossier,
    DossierChange,
    DossierImport,
    Evaluation,
    ExecutionPlan,
    GoDecision,
)
from herstel.services.execution import execution_plan_save
from herstel.services.working_group import working_group_member_add
from tests import conftest
from tests.herstel import conftest as herstel_conftest
from tests.herstel.flow import csv_bytes, go, import_rows, move, row, start, to_execution
from tests.shared_data import shared_fixtures
from uwvkms.events import SECURITY_EVENTS
from uwvkms.models import AuditEvent

PERSONAS = [
    "adviser",
    "other_adviser",
    "sbk_adviser",
    "fez_adviser",
    "dt_member",
    "other_dt",
    "board_member",
    "wg_member",
    "outsider",
    "auditor",
    "coordinator",
    "beheerder",
]
CANNOT_SEE = {"other_adviser", "other_dt", "outsider", "auditor", "coordinator", "beheerder"}
READERS = {"adviser", "sbk_adviser", "dt_member", "board_member", "wg_member"}


@pytest.fixture
def world(action, adviser, dt_member, board_member, wg_user):
    """Two actions of Uitkeren with `wg_user` in their working group: one in step 3 with a go,
    a plan and two imported dossiers; one in step 4 with its first evaluation planned."""
    working_group_member_add(actor=adviser, herstelactie=action, user=wg_user, role="Lid")
    to_execution(action, adviser, dt_member, board_member)
    go(action, adviser)
    action.refresh_from_db()
    execution_plan_save(
        actor=adviser,
        herstelactie=action,
        expected_version=action.version,
        project_lead="Petra",
        team="",
        structure="",
        plan_document="",
        plan_summary="",
        planned_start=None,
        planned_end=None,
    )
    record = import_rows(action, adviser, [row("HA-1"), row("HA-2")])
    evaluated = start(adviser, title="In evaluatie")
    working_group_member_add(actor=adviser, herstelactie=evaluated, user=wg_user, role="Lid")
    to_execution(evaluated, adviser, dt_member, board_member)
    go(evaluated, adviser)
    import_rows(evaluated, adviser, [row("EV-1", "afgehandeld", "geen wijziging", 0, 0, 0, 0)])
    move(evaluated, adviser, StepMove.TO_EVALUATION)
    action.refresh_from_db()
    return {
        "action": action,
        "dossier": Dossier.objects.get(reference="HA-1"),
        "import": record,
        "evaluated": evaluated,
    }


@pytest.fixture
def wg_member(wg_user):
    """Here `world` puts `wg_user` in the working groups itself."""
    return wg_user


# The personas and the two actions are built once for the module (tests/shared_data.py).
globals().update(shared_fixtures(*conftest.SHARED_CAST, herstel_conftest.action, wg_member, world))


def action_pages(w) -> dict[str, str]:
    a, e = w["action"].pk, w["evaluated"].pk
    return {
        "execution": reverse("herstel:execution", args=[a]),
        "execution_plan": reverse("herstel:execution_plan", args=[a]),
        "dossiers": reverse("herstel:dossiers", args=[a]),
        "dossier_import": reverse("herstel:dossier_import", args=[a]),
        "dossier_import_result": reverse("herstel:dossier_import_result", args=[a, w["import"].pk]),
        "dossier": reverse("herstel:dossier", args=[a, w["dossier"].pk]),
        "dossier_export": reverse("herstel:dossier_export", args=[a]),
        "evaluation": reverse("herstel:evaluation", args=[e]),
    }


def figure_pages(w) -> dict[str, str]:
    a = w["action"].pk
    return {
        "management_information": reverse("herstel:management_information", args=[a]),
        "mi_csv": reverse("herstel:management_information_export", args=[a, "csv"]),
        "mi_xlsx": reverse("herstel:management_information_export", args=[a, "xlsx"]),
    }


EDITING = {"execution_plan", "dossier_import"}  # pages that are forms for the lead advisers


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_opens_which_page(client, request, persona, world):
    client.force_login(request.getfixturevalue(persona))
    answers = {name: client.get(url).status_code for name, url in action_pages(world).items()}
    expected = {}
    for name in action_pages(world):
        if persona in CANNOT_SEE or persona == "fez_adviser":
            expected[name] = 404
        elif name in EDITING and persona != "adviser":
            expected[name] = 403
        else:
            expected[name] = 200
    assert answers == expected

    figures = {name: client.get(url).status_code for name, url in figure_pages(world).items()}
    allowed = persona in READERS or persona == "fez_adviser"
    assert figures == dict.fromkeys(figure_pages(world), 200 if allowed else 404)

    central = {
        "overview": client.get(reverse("herstel:overview")).status_code,
        "sbk": client.get(reverse("herstel:sbk_overview")).status_code,
        "template": client.get(reverse("herstel:dossier_template", args=["csv"])).status_code,
    }
    sees_herstel = persona not in {"other_dt", "outsider", "auditor", "coordinator", "beheerder"}
    assert central == {
        "overview": 200 if persona in {"fez_adviser", "sbk_adviser", "board_member"} else 403,
        "sbk": 200 if persona in {"sbk_adviser", "board_member"} else 403,
        "template": 200 if sees_herstel else 403,
    }


def test_fez_reads_figures_only(client, fez_adviser, world):
    client.force_login(fez_adviser)
    page = client.get(reverse("herstel:management_information", args=[world["action"].pk]))
    html = page.content.decode()
    assert "U leest de financiële cijfers als FEZ" in html
    detail = reverse("herstel:detail", args=[world["action"].pk])
    assert f'href="{detail}"' not in html  # no other tabs
    assert page.context["estimate_form"] is None
    for name in ("detail", "advice", "decisions", "timeline", "communication", "working_group"):
        assert client.get(reverse(f"herstel:{name}", args=[world["action"].pk])).status_code == 404


def writes(w) -> list[tuple[str, str, dict, set[str]]]:
    a, e = w["action"], w["evaluated"]
    return [
        (
            "execution_plan",
            reverse("herstel:execution_plan", args=[a.pk]),
            {"plan-project_lead": "X", "plan-version": a.version},
            {"adviser"},
        ),
        (
            "go",
            reverse("herstel:go_decision_add", args=[a.pk]),
            {
                "go-body": "dt",
                "go-outcome": "no_go",
                "go-decided_on": "2025-04-01",
                "go-rationale": "x",
            },
            {"adviser", "dt_member"},
        ),
        (
            "import",
            reverse("herstel:dossier_import", args=[a.pk]),
            {"file": SimpleUploadedFile("x.csv", csv_bytes([row("HA-9")]), "text/csv")},
            {"adviser"},
        ),
        (
            "dossier",
            reverse("herstel:dossier", args=[a.pk, w["dossier"].pk]),
            {
                "status": "beoordeeld",
                "outcome": "geen_wijziging",
                "paid": "0",
                "to_pay": "0",
                "recovered": "0",
                "written_off": "0",
                "version": "1",
            },
            {"adviser"},
        ),
        (
            "estimate",
            reverse("herstel:estimate", args=[a.pk]),
            {"schatting-average": "10", "schatting-basis": "x", "schatting-version": a.version},
            {"adviser"},
        ),
        (
            "evaluation_save",
            reverse("herstel:evaluation_save", args=[e.pk, 1]),
            {"evaluatie-client_experience": "x", "evaluatie-version": "1"},
            {"adviser"},
        ),
        (
            "evaluation_complete",
            reverse("herstel:evaluation_complete", args=[e.pk, 1]),
            {"afronden-completed_on": "2025-04-01", "afronden-version": "1"},
            {"adviser"},
        ),
        (
            "evaluation_plan",
            reverse("herstel:evaluation_plan", args=[e.pk]),
            {"plannen-planned_on": "2030-01-01", "plannen-reason": "x"},
            {"adviser"},
        ),
        (
            "evaluation_cancel",
            reverse("herstel:evaluation_cancel", args=[e.pk, 1]),
            {"afzeggen-reason": "x"},
            {"adviser"},
        ),
    ]


def state() -> dict:
    return {
        "events": AuditEvent.objects.exclude(event__in=SECURITY_EVENTS).count(),
        "dossiers": list(Dossier.objects.values_list("reference", "status", "version")),
        "changes": DossierChange.objects.count(),
        "imports": DossierImport.objects.count(),
        "go": GoDecision.objects.count(),
        "plans": list(ExecutionPlan.objects.values_list("project_lead", "estimated_average_cents")),
        "evaluations": list(Evaluation.objects.values_list("number", "version", "completed_on")),
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_refused_write_changes_nothing(client, request, persona, world):
    client.force_login(request.getfixturevalue(persona))
    before = state()
    refused = 0
    for name, url, data, allowed in writes(world):
        if persona in allowed:
            continue
        response = client.post(url, data)
        expected = 404 if persona in CANNOT_SEE or persona == "fez_adviser" else 403
        assert (name, response.status_code) == (name, expected)
        refused += 1
    assert state() == before
    assert refused > 0 or persona == "adviser"
