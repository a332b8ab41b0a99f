"""Fixtures of the review before submission (issue 21 §3): the `cycle` of tests/conftest.py
has `auditor` as lead of Uitkeren's team; `colleague` joins that team as an ordinary auditor
and writes the fieldwork the lead reviews. Import the fixtures into a test module."""

import pytest

from audits.services import assignment_create
from tests.factories import (
    DocumentCheckFactory,
    DocumentTypeFactory,
    FindingFactory,
    InterviewFactory,
    RecommendationFactory,
    UserFactory,
    principle,
)
from uwvkms.constants import Role


@pytest.fixture
def colleague(db, fez, cycle, coordinator, uitkeren):
    user = UserFactory(
        username="collega",
        first_name="Bram",
        last_name="Collega",
        business_unit=fez,
        roles=[Role.TOETSER],
    )
    assignment_create(actor=coordinator, cycle=cycle, unit=uitkeren, auditor=user, is_lead=False)
    return user


@pytest.fixture
def fieldwork(cycle, uitkeren, colleague):
    """One of each kind at Uitkeren, written by `colleague`, all concept."""
    klant = principle("klantgerichtheid")
    return {
        "interview": InterviewFactory(
            cycle=cycle, unit=uitkeren, created_by=colleague, principles=[klant]
        ),
        "document": DocumentCheckFactory(
            cycle=cycle,
            unit=uitkeren,
            geleverd=True,
            updated_by=colleague,
            document_type=DocumentTypeFactory(name="Jaarplan"),
            principles=[klant],
        ),
        "finding": FindingFactory(cycle=cycle, unit=uitkeren, updated_by=colleague),
        "recommendation": RecommendationFactory(
            cycle=cycle, unit=uitkeren, updated_by=colleague, title="Meet het effect"
        ),
    }
