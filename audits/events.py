"""The events the audits app records in the event log, each with its Dutch label (see
`uwvkms.events`: the one place a label is looked up)."""

from django.utils.translation import gettext_lazy as _

from uwvkms.events import Event

CYCLE_OPENED = Event("audits.cycle.opened", _("Toetscyclus geopend"))
CYCLE_ADVANCED = Event("audits.cycle.advanced", _("Toetscyclus naar de volgende fase"))
CYCLE_STEPPED_BACK = Event("audits.cycle.stepped_back", _("Toetscyclus een fase terug"))
CYCLE_PERIOD_CHANGED = Event("audits.cycle.period_changed", _("Periode van het veldwerk gewijzigd"))
CYCLE_PRINCIPLES_CHANGED = Event(
    "audits.cycle.principles_changed", _("Principes in scope van de cyclus gewijzigd")
)
CYCLE_WITHDRAWN = Event("audits.cycle.withdrawn", _("Toetscyclus ingetrokken"))
CYCLE_REINSTATED = Event("audits.cycle.reinstated", _("Ingetrokken toetscyclus teruggezet"))
SCOPE_CHANGED = Event("audits.scope.changed", _("Scope gewijzigd"))
EXCLUSION_CREATED = Event("audits.exclusion.created", _("Onderdeel niet representatief"))
EXCLUSION_UNDONE = Event("audits.exclusion.undone", _("Onderdeel telt weer mee"))

ASSIGNMENT_CREATED = Event("audits.assignment.created", _("Toetser toegewezen"))
ASSIGNMENT_LEAD_CHANGED = Event("audits.assignment.lead_changed", _("Leidende toetser gewijzigd"))
ASSIGNMENT_REMOVED = Event("audits.assignment.removed", _("Toewijzing ingetrokken"))

DISTRICT_ADDED = Event("audits.district.added", _("Kandidaat toegevoegd"))
DISTRICT_REMOVED = Event("audits.district.removed", _("Kandidaat verwijderd"))
DISTRICTS_DRAWN = Event("audits.districts.drawn", _("Districten geloot"))
DISTRICTS_DRAW_SUPERSEDED = Event(
    "audits.districts.draw_superseded", _("Eerdere loting vervangen door een nieuwe")
)

DOCUMENT_TYPE_CREATED = Event("audits.document_type.created", _("Document aan de lijst toegevoegd"))
DOCUMENT_TYPE_UPDATED = Event("audits.document_type.updated", _("Document op de lijst gewijzigd"))
DOCUMENT_TYPE_MOVED = Event("audits.document_type.moved", _("Volgorde van de lijst gewijzigd"))
DOCUMENT_TYPE_ACTIVATED = Event("audits.document_type.activated", _("Document weer in gebruik"))
DOCUMENT_TYPE_DEACTIVATED = Event(
    "audits.document_type.deactivated", _("Document niet meer in gebruik")
)
DOCUMENT_CHECK_CREATED = Event("audits.document_check.created", _("Beoordeling vastgelegd"))
DOCUMENT_CHECK_UPDATED = Event("audits.document_check.updated", _("Beoordeling gewijzigd"))
DOCUMENT_FILE_UPLOADED = Event("audits.document_file.uploaded", _("Bestand toegevoegd"))
DOCUMENT_FILE_DELETED = Event("audits.document_file.deleted", _("Bestand verwijderd"))
DOCUMENT_FILE_RESTORED = Event(
    "audits.document_file.restored", _("Bestand teruggezet uit quarantaine")
)

INTERVIEW_CREATED = Event("audits.interview.created", _("Interview vastgelegd"))
INTERVIEW_UPDATED = Event("audits.interview.updated", _("Interview gewijzigd"))
INTERVIEW_SENT = Event("audits.interview.sent", _("Ter bevestiging gestuurd"))
INTERVIEW_CONFIRMED = Event("audits.interview.confirmed", _("Bevestiging vastgelegd"))
INTERVIEW_CORRECTION_REQUESTED = Event(
    "audits.interview.correction_requested", _("Correctieverzoek vastgelegd")
)
INTERVIEW_REOPENED = Event("audits.interview.reopened", _("Terug naar concept"))
INTERVIEW_WITHDRAWN = Event("audits.interview.withdrawn", _("Interview ingetrokken"))
INTERVIEWEE_CONFIRMED = Event(
    "audits.interviewee.confirmed", _("Bevestiging van een geïnterviewde vastgelegd")
)
INTERVIEW_REQUEST_CLOSED = Event(
    "audits.interview.request_closed",
    _("Verzoek om bevestiging vervallen: de kalibratie is gesloten"),
)
INTERVIEW_QUESTION_CREATED = Event("audits.interview_question.created", _("Vraag toegevoegd"))
INTERVIEW_QUESTION_UPDATED = Event("audits.interview_question.updated", _("Vraag gewijzigd"))
INTERVIEW_QUESTION_ACTIVATED = Event(
    "audits.interview_question.activated", _("Vraag weer in gebruik")
)
INTERVIEW_QUESTION_DEACTIVATED = Event(
    "audits.interview_question.deactivated", _("Vraag niet meer in gebruik")
)

