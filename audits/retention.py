"""What the audit chain keeps for a term (issue 19 §5; the mechanism is `uwvkms.retention`).

- **Interviews**: the interviewees' names and functions, the notes per principle, who confirmed
  and the interviewees' remarks are personal data of colleagues. They are needed while the cycle
  runs and to answer questions about the published report; `RETENTION_YEARS["interviews"]` after
  the interview (and never before its cycle is published) they are replaced by "Geïnterviewde 1",
  "Geïnterviewde 2", …. The interview's day, place, unit and auditors stay: they are the
  evidence that the audit was done.
- **Evidence files**: the documents units handed in. `RETENTION_YEARS["evidence_files"]` after the
  end of the cycle's year (published cycles only) the bytes are deleted; the row stays, with its
  name, size and hash, so the evidence list still says what was judged. Two kinds with the one
  term: the files on a document check (`DocumentFile`) and the files a unit delivered for an
  extra item of its request list (`RequestItemFile`, issue 21 §1); deleted ones in quarantine too.
"""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audits.constants import CycleStatus
from audits.events import (
    DOCUMENT_FILE_RETENTION_REMOVED,
    INTERVIEW_PERSONAL_DATA_REMOVED,
    REQUEST_FILE_RETENTION_REMOVED,
)
from audits.models import DocumentFile, Interview, Interviewee, InterviewNote, RequestItemFile
from uwvkms.dates import dutch
from uwvkms.retention import (
    RetentionKind,
    audit_events_scrub,
    latest_start,
    retention_kind_register,
)
from uwvkms.services import audit_event_record


def interviews_due(today: datetime.date, years: int):
    """Interviews of published cycles held `years` or more ago whose personal data is still
    there."""
    return (
        Interview.objects.filter(
            cycle__status=CycleStatus.GEPUBLICEERD,
            held_on__lte=latest_start(years, today),
            personal_data_removed_on__isnull=True,
        )
        .select_related("cycle", "unit")
        .order_by("held_on", "id")
    )


def _interview_describe(interview: Interview) -> str:
    return gettext("Interview bij %(unit)s op %(day)s (toetscyclus %(year)s)") % {
        "unit": interview.unit,
        "day": dutch(interview.held_on),
        "year": interview.cycle.year,
    }


def _interview_pseudonymise(interview: Interview, today: datetime.date) -> None:
    interviewees = list(interview.interviewees.order_by("id"))
    pseudonyms = {}
    for number, person in enumerate(interviewees, start=1):
        pseudonym = gettext("Geïnterviewde %(number)s") % {"number": number}
        pseudonyms.setdefault(person.name, pseudonym)
        person.name = pseudonym
        person.function = gettext("(verwijderd)")
        person.user = None
    Interviewee.objects.bulk_update(interviewees, ["name", "function", "user"])
    notes = InterviewNote.objects.filter(interview=interview).exclude(notes="").update(notes="")
    # A row update, not a save through the versioning: this is no one's edit, and the event row
    # below says what happened; the version still moves on, so an open form cannot save old data.
    Interview.objects.filter(pk=interview.pk).update(
        confirmed_by=gettext("de geïnterviewden") if interview.confirmed_by else "",
        correction_remarks="",
        personal_data_removed_on=today,
        version=F("version") + 1,
    )
    # The log of the record's edits held the same names and notes (old → new): they go too.
    audit_events_scrub(target=interview, key_of=lambda key: _confirmation_key(key, pseudonyms))
    audit_event_record(
        event=INTERVIEW_PERSONAL_DATA_REMOVED,
        actor=None,
        target=interview,
        # Counts only: the log must not keep what was removed.
        changes={"interviewees": [len(interviewees), len(interviewees)], "notes": [notes, 0]},
        reason=gettext("Bewaartermijn van %(years)s jaar na het interview verstreken.")
        % {"years": INTERVIEWS.years},
    )


def _confirmation_key(key: str, pseudonyms: dict[str, str]) -> str:
    """A confirmation is logged per interviewee as "confirmed.<name>" (audits.services.
    confirmations): the name becomes the interviewee's pseudonym, or "(verwijderd)" for a name
    the record no longer holds (an interviewee renamed or removed since)."""
    prefix, _dot, name = key.partition(".")
    if prefix != "confirmed" or not name:
        return key
    return f"confirmed.{pseudonyms.get(name, gettext('(verwijderd)'))}"


