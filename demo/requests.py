"""Demo of evidence requests to the unit (issue 21 §1): the lead auditors of the cycle in
fieldwork send every unit its request list; the board of Uitkeren designates a quality contact
(`kwaliteit.uitkeren`, a login of its own), who delivers the year plan, marks one document
"niet van toepassing", and gets a question back from the team. Everything goes through the
services, so the event log looks like real use. Idempotent: a unit that has its list is left
alone."""

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from audits.constants import CycleStatus
from audits.models import Assignment, AuditCycle, DocumentType, EvidenceRequest, QualityContact
from audits.services import requests as services
from demo.people import DEMO_PASSWORD, DemoLogin
from uwvkms.constants import Role
from uwvkms.models import BusinessUnit, User

CONTACT_USERNAME = "kwaliteit.uitkeren"
CONTACT_UNIT = "Uitkeren"
EXTRA_ITEM = (
    "Verbeterplan klantcontact",
    "De versie die in het MT is besproken, met de stand van de acties.",
)


def _contact(unit: BusinessUnit) -> User:
    user, created = User.objects.get_or_create(
        username=CONTACT_USERNAME,
        defaults={
            "first_name": "Kim",
            "last_name": "Kwaliteit",
            "email": f"{CONTACT_USERNAME}@example.invalid",
            "business_unit": unit,
            "password": make_password(DEMO_PASSWORD),
        },
    )
    return user


def _board(unit: BusinessUnit) -> User | None:
    return (
        User.objects.filter(business_unit=unit, groups__name=Role.DIRECTIE, is_active=True)
        .order_by("pk")
        .first()
    )


def load_requests() -> list[DemoLogin]:
    """Send the request lists of the cycle in Veldwerk (the latest), designate the demo quality
    contact and let them answer part of Uitkeren's list. Returns the contact's login."""
    cycle = (
        AuditCycle.objects.filter(status=CycleStatus.VELDWERK, withdrawn_at__isnull=True)
        .order_by("-year")
        .first()
    )
    unit = BusinessUnit.objects.filter(name=CONTACT_UNIT).first()
    if cycle is None or unit is None:
        return []
    contact_user = _contact(unit)
    board = _board(unit)
    if board is not None and not QualityContact.objects.filter(user=contact_user).exists():
        services.quality_contact_designate(actor=board, unit=unit, user=contact_user)
    contact_user = User.objects.get(pk=contact_user.pk)  # its capacity read anew

    documents = list(DocumentType.objects.filter(is_active=True))
    due_on = timezone.localdate() + timedelta(days=21)
    leads = Assignment.objects.filter(cycle=cycle, is_lead=True).select_related("unit", "auditor")
    for index, lead in enumerate(leads.order_by("unit__name")):
        if EvidenceRequest.objects.filter(cycle=cycle, unit=lead.unit).exists():
            continue
        services.evidence_request_send(
            actor=lead.auditor,
            cycle=cycle,
            unit=lead.unit,
            due_on=due_on + timedelta(days=index % 3 * 7),
            document_types=documents,
            extra_items=[EXTRA_ITEM] if lead.unit == unit else [],
            note="Lever per stuk aan; vragen kunt u bij het stuk stellen.",
        )
        if lead.unit == unit:
            _answer(cycle=cycle, unit=unit, contact=contact_user, lead=lead.auditor)
    return [
        DemoLogin(
            CONTACT_USERNAME,
            "Kwaliteitscontactpersoon",
            CONTACT_UNIT,
            f"uitvraag {cycle.year} op de startpagina: aanleveren",
        )
    ]


def _answer(*, cycle: AuditCycle, unit: BusinessUnit, contact: User, lead: User) -> None:
    request = EvidenceRequest.objects.get(cycle=cycle, unit=unit)
    items = {item.title: item for item in request.items.all()}
    first, second, *_rest = [item for item in items.values() if item.document_type_id]
    text = f"{first.title} {unit.name} {cycle.year} (fictief demodocument)\n"
    services.request_item_deliver(
        actor=contact,
        item=first,
        name=f"{first.title.lower()}-{unit.abbreviation.lower()}.txt",
        data=text.encode(),
        message="De vastgestelde versie.",
    )
    services.request_item_answer(
        actor=contact,
        item=second,
        action="nvt",
        answer="Ons onderdeel werkt met het meerjarenplan van de divisie.",
        expected_version=second.version,
    )
    second.refresh_from_db()
    services.request_item_ask_more(
        actor=lead,
        item=second,
        text="Kunt u het meerjarenplan van de divisie aanleveren?",
        expected_version=second.version,
    )
