"""Steps of a herstelactie through its services, for tests that need an action in some state.
Criteria are given as (within law, organisational impact high, political sensitivity high,
large client impact, large call on the money flow)."""

import csv
import datetime
import io

from herstel.constants import (
    AdviceSection,
    Criterion,
    DossierColumn,
    Forum,
    GoBody,
    GoOutcome,
    NotificationKind,
    Outcome,
    StepMove,
)
from herstel.models import DossierImport, Herstelactie
from herstel.rules import CriterionJudged
from herstel.services.actions import advice_save, herstelactie_start
from herstel.services.decisions import decision_record, notification_record
from herstel.services.dossiers import dossiers_import
from herstel.services.execution import go_decision_record
from herstel.services.steps import herstelactie_move

DT_PATH = (True, False, False, False, False)
RVB_PATH = (True, True, False, False, False)
MINISTER_PATH = (True, False, False, True, False)

DAY = datetime.date(2025, 3, 1)


def start(adviser, **overrides) -> Herstelactie:
    fields = {
        "title": "Te lage WW-uitkering na loonbeslag",
        "what_went_wrong": "Bij loonbeslag werd de uitkering op het verkeerde dagloon berekend.",
        "wrong_since": datetime.date(2024, 1, 1),
        "lead_unit": adviser.business_unit,
        "estimated_clients": 1200,
        "estimated_dossiers": 1350,
        "estimated_amount": None,
    }
    return herstelactie_start(actor=adviser, **(fields | overrides))


def sections(**overrides) -> dict[str, str]:
    return {s: f"{s.label}: beschreven." for s in AdviceSection} | overrides


def criteria(values) -> dict[str, CriterionJudged]:
    return {
        c.value: CriterionJudged(value=v, rationale=f"Onderbouwing {c.value}.", judged_by="JKC")
        for c, v in zip(Criterion, values, strict=True)
    }


def fill_advice(action, adviser, values=DT_PATH) -> Herstelactie:
    action.refresh_from_db()
    return advice_save(
        actor=adviser,
        herstelactie=action,
        expected_version=action.version,
        sections=sections(),
        criteria=criteria(values),
    )


def move(action, actor, step_move: StepMove, reason: str = "") -> Herstelactie:
    action.refresh_from_db()
    return herstelactie_move(
        actor=actor,
        herstelactie=action,
        move=step_move,
        expected_version=action.version,
        reason=reason,
    )


def submit(action, adviser, values=DT_PATH) -> Herstelactie:
    fill_advice(action, adviser, values)
    return move(action, adviser, StepMove.SUBMIT_ADVICE)


def decide(action, actor, forum: Forum, outcome: str, body: str = "Besloten zoals voorgesteld."):
    action.refresh_from_db()
    return decision_record(
        actor=actor, herstelactie=action, forum=forum, outcome=outcome, body=body, decided_on=DAY
    )


def notify(action, actor, kind: NotificationKind, summary: str = "Per brief geïnformeerd."):
    action.refresh_from_db()
    return notification_record(
        actor=actor, herstelactie=action, kind=kind, informed_on=DAY, summary=summary
    )


# --- Steps 3 and 4 ------------------------------------------------------------------------------

HEADER = DossierColumn.values


def to_execution(action, adviser, dt_member, board_member) -> Herstelactie:
    """Take an action in step 1 along the DT path to step 3."""
    submit(action, adviser, DT_PATH)
    decide(action, dt_member, Forum.DT, Outcome.BESLUIT)
    notify(action, adviser, NotificationKind.RVB_INFORMED)
    move(action, dt_member, StepMove.TO_RVB)
    decide(action, board_member, Forum.RVB, Outcome.KENNISNAME)
    return move(action, adviser, StepMove.TO_EXECUTION)


def go(action, actor, outcome: str = GoOutcome.GO, rationale: str = ""):
    action.refresh_from_db()
    return go_decision_record(
        actor=actor,
        herstelactie=action,
        body=GoBody.DT,
        outcome=outcome,
        decided_on=DAY,
        rationale=rationale or ("" if outcome == GoOutcome.GO else "Capaciteit ontbreekt."),
    )


def csv_bytes(rows, header=HEADER, delimiter=";", encoding="utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def row(ref, status="te beoordelen", outcome="", paid="", to_pay="", recovered="", off=""):
    return [ref, status, outcome, paid, to_pay, recovered, off]


def import_rows(action, adviser, rows, name="dossiers.csv") -> DossierImport:
    action.refresh_from_db()
    return dossiers_import(actor=adviser, herstelactie=action, file_name=name, data=csv_bytes(rows))


def make_issue(action, communicatie, issuemanager=None, reason="Publieke impact.") -> Herstelactie:
    """Communicatie declares the action an issue and designates `issuemanager` (default:
    itself), who then runs the communication track (issue 20)."""
    from herstel.services.communication import issue_set, issuemanager_set  # noqa: PLC0415

    issue_set(actor=communicatie, herstelactie=action, is_issue=True, reason=reason)
    return issuemanager_set(
        actor=communicatie, herstelactie=action, user=issuemanager or communicatie
    )
