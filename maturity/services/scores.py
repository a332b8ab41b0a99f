"""Writes of the maturity scores: atomic, with a history row, guarded by the score's version."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats
from django.utils.translation import gettext as _

from audits.constants import SCORING_OPEN
from audits.models import AuditCycle, ManagementPrinciple
from audits.selectors import is_assessed
from maturity.models import Score, ScoreChange
from uwvkms.models import BusinessUnit, User


class ScoreConflict(ValidationError):
    """Someone else saved the score after this user opened it (optimistic locking)."""


@transaction.atomic
def score_record(
    *,
    actor: User,
    cycle: AuditCycle,
    unit: BusinessUnit,
    principle: ManagementPrinciple,
    level: int,
    justification: str,
    expected_version: int,
    reason: str = "",
) -> Score:
    """Record or change the maturity score of `unit` for `principle` in `cycle`.

    `expected_version` is the version the user saw (0 for a score that did not exist yet); when the
    score has moved on since, the save is refused with `ScoreConflict` and nothing changes. A
    changed level needs a reason. Every save writes a `ScoreChange`.
    """
    if cycle.status not in SCORING_OPEN:
        raise ValidationError(
            _("De toetscyclus staat op %(status)s: scores kunnen niet meer worden gewijzigd.")
            % {"status": cycle.get_status_display()}
        )
    if not is_assessed(cycle=cycle, unit=unit, principle=principle):
        raise ValidationError(
            _("%(principle)s wordt bij %(unit)s niet getoetst.")
            % {"principle": principle, "unit": unit}
        )
    justification = justification.strip()
    reason = reason.strip()

    score = (
        Score.objects.select_for_update()
        .select_related("updated_by")
        .filter(cycle=cycle, unit=unit, principle=principle)
        .first()
    )
    current_version = score.version if score else 0
    if expected_version != current_version:
        raise ScoreConflict(_conflict_message(score))

    if score is None:
        score = Score(
            cycle=cycle,
            unit=unit,
            principle=principle,
            level=level,
            justification=justification,
            updated_by=actor,
        )
        score.full_clean()
        try:
            with transaction.atomic():
                score.save()
        except IntegrityError as exc:  # created concurrently by someone else
            raise ScoreConflict(_conflict_message(None)) from exc
        old_level, old_justification, event = None, "", "maturity.score.recorded"
    else:
        if level == score.level and justification == score.justification:
            return score
        if level != score.level and not reason:
            raise ValidationError({"reason": _("Geef een reden voor het wijzigen van de score.")})
        old_level, old_justification, event = (
            score.level,
            score.justification,
            "maturity.score.changed",
        )
        score.level = level
        score.justification = justification
        score.updated_by = actor
        score.version = current_version + 1
        score.full_clean()
        score.save(update_fields=["level", "justification", "updated_by", "version", "updated_at"])

    ScoreChange.objects.create(
        score=score,
        event=event,
        changed_by=actor,
        old_level=old_level,
        new_level=level,
        old_justification=old_justification,
        new_justification=justification,
        reason=reason,
    )
    return score


def _conflict_message(score: Score | None) -> str:
    if score is None:
        return _(
            "Deze score is intussen door iemand anders vastgelegd. Uw invoer is niet opgeslagen; "
            "bekijk de actuele score en pas die zo nodig aan."
        )
    return _(
        "Deze score is intussen gewijzigd door %(who)s (%(when)s). Uw invoer is niet opgeslagen; "
        "bekijk de actuele score en pas die zo nodig aan."
    ) % {"who": score.updated_by, "when": formats.date_format(score.updated_at, "DATETIME_FORMAT")}
