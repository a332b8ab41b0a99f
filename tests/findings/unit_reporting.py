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


def move(actor, cycle, unit, to, **kwargs):
    if to == UnitReportStatus.AFGESTEMD:
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
