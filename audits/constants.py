"""Choices and reference data of the audit cycle (DOMAIN.md §2)."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class CycleStatus(models.TextChoices):
    """Where an audit cycle stands; it moves forward through these in order."""

    VOORBEREIDING = "voorbereiding", _("Voorbereiding")
    VELDWERK = "veldwerk", _("Veldwerk")
    KALIBRATIE = "kalibratie", _("Kalibratie")
    OPROLLEN = "oprollen", _("Oprollen")
    GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")


# Statuses in which auditors may still record or change scores.
SCORING_OPEN = frozenset({CycleStatus.VOORBEREIDING, CycleStatus.VELDWERK})

# The one way forward for a cycle's status (a state machine as data).
NEXT_STATUS: dict[str, str] = {
    CycleStatus.VOORBEREIDING: CycleStatus.VELDWERK,
    CycleStatus.VELDWERK: CycleStatus.KALIBRATIE,
    CycleStatus.KALIBRATIE: CycleStatus.OPROLLEN,
    CycleStatus.OPROLLEN: CycleStatus.GEPUBLICEERD,
}

# A step back, before publication only (issue 17): the coordination team undoes a phase moved
# on too early, with a reason. A published cycle stays published.
PREVIOUS_STATUS: dict[str, str] = {
    CycleStatus.VELDWERK: CycleStatus.VOORBEREIDING,
    CycleStatus.KALIBRATIE: CycleStatus.VELDWERK,
    CycleStatus.OPROLLEN: CycleStatus.KALIBRATIE,
}

# What a move to each phase means, as the confirmation page says it before the move is made.
PHASE_CONSEQUENCES: dict[str, str] = {
    CycleStatus.VELDWERK: _(
        "Het veldwerk begint: toetsers leggen documenten, interviews en scores vast. De scope, "
        "de toetsteams en de getrokken districten liggen daarna vast."
    ),
    CycleStatus.KALIBRATIE: _(
        "De scores gaan de kalibratie in: toetsers kunnen ze niet meer zelf wijzigen; het "
        "coördinatieteam bespreekt ze in kalibratiesessies en kan ze terugsturen of bijstellen."
    ),
    CycleStatus.OPROLLEN: _(
        "De vastgestelde scores worden opgerold: de rapporten per onderdeel worden afgestemd, de "
        "rode draden en hoofdbevindingen bepaald en het UWV-brede rapport geschreven. "
        "Interviewverslagen die dan nog op bevestiging wachten, kunnen niet meer worden "
        "bevestigd: het verzoek vervalt en het verslag gaat terug naar concept."
    ),
    CycleStatus.GEPUBLICEERD: _(
        "De cyclus is afgerond: het Definitieve rapport is wat de Raad van Bestuur leest; er "
        "volgt geen fase meer en de cyclus kan niet meer terug."
    ),
}

# Statuses in which fieldwork (scope, teams, draws, documents, interviews) may still change.
FIELDWORK_OPEN = frozenset({CycleStatus.VOORBEREIDING, CycleStatus.VELDWERK})


class LocationKind(models.TextChoices):
    """Interviews cover central and decentral parts of a unit (DOMAIN.md §2, "Evidence")."""

    CENTRAAL = "centraal", _("Centraal")
    DECENTRAAL = "decentraal", _("Decentraal")


class DocumentStatus(models.TextChoices):
    """Whether a unit delivered a document of the documentation list."""

    OPEN = "open", _("Nog niet beoordeeld")
    GELEVERD = "geleverd", _("Geleverd")
    NIET_GELEVERD = "niet_geleverd", _("Niet geleverd")
    NVT = "nvt", _("Niet van toepassing")


class InterviewStatus(models.TextChoices):
    """An interview counts as evidence only once the interviewees confirmed the record."""

    CONCEPT = "concept", _("Concept")
    TER_BEVESTIGING = "ter_bevestiging", _("Ter bevestiging")
    BEVESTIGD = "bevestigd", _("Bevestigd")
    CORRECTIE_GEVRAAGD = "correctie_gevraagd", _("Correctie gevraagd")


class InterviewAction(models.TextChoices):
    """The moves of an interview record; see INTERVIEW_TRANSITIONS."""

    SEND = "send", _("Ter bevestiging sturen")
    CONFIRM = "confirm", _("Bevestiging vastleggen")
    REQUEST_CORRECTION = "request_correction", _("Correctieverzoek vastleggen")
    REOPEN = "reopen", _("Terug naar concept")


# (from status, action) → to status. Only these moves exist.
INTERVIEW_TRANSITIONS: dict[tuple[str, str], str] = {
    (InterviewStatus.CONCEPT, InterviewAction.SEND): InterviewStatus.TER_BEVESTIGING,
    (InterviewStatus.TER_BEVESTIGING, InterviewAction.CONFIRM): InterviewStatus.BEVESTIGD,
    (InterviewStatus.TER_BEVESTIGING, InterviewAction.REQUEST_CORRECTION): (
        InterviewStatus.CORRECTIE_GEVRAAGD
    ),
    (InterviewStatus.TER_BEVESTIGING, InterviewAction.REOPEN): InterviewStatus.CONCEPT,
    (InterviewStatus.CORRECTIE_GEVRAAGD, InterviewAction.SEND): InterviewStatus.TER_BEVESTIGING,
}


class InterviewActor(models.TextChoices):
    """Who moves an interview record: the unit's audit team, or an interviewee linked to the
    record by their user account (self-service confirmation)."""

    AUDIT_TEAM = "audit_team", _("Toetsteam")
    INTERVIEWEE = "interviewee", _("Geïnterviewde")


# (from status, action) → who may make that move. The audit team makes every move (a
# confirmation received by mail included); a linked interviewee only answers a record sent to
# them for confirmation.
INTERVIEW_MOVERS: dict[tuple[str, str], frozenset[str]] = {
    (InterviewStatus.CONCEPT, InterviewAction.SEND): frozenset({InterviewActor.AUDIT_TEAM}),
    (InterviewStatus.TER_BEVESTIGING, InterviewAction.CONFIRM): frozenset(
        {InterviewActor.AUDIT_TEAM, InterviewActor.INTERVIEWEE}
    ),
    (InterviewStatus.TER_BEVESTIGING, InterviewAction.REQUEST_CORRECTION): frozenset(
        {InterviewActor.AUDIT_TEAM, InterviewActor.INTERVIEWEE}
    ),
    (InterviewStatus.TER_BEVESTIGING, InterviewAction.REOPEN): frozenset(
        {InterviewActor.AUDIT_TEAM}
    ),
    (InterviewStatus.CORRECTIE_GEVRAAGD, InterviewAction.SEND): frozenset(
        {InterviewActor.AUDIT_TEAM}
    ),
}

# Interview records can be edited only in these statuses; a confirmed record is final.
INTERVIEW_EDITABLE = frozenset({InterviewStatus.CONCEPT, InterviewStatus.CORRECTIE_GEVRAAGD})

# A record entered in error is withdrawn (issue 17) while it is not yet evidence: a concept, a
# record sent back for correction, or one awaiting confirmation (its open request then goes
# with it). A confirmed record is evidence the scores may cite; it stays.
INTERVIEW_WITHDRAWABLE = frozenset(
    {
        InterviewStatus.CONCEPT,
        InterviewStatus.CORRECTIE_GEVRAAGD,
        InterviewStatus.TER_BEVESTIGING,
    }
)

# The confirmation window (issue 17): a record sent for confirmation during fieldwork can be
# confirmed (or a correction asked) until calibration closes, that is until the cycle moves on
# to the roll-up. Then the open requests are withdrawn (see `interview_requests_close`).
CONFIRMATION_OPEN = frozenset(
    {CycleStatus.VOORBEREIDING, CycleStatus.VELDWERK, CycleStatus.KALIBRATIE}
)


class ConfirmationChannel(models.TextChoices):
    """How an interviewee's confirmation reached the audit team. A linked interviewee confirms
    in the app; the auditor records any other way it came in, with its date."""

    APP = "app", _("In de app")
    EMAIL = "email", _("Per e-mail")
    PERSOONLIJK = "persoonlijk", _("Persoonlijk")
    TELEFONISCH = "telefonisch", _("Telefonisch")
    BRIEF = "brief", _("Per brief")
    # Interviews confirmed before confirmation per interviewee (migration 0010): the record
    # was confirmed as a whole; how each interviewee confirmed was not recorded.
    EERDER = "eerder", _("Als geheel bevestigd (vóór bevestiging per geïnterviewde)")


# The channels an auditor may record for an interviewee (in the app is the interviewee's own).
RECORDED_CHANNELS = (
    ConfirmationChannel.EMAIL,
    ConfirmationChannel.PERSOONLIJK,
    ConfirmationChannel.TELEFONISCH,
    ConfirmationChannel.BRIEF,
)

# Minimum number of districts/departments drawn per unit (DOMAIN.md §2).
MIN_DRAW = 2

# Statuses in which the cycle's period and its exclusions may still change: until the report is
# published, because a published report must stay exactly what its readers read (DOMAIN.md §5).
BEFORE_PUBLICATION = frozenset(
    {CycleStatus.VOORBEREIDING, CycleStatus.VELDWERK, CycleStatus.KALIBRATIE, CycleStatus.OPROLLEN}
)

# After this many consecutive yearly cycles every management principle has been covered
# (DOMAIN.md §2, "Three-year cycle").
COVERAGE_WINDOW_YEARS = 3


class CoverageStatus(models.TextChoices):
    """How a three-year window stands in covering every principle; see `rules.three_year_coverage`."""

    COMPLETE = "complete", _("Alle principes behandeld")
    ON_TRACK = "on_track", _("Op schema")
    BEHIND = "behind", _("Achter op schema")
    LEFT_OUT = "left_out", _("Principes blijven buiten de cyclus")


# --- Who acts in the audit chain (see audits.selectors.capacities) -----------------------------


class AuditCapacity(StrEnum):
    """In which capacity someone acts on one unit's audit. A person may hold several (a lead
    auditor is also an auditor; a coordinator may sit on a board)."""

    AUDITOR = "auditor"  # on the unit's audit team: records evidence, scores, writes findings
    LEAD_AUDITOR = "lead_auditor"  # leads the unit's audit team: agrees the report with the board
    COORDINATOR = "coordinator"  # the coordination team: runs the cycle for every unit
    BOARD = "board"  # the unit's own board (Directie bedrijfsonderdeel of that unit)
    # Designated by the unit's board: answers its own unit's evidence requests, nothing else.
    QUALITY_CONTACT = "quality_contact"
    RVB = "rvb"  # the executive board


# The capacities that work on a unit's audit (the audit team and the coordination team).
AUDIT_TEAM = frozenset({AuditCapacity.AUDITOR})
COORDINATION = frozenset({AuditCapacity.COORDINATOR})
# The unit's side of an evidence request: its board and the quality contacts it designated.
UNIT_SIDE = frozenset({AuditCapacity.BOARD, AuditCapacity.QUALITY_CONTACT})


class TeamRole(models.TextChoices):
    """Someone's place on a unit's audit team, as the team matrix sets it (issue 17)."""

    NONE = "", _("–")
    MEMBER = "member", _("Toetser")
    LEAD = "lead", _("Lead")


# How many auditors the rotation rule proposes for a unit that had no team before.
DEFAULT_TEAM_SIZE = 2


class ReferenceTextKey(models.TextChoices):
    """The fixed texts of the UWV-wide report kept with the reference data (`ReferenceText`)."""

    PRINCIPLES_INTRODUCTION = (
        "bijlage_2_inleiding",
        _("Inleiding van Bijlage 2 Managementprincipes"),
    )


# --- Evidence requests to the unit (issue 21 §1; audits.request_rules) -------------------------


class RequestItemStatus(models.TextChoices):
    """Where one item of a unit's request list stands."""

    OPEN = "open", _("Open")
    GELEVERD = "geleverd", _("Geleverd")
    BESTAAT_NIET = "bestaat_niet", _("Bestaat niet")
    NVT = "nvt", _("Niet van toepassing")
    AANVULLEND = "aanvullend_gevraagd", _("Aanvullend gevraagd")


