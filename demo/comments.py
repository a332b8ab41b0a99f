"""The demo's comment threads (issue 21 §4), through the services only: the two auditors of a
unit discuss a score (one mentions the other, who replies), one withdraws a comment placed
twice; the coordination team asks about a recommendation and discusses a section of the
UWV-wide report; a herstelactie's working group discusses its planning. Idempotent: a target
that has a thread already is left alone."""

from audits.models import Assignment, AuditCycle
from findings.models import Recommendation, ReportSection
from herstel.models import Herstelactie
from maturity.models import Score
from uwvkms.comments import comment_post, comment_withdraw, comments_of, target_kind
from uwvkms.models import User


def load_comment_demo(*, cycle: AuditCycle, coordinator: User) -> None:
    """Threads on a score, a recommendation and a report section of `cycle`."""
    found = _score_with_two_auditors(cycle)
    if found is not None and not comments_of(found[0]).exists():
        score, (first, second) = found
        comment_post(
            actor=first,
            target=score,
            text=f"@{second.username} is het teamplan voldoende bewijs voor dit niveau, of "
            "vragen we de kwartaalrapportage nog op?",
        )
        twice = comment_post(actor=first, target=score, text="Zie mijn vraag hierboven.")
        comment_withdraw(actor=first, comment=twice, reason="Per ongeluk twee keer geplaatst.")
        comment_post(
            actor=second,
            target=score,
            text=f"@{first.username} de kwartaalrapportage graag; het teamplan alleen laat de "
            "werking niet zien.",
        )
    recommendation = Recommendation.objects.filter(cycle=cycle).order_by("id").first()
    if recommendation is not None and not comments_of(recommendation).exists():
        comment_post(
            actor=coordinator,
            target=recommendation,
            text="Deze aanbeveling lijkt op die bij andere onderdelen: nemen we haar mee in de "
            "rode draden?",
        )
    section = ReportSection.objects.filter(cycle=cycle, chapter__isnull=False).first()
    if section is not None and not comments_of(section).exists():
        comment_post(
            actor=coordinator,
            target=section,
            text="Ik heb de eerste alinea ingekort; wil iemand de cijfers nog nalopen?",
        )


def _score_with_two_auditors(cycle: AuditCycle):
    for score in Score.objects.filter(cycle=cycle).select_related("unit").order_by("id"):
        team = [
            a.auditor
            for a in Assignment.objects.filter(cycle=cycle, unit=score.unit)
            .select_related("auditor")
            .order_by("-is_lead", "id")
        ]
        if len(team) >= 2:
            return score, (team[0], team[1])
    return None


def load_herstel_comment_demo() -> None:
    """A thread on the first herstelactie, by its starter (a lead adviser)."""
    action = Herstelactie.objects.order_by("id").first()
    if action is None or comments_of(action).exists():
        return
    if not target_kind(action).writable_by(action.started_by, action):
        return
    comment_post(
        actor=action.started_by,
        target=action,
        text="Planning: het advies gaat vóór de volgende DT-vergadering rond. Opmerkingen "
        "graag hier.",
    )
