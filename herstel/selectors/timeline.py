"""The timeline of a herstelactie: every step move, decision, notification and change in order,
read from the event log (every herstel service records its event on the action) plus the
decision records and the dossier edits (kept once, in `DossierChange`). Three queries, however
long the history."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from herstel.constants import (
    CRITERION_ANSWERS,
    AdviceSection,
    ContactForm,
    ControlMeasureProgress,
    Criterion,
    DossierOutcome,
    DossierStatus,
    Forum,
    GoBody,
    GoOutcome,
    InformChannel,
    KapstokStatus,
    Mandate,
    NotificationKind,
    Outcome,
    Step,
    StepMove,
    TaskStatus,
    ViewPosition,
)
from herstel.events import (
    DOCUMENT_UPLOADED,
    DOCUMENT_WITHDRAWN,
    DOSSIER_UPDATED,
    KIND_LABELS,
    MINISTER_CONTACT_RECORDED,
    NOTIFICATION_RECORDED,
    STEP_MOVED,
    TIMELINE_KINDS,
    Kind,
)
from herstel.models import Decision, DossierChange, Herstelactie, MinisterContact
from herstel.money import euros
from uwvkms.events import NOTIFICATION_ACKNOWLEDGED
from uwvkms.history import Change, ChangeFormat, HistoryEntry, changes_in_words, code_label
from uwvkms.models import User
from uwvkms.selectors import history_for

_FIELDS = {
    "title": gettext_lazy("titel"),
    "what_went_wrong": gettext_lazy("wat ging er mis"),
    "wrong_since": gettext_lazy("sinds"),
    "lead_unit": gettext_lazy("leidende divisie"),
    "estimated_clients": gettext_lazy("geschat aantal cliënten"),
    "estimated_dossiers": gettext_lazy("geschat aantal dossiers"),
    "estimated_amount": gettext_lazy("geschat bedrag (€)"),
    "informed": gettext_lazy("ingelicht"),
    "informed_on": gettext_lazy("datum"),
    "channel": gettext_lazy("hoe"),
    "step": gettext_lazy("stap"),
    "move": gettext_lazy("stap gezet"),
    "mandate": gettext_lazy("mandaat"),
    "forum": gettext_lazy("gremium"),
    "outcome": gettext_lazy("uitkomst"),
    "decided_on": gettext_lazy("datum"),
    "body": gettext_lazy("besluit"),
    "document": gettext_lazy("document"),
    "kind": gettext_lazy("soort"),
    "summary": gettext_lazy("toelichting"),
    "participants": gettext_lazy("met wie"),
    "held_on": gettext_lazy("datum"),
    "measure": gettext_lazy("maatregel"),
    "owner": gettext_lazy("eigenaar"),
    "due_on": gettext_lazy("gereed op"),
    "progress": gettext_lazy("status van de maatregel"),
    "section": gettext_lazy("adviesonderdeel"),
    "note": gettext_lazy("toelichting"),
    "assigned_to_sbk": gettext_lazy("gevraagd aan SBK"),
    "member": gettext_lazy("werkgroeplid"),
    "consultation": gettext_lazy("belangengroep"),
    "consulted_on": gettext_lazy("geraadpleegd op"),
    "is_issue": gettext_lazy("issue"),
    "communication_member": gettext_lazy("lid communicatiewerkgroep"),
    "version": gettext_lazy("versie"),
    "status": gettext_lazy("status"),
    "narrative": gettext_lazy("strategisch narratief"),
    "key_messages": gettext_lazy("kernboodschappen"),
    "questions_answers": gettext_lazy("vragen en antwoorden"),
    "joint_approach": gettext_lazy("gezamenlijke aanpak"),
    "issuemanager": gettext_lazy("issuemanager"),
    "comment": gettext_lazy("reactie"),
    "communication_task": gettext_lazy("communicatietaak"),
    "task_status": gettext_lazy("status van de taak"),
    "done": gettext_lazy("wat is gedaan"),
    "description": gettext_lazy("opdracht"),
    "project_lead": gettext_lazy("projectleider"),
    "team": gettext_lazy("projectteam"),
    "structure": gettext_lazy("projectstructuur"),
    "plan_document": gettext_lazy("plan van aanpak"),
    "plan_summary": gettext_lazy("aanpak in het kort"),
    "planned_start": gettext_lazy("geplande start"),
    "planned_end": gettext_lazy("gepland einde"),
    "go_body": gettext_lazy("gremium"),
    "go_outcome": gettext_lazy("uitkomst"),
    "rationale": gettext_lazy("toelichting"),
    "file": gettext_lazy("bestand"),
    "created": gettext_lazy("nieuwe dossiers"),
    "updated": gettext_lazy("gewijzigde dossiers"),
    "unchanged": gettext_lazy("ongewijzigde dossiers"),
    "dossier": gettext_lazy("dossier"),
    "dossier_status": gettext_lazy("status"),
    "dossier_outcome": gettext_lazy("uitkomst"),
    "paid": gettext_lazy("nabetaald (€)"),
    "to_pay": gettext_lazy("nog te betalen (€)"),
    "recovered": gettext_lazy("teruggevorderd (€)"),
    "written_off": gettext_lazy("afgeboekt (€)"),
    "estimate": gettext_lazy("geschat gemiddeld bedrag per dossier (€)"),
    "estimate_basis": gettext_lazy("onderbouwing van de schatting"),
    "evaluation": gettext_lazy("evaluatie"),
    "planned_on": gettext_lazy("gepland op"),
    "completed_on": gettext_lazy("afgerond op"),
    "client_experience": gettext_lazy("cliënten en communicatie"),
    "survey_invited": gettext_lazy("enquête: uitgenodigd"),
    "survey_responses": gettext_lazy("enquête: respondenten"),
    "survey_satisfied": gettext_lazy("enquête: (zeer) tevreden"),
    "survey_score": gettext_lazy("enquête: rapportcijfer"),
    "internal_process": gettext_lazy("intern proces"),
    "lessons": gettext_lazy("lessen en vervolg"),
    "execution_ended_on": gettext_lazy("uitvoering afgerond op"),
    "closed_on": gettext_lazy("gesloten op"),
    "end_reason": gettext_lazy("reden van beëindigen"),
    "withdrawn": gettext_lazy("ingetrokken"),
    "document_file": gettext_lazy("geüpload document"),
    "document_name": gettext_lazy("document"),
    "document_kind": gettext_lazy("soort document"),
    "size": gettext_lazy("grootte (bytes)"),
    "malware_scan": gettext_lazy("virusscan"),
    "unit": gettext_lazy("divisie"),
    "position": gettext_lazy("standpunt"),
    "view_body": gettext_lazy("zienswijze"),
    "enrichment": gettext_lazy("aanvulling op het advies"),
    "obligations": gettext_lazy("verplichtingen"),
    "contact_on": gettext_lazy("datum"),
    "contact_form": gettext_lazy("vorm"),
    **{section.value: section.label for section in AdviceSection},
}
AMOUNT_NAMES = frozenset({"paid", "to_pay", "recovered", "written_off"})
_CHOICES = {
    "go_body": GoBody,
    "go_outcome": GoOutcome,
    "dossier_status": DossierStatus,
    "dossier_outcome": DossierOutcome,
    "step": Step,
    "mandate": Mandate,
    "forum": Forum,
    "outcome": Outcome,
    "kind": NotificationKind,
    "channel": InformChannel,
    "status": KapstokStatus,
    "task_status": TaskStatus,
    "move": StepMove,
    "progress": ControlMeasureProgress,
    "section": AdviceSection,
    "position": ViewPosition,
    "contact_form": ContactForm,
}


@dataclass(frozen=True)
class TimelineEntry:
    """One moment on the timeline: a history entry with its kind and, for a decision, the
    decision record."""

    occurred_at: object
    actor: User | None
    kind: Kind
    kind_label: str
    label: str
    changes: list[Change]
    reason: str
    decision: Decision | None
    # The withdrawal of the record the entry is about, other than a decision (a contact with
    # the minister): shown struck through, with who, when and why.
    withdrawn: str = ""


def _timeline_value(key: str, value) -> str | None:
    if key.startswith("criteria.") and key.endswith(".value") and isinstance(value, bool):
        answers = CRITERION_ANSWERS.get(key.split(".")[1])
        if answers is not None:
            return str(answers.yes if value else answers.no)
    return None


TIMELINE_CHANGES = ChangeFormat(
    fields=_FIELDS,
    values=_CHOICES,
    # Record ids (the entry shows the record itself or names it) and a document's checksum.
    hidden=frozenset(
        {"decision", "dt_view", "minister_contact", "action_document", "document_name", "sha256"}
    ),
    skip_unchanged=True,
    field_label=lambda key: _field(key) if key.startswith("criteria.") else None,
    display=_timeline_value,
)


def timeline(action: Herstelactie) -> list[TimelineEntry]:
    """Every recorded event of the action and every dossier edit in the browser, oldest first,
    with the decision record where the event is about one."""
    # Withdrawn decisions too: their entries show them struck through, with the reason.
    decisions = {
        d.pk: d
        for d in Decision.with_withdrawn.filter(herstelactie=action).select_related(
            "withdrawn_by", "document_file"
        )
    }
    withdrawn_contacts = {
        c.pk: c.withdrawal_summary()
        for c in MinisterContact.with_withdrawn.filter(
            herstelactie=action, withdrawn_at__isnull=False
        ).select_related("withdrawn_by")
    }
    # Dossier edits are read from DossierChange, their one record; the event log rows that
    # recorded them too before (same edit, same moment) are left out.
    # Who took note of an informing notification (issue 20) is shown on the decisions and
    # working-group pages, with names only for those who act in step 2; not on the timeline.
    about_action = Q(object_type=Herstelactie._meta.label_lower, object_id=str(action.pk)) & ~Q(
        event__in=[DOSSIER_UPDATED, NOTIFICATION_ACKNOWLEDGED]
    )
    entries = [
        _entry(entry, decisions, withdrawn_contacts)
        for entry in history_for(about_action, fmt=TIMELINE_CHANGES, oldest_first=True)
    ]
    edits = (
        DossierChange.objects.filter(dossier__herstelactie=action, dossier_import__isnull=True)
        .select_related("dossier", "changed_by")
        .order_by("changed_at", "id")
    )
    return sorted([*entries, *map(_dossier_edit, edits)], key=lambda entry: entry.occurred_at)


def dossier_change_shown(changes: dict) -> dict:
    """A dossier's stored changes (amounts in cents) as the timeline reads them: amounts as
    euros, status and outcome under keys of their own (shown by their label)."""
    return {
        (name if name in AMOUNT_NAMES else f"dossier_{name}"): (
            [str(euros(old)), str(euros(new))]
            if name in AMOUNT_NAMES
            else [old or None, new or None]
        )
        for name, (old, new) in changes.items()
    }


def _dossier_edit(change: DossierChange) -> TimelineEntry:
    stored = {"dossier": [None, change.dossier.reference], **dossier_change_shown(change.changes)}
    return TimelineEntry(
        occurred_at=change.changed_at,
        actor=change.changed_by,
        kind=Kind.CHANGE,
        kind_label=str(KIND_LABELS[Kind.CHANGE]),
        label=str(DOSSIER_UPDATED.label),
        changes=changes_in_words(stored, TIMELINE_CHANGES),
        reason="",
        decision=None,
    )


def _entry(
    entry: HistoryEntry, decisions: dict[int, Decision], withdrawn_contacts: dict[int, str]
) -> TimelineEntry:
    kind = TIMELINE_KINDS.get(entry.event, Kind.CHANGE)
    stored = entry.stored
    label, changes = entry.label, entry.changes
    decision = decisions.get(stored["decision"][1]) if "decision" in stored else None
    withdrawn = (
        withdrawn_contacts.get(stored["minister_contact"][1], "")
        if entry.event == MINISTER_CONTACT_RECORDED and "minister_contact" in stored
        else ""
    )
    if entry.event == STEP_MOVED and "step" in stored:
        old, new = stored["step"]
        label = _("Van %(old)s naar %(new)s") % {
            "old": TIMELINE_CHANGES.show("step", old),
            "new": TIMELINE_CHANGES.show("step", new),
        }
        step = TIMELINE_CHANGES.label_of("step")
        changes = [change for change in changes if change.field != step]
    elif entry.event == NOTIFICATION_RECORDED and "kind" in stored:
        label = TIMELINE_CHANGES.show("kind", stored["kind"][1])
    elif entry.event in (DOCUMENT_UPLOADED, DOCUMENT_WITHDRAWN) and "document_name" in stored:
        label = f"{label}: {stored['document_name'][1]}"
    elif entry.event.startswith("herstel.kapstok.") and "version" in stored:
        label = _("%(label)s, versie %(version)s") % {
            "label": label,
            "version": stored["version"][1],
        }
    elif entry.event.startswith("herstel.communication_task.") and "communication_task" in stored:
        old, new = stored["communication_task"]
        label = _("%(label)s: %(task)s") % {"label": label, "task": new or old}
    return TimelineEntry(
        occurred_at=entry.occurred_at,
        actor=entry.actor,
        kind=kind,
        kind_label=str(KIND_LABELS[kind]),
        label=label,
        changes=changes,
        reason=entry.reason,
        decision=decision,
        withdrawn=withdrawn,
    )


def _field(key: str) -> str:
    if key.startswith("criteria."):
        _prefix, code, part = key.split(".", 2)
        part_label = {
            "value": _("oordeel"),
            "rationale": _("onderbouwing"),
            "judged_by": _("beoordeeld door"),
        }.get(part, part)
        return f"{code_label(Criterion, code)}: {part_label}"
    return str(_FIELDS.get(key, key))
