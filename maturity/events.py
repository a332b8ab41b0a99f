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
