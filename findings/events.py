"""The events the findings app records in the event log, each with its Dutch label (see
`uwvkms.events`: the one place a label is looked up)."""

from django.utils.translation import gettext_lazy as _

from uwvkms.events import Event

FINDING_CREATED = Event("findings.finding.created", _("Bevinding toegevoegd"))
FINDING_UPDATED = Event("findings.finding.updated", _("Bevinding gewijzigd"))
FINDING_DELETED = Event("findings.finding.deleted", _("Bevinding verwijderd"))
RECOMMENDATION_CREATED = Event("findings.recommendation.created", _("Aanbeveling toegevoegd"))
RECOMMENDATION_UPDATED = Event("findings.recommendation.updated", _("Aanbeveling gewijzigd"))
RECOMMENDATION_DELETED = Event("findings.recommendation.deleted", _("Aanbeveling verwijderd"))
QUOTE_CREATED = Event("findings.quote.created", _("Citaat toegevoegd"))
QUOTE_UPDATED = Event("findings.quote.updated", _("Citaat gewijzigd"))
QUOTE_DELETED = Event("findings.quote.deleted", _("Citaat verwijderd"))

UNIT_REPORT_AGREED = Event("findings.unit_report.agreed", _("Afgestemd met de directie"))
UNIT_REPORT_FINALISED = Event("findings.unit_report.finalised", _("Definitief gemaakt"))
UNIT_REPORT_REOPENED = Event("findings.unit_report.reopened", _("Terug naar concept"))
MANAGEMENT_RESPONSE_SAVED = Event(
    "findings.management_response.saved", _("Reactie als concept opgeslagen")
)
MANAGEMENT_RESPONSE_SUBMITTED = Event(
    "findings.management_response.submitted", _("Reactie ingediend")
)

ROLLUP_THRESHOLD_CHANGED = Event(
    "findings.rollup.threshold_changed", _("Drempel rode draad gewijzigd")
)
THEME_CREATED = Event("findings.theme.created", _("Thema aangemaakt"))
THEME_CHANGED = Event("findings.theme.changed", _("Thema gewijzigd"))
THEME_RECOMMENDATIONS_ADDED = Event(
    "findings.theme.recommendations_added", _("Aanbevelingen ingedeeld")
)
THEME_RECOMMENDATIONS_REMOVED = Event(
    "findings.theme.recommendations_removed", _("Aanbevelingen uit het thema gehaald")
)
THEME_WITHDRAWN = Event("findings.theme.withdrawn", _("Thema ingetrokken"))
MAIN_FINDING_CONFIRMED = Event("findings.main_finding.confirmed", _("Hoofdbevinding bevestigd"))
MAIN_FINDING_CHANGED = Event("findings.main_finding.changed", _("Hoofdbevinding gewijzigd"))
MAIN_FINDING_REMOVED = Event("findings.main_finding.removed", _("Hoofdbevinding ingetrokken"))

FOLLOW_UP_ACTION_CREATED = Event("findings.follow_up_action.created", _("Vervolgactie vastgelegd"))
FOLLOW_UP_ACTION_CHANGED = Event("findings.follow_up_action.changed", _("Vervolgactie gewijzigd"))
FOLLOW_UP_ACTION_WITHDRAWN = Event(
    "findings.follow_up_action.withdrawn", _("Vervolgactie ingetrokken")
)
EFFECT_MEASUREMENT_RECORDED = Event(
    "findings.effect_measurement.recorded", _("Effectmeting vastgelegd")
)

AUDIT_RATING_CREATED = Event("findings.audit_rating.created", _("Beoordeling gegeven"))
AUDIT_RATING_CHANGED = Event("findings.audit_rating.changed", _("Beoordeling gewijzigd"))

REPORT_NARRATIVE_CHANGED = Event("findings.report_narrative.changed", _("tekst gewijzigd"))
REPORT_NARRATIVE_RESET = Event(
    "findings.report_narrative.reset", _("teruggezet naar de gegenereerde tekst")
)
REPORT_FRONT_MATTER_CHANGED = Event(
    "findings.report_front_matter.changed", _("Voorwerk van het rapport gewijzigd")
)
REPORT_STRUCTURE_STARTED = Event(
    "findings.report_structure.started", _("Opbouw van het rapport vastgelegd")
)
REPORT_SECTION_ADDED = Event("findings.report_section.added", _("Paragraaf toegevoegd"))
REPORT_SECTION_CHANGED = Event("findings.report_section.changed", _("Tekst of opbouw gewijzigd"))
REPORT_SECTION_MOVED = Event("findings.report_section.moved", _("Verplaatst"))
REPORT_SECTION_STATUS = Event("findings.report_section.status", _("Status gewijzigd"))
REPORT_SECTION_WITHDRAWN = Event(
    "findings.report_section.withdrawn", _("Verwijderd uit het rapport")
)
REPORT_MATERIAL_ADDED = Event("findings.report_material.added", _("Materiaal gekozen"))
REPORT_MATERIAL_CHANGED = Event("findings.report_material.changed", _("Materiaal gewijzigd"))
REPORT_MATERIAL_WITHDRAWN = Event(
    "findings.report_material.withdrawn", _("Materiaal uit het rapport gehaald")
)
REPORT_VERSION_REQUESTED = Event("findings.report_version.requested", _("Versie aangevraagd"))
REPORT_VERSION_RETRIED = Event("findings.report_version.retried", _("Opnieuw geprobeerd"))
REPORT_VERSION_PUBLISHED = Event("findings.report_version.published", _("Versie gepubliceerd"))
REPORT_VERSION_FAILED = Event("findings.report_version.failed", _("Maken van de versie mislukt"))
REPORT_VERSION_STALLED = Event(
    "findings.report_version.stalled", _("Maken van de versie vastgelopen")
)
