"""The per-tertaal overview with a year in the query string that is not ASCII digits ("²-1"
made int() fail: a 500): refused with the form's Dutch message, like any unknown tertaal."""

import pytest
from django.urls import reverse

from findings.rules import Tertaal
from findings.selectors.follow_up import parse_tertaal

BAD_YEARS = ["²", "١", "-1", "1e3", " 1", "99999999999999999999", "２０３２", "٢٠٣٢"]


@pytest.mark.parametrize("year", BAD_YEARS)
def test_a_bad_year_is_refused_with_a_message(client, coordinator, year):
    client.force_login(coordinator)
    response = client.get(reverse("findings:tertaal_overview"), {"tertaal": f"{year}-1"})
    assert response.status_code == 400
    assert "Kies een tertaal uit de lijst." in response.content.decode()


@pytest.mark.parametrize("year", BAD_YEARS)
def test_parse_tertaal_refuses_a_bad_year(year):
    assert parse_tertaal(f"{year}-1") is None


def test_parse_tertaal_reads_a_good_one():
    assert parse_tertaal("2032-3") == Tertaal(2032, 3)