PRINCIPLE_TEXTS_CHANGED = Event(
    "audits.principle.texts_changed", _("Omschrijving van het managementprincipe gewijzigd")
)
REFERENCE_TEXT_CHANGED = Event("audits.reference_text.changed", _("Vaste tekst gewijzigd"))
INTERVIEW_PERSONAL_DATA_REMOVED = Event(
    "audits.interview.personal_data_removed",
    _("Namen, functies en aantekeningen verwijderd na de bewaartermijn"),
)
DOCUMENT_FILE_RETENTION_REMOVED = Event(
    "audits.document_file.retention_removed", _("Bestand verwijderd na de bewaartermijn")
)

# Evidence requests to the unit (issue 21 §1).
QUALITY_CONTACT_DESIGNATED = Event(
    "audits.quality_contact.designated", _("Kwaliteitscontactpersoon aangewezen")
)
QUALITY_CONTACT_ENDED = Event(
    "audits.quality_contact.ended", _("Kwaliteitscontactpersoon beëindigd")
)
EVIDENCE_REQUEST_SENT = Event("audits.evidence_request.sent", _("Uitvraag verstuurd"))
EVIDENCE_REQUEST_UPDATED = Event(
    "audits.evidence_request.updated", _("Uitvraag gewijzigd (datum of toelichting)")
)
REQUEST_ITEM_ADDED = Event("audits.request_item.added", _("Stuk aan de uitvraag toegevoegd"))
REQUEST_ITEM_WITHDRAWN = Event("audits.request_item.withdrawn", _("Gevraagd stuk ingetrokken"))
REQUEST_ITEM_DELIVERED = Event("audits.request_item.delivered", _("Bestand aangeleverd"))
REQUEST_ITEM_ANSWERED = Event(
    "audits.request_item.answered", _("Gevraagd stuk beantwoord (bestaat niet / n.v.t.)")
)
REQUEST_ITEM_MORE_ASKED = Event("audits.request_item.more_asked", _("Aanvullend gevraagd"))
REQUEST_ITEM_MESSAGE = Event("audits.request_item.message", _("Bericht bij een gevraagd stuk"))
REQUEST_FILE_DELETED = Event(
    "audits.request_file.deleted", _("Aangeleverd bestand verwijderd (quarantaine)")
)
REQUEST_FILE_RESTORED = Event(
    "audits.request_file.restored", _("Aangeleverd bestand teruggezet uit quarantaine")
)
REQUEST_FILE_RETENTION_REMOVED = Event(
    "audits.request_file.retention_removed",
    _("Aangeleverd bestand verwijderd na de bewaartermijn"),
)
# The audit's own evaluation (issue 21 §6).
HOURS_RECORDED = Event("audits.hours.recorded", _("Uren vastgelegd"))
HOURS_CORRECTED = Event("audits.hours.corrected", _("Uren gecorrigeerd"))
HOURS_WITHDRAWN = Event("audits.hours.withdrawn", _("Uren ingetrokken"))
LESSON_CREATED = Event("audits.lesson.created", _("Les voor de volgende cyclus vastgelegd"))
LESSON_UPDATED = Event("audits.lesson.updated", _("Les voor de volgende cyclus gewijzigd"))
LESSON_WITHDRAWN = Event("audits.lesson.withdrawn", _("Les voor de volgende cyclus ingetrokken"))
LESSON_PROCESSED = Event("audits.lesson.processed", _("Les verwerkt in de nieuwe cyclus"))
LESSON_PROCESSING_UPDATED = Event(
    "audits.lesson.processing_updated", _("Verwerking van een les gewijzigd")
)