class RequestItemAction(models.TextChoices):
    """What can be done with an item of a request list; see REQUEST_ITEM_TRANSITIONS."""

    DELIVER = "deliver", _("Bestand aanleveren")
    NOT_EXISTING = "bestaat_niet", _("Bestaat niet")
    NOT_APPLICABLE = "nvt", _("Niet van toepassing")
    ASK_MORE = "ask_more", _("Aanvullend vragen")
    MESSAGE = "message", _("Bericht plaatsen")
    WITHDRAW = "withdraw", _("Intrekken")


# Statuses in which the unit still has to answer an item (the open items of the list).
REQUEST_ITEM_OPEN = frozenset({RequestItemStatus.OPEN, RequestItemStatus.AANVULLEND})
# Statuses in which the unit has answered.
REQUEST_ITEM_ANSWERED = frozenset(
    {RequestItemStatus.GELEVERD, RequestItemStatus.BESTAAT_NIET, RequestItemStatus.NVT}
)

# (from status, action) → to status, for the moves that change the status. A message and a
# withdrawal leave the status as it is.
REQUEST_ITEM_TRANSITIONS: dict[tuple[str, str], str] = {
    **{(s, RequestItemAction.DELIVER): RequestItemStatus.GELEVERD for s in REQUEST_ITEM_OPEN},
    **{
        (s, RequestItemAction.NOT_EXISTING): RequestItemStatus.BESTAAT_NIET
        for s in REQUEST_ITEM_OPEN
    },
    **{(s, RequestItemAction.NOT_APPLICABLE): RequestItemStatus.NVT for s in REQUEST_ITEM_OPEN},
    **{
        (s, RequestItemAction.ASK_MORE): RequestItemStatus.AANVULLEND for s in REQUEST_ITEM_ANSWERED
    },
}

