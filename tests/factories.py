"""Factories for test data, with traits per lifecycle state."""

import datetime

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from audits.models import (
    AssessedPrinciple,
    Assignment,
    AuditCycle,
    District,
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

    cycle = factory.SubFactory(AuditCycleFactory)
    unit = factory.SubFactory(BusinessUnitFactory)
    name = factory.Sequence(lambda n: f"District {n}")
    kind = "decentraal"


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

    @factory.post_generation
    def interviewees(self, create, extracted, **kwargs):
        if create:
            for name, function in extracted or [("Jan Jansen", "Teamleider")]:
                Interviewee.objects.create(interview=self, name=name, function=function)

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
