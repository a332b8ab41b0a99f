"""The timeline of a herstelactie: every step move, decision, notification and change in order,
read from the event log (every herstel service records its event on the action) plus the
decision records. Two queries, however long the history."""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from herstel.constants import (
    CRITERION_ANSWERS,
    AdviceSection,
    Criterion,
    DossierOutcome,
    DossierStatus,
    Forum,
    GoBody,
    GoOutcome,
    KapstokStatus,
    Mandate,
    NotificationKind,
    Outcome,
    Step,
    StepMove,
)
from herstel.models import Decision, Herstelactie
from uwvkms.models import AuditEvent, User
from uwvkms.selectors import audit_events_for


class Kind(StrEnum):
    STEP = "step"
    DECISION = "decision"
    NOTIFICATION = "notification"
    CHANGE = "change"


KIND_LABELS = {
    Kind.STEP: gettext_lazy("Stap"),
    Kind.DECISION: gettext_lazy("Besluit"),
    Kind.NOTIFICATION: gettext_lazy("Kennisgeving"),
    Kind.CHANGE: gettext_lazy("Wijziging"),
}

_EVENTS: dict[str, tuple[Kind, str]] = {
    "herstel.action.started": (Kind.STEP, gettext_lazy("Herstelactie gestart in stap 1")),
    "herstel.working_group.formed": (
        Kind.NOTIFICATION,
        gettext_lazy("Vaste contactpersonen ingelicht; werkgroep gevormd"),
    ),
    "herstel.step.moved": (Kind.STEP, gettext_lazy("Naar een andere stap")),
    "herstel.decision.recorded": (Kind.DECISION, gettext_lazy("Besluit vastgelegd")),
    "herstel.decision.corrected": (Kind.DECISION, gettext_lazy("Besluit gecorrigeerd")),
    "herstel.informal_round.recorded": (Kind.DECISION, gettext_lazy("Informele ronde")),
    "herstel.notification.recorded": (Kind.NOTIFICATION, gettext_lazy("Kennisgeving")),
    "herstel.action.updated": (Kind.CHANGE, gettext_lazy("Gegevens gewijzigd")),
    "herstel.action.lead_unit_changed": (Kind.CHANGE, gettext_lazy("Leidende divisie gewijzigd")),
    "herstel.advice.updated": (Kind.CHANGE, gettext_lazy("Advies gewijzigd")),
    "herstel.measure.added": (Kind.CHANGE, gettext_lazy("Beheersmaatregel toegevoegd")),
    "herstel.measure.removed": (Kind.CHANGE, gettext_lazy("Beheersmaatregel verwijderd")),
    "herstel.member.added": (Kind.CHANGE, gettext_lazy("Lid toegevoegd aan de werkgroep")),
    "herstel.member.removed": (Kind.CHANGE, gettext_lazy("Lid uit de werkgroep gehaald")),
    "herstel.consultation.recorded": (Kind.CHANGE, gettext_lazy("Belangengroep geraadpleegd")),
    "herstel.issue.marked": (Kind.CHANGE, gettext_lazy("Gemarkeerd als issue")),
    "herstel.issue.unmarked": (Kind.CHANGE, gettext_lazy("Niet langer een issue")),
    "herstel.communication_member.added": (
        Kind.CHANGE,
        gettext_lazy("Lid toegevoegd aan de communicatiewerkgroep"),
    ),
    "herstel.communication_member.removed": (
        Kind.CHANGE,
        gettext_lazy("Lid uit de communicatiewerkgroep gehaald"),
    ),
    "herstel.kapstok.saved": (Kind.CHANGE, gettext_lazy("Kapstokverhaal opgeslagen")),
    "herstel.kapstok.status_changed": (Kind.CHANGE, gettext_lazy("Status kapstokverhaal")),
    "herstel.execution_plan.updated": (
        Kind.CHANGE,
        gettext_lazy("Projectstructuur en plan van aanpak gewijzigd"),
    ),
    "herstel.go_decision.recorded": (Kind.DECISION, gettext_lazy("Go/no-go vastgelegd")),
    "herstel.dossiers.imported": (Kind.CHANGE, gettext_lazy("Dossiers geïmporteerd")),
    "herstel.dossier.updated": (Kind.CHANGE, gettext_lazy("Dossier gewijzigd")),
    "herstel.estimate.set": (Kind.CHANGE, gettext_lazy("Geschat gemiddeld bedrag gewijzigd")),
    "herstel.evaluation.planned": (Kind.STEP, gettext_lazy("Evaluatie gepland")),
    "herstel.evaluation.saved": (Kind.CHANGE, gettext_lazy("Evaluatie bijgewerkt")),
    "herstel.evaluation.completed": (Kind.STEP, gettext_lazy("Evaluatie afgerond")),
    "herstel.evaluation.cancelled": (Kind.CHANGE, gettext_lazy("Evaluatie afgezegd")),
}

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
    **{section.value: section.label for section in AdviceSection},
}
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
    "status": KapstokStatus,
    "move": StepMove,
}
_HIDDEN = {"decision"}
_DATES = {
    "planned_start",
    "planned_end",
    "planned_on",
    "completed_on",
    "execution_ended_on",
    "closed_on",
    "wrong_since",
    "decided_on",
    "informed_on",
    "held_on",
    "due_on",
    "consulted_on",
}  # record ids: the entry shows the record itself


