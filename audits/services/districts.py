"""Writes of the districts, regions and departments to visit at a unit, and their random draw
(DOMAIN.md §2, "Evidence"). Each is atomic, only while fieldwork is open, and records its event."""

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from audits.constants import AUDIT_TEAM, COORDINATION, MIN_DRAW
from audits.events import (
    DISTRICT_ADDED,
    DISTRICT_REMOVED,
    DISTRICTS_DRAW_SUPERSEDED,
    DISTRICTS_DRAWN,
)
from audits.models import AuditCycle, District, DistrictDraw
from audits.rules import draw_districts
from audits.selectors.capacities import require_audit_capacity
from audits.services.cycles import require_fieldwork_open
from uwvkms.models import BusinessUnit, User
from uwvkms.services import audit_event_record


def _duplicate_name_error() -> ValidationError:
    return ValidationError({"name": _("Dit district of deze afdeling staat er al.")})


@transaction.atomic
def district_add(
    *, actor: User, cycle: AuditCycle, unit: BusinessUnit, name: str, kind: str
) -> District:
    """Add a candidate place (district, region or department; central or decentral) to visit at
    `unit` in `cycle`."""
    require_audit_capacity(actor, allowed=AUDIT_TEAM | COORDINATION, cycle=cycle, unit=unit)
    require_fieldwork_open(cycle, what=_("De kandidatenlijst"))
    name = " ".join(name.split())
    if District.objects.filter(cycle=cycle, unit=unit, name__iexact=name).exists():
        raise _duplicate_name_error()
    district = District(cycle=cycle, unit=unit, name=name, kind=kind)
    district.full_clean()
    try:
        with transaction.atomic():
            district.save()
    except IntegrityError as exc:  # a concurrent request added the same name first
        raise _duplicate_name_error() from exc
    audit_event_record(
        event=DISTRICT_ADDED,
        actor=actor,
        target=district,
        changes={"name": [None, district.name], "kind": [None, district.kind]},
    )
    return district


@transaction.atomic
def district_remove(*, actor: User, district: District) -> None:
    """Remove a candidate. Refused when the current draw picked it or an interview was held
    there: both must stay traceable. Earlier, superseded draws keep their own copy of the list."""
    require_audit_capacity(
        actor, allowed=AUDIT_TEAM | COORDINATION, cycle=district.cycle, unit=district.unit_id
    )
    require_fieldwork_open(district.cycle, what=_("De kandidatenlijst"))
    district = District.objects.select_for_update().get(pk=district.pk)
    current = DistrictDraw.objects.filter(
        cycle=district.cycle_id, unit=district.unit_id, is_current=True
    ).first()
    if current and any(name.casefold() == district.name.casefold() for name, _k in current.drawn):
        raise ValidationError(
            _("%(name)s is bij de geldende loting getrokken en kan niet worden verwijderd.")
            % {"name": district.name}
        )
    if district.interviews.exists():
        raise ValidationError(
            _("Bij %(name)s zijn interviews vastgelegd; het kan niet worden verwijderd.")
            % {"name": district.name}
        )
    audit_event_record(
        event=DISTRICT_REMOVED,
        actor=actor,
        target=district,
        changes={"name": [district.name, None], "kind": [district.kind, None]},
    )
    district.delete()


@transaction.atomic
def districts_draw(
    *,
    actor: User,
    cycle: AuditCycle,
    unit: BusinessUnit,
    count: int,
    reason: str = "",
    expected_current_id: int | None = None,
) -> DistrictDraw:
    """Draw `count` (at least `MIN_DRAW`) of the unit's candidates to visit, with a fresh random
    seed (see `audits.rules.draw_districts` for the method).

    The seed, the candidate list in order, who drew and when are stored, so anyone can redo the
    draw. A redraw needs a reason; the earlier draw is kept (no longer current) and stays visible.
    `expected_current_id` is the current draw the user saw (None: none); if another draw happened
    meanwhile nothing is drawn, so a double click never draws twice.
    """
    require_audit_capacity(actor, allowed=AUDIT_TEAM | COORDINATION, cycle=cycle, unit=unit)
    cycle = require_fieldwork_open(cycle, what=_("De loting"))
    current = (
        DistrictDraw.objects.select_for_update()
        .filter(cycle=cycle, unit=unit, is_current=True)
        .first()
    )
    if (current.pk if current else None) != expected_current_id:
        raise ValidationError(
            _("Er is intussen al (opnieuw) geloot; bekijk de geldende loting hieronder.")
        )
    reason = reason.strip()
    if current and not reason:
        raise ValidationError(
            {"reason": _("Geef een reden om opnieuw te loten; de vorige loting blijft bewaard.")}
        )
    candidates = [
        (d.name, d.kind)
        for d in District.objects.filter(cycle=cycle, unit=unit).order_by("kind", "name")
    ]
    if len(candidates) < MIN_DRAW:
        raise ValidationError(
            _("Voeg eerst ten minste %(min)s kandidaten toe; er zijn er nu %(n)s.")
            % {"min": MIN_DRAW, "n": len(candidates)}
        )
    if count < MIN_DRAW:
        raise ValidationError(
            {"count": _("Trek ten minste %(min)s districten of afdelingen.") % {"min": MIN_DRAW}}
        )
    if count > len(candidates):
        raise ValidationError(
            {
                "count": _("Er zijn maar %(n)s kandidaten; trek er minder of voeg kandidaten toe.")
                % {"n": len(candidates)}
            }
        )
    seed = secrets.randbits(63)
    drawn = draw_districts(candidates, seed=seed, count=count)

    if current:
        current.is_current = False
        current.save(update_fields=["is_current"])
        audit_event_record(
            event=DISTRICTS_DRAW_SUPERSEDED,
            actor=actor,
            target=current,
            changes={"is_current": [True, False]},
            reason=reason,
        )
    draw = DistrictDraw(
        cycle=cycle,
        unit=unit,
        seed=seed,
        count=count,
        candidates=[list(c) for c in candidates],
        drawn=[list(d) for d in drawn],
        reason=reason,
        drawn_by=actor,
    )
    draw.full_clean()
    draw.save()
    audit_event_record(
        event=DISTRICTS_DRAWN,
        actor=actor,
        target=draw,
        changes={
            "drawn": [current.drawn if current else None, draw.drawn],
            "seed": [current.seed if current else None, seed],
            "candidates": [current.candidates if current else None, draw.candidates],
        },
        reason=reason,
    )
    return draw
