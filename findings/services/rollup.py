"""Writes of the roll-up (DOMAIN.md §4, "Roll-up"): the thread threshold of a cycle, themes,
grouping recommendations into them, and confirming a proposed hoofdbevinding with UWV-wide
advice. Each is atomic, locks the cycle row (so the verdict a guard reads cannot move under it),
refuses once the cycle is published, and records old → new in the same transaction."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audits.constants import COORDINATION
from audits.models import AuditCycle
from audits.selectors import require_audit_capacity
from audits.services.locks import cycle_lock
from findings.events import (
    MAIN_FINDING_CHANGED,
    MAIN_FINDING_CONFIRMED,
    MAIN_FINDING_REMOVED,
    THEME_CHANGED,
    THEME_CREATED,
    THEME_RECOMMENDATIONS_ADDED,
    THEME_RECOMMENDATIONS_REMOVED,
    THEME_WITHDRAWN,
)
from findings.models import MainFinding, Recommendation, RollupSettings, Theme, ThemeMembership
from findings.selectors.rollup import (
    THRESHOLD_EVENT,
    recommendation_label,
    rollup_editable,
    theme_verdict_of,
    thread_threshold,
)
from uwvkms.changes import changes_between
from uwvkms.models import User
from uwvkms.services import audit_event_record
from uwvkms.versioning import model_update, version_check
from uwvkms.withdrawal import withdraw

MIN_THRESHOLD = 2
MAX_THRESHOLD = 50


def _lock_editable_cycle(cycle: AuditCycle) -> AuditCycle:
    cycle = cycle_lock(cycle.pk)
    if not rollup_editable(cycle):
        raise ValidationError(
            _(
                "Toetscyclus %(year)s is gepubliceerd: de indeling in thema's en de "
                "hoofdbevindingen liggen vast."
            )
            % {"year": cycle.year}
        )
    return cycle


def _lock_current_theme(theme: Theme) -> Theme:
    """The theme locked; a withdrawn theme is no longer changed (refused with its withdrawal)."""
    theme = Theme.with_withdrawn.select_for_update().get(pk=theme.pk)
    if theme.is_withdrawn:
        raise ValidationError(
            _("Dit thema is ingetrokken (%(summary)s) en wordt niet meer gewijzigd.")
            % {"summary": theme.withdrawal_summary()},
            code="withdrawn",
        )
    return theme


# --- the threshold --------------------------------------------------------------------------


@transaction.atomic
def rollup_threshold_set(*, actor: User, cycle: AuditCycle, threshold: int) -> RollupSettings:
    """Set at how many counted units a theme of `cycle` becomes a rode draad (at least 2: one
    unit is no common thread). Recorded old → new on the cycle; an unchanged value stores
    nothing. The verdicts follow at once: they are computed, never stored."""
    require_audit_capacity(actor, allowed=COORDINATION)
    cycle = _lock_editable_cycle(cycle)
    if isinstance(threshold, bool) or not isinstance(threshold, int):
        raise ValidationError({"thread_threshold": _("Vul een geheel aantal onderdelen in.")})
    if not MIN_THRESHOLD <= threshold <= MAX_THRESHOLD:
        raise ValidationError(
            {
                "thread_threshold": _(
                    "De drempel is ten minste %(min)s en ten hoogste %(max)s onderdelen: een "
                    "rode draad komt bij meer dan één onderdeel terug."
                )
                % {"min": MIN_THRESHOLD, "max": MAX_THRESHOLD}
            }
        )
    old = thread_threshold(cycle)
    settings_row, created = RollupSettings.objects.get_or_create(cycle=cycle)
    if old == threshold and not created:
        return settings_row
    settings_row.thread_threshold = threshold
    settings_row.full_clean()
    settings_row.save(update_fields=["thread_threshold"])
    if old != threshold:
        audit_event_record(
            event=THRESHOLD_EVENT,
            actor=actor,
            target=cycle,
            changes={"thread_threshold": [old, threshold]},
        )
    return settings_row


# --- themes ---------------------------------------------------------------------------------


def _clean_title(title: str) -> str:
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Geef het thema een titel.")})
    return title


@transaction.atomic
def theme_create(*, actor: User, cycle: AuditCycle, title: str, description: str = "") -> Theme:
    """A new, empty theme of `cycle` for the roll-up team to group recommendations into."""
    require_audit_capacity(actor, allowed=COORDINATION)
    cycle = _lock_editable_cycle(cycle)
    theme = Theme(
        cycle=cycle,
        title=_clean_title(title),
        description=description.strip(),
        updated_by=actor,
    )
    theme.full_clean()
    theme.save()
    audit_event_record(
        event=THEME_CREATED,
        actor=actor,
        target=theme,
        changes={
            "title": [None, theme.title],
            **({"description": [None, theme.description]} if theme.description else {}),
        },
    )
    return theme


@transaction.atomic
def theme_update(
    *, actor: User, theme: Theme, expected_version: int, title: str, description: str
) -> Theme:
    """Change a theme's title and description. Refused with `EditConflict` when the theme moved
    on since `expected_version`; recorded old → new per field; an unchanged save stores
    nothing."""
    require_audit_capacity(actor, allowed=COORDINATION)
    _lock_editable_cycle(theme.cycle)
    theme = _lock_current_theme(theme)
    version_check(theme, expected_version=expected_version, what=_("Dit thema"))
    new = {"title": _clean_title(title), "description": description.strip()}
    changes = model_update(theme, actor=actor, data=new)
    if not changes:
        return theme
    audit_event_record(event=THEME_CHANGED, actor=actor, target=theme, changes=changes)
    return theme


@transaction.atomic
def theme_withdraw(*, actor: User, theme: Theme, expected_version: int, reason: str) -> Theme:
    """Withdraw a theme made in error (issue 17, "undo with a trace"), with a reason: the
    coordination team, until the report is published. It stays on the roll-up board struck
    through with who, when and why; it leaves every verdict, count and the report, and so does
    its hoofdbevinding, if it had one (read through the theme, `theme__withdrawn_at`). Its
    grouping is kept as it was. Refused once withdrawn and with `EditConflict` when it moved on
    since `expected_version`."""
    require_audit_capacity(actor, allowed=COORDINATION)
    _lock_editable_cycle(theme.cycle)
    theme = Theme.with_withdrawn.select_for_update().get(pk=theme.pk)
    if not theme.is_withdrawn:
        version_check(theme, expected_version=expected_version, what=_("Dit thema"))
    changes = withdraw(theme, actor=actor, reason=reason, what=_("Dit thema"))
    theme.save(update_fields=theme.touch(actor))
    audit_event_record(
        event=THEME_WITHDRAWN,
        actor=actor,
        target=theme,
        changes=changes,
        reason=theme.withdrawal_reason,
    )
    return theme


def _members_of(theme: Theme) -> list[Recommendation]:
    return list(
        Recommendation.objects.filter(memberships__theme=theme)
        .select_related("unit", "principle")
        .order_by("unit__name", "principle__order", "id")
    )


@transaction.atomic
def theme_recommendations_add(
    *, actor: User, theme: Theme, recommendations: Iterable[Recommendation]
) -> list[Recommendation]:
    """Group `recommendations` (of the theme's cycle) into `theme`, each with who and when. A
    recommendation may belong to several themes; one already in this theme is left as it is.
    Returns those newly added; the change is recorded as the member list old → new."""
    require_audit_capacity(actor, allowed=COORDINATION)
    _lock_editable_cycle(theme.cycle)
    theme = _lock_current_theme(theme)
    recommendations = list(recommendations)
    if any(r.cycle_id != theme.cycle_id for r in recommendations):
        raise ValidationError(_("Een thema bevat alleen aanbevelingen uit zijn eigen toetscyclus."))
    before = _members_of(theme)
    present = {r.pk for r in before}
    added = [r for r in dict.fromkeys(recommendations) if r.pk not in present]
    if not added:
        return []
    ThemeMembership.objects.bulk_create(
        ThemeMembership(theme=theme, recommendation=r, added_by=actor) for r in added
    )
    after = _members_of(theme)
    audit_event_record(
        event=THEME_RECOMMENDATIONS_ADDED,
        actor=actor,
        target=theme,
        changes={
            "recommendations": [
                [recommendation_label(r) for r in before],
                [recommendation_label(r) for r in after],
            ]
        },
    )
    return added


@transaction.atomic
def theme_recommendations_remove(
    *, actor: User, theme: Theme, recommendations: Iterable[Recommendation]
) -> list[Recommendation]:
    """Take `recommendations` out of `theme` (they stay in any other theme). Returns those that
    were in it; the change is recorded as the member list old → new."""
    require_audit_capacity(actor, allowed=COORDINATION)
    _lock_editable_cycle(theme.cycle)
    theme = _lock_current_theme(theme)
    ids = {r.pk for r in recommendations}
    before = _members_of(theme)
    removed = [r for r in before if r.pk in ids]
    if not removed:
        return []
    ThemeMembership.objects.filter(theme=theme, recommendation_id__in=ids).delete()
    audit_event_record(
        event=THEME_RECOMMENDATIONS_REMOVED,
        actor=actor,
        target=theme,
        changes={
            "recommendations": [
                [recommendation_label(r) for r in before],
                [recommendation_label(r) for r in before if r.pk not in ids],
            ]
        },
    )
    return removed


# --- hoofdbevindingen -----------------------------------------------------------------------


def _clean_main_finding(title: str, advice: str) -> tuple[str, str]:
    errors = {}
    if not title.strip():
        errors["title"] = _("Geef de hoofdbevinding een titel.")
    if not advice.strip():
        errors["advice"] = _("Geef het UWV-brede advies bij deze hoofdbevinding.")
    if errors:
        raise ValidationError(errors)
    return title.strip(), advice.strip()


@transaction.atomic
def main_finding_confirm(*, actor: User, theme: Theme, title: str, advice: str) -> MainFinding:
    """Confirm the hoofdbevinding `findings.rules.theme_verdict` proposes for `theme`, with a
    title and UWV-wide advice. Refused when the rule does not (or no longer) propose it, or when
    the theme already has one."""
    require_audit_capacity(actor, allowed=COORDINATION)
    _lock_editable_cycle(theme.cycle)
    theme = _lock_current_theme(theme)
    title, advice = _clean_main_finding(title, advice)
    if MainFinding.objects.filter(theme=theme).exists():
        raise ValidationError(_("Dit thema heeft al een hoofdbevinding."))
    if not theme_verdict_of(theme).propose_main_finding:
        raise ValidationError(
            _(
                "Dit thema wordt niet (meer) als hoofdbevinding voorgesteld: het is geen rode "
                "draad onder alle getoetste principes."
            )
        )
    main_finding = MainFinding(theme=theme, title=title, advice=advice, updated_by=actor)
    main_finding.full_clean()
    main_finding.save()
    audit_event_record(
        event=MAIN_FINDING_CONFIRMED,
        actor=actor,
        target=theme,
        changes={"main_finding_title": [None, title], "advice": [None, advice]},
    )
    return main_finding


@transaction.atomic
def main_finding_update(
    *, actor: User, main_finding: MainFinding, expected_version: int, title: str, advice: str
) -> MainFinding:
    """Change a hoofdbevinding's title and advice, guarded by `expected_version`; recorded
    old → new on its theme."""
    require_audit_capacity(actor, allowed=COORDINATION)
    _lock_editable_cycle(main_finding.theme.cycle)
    main_finding = (
        MainFinding.objects.select_for_update(of=("self",))
        .select_related("theme")
        .get(pk=main_finding.pk)
    )
    version_check(main_finding, expected_version=expected_version, what=_("Deze hoofdbevinding"))
    title, advice = _clean_main_finding(title, advice)
    # Recorded on the theme, where "title" would be the theme's own: hence the key's prefix.
    changes = changes_between(
        {"main_finding_title": main_finding.title, "advice": main_finding.advice},
        {"main_finding_title": title, "advice": advice},
    )
    if not changes:
        return main_finding
    main_finding.title, main_finding.advice = title, advice
    touched = main_finding.touch(actor)
    main_finding.full_clean()
    main_finding.save(update_fields=["title", "advice", *touched])
    audit_event_record(
        event=MAIN_FINDING_CHANGED,
        actor=actor,
        target=main_finding.theme,
        changes=changes,
    )
    return main_finding


@transaction.atomic
def main_finding_remove(
    *, actor: User, main_finding: MainFinding, expected_version: int, reason: str
) -> None:
    """Withdraw a hoofdbevinding, with a reason. Its title and advice stay in the theme's
    history; the theme itself stays."""
    require_audit_capacity(actor, allowed=COORDINATION)
    _lock_editable_cycle(main_finding.theme.cycle)
    main_finding = (
        MainFinding.objects.select_for_update(of=("self",))
        .select_related("theme")
        .get(pk=main_finding.pk)
    )
    version_check(main_finding, expected_version=expected_version, what=_("Deze hoofdbevinding"))
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden waarom de hoofdbevinding vervalt.")})
    theme = main_finding.theme
    audit_event_record(
        event=MAIN_FINDING_REMOVED,
        actor=actor,
        target=theme,
        changes={
            "main_finding_title": [main_finding.title, None],
            "advice": [main_finding.advice, None],
        },
        reason=reason.strip(),
    )
    main_finding.delete()
