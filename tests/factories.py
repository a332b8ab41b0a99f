"""Factories for test data, with traits per lifecycle state."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from audits.models import (
    AssessedPrinciple,
    Assignment,
    AuditCycle,
    District,
    DistrictDraw,
    DocumentCheck,
    DocumentType,
    Interview,
    Interviewee,
    InterviewNote,
    ManagementPrinciple,
)
from maturity.models import Score
from uwvkms.constants import Role
from uwvkms.models import BusinessUnit, User

PASSWORD = "correct-horse-battery-staple"


class BusinessUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BusinessUnit
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Onderdeel {n}")
    abbreviation = factory.Sequence(lambda n: f"OD{n}")
    has_execution_processes = False

    class Params:
        execution = factory.Trait(has_execution_processes=True)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    business_unit = factory.SubFactory(BusinessUnitFactory)
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*[Group.objects.get(name=Role(role).value) for role in extracted])
            self.__dict__.pop("_role_names", None)
            self.__dict__.pop("_user_facts", None)


def principle(code: str) -> ManagementPrinciple:
    """One of the eight seeded management principles, by code."""
    return ManagementPrinciple.objects.get(code=code)


class AuditCycleFactory(factory.django.DjangoModelFactory):
    """A bare cycle; use `audits.services.cycle_open` for one with its default scope."""

    class Meta:
        model = AuditCycle
        django_get_or_create = ("year",)

    year = factory.Sequence(lambda n: 2030 + n)
    status = "veldwerk"
    created_by = factory.SubFactory(UserFactory, roles=[Role.COORDINATIETEAM])

    class Params:
        voorbereiding = factory.Trait(status="voorbereiding")
        kalibratie = factory.Trait(status="kalibratie")


class AssessedPrincipleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessedPrinciple

    cycle = factory.SubFactory(AuditCycleFactory)
    unit = factory.SubFactory(BusinessUnitFactory)
    principle = factory.LazyFunction(lambda: principle("klantgerichtheid"))


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    cycle = factory.SubFactory(AuditCycleFactory)
    unit = factory.SubFactory(BusinessUnitFactory)
    auditor = factory.SubFactory(UserFactory, roles=[Role.TOETSER])
    is_lead = True
    assigned_by = factory.SelfAttribute("cycle.created_by")


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Score

    cycle = factory.SubFactory(AuditCycleFactory)
    unit = factory.SubFactory(BusinessUnitFactory)
    principle = factory.LazyFunction(lambda: principle("klantgerichtheid"))
    level = 3
    justification = "Teamplannen en bevestigde interviews tonen dit aan."
    status = "ingediend"
    submitted_at = factory.LazyFunction(timezone.now)
    updated_by = factory.SubFactory(UserFactory, roles=[Role.TOETSER])

    class Params:
        concept = factory.Trait(status="concept", submitted_at=None)


# --- Evidence: districts, document study and interviews -------------------------------------


class DistrictFactory(factory.django.DjangoModelFactory):
    """A candidate place to hold interviews at a unit in a cycle."""

    class Meta:
        model = District
        skip_postgeneration_save = True

    cycle = factory.SubFactory(AuditCycleFactory)
    unit = factory.SubFactory(BusinessUnitFactory)
    name = factory.Sequence(lambda n: f"District {n}")
    kind = "decentraal"

    @factory.post_generation
    def drawn(self, create, extracted, **kwargs):
        """`DistrictFactory(drawn=True)`: the place is in its unit's current draw (interviews
        are held only at drawn places)."""
        if create and extracted:
            draw_places(self)


def draw_places(*districts: District) -> DistrictDraw:
    """Add `districts` (of one cycle and unit) to their unit's current draw, creating it when
    there is none, as if the draw had chosen them."""
    first = districts[0]
    draw = DistrictDraw.objects.filter(cycle=first.cycle, unit=first.unit, is_current=True).first()
    if draw is None:
        draw = DistrictDraw(
            cycle=first.cycle,
            unit=first.unit,
            seed=1,
            count=0,
            candidates=[],
            drawn=[],
            drawn_by=first.cycle.created_by,
        )
    for district in districts:
        draw.candidates.append([district.name, district.kind])
        draw.drawn.append([district.name, district.kind])
    draw.count = len(draw.drawn)
    draw.save()
    return draw


def reviewed_by_another(author_field: str) -> dict:
    """The fields of fieldwork reviewed by someone other than its author (issue 21 §3, the
    `reviewed` trait of the reviewable factories): asked by the author, beoordeeld by another
    auditor."""
    return {
        "review_status": "beoordeeld",
        "review_requested_by": factory.SelfAttribute(author_field),
        "review_requested_at": factory.LazyFunction(timezone.now),
        "reviewed_by": factory.SubFactory(UserFactory, roles=[Role.TOETSER]),
        "reviewed_at": factory.LazyFunction(timezone.now),
    }


class DocumentTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentType
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Document {n}")
    order = factory.Sequence(lambda n: 100 + n)


class DocumentCheckFactory(factory.django.DjangoModelFactory):
    """A document check; traits per status. `principles=[...]` sets what it evidences."""

    class Meta:
        model = DocumentCheck
        skip_postgeneration_save = True

    cycle = factory.SubFactory(AuditCycleFactory)
    unit = factory.SubFactory(BusinessUnitFactory)
    document_type = factory.SubFactory(DocumentTypeFactory)
    status = "open"
    updated_by = factory.SubFactory(UserFactory, roles=[Role.TOETSER])

    class Params:
        geleverd = factory.Trait(status="geleverd")
        niet_geleverd = factory.Trait(status="niet_geleverd")
        nvt = factory.Trait(status="nvt")
        reviewed = factory.Trait(**reviewed_by_another("updated_by"))

    @factory.post_generation
    def principles(self, create, extracted, **kwargs):
        if create and extracted:
            self.principles.set(extracted)


class InterviewFactory(factory.django.DjangoModelFactory):
    """An interview with one interviewee; traits per status. `principles=[...]` adds a note per
    principle (which makes it evidence for that principle once confirmed)."""

    class Meta:
        model = Interview
        skip_postgeneration_save = True

    cycle = factory.SubFactory(AuditCycleFactory)
    unit = factory.SubFactory(BusinessUnitFactory)
    held_on = factory.LazyFunction(lambda: datetime.date(2031, 9, 15))
    location = factory.SubFactory(
        DistrictFactory,
        cycle=factory.SelfAttribute("..cycle"),
        unit=factory.SelfAttribute("..unit"),
    )
    created_by = factory.SubFactory(UserFactory, roles=[Role.TOETSER])
    updated_by = factory.SelfAttribute("created_by")
    status = "concept"

    class Params:
        ter_bevestiging = factory.Trait(status="ter_bevestiging")
        correctie_gevraagd = factory.Trait(
            status="correctie_gevraagd", correction_remarks="Het citaat klopt niet helemaal."
        )
        bevestigd = factory.Trait(
            status="bevestigd",
            confirmed_by="Jan Jansen",
            confirmed_at=factory.LazyFunction(timezone.now),
        )
        reviewed = factory.Trait(**reviewed_by_another("created_by"))

    @factory.post_generation
    def interviewees(self, create, extracted, **kwargs):
        if create:
            # (name, function) or (name, function, linked user account)
            # A confirmed record was confirmed by every interviewee (issue 17).
            confirmed = (
                {
                    "confirmed_on": self.confirmed_at.date(),
                    "confirmed_via": "email",
                    "confirmation_recorded_by": self.created_by,
                    "confirmation_recorded_at": self.confirmed_at,
                }
                if self.status == "bevestigd"
                else {}
            )
            for name, function, *user in extracted or [("Jan Jansen", "Teamleider")]:
                Interviewee.objects.create(
                    interview=self,
                    name=name,
                    function=function,
                    user=(user or [None])[0],
                    **confirmed,
                )

    @factory.post_generation
    def auditors(self, create, extracted, **kwargs):
        if create:
            self.auditors.set(extracted or [self.created_by])

    @factory.post_generation
    def principles(self, create, extracted, **kwargs):
        if create and extracted:
            for p in extracted:
                InterviewNote.objects.create(
                    interview=self, principle=p, notes=f"Trots op het werk ({p.name})."
                )


# --- Findings: recommendations, management responses, roll-up, follow-up, ratings -----------


class FindingFactory(factory.django.DjangoModelFactory):
    """An observation at a unit for one principle (default Klantgerichtheid)."""

    class Meta:
        model = "findings.Finding"

    cycle = factory.SubFactory(AuditCycleFactory)
    unit = factory.SubFactory(BusinessUnitFactory)
    principle = factory.LazyFunction(lambda: principle("klantgerichtheid"))
    kind = "observatie"
    text = "Teams bespreken klantsignalen wekelijks."
    updated_by = factory.SubFactory(UserFactory, roles=[Role.TOETSER])

    class Params:
        reviewed = factory.Trait(**reviewed_by_another("updated_by"))


class RecommendationFactory(factory.django.DjangoModelFactory):
    """A recommendation to a unit for one principle (default Klantgerichtheid)."""

    class Meta:
        model = "findings.Recommendation"

    cycle = factory.SubFactory(AuditCycleFactory)
    unit = factory.SubFactory(BusinessUnitFactory)
    principle = factory.LazyFunction(lambda: principle("klantgerichtheid"))
    title = factory.Sequence(lambda n: f"Aanbeveling {n}")
    text = "Maak zichtbaar wat verbeteracties opleveren."
    priority = "midden"
    updated_by = factory.SubFactory(UserFactory, roles=[Role.TOETSER])

    class Params:
        reviewed = factory.Trait(**reviewed_by_another("updated_by"))


class UnitReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "findings.UnitReport"
        django_get_or_create = ("cycle", "unit")

    cycle = factory.SubFactory(AuditCycleFactory)
    unit = factory.SubFactory(BusinessUnitFactory)
    status = "definitief"
    agreed_on = factory.LazyFunction(lambda: datetime.date(2031, 11, 1))
    agreed_with = "Directie"
    updated_by = factory.SubFactory(UserFactory, roles=[Role.TOETSER])


class ManagementResponseFactory(factory.django.DjangoModelFactory):
    """The board's response to its unit report; submitted (ingediend) unless `concept`."""

    class Meta:
        model = "findings.ManagementResponse"
        django_get_or_create = ("unit_report",)

    unit_report = factory.SubFactory(UnitReportFactory)
    overall = "Wij herkennen het beeld."
    status = "ingediend"
    submitted_at = factory.LazyFunction(timezone.now)
    updated_by = factory.SubFactory(UserFactory, roles=[Role.DIRECTIE])

    class Params:
        concept = factory.Trait(status="concept", submitted_at=None)


