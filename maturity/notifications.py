"""Notifications of maturity (issue 16 §3): a score sent back to its auditors and a score
re-submitted after that, for the coordination team. Called by the score services inside their
transaction; the recipients are the people who may act on the score, nobody else."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audits.selectors.recipients import audit_team_of, coordination_team
from maturity.models import Score
from uwvkms.notifications import NotificationKind, notify

SCORE_SENT_BACK = NotificationKind(
    "maturity.score.sent_back", gettext_lazy("Score teruggestuurd ter herziening")
)
SCORE_RESUBMITTED = NotificationKind(
    "maturity.score.resubmitted", gettext_lazy("Teruggestuurde score opnieuw ingediend")
)


def _title(score: Score) -> str:
    # The unit, the principle and the year: no level, no justification (mail leaves the building).
    return _("%(principle)s bij %(unit)s (%(year)s)") % {
        "principle": score.principle,
        "unit": score.unit,
        "year": score.cycle.year,
    }


def _score_url(score: Score) -> str:
    return reverse(
        "maturity:score_edit",
        kwargs={
            "year": score.cycle.year,
            "unit_id": score.unit_id,
            "principle_code": score.principle.code,
        },
    )


def _calibration_url(score: Score) -> str:
    return reverse(
        "maturity:calibration_score", kwargs={"year": score.cycle.year, "score_id": score.pk}
    )


def notify_score_sent_back(score: Score) -> None:
    """Tell the audit team of the score's unit that the coordination team sent it back."""
    notify(
        kind=SCORE_SENT_BACK,
        recipients=audit_team_of(cycle=score.cycle, unit=score.unit),
        title=_title(score),
        url=_score_url(score),
        target=score,
    )


def notify_score_resubmitted(score: Score) -> None:
    """Tell the coordination team that a score it sent back has been submitted again."""
    notify(
        kind=SCORE_RESUBMITTED,
        recipients=coordination_team(),
        title=_title(score),
        url=_calibration_url(score),
        target=score,
    )


BLIND_PHASE_CLOSED = NotificationKind(
    "maturity.blind_phase.closed",
    gettext_lazy("Blinde fase gesloten: de spreiding van de eigen scores is zichtbaar"),
)


def notify_blind_phase_closed(*, cycle, unit, principle) -> None:
    """Tell the audit team of `unit` that the blind phase of `principle` is closed and they can
    agree the team score. Names the unit and principle only: no level, no justification."""
    notify(
        kind=BLIND_PHASE_CLOSED,
        recipients=audit_team_of(cycle=cycle, unit=unit),
        title=_("%(principle)s bij %(unit)s (%(year)s)")
        % {"principle": principle, "unit": unit, "year": cycle.year},
        url=reverse(
            "maturity:score_edit",
            kwargs={"year": cycle.year, "unit_id": unit.pk, "principle_code": principle.code},
        ),
    )
