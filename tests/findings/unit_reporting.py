"""Steps shared by the unit report tests: write findings through the services, move a report,
answer it. Plain functions (not fixtures), so each test says what it sets up."""

from django.utils import timezone

from findings.constants import UnitReportStatus
from findings.models import ManagementResponse, UnitReport
from findings.services import (
    AnswerData,
    finding_create,
    management_response_save,
    recommendation_create,
    unit_report_move,
)
from tests.factories import InterviewFactory, principle

# An agreement is never dated in the future (the test cycle is 2031, so use today).
AGREED_ON = timezone.localdate()
AGREED_AT = timezone.now()


def klant():
    return principle("klantgerichtheid")


def ok():
    return principle("operationele-kwaliteit")


def report_version(cycle, unit) -> int:
    report = UnitReport.objects.filter(cycle=cycle, unit=unit).first()
    return report.version if report else 0


def observe(auditor, cycle, unit, text="Teams bespreken klantsignalen wekelijks.", **kwargs):
    return finding_create(
        actor=auditor,
        cycle=cycle,
        unit=unit,
        principle=kwargs.pop("principle", None) or klant(),
        kind=kwargs.pop("kind", "observatie"),
        text=text,
    )


def recommend(auditor, cycle, unit, title="Meet het effect van verbeteracties", **kwargs):
    return recommendation_create(
        actor=auditor,
        cycle=cycle,
        unit=unit,
        principle=kwargs.pop("principle", None) or klant(),
        title=title,
        text=kwargs.pop("text", "Leg vast wat een verbeteractie heeft opgeleverd."),
        priority=kwargs.pop("priority", "hoog"),
    )


def complete(cycle, unit):
    """What agreeing a report asks (`agreement_gaps`): a submitted score and a finding for
    every principle in scope at `unit`, made where missing."""
    from audits.models import AssessedPrinciple
    from findings.models import Finding
    from maturity.models import Score
    from tests.factories import FindingFactory, ScoreFactory

    for assessed in AssessedPrinciple.objects.filter(cycle=cycle, unit=unit).select_related(
        "principle"
    ):
        where = {"cycle": cycle, "unit": unit, "principle": assessed.principle}
        score = Score.objects.filter(**where).first()
        if score is None:
            ScoreFactory(**where)
        elif score.status != "ingediend":
            Score.objects.filter(pk=score.pk).update(status="ingediend", submitted_at=AGREED_AT)
        if not Finding.objects.filter(**where).exists():
            FindingFactory(**where)


def move(actor, cycle, unit, to, *, complete_first=True, **kwargs):
    """Move the report; agreeing it first completes it (`complete`) unless told not to."""
    if to == UnitReportStatus.AFGESTEMD:
        if complete_first:
            complete(cycle, unit)
        kwargs.setdefault("agreed_on", AGREED_ON)
        kwargs.setdefault("agreed_with", "Directeur Uitkeren")
    if to == UnitReportStatus.CONCEPT:
        kwargs.setdefault("reason", "De directie wil een bevinding nader besproken zien.")
    return unit_report_move(
        actor=actor,
        cycle=cycle,
        unit=unit,
        to=to,
        expected_version=report_version(cycle, unit),
        **kwargs,
    )


def agree(actor, cycle, unit):
    return move(actor, cycle, unit, UnitReportStatus.AFGESTEMD)


def finalise(actor, cycle, unit):
    return move(actor, cycle, unit, UnitReportStatus.DEFINITIEF)


def respond(board, cycle, unit, answers, *, overall="Wij herkennen het beeld.", submit=True):
    """`answers` maps recommendations to a recognition (or an AnswerData)."""
    response = ManagementResponse.objects.filter(
        unit_report__cycle=cycle, unit_report__unit=unit
    ).first()
    return management_response_save(
        actor=board,
        cycle=cycle,
        unit=unit,
        expected_version=response.version if response else 0,
        overall=overall,
        answers={
            rec.pk: answer
            if isinstance(answer, AnswerData)
            else AnswerData(recognition=answer, explanation="Zo zien wij het ook.")
            for rec, answer in answers.items()
        },
        submit=submit,
    )


def confirmed_interview(cycle, unit, **kwargs):
    """A confirmed interview at `unit` with notes on Klantgerichtheid, with one named
    interviewee (whose name must never reach a report)."""
    kwargs.setdefault("principles", [klant()])
    kwargs.setdefault("interviewees", [("Petra Geheim", "Teamleider")])
    return InterviewFactory(cycle=cycle, unit=unit, bevestigd=True, **kwargs)