class RecommendationResponseFactory(factory.django.DjangoModelFactory):
    """The board's answer to one recommendation (herkend unless told otherwise), on the
    response of the recommendation's own unit report."""

    class Meta:
        model = "findings.RecommendationResponse"

    recommendation = factory.SubFactory(RecommendationFactory)
    response = factory.SubFactory(
        ManagementResponseFactory,
        unit_report__cycle=factory.SelfAttribute("...recommendation.cycle"),
        unit_report__unit=factory.SelfAttribute("...recommendation.unit"),
    )
    recognition = "herkend"
    explanation = "Dit zien wij ook."


class FollowUpActionFactory(factory.django.DjangoModelFactory):
    """A follow-up action with a SMART goal, planned (gepland) unless told otherwise."""

    class Meta:
        model = "findings.FollowUpAction"

    recommendation = factory.SubFactory(RecommendationFactory)
    cycle = factory.SelfAttribute("recommendation.cycle")
    unit = factory.SelfAttribute("recommendation.unit")
    title = factory.Sequence(lambda n: f"Vervolgactie {n}")
    owner = "Teamleider kwaliteit"
    goal = "Klantsignalen worden elke maand besproken."
    indicator = "Aandeel besproken klantsignalen (%)"
    baseline = factory.LazyFunction(lambda: Decimal("40.00"))
    target = factory.LazyFunction(lambda: Decimal("90.00"))
    due_on = factory.LazyFunction(lambda: datetime.date(2032, 3, 31))
    status = "gepland"
    updated_by = factory.SubFactory(UserFactory, roles=[Role.DIRECTIE])
    # Recorded long ago, so a measurement on any date since is plausible (findings.rules).
    created_at = factory.LazyFunction(lambda: datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))

    class Params:
        in_uitvoering = factory.Trait(status="in_uitvoering")
        gereed = factory.Trait(status="gereed")
        vervallen = factory.Trait(status="vervallen")


class EffectMeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "findings.EffectMeasurement"

    action = factory.SubFactory(FollowUpActionFactory, gereed=True)
    measured_value = factory.LazyFunction(lambda: Decimal("85.00"))
    measured_on = factory.LazyFunction(lambda: datetime.date(2032, 4, 15))
    conclusion = "deels"
    next_steps = "Nog een meting na de zomer."
    recorded_by = factory.SubFactory(UserFactory, roles=[Role.DIRECTIE])


class AuditRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "findings.AuditRating"

    cycle = factory.SubFactory(AuditCycleFactory)
    rater = factory.SubFactory(UserFactory, roles=[Role.TOETSER])
    rater_role = "toetser"
    rating = 7
    comment = "Goed voorbereid."


# --- Comments where the work is discussed (issue 21 §4) -------------------------------------


def _content_type(record):
    from django.contrib.contenttypes.models import ContentType  # noqa: PLC0415 (part's own)

    return ContentType.objects.get_for_model(record)


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment by `author` in the thread of `target` (pass the record), posted now."""

    class Meta:
        model = "uwvkms.Comment"
        exclude = ("target",)

    target = None
    target_type = factory.LazyAttribute(lambda o: _content_type(o.target))
    target_id = factory.LazyAttribute(lambda o: o.target.pk)
    author = factory.SubFactory(UserFactory, roles=[Role.TOETSER])
    text = factory.Sequence(lambda n: f"Reactie {n}: kunnen we dit bespreken?")
    updated_by = factory.SelfAttribute("author")


# --- Blind scoring (issue 21 part 2) -----------------------------------------------------------


class BlindScoringFactory(factory.django.DjangoModelFactory):
    """A cycle that scores blind (the setting the coordination team keeps). A cycle without one
    scores as before blind scoring existed; `uit=True` records it turned off."""

    class Meta:
        model = "maturity.BlindScoring"
        django_get_or_create = ("cycle",)

    cycle = factory.SubFactory(AuditCycleFactory)
    enabled = True
    updated_by = factory.SubFactory(UserFactory, roles=[Role.COORDINATIETEAM])

    class Params:
        uit = factory.Trait(enabled=False)


class IndividualScoreFactory(factory.django.DjangoModelFactory):
    """An auditor's own (blind) score; build it through `individual_score_record` where the
    phase's closing matters."""

    class Meta:
        model = "maturity.IndividualScore"

    cycle = factory.SubFactory(AuditCycleFactory)
    unit = factory.SubFactory(BusinessUnitFactory)
    principle = factory.LazyFunction(lambda: principle("klantgerichtheid"))
    auditor = factory.SubFactory(UserFactory, roles=[Role.TOETSER])
    level = 3
    justification = "Eigen oordeel op grond van het jaarplan."
    updated_by = factory.SelfAttribute("auditor")


