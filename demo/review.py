"""Review before submission in the demo (issue 21 §3): the fieldwork of the demo cycle is
reviewed through the services before its scores are submitted (the lead auditor reviews; where
the lead wrote it, the other auditor of the team), and of the findings written afterwards most
are reviewed, a few wait klaar voor review and one is sent back with a note."""

from audits.models import Assignment, AuditCycle, DocumentCheck, Interview
from findings.models import Finding, Recommendation
from uwvkms.models import User
from uwvkms.review import (
    Reviewable,
    ReviewStatus,
    may_review,
    review_approve,
    review_request,
    review_send_back,
    standing_of,
)

SENT_BACK_NOTE = (
    "De observatie noemt geen bron. Verwijs naar het interview of document waaruit dit blijkt."
)


def _teams(cycle: AuditCycle) -> dict[int, list[User]]:
    teams: dict[int, list[User]] = {}
    for assignment in (
        Assignment.objects.filter(cycle=cycle).select_related("auditor").order_by("-is_lead", "id")
    ):
        teams.setdefault(assignment.unit_id, []).append(assignment.auditor)
    return teams


def _author(record: Reviewable, team: list[User]) -> User | None:
    """Who marks it ready: its author when they are on the team, else the team's first."""
    ids = record.review_author_ids()
    return next((a for a in team if a.pk in ids), team[0] if team else None)


def _reviewer(record: Reviewable, team: list[User]) -> User | None:
    for candidate in team:
        standing = standing_of(candidate, cycle_id=record.cycle_id, unit_id=record.unit_id)
        if may_review(
            user_id=candidate.pk, author_ids=record.review_author_ids(), standing=standing
        ):
            return candidate
    return None


def _ready(record: Reviewable, team: list[User]) -> Reviewable:
    if record.review_status != ReviewStatus.CONCEPT:
        return record
    return review_request(
        actor=_author(record, team), record=record, expected_version=record.version
    )


def _approve(record: Reviewable, team: list[User]) -> None:
    record = _ready(record, team)
    if record.review_status == ReviewStatus.KLAAR:
        review_approve(
            actor=_reviewer(record, team), record=record, expected_version=record.version
        )


def review_fieldwork(*, cycle: AuditCycle) -> None:
    """Every interview record and judged document of the cycle reviewed by another than its
    author, so the scores can be submitted (run before scoring; again it changes nothing)."""
    teams = _teams(cycle)
    records = [
        *Interview.objects.filter(cycle=cycle),
        *DocumentCheck.objects.filter(cycle=cycle).exclude(status="open"),
    ]
    for record in records:
        _approve(record, teams.get(record.unit_id, []))


def review_findings(*, cycle: AuditCycle) -> None:
    """The findings and recommendations written after the scores: most beoordeeld, the last
    two of the list klaar voor review, and one finding sent back with a note (only the first
    time: a record that moved on is left as it is)."""
    teams = _teams(cycle)
    records = [
        *Finding.objects.filter(cycle=cycle).order_by("unit__name", "id"),
        *Recommendation.objects.filter(cycle=cycle).order_by("unit__name", "id"),
    ]
    if not records or any(r.review_status != ReviewStatus.CONCEPT for r in records):
        return
    sent_back, waiting = records[0], records[-2:]
    for record in records:
        team = teams.get(record.unit_id, [])
        if record in waiting:
            _ready(record, team)
        elif record is sent_back:
            record = _ready(record, team)
            review_send_back(
                actor=_reviewer(record, team),
                record=record,
                expected_version=record.version,
                note=SENT_BACK_NOTE,
            )
        else:
            _approve(record, team)
