"""The events the maturity app records in the event log, each with its Dutch label (see
`uwvkms.events`: the one place a label is looked up)."""

from django.utils.translation import gettext_lazy as _

from uwvkms.events import Event

FRAMEWORK_STARTED = Event("maturity.framework.started", _("Toetskader voor deze cyclus aangemaakt"))
FRAMEWORK_CHANGED = Event("maturity.framework.changed", _("Toetskader gewijzigd"))

SCORE_SAVED = Event("maturity.score.saved", _("Als concept opgeslagen"))
SCORE_SUBMITTED = Event("maturity.score.submitted", _("Ingediend"))
SCORE_REOPENED = Event("maturity.score.reopened", _("Heropend voor de toetser"))
SCORE_CALIBRATED = Event("maturity.score.calibrated", _("Aangepast in de kalibratie"))
# Scores recorded before scores had a status; no service writes these any more.
SCORE_RECORDED = Event("maturity.score.recorded", _("Vastgelegd"))
SCORE_CHANGED = Event("maturity.score.changed", _("Gewijzigd"))

CALIBRATION_SESSION_OPENED = Event(
    "maturity.calibration_session.opened", _("Kalibratieronde geopend")
)
CALIBRATION_SESSION_CLOSED = Event(
    "maturity.calibration_session.closed", _("Kalibratieronde gesloten")
)
CALIBRATION_CLOSED = Event("maturity.calibration.closed", _("Kalibratie afgesloten"))
CALIBRATION_REOPENED = Event("maturity.calibration.reopened", _("Kalibratie heropend"))

LEVEL_MEANING_CHANGED = Event(
    "maturity.level_meaning.changed", _("Betekenis van een volwassenheidsniveau gewijzigd")
)

# Blind scoring (issue 21 part 2). The events never carry a level or a justification: the event
# log is read by others, and the levels stay with their author until the blind phase is closed.
BLIND_SCORING_SET = Event("maturity.blind_scoring.set", _("Blind scoren in- of uitgeschakeld"))
INDIVIDUAL_SCORE_RECORDED = Event(
    "maturity.individual_score.recorded", _("Eigen score vastgelegd (blind)")
)
BLIND_PHASE_CLOSED = Event("maturity.blind_phase.closed", _("Blinde fase gesloten"))
