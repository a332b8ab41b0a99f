"""Uitkeren's improvement actions of both kinds, for the tests of the list per business unit.

Audit follow-up (cycle 2031), relative to today:
- "Klantsignalen bespreken": gereed, two effect measurements (the later one counts);
- "Teamplannen herijken": gereed without a measurement: flagged;
- "Kwaliteitsrapportage": in uitvoering, past its date, no measurement: flagged and late;
- "Later": gepland, due later: not flagged;
- "Geschrapt": vervallen, past its date: not flagged.
Herstel, led by Uitkeren:
- "Automatische controle", judged in evaluation 1: implemented, works;
- "Maandelijkse steekproef": not implemented in evaluation 1, implemented and partly working in
  evaluation 2 (the latest counts);
- "Werkinstructie" (a second action, still in step 1), past its date: flagged;
- "Nieuwe training" (same action), due later: not flagged.
Handhaving leads an action with a measure that is not Uitkeren's."""

import datetime
from decimal import Decimal

from django.utils import timezone

from herstel.constants import StepMove
from herstel.models import Evaluation
from herstel.rules import MeasureJudgement
from herstel.services.actions import control_measure_add
from herstel.services.evaluation import evaluation_complete, evaluation_plan, evaluation_save
from tests.factories import EffectMeasurementFactory, FollowUpActionFactory
from tests.herstel.flow import go, import_rows, move, row, start, to_execution

TODAY = timezone.localdate()
PAST = TODAY - datetime.timedelta(days=30)
FUTURE = TODAY + datetime.timedelta(days=60)


def follow_up(cycle, unit, title, *, status="gepland", due_on=PAST):
    return FollowUpActionFactory(
        recommendation__cycle=cycle,
        recommendation__unit=unit,
        recommendation__title=f"Aanbeveling bij {title}",
        title=title,
        status=status,
        due_on=due_on,
    )


def measure(action, adviser, description, due_on):
    return control_measure_add(
        actor=adviser,
        herstelactie=action,
        description=description,
        owner="Teamleider",
        due_on=due_on,
    )


def judge(evaluation, adviser, judgements, completed_on):
    evaluation.refresh_from_db()
    evaluation_save(
        actor=adviser,
        evaluation=evaluation,
        expected_version=evaluation.version,
        client_experience="Tevreden.",
        internal_process="Soepel.",
        measures=judgements,
    )
    evaluation.refresh_from_db()
    evaluation_complete(
        actor=adviser,
        evaluation=evaluation,
        expected_version=evaluation.version,
        completed_on=completed_on,
    )


def build_improvement_data(*, cycle, unit, action, adviser, other_adviser, dt_member, board_member):
    measured = follow_up(cycle, unit, "Klantsignalen bespreken", status="gereed", due_on=PAST)
    EffectMeasurementFactory(
        action=measured,
        measured_value=Decimal("55.00"),
        measured_on=PAST,
        conclusion="deels",
        next_steps="Nog een keer meten.",
    )
    EffectMeasurementFactory(
        action=measured,
        measured_value=Decimal("82.50"),
        measured_on=TODAY - datetime.timedelta(days=5),
        conclusion="bereikt",
        next_steps="Borgen in het kwaliteitsplan.",
    )
    follow_up(cycle, unit, "Teamplannen herijken", status="gereed", due_on=FUTURE)
    follow_up(cycle, unit, "Kwaliteitsrapportage", status="in_uitvoering", due_on=PAST)
    follow_up(cycle, unit, "Later", status="gepland", due_on=FUTURE)
    follow_up(cycle, unit, "Geschrapt", status="vervallen", due_on=PAST)

    works = measure(action, adviser, "Automatische controle", PAST)
    later = measure(action, adviser, "Maandelijkse steekproef", PAST)
    to_execution(action, adviser, dt_member, board_member)
    go(action, adviser)
    import_rows(action, adviser, [row("HA-1", "afgehandeld", "nabetalen", "10,00", "0", "0", "0")])
    move(action, adviser, StepMove.TO_EVALUATION)
    first = Evaluation.objects.get(herstelactie=action, number=1)
    judge(
        first,
        adviser,
        {
            works.pk: MeasureJudgement(True, "yes", "Release 2031.2 en een steekproef."),
            later.pk: MeasureJudgement(False, "", ""),
        },
        TODAY - datetime.timedelta(days=20),
    )
    action.refresh_from_db()
    second = evaluation_plan(
        actor=adviser,
        herstelactie=action,
        planned_on=TODAY - datetime.timedelta(days=10),
        reason="De steekproef liep nog niet.",
    )
    judge(
        second,
        adviser,
        {
            works.pk: MeasureJudgement(True, "yes", "Nog steeds in gebruik."),
            later.pk: MeasureJudgement(True, "partly", "Eerste twee steekproeven gedaan."),
        },
        TODAY,
    )
    second_action = start(adviser, title="Verkeerde toeslag")
    measure(second_action, adviser, "Werkinstructie", PAST)
    measure(second_action, adviser, "Nieuwe training", FUTURE)
    elsewhere = start(other_adviser, title="Handhaving herstelt")
    measure(elsewhere, other_adviser, "Niet van Uitkeren", PAST)
    return {"action": action, "second_action": second_action, "elsewhere": elsewhere}