# --- Evidence requests to the unit (issue 21 §1, part "requests") ------------------------------


class QualityContactFactory(factory.django.DjangoModelFactory):
    """A quality contact: a user of the unit, designated by its board."""

    class Meta:
        model = "audits.QualityContact"

    unit = factory.SubFactory(BusinessUnitFactory)
    user = factory.SubFactory(UserFactory, business_unit=factory.SelfAttribute("..unit"))
    designated_by = factory.SubFactory(
        UserFactory, business_unit=factory.SelfAttribute("..unit"), roles=[Role.DIRECTIE]
    )


class EvidenceRequestFactory(factory.django.DjangoModelFactory):
    """A sent request list (without items; add them with EvidenceRequestItemFactory)."""

    class Meta:
        model = "audits.EvidenceRequest"

    cycle = factory.SubFactory(AuditCycleFactory)
    unit = factory.SubFactory(BusinessUnitFactory)
    due_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=14))
    sent_by = factory.SubFactory(UserFactory, roles=[Role.TOETSER])
    updated_by = factory.SelfAttribute("sent_by")


class EvidenceRequestItemFactory(factory.django.DjangoModelFactory):
    """An item of a request list; traits per status. With `document_type` its title follows."""

    class Meta:
        model = "audits.EvidenceRequestItem"

    request = factory.SubFactory(EvidenceRequestFactory)
    document_type = factory.SubFactory(DocumentTypeFactory)
    title = factory.LazyAttribute(
        lambda item: item.document_type.name if item.document_type else "Ander stuk"
    )
    status = "open"
    updated_by = factory.SelfAttribute("request.sent_by")

    class Params:
        geleverd = factory.Trait(status="geleverd")
        nvt = factory.Trait(status="nvt", answer="Wij hebben geen buitenkantoren.")
        bestaat_niet = factory.Trait(status="bestaat_niet", answer="Nooit gemaakt.")
        aanvullend = factory.Trait(status="aanvullend_gevraagd")
        extra = factory.Trait(document_type=None, title="Verbeterplan klantcontact")
