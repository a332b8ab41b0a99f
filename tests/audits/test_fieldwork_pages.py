"""Every fieldwork-coordination page, rendered with data: strict CSP without inline code, unique
ids, and every label pointing at a field that exists."""

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from audits.models import District, Exclusion
from audits.services.districts import districts_draw
from tests.uwvkms.test_security_headers import _assert_no_unsafe_inline, _assert_strict_policy


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.label_targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "label" and attrs.get("for"):
            self.label_targets.append(attrs["for"])


@pytest.fixture
def fieldwork(cycle, coordinator, uitkeren, communicatie):
    for name, kind in [("Hoofdkantoor", "centraal"), ("Amsterdam", "decentraal")]:
        District.objects.create(cycle=cycle, unit=uitkeren, name=name, kind=kind)
    first = districts_draw(actor=coordinator, cycle=cycle, unit=uitkeren, count=2)
    districts_draw(
        actor=coordinator,
        cycle=cycle,
        unit=uitkeren,
        count=2,
        reason="Opnieuw.",
        expected_current_id=first.pk,
    )
    Exclusion.objects.create(
        cycle=cycle, unit=communicatie, reason="Niet representatief.", excluded_by=coordinator
    )
    return cycle


def pages(cycle, uitkeren):
    return [
        ("coordinator", reverse("audits:cycle_open")),
        ("coordinator", reverse("audits:three_year_plan")),
        ("coordinator", reverse("audits:cycle_detail", args=[cycle.year])),
        ("coordinator", reverse("audits:cycle_period", args=[cycle.year])),
        ("coordinator", reverse("audits:scope_edit", args=[cycle.year, uitkeren.pk])),
        ("coordinator", reverse("audits:cycle_teams", args=[cycle.year])),
        ("coordinator", reverse("audits:exclusions", args=[cycle.year])),
        ("coordinator", reverse("audits:districts", args=[cycle.year, uitkeren.pk])),
        ("coordinator", reverse("findings:maturity_report", args=[cycle.year])),
        ("auditor", reverse("audits:districts", args=[cycle.year, uitkeren.pk])),
        ("auditor", reverse("maturity:auditor_work", args=[cycle.year])),
    ]


def test_pages_are_strict_and_well_labelled(client, request, fieldwork, uitkeren):
    for persona, url in pages(fieldwork, uitkeren):
        client.force_login(request.getfixturevalue(persona))
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_strict_policy(response)
        _assert_no_unsafe_inline(response)
        parser = _Ids()
        parser.feed(response.content.decode())
        duplicates = [i for i, n in Counter(parser.ids).items() if n > 1]
        assert duplicates == [], f"{url}: duplicate ids {duplicates}"
        missing = [t for t in parser.label_targets if t not in parser.ids]
        assert missing == [], f"{url}: labels for missing fields {missing}"