def evidence_files_due(today: datetime.date, years: int):
    """Files of published cycles whose year ended `years` or more ago and that are still
    stored. A cycle's year ends on 31 December: due when year + years < today's year."""
    return (
        # Deleted files in quarantine (withdrawn) too: they are kept only until this term ends.
        DocumentFile.with_withdrawn.filter(
            document_check__cycle__status=CycleStatus.GEPUBLICEERD,
            document_check__cycle__year__lt=today.year - years,
            removed_on__isnull=True,
        )
        .select_related("document_check__cycle", "document_check__unit")
        .order_by("uploaded_at", "id")
    )


def _evidence_file_describe(document_file: DocumentFile) -> str:
    check = document_file.document_check
    return gettext("Bestand %(name)s van %(unit)s (toetscyclus %(year)s)") % {
        "name": document_file.original_name,
        "unit": check.unit,
        "year": check.cycle.year,
    }


def _evidence_file_remove(document_file: DocumentFile, today: datetime.date) -> None:
    _stored_file_remove(
        document_file,
        target=document_file.document_check,
        event=DOCUMENT_FILE_RETENTION_REMOVED,
        years=EVIDENCE_FILES.years,
        today=today,
    )


def _stored_file_remove(stored, *, target, event, years: int, today: datetime.date) -> None:
    """The end of an evidence file's term (a document file, a file delivered for a request):
    its bytes go, its row stays (name, size, hash) marked `removed_on`, recorded on `target`."""
    stored_name, storage = stored.file.name, stored.file.storage
    type(stored).with_withdrawn.filter(pk=stored.pk).update(removed_on=today)
    audit_event_record(
        event=event,
        actor=None,
        target=target,
        changes={"files": [stored.original_name, None]},
        reason=gettext("Bewaartermijn van %(years)s jaar na het einde van de cyclus verstreken.")
        % {"years": years},
    )
    # The bytes go once the mark is committed: a rollback keeps both the bytes and the row as
    # they were, and the next run tries again.
    if stored_name:
        transaction.on_commit(lambda: storage.delete(stored_name))


def request_files_due(today: datetime.date, years: int):
    """Files delivered for extra request items of published cycles whose year ended `years` or
    more ago and that are still stored (the evidence files' term, `evidence_files_due`)."""
    return (
        RequestItemFile.with_withdrawn.filter(
            item__request__cycle__status=CycleStatus.GEPUBLICEERD,
            item__request__cycle__year__lt=today.year - years,
            removed_on__isnull=True,
        )
        .select_related("item__request__cycle", "item__request__unit")
        .order_by("uploaded_at", "id")
    )


def _request_file_describe(delivered: RequestItemFile) -> str:
    request = delivered.item.request
    return gettext("Aangeleverd bestand %(name)s van %(unit)s (toetscyclus %(year)s)") % {
        "name": delivered.original_name,
        "unit": request.unit,
        "year": request.cycle.year,
    }


def _request_file_remove(delivered: RequestItemFile, today: datetime.date) -> None:
    _stored_file_remove(
        delivered,
        target=delivered.item,
        event=REQUEST_FILE_RETENTION_REMOVED,
        years=REQUEST_FILES.years,
        today=today,
    )


INTERVIEWS = RetentionKind(
    key="interviews",
    label=_("Interviews: namen, functies en aantekeningen"),
    what_happens=_("Vervangen door 'Geïnterviewde 1, 2, …'; aantekeningen gewist."),
    counted_from=_("de dag van het interview (alleen gepubliceerde cycli)"),
    due=interviews_due,
    describe=_interview_describe,
    apply=_interview_pseudonymise,
)
EVIDENCE_FILES = RetentionKind(
    key="evidence_files",
    label=_("Bewijsstukken: geüploade bestanden"),
    what_happens=_("Het bestand wordt verwijderd; naam, grootte en hash blijven."),
    counted_from=_("het einde van het jaar van de cyclus (alleen gepubliceerde cycli)"),
    due=evidence_files_due,
    describe=_evidence_file_describe,
    apply=_evidence_file_remove,
)


REQUEST_FILES = RetentionKind(
    key="request_files",
    term="evidence_files",
    label=_("Bewijsstukken: bestanden aangeleverd op een uitvraag (andere stukken)"),
    what_happens=_("Het bestand wordt verwijderd; naam, grootte en hash blijven."),
    counted_from=_("het einde van het jaar van de cyclus (alleen gepubliceerde cycli)"),
    due=request_files_due,
    describe=_request_file_describe,
    apply=_request_file_remove,
)


def register_retention() -> None:
    retention_kind_register(INTERVIEWS)
    retention_kind_register(EVIDENCE_FILES)
    retention_kind_register(REQUEST_FILES)
