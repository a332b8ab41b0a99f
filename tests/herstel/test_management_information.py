"""The management information of an action (the process guide, step 3): progress, counts per
status and outcome, the four amount totals computed by the database, the dossiers still to
assess times an estimated average (entered, or derived from the assessed ones, and which), the
trend per week from the snapshots kept, the exports, and a fixed number of queries."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from herstel.constants import EstimateSource, StepMove
from herstel.models import DossierSnapshot
from herstel.selectors.figures import management_information, weekly_trend
from herstel.services.dossiers import dossier_snapshot_take, snapshots_take_all
from herstel.services.execution import estimate_set
from tests.herstel.flow import go, import_rows, move, row, start, to_execution

ROWS = [
    row("HA-1"),
    row("HA-2"),
    row("HA-3", "beoordeeld", "nabetalen", "0", "100,00", "0", "0"),
    row("HA-4", "afgehandeld", "nabetalen", "250,50", "0", "0", "0"),
    row("HA-5", "afgehandeld", "terugvorderen", "0", "0", "40,25", "9,75"),
    row("HA-6", "afgehandeld", "geen wijziging", "0", "0", "0", "0"),
]


@pytest.fixture
def imported(executing, adviser):
    import_rows(executing, adviser, ROWS)
    return executing


def test_the_figures(imported):
    mi = management_information(imported)
    t = mi.totals
    assert (t.total, t.te_beoordelen, t.beoordeeld, t.afgehandeld, t.assessed) == (6, 2, 1, 3, 4)
    assert [(o.value, n) for o, n in t.by_outcome()] == [
        ("nabetalen", 2),
        ("terugvorderen", 1),
        ("afboeken", 0),
        ("geen_wijziging", 1),
    ]
    assert (t.paid, t.to_pay, t.recovered, t.written_off) == (
        Decimal("250.50"),
        Decimal("100.00"),
        Decimal("40.25"),
        Decimal("9.75"),
    )
    assert mi.progress == 66  # 4 of 6, rounded down
    # Derived: (100 + 250.50 + 40.25 + 9.75) / 4 assessed = 100.125 → 100.13, times 2 remaining.
    assert mi.estimate.source == EstimateSource.DERIVED
    assert (mi.average, mi.remaining_amount) == (Decimal("100.13"), Decimal("200.26"))


def test_an_entered_estimate_wins_and_says_so(client, imported, adviser):
    client.force_login(adviser)
    url = reverse("herstel:management_information", args=[imported.pk])
    page = client.get(url).content.decode()
    assert "Het gemiddelde is afgeleid uit de beoordeelde dossiers (4 beoordeelde dossiers" in page
    assert "2 dossiers × €\xa0100,13 gemiddeld = <strong>€\xa0200,26</strong>" in page
    response = client.post(
        reverse("herstel:estimate", args=[imported.pk]),
        {
            "schatting-average": "80,00",
            "schatting-basis": "",
            "schatting-version": imported.version,
        },
    )
    assert response.status_code == 400 and "Onderbouw de schatting." in response.content.decode()
    response = client.post(
        reverse("herstel:estimate", args=[imported.pk]),
        {
            "schatting-average": "80,00",
            "schatting-basis": "Steekproef van 20 dossiers.",
            "schatting-version": imported.version,
        },
        follow=True,
    )
    page = response.content.decode()
    assert "De schatting is opgeslagen." in page
    assert "2 dossiers × €\xa080,00 gemiddeld = <strong>€\xa0160,00</strong>" in page
    assert "Het gemiddelde is ingevoerd door de leidende divisie." in page
    assert "Steekproef van 20 dossiers." in page
    imported.refresh_from_db()
    estimate_set(
        actor=adviser, herstelactie=imported, expected_version=imported.version, average=None
    )
    assert management_information(imported).estimate.source == EstimateSource.DERIVED


def test_without_assessed_dossiers_there_is_no_estimate(client, executing, adviser):
    import_rows(executing, adviser, [row("HA-1")])
    mi = management_information(executing)
    assert (mi.estimate.source, mi.remaining_amount) == (EstimateSource.NONE, None)
    client.force_login(adviser)
    page = client.get(reverse("herstel:management_information", args=[executing.pk])).content
    assert "nog geen schatting: niets ingevoerd en nog geen dossier beoordeeld" in page.decode()


def test_an_estimate_is_not_negative_and_not_stale(imported, adviser):
    with pytest.raises(ValidationError):
        estimate_set(
            actor=adviser,
            herstelactie=imported,
            expected_version=imported.version,
            average=Decimal("-1"),
            basis="x",
        )
    with pytest.raises(ValidationError, match="intussen"):
        estimate_set(
            actor=adviser,
            herstelactie=imported,
            expected_version=imported.version - 1,
            average=Decimal("1"),
            basis="x",
        )


def snap(action, when, total):
    s = dossier_snapshot_take(herstelactie=action, trigger="schedule", taken_at=when)
    DossierSnapshot.objects.filter(pk=s.pk).update(total=total)
    s.total = total
    return s


def test_the_trend_keeps_the_last_snapshot_of_each_week(executing):
    monday = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 0))  # ISO week 10
    snapshots = [
        snap(executing, monday, 10),
        snap(executing, monday + datetime.timedelta(days=4), 20),  # Friday, same week
        snap(executing, monday + datetime.timedelta(days=7), 30),  # week 11
        snap(executing, monday + datetime.timedelta(days=21), 40),  # week 13 (12 skipped)
    ]
    trend = weekly_trend(snapshots)
    assert [(w.label, w.total) for w in trend] == [
        ("2026-W10", 20),
        ("2026-W11", 30),
        ("2026-W13", 40),
    ]


def test_the_weekly_snapshot_command(executing, adviser, other_adviser, capsys):
    import_rows(executing, adviser, ROWS)
    start(other_adviser, title="Nog in stap 1")
    call_command("herstel_snapshot")
    assert "1 momentopname(s) genomen." in capsys.readouterr().out
    latest = DossierSnapshot.objects.filter(trigger="schedule").get()
    assert (latest.total, latest.afgehandeld, latest.paid_cents) == (6, 3, 25050)
    # Closed actions no longer change and are left out.
    import_rows(
        executing,
        adviser,
        [row(r[0], "afgehandeld", "geen wijziging", 0, 0, 0, 0) for r in ROWS[:3]],
    )
    assert len(snapshots_take_all(action_ids=[executing.pk])) == 1


def test_the_exports(client, imported, adviser):
    client.force_login(adviser)
    response = client.get(
        reverse("herstel:management_information_export", args=[imported.pk, "csv"])
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "managementinformatie-herstelactie" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    figures = {r[0]: r[1] for r in rows if len(r) == 2}
    assert figures["Dossiers"] == "6" and figures["Voortgang (%)"] == "66"
    assert figures["Nabetaald (€)"] == "250,50" and figures["Afgeboekt (€)"] == "9,75"
    assert figures["Bron van de schatting"] == "afgeleid uit de beoordeelde dossiers"
    assert figures["Geschat bedrag nog te beoordelen dossiers (€)"] == "200,26"
    assert ["Trend per week"] in rows
    response = client.get(
        reverse("herstel:management_information_export", args=[imported.pk, "xlsx"])
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Kengetallen", "Trend per week"]
    values = {r[0]: r[1] for r in workbook["Kengetallen"].iter_rows(min_row=2, values_only=True)}
    assert values["Nabetaald (€)"] == 250.5 and values["Dossiers"] == 6
    assert workbook["Trend per week"].max_row == 2  # header and this week's snapshot
    assert (
        client.get(
            reverse("herstel:management_information_export", args=[imported.pk, "pdf"])
        ).status_code
        == 404
    )


def test_formula_like_text_is_not_a_formula_in_exports(
    client, action, adviser, dt_member, board_member
):

    action.title = "=HYPERLINK(1)"
    action.save(update_fields=["title"])
    to_execution(action, adviser, dt_member, board_member)
    go(action, adviser)
    client.force_login(adviser)
    content = client.get(
        reverse("herstel:management_information_export", args=[action.pk, "csv"])
    ).content.decode("utf-8-sig")
    assert "Herstelactie;'=HYPERLINK(1)" in content


def test_the_page_reads_in_a_fixed_number_of_queries(
    client, imported, adviser, django_assert_max_num_queries
):
    client.force_login(adviser)
    url = reverse("herstel:management_information", args=[imported.pk])
    client.get(url)
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    import_rows(
        imported,
        adviser,
        [row(f"HB-{n}", "beoordeeld", "afboeken", 0, 0, 0, n) for n in range(300)],
    )
    import_rows(
        imported,
        adviser,
        [row(f"HB-{n}", "afgehandeld", "afboeken", 0, 0, 0, n) for n in range(300)],
    )
    # A minute past midnight in Dutch time, one per week (never in the future): `now - n weeks`
    # in UTC lands in the next local day (and ISO week) late on a Sunday evening across the end
    # of summer time.
    today = timezone.localdate()
    for week in range(8):
        dossier_snapshot_take(
            herstelactie=imported,
            trigger="schedule",
            taken_at=timezone.make_aware(
                datetime.datetime.combine(
                    today - datetime.timedelta(weeks=week), datetime.time(0, 1)
                )
            ),
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(url)
    assert page.context["mi"].totals.total == 306
    assert len(page.context["mi"].trend) == 8


def test_the_page_in_step_4_and_closed(client, executing, adviser):
    import_rows(executing, adviser, [row("HA-1", "afgehandeld", "geen wijziging", 0, 0, 0, 0)])
    move(executing, adviser, StepMove.TO_EVALUATION)
    client.force_login(adviser)
    page = client.get(reverse("herstel:management_information", args=[executing.pk]))
    assert page.status_code == 200 and page.context["estimate_form"] is None
