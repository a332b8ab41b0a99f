"""Money sums are exact and computed by the database (DOMAIN.md §6 step 3; the issue's rule):
amounts are whole cents, so SQLite's and PostgreSQL's SUM agree with the sum of the dossiers to
the cent. The same dossiers are added up by the management information, the central overview
(per action and in total), the snapshot and the exports; every one must equal the exact sum of
the amounts as written in the import files. Runs on whichever database the suite runs on."""

import csv
import io
import random
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from herstel.models import Dossier
from herstel.selectors.figures import OverviewFilters, management_information, overview
from herstel.services.dossiers import DossierImportRefused
from tests.herstel.flow import go, import_rows, row, start, to_execution

AMOUNTS = ["paid", "to_pay", "recovered", "written_off"]
# Amounts a float sum gets wrong: tenths and hundredths that have no exact binary form, large
# amounts next to cents, and the largest amount a dossier may carry.
AWKWARD = [
    "0,01",
    "0,10",
    "0,07",
    "0,29",
    "1,15",
    "2,675",  # refused: three decimals (checked below, not imported)
    "33,33",
    "1234567,89",
    "9999999999,99",
    "999999999999,99",
    "0,99",
    "100000,01",
]


def awkward_rows(prefix: str, count: int, seed: int) -> tuple[list[list[str]], dict[str, Decimal]]:
    """`count` dossiers with awkward amounts and their exact totals per amount."""
    rnd = random.Random(seed)
    usable = [a for a in AWKWARD if a.count(",") == 1 and len(a.split(",")[1]) <= 2]
    totals = dict.fromkeys(AMOUNTS, Decimal(0))
    rows = []
    for number in range(count):
        draw = rnd.random()
        amount = (
            rnd.choice(usable)
            if draw < 0.5
            else f"{rnd.randint(0, 10**7)},{rnd.randint(0, 99):02d}"
        )
        reference = f"{prefix}-{number:05d}"
        kind = number % 4
        if kind == 0:
            rows.append(row(reference, "beoordeeld", "nabetalen", "0", amount, "0", "0"))
            totals["to_pay"] += Decimal(amount.replace(",", "."))
        elif kind == 1:
            rows.append(row(reference, "afgehandeld", "nabetalen", amount, "0", "0", "0"))
            totals["paid"] += Decimal(amount.replace(",", "."))
        elif kind == 2:
            other = rnd.choice(usable)
            rows.append(row(reference, "afgehandeld", "terugvorderen", "0", "0", amount, other))
            totals["recovered"] += Decimal(amount.replace(",", "."))
            totals["written_off"] += Decimal(other.replace(",", "."))
        else:
            rows.append(row(reference))
    return rows, totals


def test_totals_equal_the_sum_of_the_dossiers_to_the_cent(
    client, adviser, dt_member, board_member, fez_adviser
):
    expected = {}
    actions = []
    for index, count in enumerate((1500, 900, 600)):
        action = start(adviser, title=f"Actie {index}")
        to_execution(action, adviser, dt_member, board_member)
        go(action, adviser)
        rows, totals = awkward_rows(f"A{index}", count, seed=index)
        import_rows(action, adviser, rows)
        expected[action.pk] = totals
        actions.append(action)

    grand = {name: sum(t[name] for t in expected.values()) for name in AMOUNTS}
    # Large enough that a float sum would show it: beyond 2**53 cents is not the point; the
    # many non-binary fractions are.
    assert grand["paid"] > Decimal("1000000")

    for action in actions:
        mi = management_information(action)
        got = {name: getattr(mi.totals, name) for name in AMOUNTS}
        assert got == expected[action.pk], action.title

    view = overview(OverviewFilters())
    for overview_row in view.rows:
        got = {name: getattr(overview_row.totals, name) for name in AMOUNTS}
        assert got == expected[overview_row.action.pk]
    assert {name: getattr(view.totals, name) for name in AMOUNTS} == grand

    # The database itself returns whole numbers (SQLite an int, PostgreSQL a numeric without
    # decimals): no float crept in on this backend.
    with connection.cursor() as cursor:
        cursor.execute("SELECT SUM(paid_cents), SUM(written_off_cents) FROM herstel_dossier")
        paid, written_off = cursor.fetchone()
    assert not isinstance(paid, float) and Decimal(paid) == Decimal(paid).to_integral_value()
    assert Decimal(paid) / 100 == grand["paid"]
    assert Decimal(written_off) / 100 == grand["written_off"]

    # Snapshots and exports carry the same figures.
    snapshot = actions[0].snapshots.latest("taken_at")
    assert Decimal(snapshot.recovered_cents) / 100 == expected[actions[0].pk]["recovered"]
    client.force_login(fez_adviser)
    content = client.get(reverse("herstel:overview_export", args=["csv"])).content
    table = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    total_row = next(r for r in table if r[0] == "Totaal")
    header = table[0]
    for name, column in [
        ("paid", "Nabetaald (€)"),
        ("to_pay", "Nog te betalen (€)"),
        ("recovered", "Teruggevorderd (€)"),
        ("written_off", "Afgeboekt (€)"),
    ]:
        assert Decimal(total_row[header.index(column)].replace(",", ".")) == grand[name]


def test_three_decimals_never_reach_the_database(executing, adviser):
    with pytest.raises(DossierImportRefused):
        import_rows(
            executing, adviser, [row("HA-1", "beoordeeld", "nabetalen", "0", "2,675", "0", "0")]
        )
    assert not Dossier.objects.exists()