@dataclass(frozen=True)
class TimelineEntry:
    occurred_at: object
    actor: User | None
    kind: Kind
    kind_label: str
    label: str
    changes: list[tuple[str, str, str]]  # (field, old, new)
    reason: str
    decision: Decision | None


def timeline(action: Herstelactie) -> list[TimelineEntry]:
    """Every recorded event of the action, oldest first, with the decision record where the
    event is about one."""
    decisions = {d.pk: d for d in Decision.objects.filter(herstelactie=action)}
    events = audit_events_for(action).order_by("occurred_at", "id")
    return [_entry(event, decisions) for event in events]


def _entry(event: AuditEvent, decisions: dict[int, Decision]) -> TimelineEntry:
    kind, label = _EVENTS.get(event.event, (Kind.CHANGE, event.event))
    label = str(label)
    changes = event.changes or {}
    decision = None
    if "decision" in changes:
        decision = decisions.get(changes["decision"][1])
    if event.event == "herstel.step.moved" and "step" in changes:
        label = _("Van %(old)s naar %(new)s") % {
            "old": _display("step", changes["step"][0]),
            "new": _display("step", changes["step"][1]),
        }
    elif event.event == "herstel.notification.recorded" and "kind" in changes:
        label = _display("kind", changes["kind"][1])
    elif event.event.startswith("herstel.kapstok.") and "version" in changes:
        label = _("%(label)s, versie %(version)s") % {
            "label": label,
            "version": changes["version"][1],
        }
    return TimelineEntry(
        occurred_at=event.occurred_at,
        actor=event.actor,
        kind=kind,
        kind_label=str(KIND_LABELS[kind]),
        label=label,
        changes=[
            (_field(key), shown_old, shown_new)
            for key, (old, new) in changes.items()
            if key not in _HIDDEN
            and not (key == "step" and event.event == "herstel.step.moved")
            and (shown_old := _display(key, old)) != (shown_new := _display(key, new))
        ],
        reason=event.reason,
        decision=decision,
    )


def _field(key: str) -> str:
    if key.startswith("criteria."):
        _prefix, code, part = key.split(".", 2)
        part_label = {
            "value": _("oordeel"),
            "rationale": _("onderbouwing"),
            "judged_by": _("beoordeeld door"),
        }.get(part, part)
        return f"{_choice_label(Criterion, code)}: {part_label}"
    return str(_FIELDS.get(key, key))


def _display(key: str, value) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if key.startswith("criteria.") and key.endswith(".value"):
        code = key.split(".")[1]
        answers = CRITERION_ANSWERS.get(code)
        if answers is not None and isinstance(value, bool):
            return str(answers.yes if value else answers.no)
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if key in _DATES and isinstance(value, str):
        try:
            return formats.date_format(datetime.date.fromisoformat(value), "j F Y")
        except ValueError:
            return value
    if key in _CHOICES:
        return _choice_label(_CHOICES[key], value)
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)


def _choice_label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)
