"""Steps of a herstelactie through its services, for tests that need an action in some state.
Criteria are given as (within law, organisational impact high, political sensitivity high,
large client impact, large call on the money flow)."""

import datetime

from herstel.constants import AdviceSection, Criterion, Forum, NotificationKind, StepMove
from herstel.models import Herstelactie
from herstel.rules import CriterionJudged
from herstel.services.actions import advice_save, herstelactie_start
from herstel.services.decisions import decision_record, notification_record
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
