"""A plausible interview (issue 17: "an interview in 2031 at a district that was not drawn" was
accepted): the form offers only the places drawn for the unit, and the service refuses a day in
the future, a day outside the fieldwork period without a reason, and a place not drawn, each
with a Dutch instruction, giving back what was typed."""

import datetime

import pytest
from django.urls import reverse

from audits.models import AuditCycle, DistrictDraw, Interview
from tests.audits.test_interviews import form_data
from tests.factories import DistrictFactory, draw_places

PERIOD = "Kies een datum in de veldwerkperiode (1 maart 2025 – 30 juni 2025) of geef een reden"


@pytest.fixture
def with_period(cycle):
    AuditCycle.objects.filter(pk=cycle.pk).update(
        period_start=datetime.date(2025, 3, 1), period_end=datetime.date(2025, 6, 30)
    )
    cycle.refresh_from_db()
    return cycle


@pytest.fixture
def drawn(cycle, uitkeren):
    return DistrictFactory(cycle=cycle, unit=uitkeren, name="Regio Noord", drawn=True)


@pytest.fixture
def not_drawn(cycle, uitkeren):
    return DistrictFactory(cycle=cycle, unit=uitkeren, name="Regio Zuid")


def create(client, cycle, unit, data):
    return client.post(reverse("audits:interview_create", args=[cycle.year, unit.pk]), data)


def test_the_form_offers_only_drawn_places(client, auditor, cycle, uitkeren, drawn, not_drawn):
    client.force_login(auditor)
    page = client.get(reverse("audits:interview_create", args=[cycle.year, uitkeren.pk]))
    assert list(page.context["form"].fields["location"].queryset) == [drawn]
    response = create(
        client, cycle, uitkeren, form_data(not_drawn, [auditor], held_on="2025-04-01")
    )
    assert response.status_code == 400
    assert "Kies een district of afdeling die voor dit onderdeel is getrokken." in (
        response.content.decode()
    )
    assert not Interview.objects.exists()


def test_without_a_draw_the_page_says_to_draw_first(client, auditor, cycle, uitkeren, not_drawn):
    client.force_login(auditor)
    page = client.get(reverse("audits:interview_create", args=[cycle.year, uitkeren.pk]))
    assert "nog geen districten of afdelingen getrokken" in page.content.decode()


@pytest.mark.parametrize(
    ("held_on", "reason", "message"),
    [
        ("2031-09-15", "", "Kies een datum van vandaag"),
        ("2031-09-15", "Later gehouden.", "Kies een datum van vandaag"),
        ("2025-07-01", "", PERIOD),
        ("2025-02-28", "", PERIOD),
    ],
)
def test_an_implausible_day_is_refused_and_the_input_kept(
    client, auditor, with_period, uitkeren, drawn, held_on, reason, message
):
    client.force_login(auditor)
    data = form_data(drawn, [auditor], held_on=held_on, outside_period_reason=reason)
    response = create(client, with_period, uitkeren, data)
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert f'value="{held_on}"' in content and "Trots op de klantpanels." in content
    assert not Interview.objects.exists()


@pytest.mark.parametrize(
    ("held_on", "reason"),
    [("2025-03-01", ""), ("2025-06-30", ""), ("2025-07-10", "Uitgesteld wegens ziekte.")],
)
def test_a_plausible_day_is_accepted(
    client, auditor, with_period, uitkeren, drawn, held_on, reason
):
    client.force_login(auditor)
    data = form_data(drawn, [auditor], held_on=held_on, outside_period_reason=reason)
    assert create(client, with_period, uitkeren, data).status_code == 302
    interview = Interview.objects.get()
    assert (interview.held_on.isoformat(), interview.outside_period_reason) == (held_on, reason)
    page = client.get(interview.get_absolute_url()).content.decode()
    if reason:
        assert f"buiten de veldwerkperiode: {reason}" in page


def test_the_form_names_the_period(client, auditor, with_period, uitkeren, drawn):
    client.force_login(auditor)
    page = client.get(reverse("audits:interview_create", args=[with_period.year, uitkeren.pk]))
    assert "De veldwerkperiode loopt van 1 maart 2025 tot en met 30 juni 2025." in (
        page.content.decode()
    )


def test_a_redraw_does_not_move_an_interview_already_held(
    client, auditor, with_period, uitkeren, drawn, not_drawn
):
    """After a redraw the record keeps its place: correcting it never forces a place where
    the interview was not held; a new place must still be a drawn one."""
    client.force_login(auditor)
    data = form_data(drawn, [auditor], held_on="2025-04-01")
    assert create(client, with_period, uitkeren, data).status_code == 302
    interview = Interview.objects.get()
    DistrictDraw.objects.filter(cycle=with_period, unit=uitkeren).update(is_current=False)
    draw_places(not_drawn)  # the redraw chose another place
    edit = reverse("audits:interview_edit", args=[with_period.year, interview.pk])
    page = client.get(edit)
    assert set(page.context["form"].fields["location"].queryset) == {drawn, not_drawn}
    again = form_data(drawn, [auditor], held_on="2025-04-02", version=interview.version)
    again["interviewees-0-id"] = interview.interviewees.get().pk
    assert client.post(edit, again).status_code == 302
    interview.refresh_from_db()
    assert (interview.location, interview.held_on) == (drawn, datetime.date(2025, 4, 2))


def test_a_reason_for_a_day_outside_the_period_goes_when_the_day_is_inside(
    client, auditor, with_period, uitkeren, drawn
):
    client.force_login(auditor)
    data = form_data(drawn, [auditor], held_on="2025-04-01", outside_period_reason="Uitgesteld.")
    assert create(client, with_period, uitkeren, data).status_code == 302
    assert Interview.objects.get().outside_period_reason == ""
