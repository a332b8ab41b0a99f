"""The interview pages read a fixed number of queries, whatever the number of interviews,
interviewees, confirmations and withdrawn records (issue 17: struck-through rows with who
withdrew them cost no query each)."""

from django.urls import reverse

from audits.services.interviews import interview_withdraw
from tests.factories import InterviewFactory


def add_interviews(cycle, unit, auditor, n):
    for number in range(n):
        interview = InterviewFactory(
            cycle=cycle,
            unit=unit,
            created_by=auditor,
            ter_bevestiging=number % 2 == 0,
            interviewees=[("Jan Jansen", "Teamleider"), ("Eva de Vries", "Adviseur")],
        )
        if number % 3 == 0:
            interview_withdraw(actor=auditor, interview=interview, reason="Dubbel.")
    return interview


def test_the_list_and_the_record_do_not_grow_with_rows(
    client, auditor, cycle, uitkeren, django_assert_max_num_queries
):
    client.force_login(auditor)
    last = add_interviews(cycle, uitkeren, auditor, 2)
    listing = reverse("audits:interview_list", args=[cycle.year, uitkeren.pk])
    with django_assert_max_num_queries(40) as small:
        assert client.get(listing).status_code == 200
        assert client.get(last.get_absolute_url()).status_code == 200
    last = add_interviews(cycle, uitkeren, auditor, 9)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(listing).status_code == 200
        assert client.get(last.get_absolute_url()).status_code == 200
