"""Step 3's structure (DOMAIN.md §6): the project structure with the plan of approach (advisers
of the lead division, step 3, guarded by the action's version), and the go/no-go moment (DT or
MT, recorded by the lead division's advisers or DT members): no dossier work before "go"."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from herstel.constants import GoOutcome
from herstel.models import Dossier, GoDecision
from herstel.selectors.execution import has_go
from herstel.selectors.timeline import timeline
from herstel.services.execution import execution_plan_save, go_decision_record
from tests.herstel.flow import go, import_rows, row, to_execution
from uwvkms.models import AuditEvent
from uwvkms.versioning import EditConflict

PLAN = {
    "project_lead": "Petra Projectleider",
    "team": "Ahmed (beoordelaar)\nKim (betalingen)",
    "structure": "Stuurgroep tweewekelijks.",
    "plan_document": "PvA herstel v1.0",
    "plan_summary": "In batches.",
    "planned_start": datetime.date(2025, 4, 1),
    "planned_end": datetime.date(2025, 8, 1),
}


@pytest.fixture
def in_execution(action, adviser, dt_member, board_member):
    to_execution(action, adviser, dt_member, board_member)
    action.refresh_from_db()
    return action


def test_the_plan_of_approach_is_recorded_with_history(in_execution, adviser):
    version = in_execution.version
    plan = execution_plan_save(
        actor=adviser, herstelactie=in_execution, expected_version=version, **PLAN
    )
    assert plan.team_members == ["Ahmed (beoordelaar)", "Kim (betalingen)"]
    in_execution.refresh_from_db()
    assert in_execution.version == version + 1
    event = AuditEvent.objects.get(event="herstel.execution_plan.updated")
    assert event.changes["project_lead"] == ["", "Petra Projectleider"]
    assert event.changes["planned_start"] == [None, "2025-04-01"]
    # Saving the same again records nothing.
    execution_plan_save(
        actor=adviser, herstelactie=in_execution, expected_version=version + 1, **PLAN
    )
    assert AuditEvent.objects.filter(event="herstel.execution_plan.updated").count() == 1
    entry = timeline(in_execution)[-1]
    assert entry.label == "Projectstructuur en plan van aanpak gewijzigd"
    assert ("projectleider", "–", "Petra Projectleider") in entry.changes


def test_a_stale_plan_is_refused(in_execution, adviser):
    version = in_execution.version
    execution_plan_save(actor=adviser, herstelactie=in_execution, expected_version=version, **PLAN)
    with pytest.raises(EditConflict, match="Hester Adviseur"):
        execution_plan_save(
            actor=adviser,
            herstelactie=in_execution,
            expected_version=version,
            **(PLAN | {"project_lead": "Iemand anders"}),
        )


def test_the_plan_ends_after_it_starts(in_execution, adviser):
    with pytest.raises(ValidationError, match="niet vóór de start"):
        execution_plan_save(
            actor=adviser,
            herstelactie=in_execution,
            expected_version=in_execution.version,
            **(PLAN | {"planned_end": datetime.date(2025, 1, 1)}),
        )


def test_the_plan_is_for_the_lead_advisers_in_step_3(
    action, in_execution, dt_member, sbk_adviser, other_adviser
):
    for someone in (dt_member, sbk_adviser, other_adviser):
        with pytest.raises(PermissionDenied):
            execution_plan_save(
                actor=someone,
                herstelactie=in_execution,
                expected_version=in_execution.version,
                **PLAN,
            )


def test_no_plan_before_step_3(action, adviser):
    with pytest.raises(ValidationError, match="kan niet in Stap 1"):
        execution_plan_save(
            actor=adviser, herstelactie=action, expected_version=action.version, **PLAN
        )


def test_go_opens_the_dossier_work_and_no_go_stops_it(in_execution, adviser, dt_member):
    assert not has_go(in_execution)
    with pytest.raises(ValidationError, match="nog geen go-besluit"):
        import_rows(in_execution, adviser, [row("HA-1")])
    go(in_execution, dt_member)  # the DT records it
    assert has_go(in_execution)
    import_rows(in_execution, adviser, [row("HA-1")])
    stop = go(in_execution, adviser, GoOutcome.NO_GO, rationale="Eerst meer capaciteit.")
    assert stop.get_outcome_display() == "No-go"
    assert not has_go(in_execution)
    with pytest.raises(ValidationError, match="nog geen go-besluit"):
        import_rows(in_execution, adviser, [row("HA-2")])
    go(in_execution, adviser)
    import_rows(in_execution, adviser, [row("HA-2")])
    assert Dossier.objects.count() == 2
    assert list(GoDecision.objects.values_list("outcome", flat=True)) == ["go", "no_go", "go"]


def test_a_no_go_says_why_and_no_date_lies_ahead(in_execution, adviser):
    with pytest.raises(ValidationError) as refused:
        go_decision_record(
            actor=adviser,
            herstelactie=in_execution,
            body="mt",
            outcome=GoOutcome.NO_GO,
            decided_on=datetime.date(2025, 3, 1),
        )
    assert "rationale" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        go_decision_record(
            actor=adviser,
            herstelactie=in_execution,
            body="dt",
            outcome=GoOutcome.GO,
            decided_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert "decided_on" in refused.value.error_dict
    assert not GoDecision.objects.exists()


def test_go_is_recorded_by_lead_advisers_and_dt_only(
    wg_member, in_execution, sbk_adviser, board_member, other_dt
):
    for someone in (sbk_adviser, board_member, other_dt, wg_member):
        with pytest.raises(PermissionDenied):
            go(in_execution, someone)
    assert not GoDecision.objects.exists()


def test_no_go_no_go_before_step_3(action, adviser):
    with pytest.raises(ValidationError, match="kan niet in Stap 1"):
        go(action, adviser)


def test_the_execution_page(client, wg_member, in_execution, adviser, dt_member):
    url = reverse("herstel:execution", args=[in_execution.pk])
    client.force_login(adviser)
    page = client.get(url).content.decode()
    assert "Nog geen go/no-go" in page and "Go/no-go vastleggen" in page
    assert "Projectstructuur en plan van aanpak wijzigen" in page
    response = client.post(
        reverse("herstel:execution_plan", args=[in_execution.pk]),
        {
            "plan-project_lead": "Petra",
            "plan-team": "Ahmed",
            "plan-planned_start": "2025-04-01",
            "plan-version": in_execution.version,
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("herstel:go_decision_add", args=[in_execution.pk]),
        {"go-body": "dt", "go-outcome": "no_go", "go-decided_on": "2025-04-02"},
    )
    assert response.status_code == 400
    assert "Geef bij een no-go de reden." in response.content.decode()
    client.force_login(dt_member)
    response = client.post(
        reverse("herstel:go_decision_add", args=[in_execution.pk]),
        {"go-body": "mt", "go-outcome": "go", "go-decided_on": "2025-04-02", "go-document": "MT"},
        follow=True,
    )
    page = response.content.decode()
    assert "Het besluit “Go” is vastgelegd." in page
    assert "Aan de dossiers wordt gewerkt." in page and "Petra" in page
    # The working-group member reads, without forms.
    client.force_login(wg_member)
    page = client.get(url).content.decode()
    assert "Aan de dossiers wordt gewerkt." in page and "Go/no-go vastleggen" not in page
