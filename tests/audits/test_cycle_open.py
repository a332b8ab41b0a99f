"""The coordination team opens an audit cycle with its principles in scope."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audits.models import AssessedPrinciple, AuditCycle
from audits.services import cycle_open
from tests.factories import principle
from uwvkms.models import AuditEvent

PERIOD = {"period_start": "2032-09-01", "period_end": "2032-12-15"}


@pytest.fixture
def principles(db):
    return [principle("klantgerichtheid"), principle("operationele-kwaliteit")]


def test_coordinator_opens_cycle_with_default_scope(
    client, coordinator, uitkeren, communicatie, principles
):
    client.force_login(coordinator)
    response = client.post(
        reverse("audits:cycle_open"),
        {"year": 2032, "principles": [p.pk for p in principles], "include_basic": "on", **PERIOD},
    )
    cycle = AuditCycle.objects.get(year=2032)
    assert response.status_code == 302
    assert response["Location"] == cycle.get_absolute_url()
    assert set(cycle.principles.all()) == {*principles, principle("basic-km")}
    assert cycle.status == "voorbereiding"
    scope = set(
        AssessedPrinciple.objects.filter(cycle=cycle).values_list("unit__name", "principle__code")
    )
    # Operationele Kwaliteit only where there are execution processes; absent elsewhere.
    assert ("Uitkeren", "operationele-kwaliteit") in scope
    assert ("Communicatie", "operationele-kwaliteit") not in scope
    assert ("Communicatie", "klantgerichtheid") in scope
    # Basic Kwaliteitsmanagement is assessed at every unit.
    assert {("Uitkeren", "basic-km"), ("Communicatie", "basic-km")} <= scope
    event = AuditEvent.objects.get(event="audits.cycle.opened")
    assert event.actor == coordinator
    assert event.object_id == str(cycle.pk)
    assert event.changes["principles"] == [None, ["Klantgerichtheid", "Operationele Kwaliteit"]]
    assert event.changes["include_basic"] == [None, True]


def test_the_form_offers_basic_km_apart_from_the_eight_principles_checked(client, coordinator):
    client.force_login(coordinator)
    form = client.get(reverse("audits:cycle_open")).context["form"]
    assert "basic-km" not in {p.code for p in form.fields["principles"].queryset}
    assert form.fields["principles"].queryset.count() == 8
    assert form["include_basic"].value() is True
    html = client.get(reverse("audits:cycle_open")).content.decode()
    assert "Basic Kwaliteitsmanagement toetsen" in html


def test_a_cycle_without_basic_km(client, coordinator, uitkeren, communicatie, principles):
    client.force_login(coordinator)
    response = client.post(
        reverse("audits:cycle_open"),
        {"year": 2032, "principles": [p.pk for p in principles], **PERIOD},  # unchecked
    )
    assert response.status_code == 302
    cycle = AuditCycle.objects.get(year=2032)
    assert set(cycle.principles.all()) == set(principles)
    assert not AssessedPrinciple.objects.filter(cycle=cycle, principle__is_basic=True).exists()
    event = AuditEvent.objects.get(event="audits.cycle.opened")
    assert event.changes["include_basic"] == [None, False]


def test_include_basic_alone_decides_about_basic_km(coordinator, uitkeren, principles):
    cycle = cycle_open(
        actor=coordinator,
        year=2032,
        principles=[*principles, principle("basic-km")],
        include_basic=False,
    )
    assert set(cycle.principles.all()) == set(principles)
    with pytest.raises(ValidationError) as refused:
        cycle_open(actor=coordinator, year=2033, principles=[principle("basic-km")])
    assert "Kies ten minste één managementprincipe." in refused.value.messages
    assert not AuditCycle.objects.filter(year=2033).exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"year": ""}, "year", "Dit veld is verplicht."),
        ({"year": "twintig"}, "year", "Voer een geheel getal in."),
        ({"year": 1999}, "year", "2000"),
        ({"year": 2032}, "principles", "Kies ten minste één managementprincipe."),
    ],
)
def test_bad_input_is_refused_and_stores_nothing(
    client, coordinator, principles, data, field, message
):
    client.force_login(coordinator)
    if field != "principles":
        data = {**data, "principles": [principles[0].pk]}
    data = {**PERIOD, **data}
    response = client.post(reverse("audits:cycle_open"), data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not AuditCycle.objects.exists()


def test_a_year_can_have_only_one_cycle(client, coordinator, cycle, principles):
    client.force_login(coordinator)
    response = client.post(
        reverse("audits:cycle_open"),
        {"year": cycle.year, "principles": [principles[0].pk], **PERIOD},
    )
    assert "Er bestaat al een toetscyclus voor 2031." in response.context["form"].errors["year"]
    assert AuditCycle.objects.count() == 1


@pytest.mark.parametrize("persona", ["auditor", "board_member", "unit_board", "outsider"])
def test_only_coordinators_open_cycles(client, request, persona, principles):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("audits:cycle_open")).status_code == 403
    response = client.post(
        reverse("audits:cycle_open"), {"year": 2032, "principles": [principles[0].pk], **PERIOD}
    )
    assert response.status_code == 403
    assert not AuditCycle.objects.exists()


def test_cycle_list_shows_each_role_its_cycles(client, cycle, auditor, other_auditor, coordinator):
    client.force_login(coordinator)
    assert list(client.get(reverse("audits:cycle_list")).context["cycles"]) == [cycle]
    client.force_login(auditor)
    assert list(client.get(reverse("audits:cycle_list")).context["cycles"]) == [cycle]
    client.force_login(other_auditor)  # not assigned anywhere in 2031
    assert list(client.get(reverse("audits:cycle_list")).context["cycles"]) == []
