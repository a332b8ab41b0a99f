"""Factories for test data, with traits per lifecycle state."""

import factory
from django.contrib.auth.models import Group

from audits.models import AssessedPrinciple, Assignment, AuditCycle, ManagementPrinciple
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
    updated_by = factory.SubFactory(UserFactory, roles=[Role.TOETSER])