# Who makes each move: the unit's side answers, the audit team asks, the lead withdraws.
REQUEST_ITEM_MOVERS: dict[str, frozenset[AuditCapacity]] = {
    RequestItemAction.DELIVER: UNIT_SIDE,
    RequestItemAction.NOT_EXISTING: UNIT_SIDE,
    RequestItemAction.NOT_APPLICABLE: UNIT_SIDE,
    RequestItemAction.ASK_MORE: AUDIT_TEAM,
    RequestItemAction.MESSAGE: UNIT_SIDE | AUDIT_TEAM,
    RequestItemAction.WITHDRAW: frozenset({AuditCapacity.LEAD_AUDITOR}),
}


class RequestSide(models.TextChoices):
    """Who wrote a message in an item's request thread."""

    TEAM = "team", _("Toetsteam")
    UNIT = "unit", _("Onderdeel")


class StandardDocumentUse(models.TextChoices):
    """How a unit stands on one item of the documentation list, in the cross-unit view."""

    GELEVERD = "geleverd", _("Geleverd")
    NIET = "niet", _("Niet geleverd")
    NVT = "nvt", _("N.v.t.")
    BESTAAT_NIET = "bestaat_niet", _("Bestaat niet")
    NIET_GEVRAAGD = "niet_gevraagd", _("Niet gevraagd")


