"""The list of a unit's improvement actions, its export and the index of units read in a fixed
number of queries, however many actions of either kind; and the index's counts (computed by the
database) agree with the unit's list (computed by the rules)."""

import datetime

from django.urls import reverse
from django.utils import timezone

from herstel.selectors.improvements import ImprovementFilters, improvement_counts, unit_improvements
from tests.factories import EffectMeasurementFactory
from tests.herstel.flow import start
from tests.herstel.improvements import follow_up, measure

TODAY = timezone.localdate()


def test_fixed_number_of_queries(
    client,
    improvement_data,
    cycle,
    uitkeren,
    adviser,
    dt_member,
    coordinator,
    django_assert_max_num_queries,
):
    urls = [
        reverse("herstel:improvements_unit", args=[uitkeren.pk]),
        reverse("herstel:improvements_export", args=[uitkeren.pk, "xlsx"]),
    ]
    counted = {}
    for user in (dt_member, coordinator):
        client.force_login(user)
        for url in [*urls, reverse("herstel:improvements")]:
            client.get(url)
            with django_assert_max_num_queries(30) as small:
                client.get(url)
            counted[user.pk, url] = len(small.captured_queries)
    for n in range(25):
        action = follow_up(cycle, uitkeren, f"Extra {n}", status="gereed")
        EffectMeasurementFactory(action=action, measured_on=TODAY - datetime.timedelta(days=n))
    more = start(adviser, title="Nog een herstelactie")
    for n in range(25):
        measure(more, adviser, f"Extra maatregel {n}", TODAY - datetime.timedelta(days=n))
    for user in (dt_member, coordinator):
        client.force_login(user)
        client.get(reverse("home"))  # the first view after a login loads the session
        for url in [*urls, reverse("herstel:improvements")]:
            with django_assert_max_num_queries(counted[user.pk, url]):
                response = client.get(url)
            assert response.status_code in (200, 302)
    client.force_login(dt_member)
    assert len(client.get(urls[0]).context["view"].rows) == 9 + 50


def test_the_index_counts_agree_with_the_lists(
    client, improvement_data, uitkeren, handhaving, board_member
):
    counts = {row.unit.pk: row for row in improvement_counts(today=TODAY)}
    for unit in (uitkeren, handhaving):
        view = unit_improvements(unit, user=board_member, filters=ImprovementFilters(), today=TODAY)
        row = counts[unit.pk]
        assert (row.audit, row.herstel, row.lacking) == (
            view.counts["audit"],
            view.counts["herstel"],
            view.lacking,
        )
    assert (counts[uitkeren.pk].total, counts[uitkeren.pk].lacking) == (9, 3)
    assert (counts[handhaving.pk].herstel, counts[handhaving.pk].lacking) == (1, 1)
    client.force_login(board_member)
    html = client.get(reverse("herstel:improvements")).content.decode()
    assert (
        reverse("herstel:improvements_unit", args=[uitkeren.pk]) + "?zonder_effectmeting=1" in html
    )
