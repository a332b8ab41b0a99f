"""Writes of the management response (DOMAIN.md §4): the unit's board answers each
recommendation of its agreed report (herkend, deels herkend, niet herkend, with an explanation
and the actions it intends) and gives an overall response; saved as a concept, then submitted,
after which it is read-only and appears in the unit report. Atomic, guarded by the response's
version, every change recorded old → new."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audits.constants import AuditCapacity
from audits.models import AuditCycle
from audits.selectors import require_audit_capacity
from findings.constants import Recognition, ResponseStatus
from findings.events import MANAGEMENT_RESPONSE_SAVED, MANAGEMENT_RESPONSE_SUBMITTED
from findings.models import ManagementResponse, Recommendation, RecommendationResponse, UnitReport
from findings.notifications import notify_management_response_submitted
from findings.unit_report_rules import response_gaps, response_open
from uwvkms.models import BusinessUnit, User
from uwvkms.services import audit_event_record
from uwvkms.versioning import version_check


class ResponseLocked(ValidationError):
    """The response cannot change now: the report is not agreed yet, or it was submitted."""


@dataclass(frozen=True)
class AnswerData:
    """The board's answer to one recommendation; `recognition` "" while not answered yet."""

    recognition: Recognition | str = ""
    explanation: str = ""
    intended_actions: str = ""


_ANSWER_FIELDS = ("recognition", "explanation", "intended_actions")


@transaction.atomic
def management_response_save(
    *,
    actor: User,
    cycle: AuditCycle,
    unit: BusinessUnit,
    expected_version: int,
    overall: str,
    answers: Mapping[int, AnswerData],
    submit: bool = False,
) -> ManagementResponse:
    """Save the board's response to the report of `unit` as a concept, or submit it.

    Open once the report is afgestemd or definitief, and until it is submitted. Submitting
    needs an answer to every recommendation (the error names the ones missing), an
    explanation where a recommendation is not (fully) recognised, and an overall response.
    `answers` maps recommendation ids of the unit's report to the answers; a recommendation
    left out or with an empty recognition has no answer (yet). `expected_version` is the
    version the board saw (0 before the first save); `EditConflict` when it moved on since.
    """
    require_audit_capacity(actor, allowed={AuditCapacity.BOARD}, cycle=cycle, unit=unit)
    report = UnitReport.objects.select_for_update().filter(cycle=cycle, unit=unit).first()
    if report is None or not response_open(report.status):
        raise ResponseLocked(
            _("Het rapport van %(unit)s is nog niet afgestemd; een reactie kan nog niet.")
            % {"unit": unit}
        )
    response = ManagementResponse.objects.select_for_update().filter(unit_report=report).first()
    version_check(response, expected_version=expected_version, what=_("De reactie"))
    if response is not None and response.status == ResponseStatus.INGEDIEND:
        raise ResponseLocked(_("De reactie is al ingediend en kan niet meer worden gewijzigd."))

    recommendations = list(Recommendation.objects.filter(cycle=cycle, unit=unit))
    known = {rec.pk for rec in recommendations}
    if set(answers) - known:
        raise ValidationError(_("Een reactie hoort bij een aanbeveling uit dit rapport."))
    cleaned = {
        rec_id: AnswerData(
            recognition=answer.recognition,
            explanation=answer.explanation.strip(),
            intended_actions=answer.intended_actions.strip(),
        )
        for rec_id, answer in answers.items()
        if answer.recognition
    }
    overall = overall.strip()
    if submit:
        _check_complete(recommendations, cleaned, overall)

    old_answers = {a.recommendation_id: a for a in response.answers.all()} if response else {}
    old = _values(response, old_answers)
    status = ResponseStatus.INGEDIEND if submit else ResponseStatus.CONCEPT
    new = {"overall": overall, "status": status} | {
        f"answers.{rec_id}.{field}": getattr(answer, field)
        for rec_id, answer in cleaned.items()
        for field in _ANSWER_FIELDS
    }
    changes = {
        key: [old.get(key), new.get(key)]
        for key in {**old, **new}
        if (old.get(key) or None) != (new.get(key) or None)
    }
    if response is not None and not changes:
        return response  # a concept saved unchanged

    if response is None:
        response = ManagementResponse(unit_report=report, version=0)
    response.overall = overall
    response.status = status
    response.submitted_at = timezone.now() if submit else None
    response.touch(actor)
    response.full_clean()
    response.save()
    for rec_id, answer in cleaned.items():
        stored = old_answers.pop(rec_id, None) or RecommendationResponse(
            response=response, recommendation_id=rec_id
        )
        for field in _ANSWER_FIELDS:
            setattr(stored, field, getattr(answer, field))
        stored.full_clean()
        stored.save()
    for stale in old_answers.values():  # answers taken back in a concept
        stale.delete()
    audit_event_record(
        event=MANAGEMENT_RESPONSE_SUBMITTED if submit else MANAGEMENT_RESPONSE_SAVED,
        actor=actor,
        target=response,
        changes=changes,
    )
    if submit:
        notify_management_response_submitted(response)
    return response


def _check_complete(
    recommendations: list[Recommendation], answers: dict[int, AnswerData], overall: str
) -> None:
    gaps = response_gaps(
        [(rec.pk, rec.title) for rec in recommendations],
        {rec_id: (a.recognition, a.explanation) for rec_id, a in answers.items()},
    )
    errors: dict[str, list[str]] = {}
    if gaps["unanswered"]:
        errors.setdefault(NON_FIELD_ERRORS, []).append(
            _("Nog niet beantwoord: %(titles)s. Geef bij elke aanbeveling aan of u haar herkent.")
            % {"titles": "; ".join(f"“{title}”" for title in gaps["unanswered"])}
        )
    if gaps["unexplained"]:
        errors.setdefault(NON_FIELD_ERRORS, []).append(
            _("Licht toe waarom u deze aanbevelingen niet of deels herkent: %(titles)s.")
            % {"titles": "; ".join(f"“{title}”" for title in gaps["unexplained"])}
        )
    if not overall:
        errors["overall"] = [_("Schrijf een algemene reactie op het rapport om in te dienen.")]
    if errors:
        raise ValidationError(errors)


def _values(response: ManagementResponse | None, answers: dict[int, RecommendationResponse]):
    if response is None:
        return {}
    return {"overall": response.overall, "status": response.status} | {
        f"answers.{rec_id}.{field}": getattr(answer, field)
        for rec_id, answer in answers.items()
        for field in _ANSWER_FIELDS
    }
