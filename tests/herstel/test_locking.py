"""Optimistic locking: two people edit the same action; the second save, made on the version
they opened, is refused with a Dutch message naming who changed it, and nothing is saved."""

import datetime

import pytest
from django.urls import reverse

from herstel.constants import StepMove
from herstel.services.actions import advice_save, herstelactie_update
from herstel.services.steps import herstelactie_move
from tests.factories import UserFactory
from tests.herstel.flow import criteria, sections
from uwvkms.constants import Role
from uwvkms.models import AuditEvent
from uwvkms.versioning import EditConflict


@pytest.fixture
def colleague(db, uitkeren):
    """A second adviser of the lead division."""
    return UserFactory(
        username="collega",
        first_name="Cor",
        last_name="Collega",
        business_unit=uitkeren,
        roles=[Role.HERSTEL_ADVISEUR],
    )


def details(**overrides):
    return {
        "title": "Te lage WW-uitkering",
        "what_went_wrong": "Verkeerd dagloon.",
        "wrong_since": datetime.date(2024, 1, 1),
        "estimated_clients": 10,
        "estimated_dossiers": 10,
        "estimated_amount": None,
    } | overrides


def test_a_stale_details_save_is_refused(adviser, colleague, action):
    seen = action.version
    herstelactie_update(
        actor=colleague,
        herstelactie=action,
        expected_version=seen,
        **details(estimated_clients=1500),
    )
    with pytest.raises(EditConflict) as refused:
        herstelactie_update(
            actor=adviser,
            herstelactie=action,
            expected_version=seen,
            **details(estimated_clients=9),
        )
    message = refused.value.messages[0]
    assert message.startswith("Deze herstelactie is intussen gewijzigd door Cor Collega (")
    assert message.endswith(
        "Uw invoer is niet opgeslagen; bekijk de actuele versie en pas die zo nodig aan."
    )
    action.refresh_from_db()
    assert (action.estimated_clients, action.version) == (1500, seen + 1)


def test_a_stale_advice_save_through_the_page_is_refused(client, adviser, colleague, action):
    seen = action.version
    advice_save(
        actor=colleague,
        herstelactie=action,
        expected_version=seen,
        sections=sections(target_group="Door Cor."),
        criteria=criteria((True, False, False, False, False)),
    )
    client.force_login(adviser)
    response = client.post(
        reverse("herstel:advice", args=[action.pk]),
        {"version": seen, "target_group": "Door Hester."},
    )
    assert response.status_code == 400
    assert "Deze herstelactie is intussen gewijzigd door Cor Collega" in response.content.decode()
    action.advice.refresh_from_db()
    assert action.advice.target_group == "Door Cor."
    assert AuditEvent.objects.filter(event="herstel.advice.updated").count() == 1


def test_a_stale_step_move_is_refused(adviser, colleague, action):
    seen = action.version
    advice_save(
        actor=colleague,
        herstelactie=action,
        expected_version=seen,
        sections=sections(),
        criteria=criteria((True, False, False, False, False)),
    )
    # Submitting what one has not seen is refused, even though the advice is complete now.
    with pytest.raises(EditConflict, match="Cor Collega"):
        herstelactie_move(
            actor=adviser, herstelactie=action, move=StepMove.SUBMIT_ADVICE, expected_version=seen
        )
    action.refresh_from_db()
    assert action.step == "stap_1"


def test_the_edit_page_carries_the_version(client, adviser, colleague, action):
    client.force_login(adviser)
    url = reverse("herstel:edit", args=[action.pk])
    assert client.get(url).context["form"]["version"].value() == 1
    herstelactie_update(actor=colleague, herstelactie=action, expected_version=1, **details())
    response = client.post(
        url,
        {
            "title": "Mijn titel",
            "what_went_wrong": "x",
            "wrong_since": "2024-01-01",
            "version": "1",
        },
    )
    assert response.status_code == 400
    assert (
        response.context["form"]
        .non_field_errors()[0]
        .startswith("Deze herstelactie is intussen gewijzigd door Cor Collega")
    )
    action.refresh_from_db()
    assert action.title == "Te lage WW-uitkering"
