"""The work queue of the core (issue 16 §1): its sort rule, its registry, and the home page's
"Wat vraagt uw aandacht" with the navigation's count. The lines each app adds are tested in
tests/<app>/test_work_queue.py."""

import datetime

import pytest
from django.urls import reverse

from uwvkms import workqueue
from uwvkms.workqueue import Urgency, WorkItem, queue_order, queue_sort_key, register

TODAY = datetime.date(2026, 12, 6)
YESTERDAY = TODAY - datetime.timedelta(days=1)
NEXT_WEEK = TODAY + datetime.timedelta(days=7)


def item(title, urgency=Urgency.ACTION, due_on=None):
    return WorkItem(kind="Soort", title=title, url="/", urgency=urgency, due_on=due_on)


@pytest.mark.parametrize(
    ("urgency", "due_on", "sorts_as"),
    [
        (Urgency.PROGRESS, None, Urgency.PROGRESS),
        (Urgency.ACTION, NEXT_WEEK, Urgency.ACTION),
        # Today itself is still in time.
        (Urgency.ACTION, TODAY, Urgency.ACTION),
        # Past its date: urgent, whatever the provider said.
        (Urgency.ACTION, YESTERDAY, Urgency.URGENT),
        (Urgency.PROGRESS, YESTERDAY, Urgency.URGENT),
        (Urgency.URGENT, None, Urgency.URGENT),
    ],
)
def test_overdue_work_sorts_as_urgent(urgency, due_on, sorts_as):
    assert queue_sort_key(item("x", urgency, due_on), TODAY)[0] == sorts_as


def test_the_queue_is_ordered_by_urgency_then_date_then_title():
    items = [
        item("info", Urgency.PROGRESS),
        item("later", Urgency.ACTION, NEXT_WEEK),
        item("b undated", Urgency.ACTION),
        item("a undated", Urgency.ACTION),
        item("soon", Urgency.ACTION, TODAY),
        item("overdue", Urgency.PROGRESS, YESTERDAY),
        item("sent back", Urgency.URGENT),
    ]
    assert [i.title for i in queue_order(items, TODAY)] == [
        "overdue",  # dated urgent before undated urgent
        "sent back",
        "soon",
        "later",
        "a undated",
        "b undated",
        "info",
    ]


def test_a_provider_registered_twice_counts_once(monkeypatch):
    monkeypatch.setattr(workqueue, "_providers", [])

    def provider(user, today):
        return [item("één")]

    register(provider)
    register(provider)
    assert workqueue._providers == [provider]


def test_nobody_anonymous_has_a_queue():
    from django.contrib.auth.models import AnonymousUser

    assert workqueue.work_queue_for(AnonymousUser()) == []


def test_every_app_registers_its_lines():
    names = {p.__module__ for p in workqueue._providers}
    assert names == {
        "audits.selectors.workqueue",
        "audits.selectors.request_queue",
        "maturity.selectors.workqueue",
        "findings.selectors.workqueue",
        "findings.selectors.review",  # review before submission (issue 21 §3)
        "herstel.selectors.workqueue",
    }


def test_an_empty_queue_says_so(client, outsider):
    client.force_login(outsider)
    html = client.get(reverse("home")).content.decode()
    assert '<h2 id="aandacht-kop" class="h4">Wat vraagt uw aandacht</h2>' in html
    assert "Er wacht op dit moment niets op u." in html
    assert "zaak vraagt uw aandacht" not in html


def test_the_home_page_lists_the_queue_with_a_count_in_the_navigation(
    client, outsider, monkeypatch
):
    def provider(user, today):
        return [
            WorkItem(
                kind="Vervolgactie",
                title="Te laat",
                url="/te-laat/",
                due_on=today - datetime.timedelta(days=3),
            ),
            WorkItem(kind="Voortgang", title="Ter info", url="/info/", urgency=Urgency.PROGRESS),
        ]

    monkeypatch.setattr(workqueue, "_providers", [provider])
    client.force_login(outsider)
    html = client.get(reverse("home")).content.decode()
    assert html.index("Te laat") < html.index("Ter info")
    assert '<a href="/te-laat/">Te laat</a>' in html
    # Not colour alone: the text says it is late, with a Dutch date.
    assert "te laat: uiterlijk" in html
    assert '2<span class="visually-hidden"> zaken vragen uw aandacht</span>' in html


def test_every_page_shows_the_count_in_the_navigation(client, outsider, monkeypatch):
    """Not the home page only: the navigation bar of every page counts the queue."""

    def provider(user, today):
        return [WorkItem(kind="Vervolgactie", title="Nu", url="/nu/")]

    monkeypatch.setattr(workqueue, "_providers", [provider])
    client.force_login(outsider)
    for name in ("notification_list", "profile"):
        html = client.get(reverse(name)).content.decode()
        assert '1<span class="visually-hidden"> zaak vraagt uw aandacht</span>' in html, name
    monkeypatch.setattr(workqueue, "_providers", [])
    html = client.get(reverse("notification_list")).content.decode()
    assert "zaak vraagt uw aandacht" not in html