# A request list's due date lies at most this many days ahead.
REQUEST_MAX_DAYS_AHEAD = 365
# Days before the due date on which the unit is reminded of its open items.
REQUEST_REMINDER_DAYS = 5
# --- The audit's own evaluation (issue 21 §6) -------------------------------------------------


class HoursKind(models.TextChoices):
    """How an auditor records the hours spent on a unit: per week, or one total at the end."""

    WEEK = "week", _("Per week")
    TOTAL = "totaal", _("Totaal")


# At most this many hours in one week on one unit; one total at most this many (max_digits 6).
HOURS_PER_WEEK_MAX = 60
HOURS_TOTAL_MAX = 2000


class LessonTheme(models.TextChoices):
    """What a lesson for the next cycle is about (optional)."""

    NONE = "", _("– geen –")
    VOORBEREIDING = "voorbereiding", _("Voorbereiding en planning")
    VELDWERK = "veldwerk", _("Veldwerk en bewijs")
    KALIBRATIE = "kalibratie", _("Scoren en kalibratie")
    RAPPORTAGE = "rapportage", _("Rapportage")
    SAMENWERKING = "samenwerking", _("Samenwerking met de onderdelen")
    TOETSTEAM = "toetsteam", _("Toetsteam en tijdsbesteding")
    OVERIG = "overig", _("Overig")
