"""The maturity report: mean per principle over assessed units, rounded half up; only submitted
scores; the bar chart; the change through the calibration rounds; earlier cycles."""

import datetime

import pytest
from django.urls import reverse

from audits.models import AssessedPrinciple, AuditCycle
from maturity.models import CalibrationSession
from maturity.services import calibration_session_close, calibration_session_open, score_calibrate
from tests.factories import AuditCycleFactory, BusinessUnitFactory, ScoreFactory, principle


@pytest.fixture
def scored(cycle, uitkeren, communicatie):
    """Klantgerichtheid: Uitkeren 2, Communicatie 3 → mean 2.50, rounded 3.
    Operationele Kwaliteit: Uitkeren 4 only; a stray score at Communicatie, where the principle
    is absent, must be left out (not averaged, not a zero)."""
    klant, ok = principle("klantgerichtheid"), principle("operationele-kwaliteit")
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant, level=2)
    ScoreFactory(cycle=cycle, unit=communicatie, principle=klant, level=3)
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=ok, level=4)
    ScoreFactory(cycle=cycle, unit=communicatie, principle=ok, level=1)  # absent there
    return cycle


def rows_by_code(response):
    return {row.principle.code: row for row in response.context["report"].rows}


def test_mean_is_rounded_half_up_beside_the_unrounded_mean(client, coordinator, scored):
    client.force_login(coordinator)
    response = client.get(reverse("findings:maturity_report", args=[scored.year]))
    assert response.status_code == 200
    klant = rows_by_code(response)["klantgerichtheid"].overall
    assert (klant.mean.rounded, str(klant.mean.unrounded)) == (3, "2.50")
    assert (klant.minimum, klant.maximum, klant.assessed_units) == (2, 3, 3)
    html = response.content.decode()
    assert '<td class="mean-rounded">3</td>' in html
    assert "2,50" in html  # Dutch decimal comma


def test_absent_principle_is_left_out_not_counted_as_zero(client, coordinator, scored):
    client.force_login(coordinator)
    response = client.get(reverse("findings:maturity_report", args=[scored.year]))
    ok = rows_by_code(response)["operationele-kwaliteit"]
    # Only Uitkeren (execution processes) is assessed: mean 4, not (4 + 1) / 2 or (4 + 0) / 2.
    assert (ok.overall.mean.rounded, str(ok.overall.mean.unrounded)) == (4, "4.00")
    assert ok.overall.mean.count == 1
    assert ok.overall.assessed_units == 1
    assert ok.other.mean is None and ok.other.assessed_units == 0
    assert "niet getoetst" in response.content.decode()


def test_groups_with_and_without_execution_processes(client, coordinator, scored):
    client.force_login(coordinator)
    klant = rows_by_code(client.get(reverse("findings:maturity_report", args=[scored.year])))[
        "klantgerichtheid"
    ]
    assert str(klant.execution.mean.unrounded) == "2.00"
    assert str(klant.other.mean.unrounded) == "3.00"


def test_principle_without_scores_shows_no_figure(client, coordinator, cycle):
    client.force_login(coordinator)
    response = client.get(reverse("findings:maturity_report", args=[cycle.year]))
    assert all(row.overall.mean is None for row in response.context["report"].rows)
    assert "geen score" in response.content.decode()


def test_board_reads_the_report_once_the_cycle_is_published(client, board_member, scored):
    from audits.models import AuditCycle

    client.force_login(board_member)
    url = reverse("findings:maturity_report", args=[scored.year])
    pdf = reverse("findings:maturity_report_pdf", args=[scored.year])
    assert client.get(url).status_code == 403  # still in fieldwork
    assert client.get(pdf).status_code == 403
    AuditCycle.objects.filter(pk=scored.pk).update(status="gepubliceerd")
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("persona", ["auditor", "other_auditor", "unit_board", "outsider"])
def test_others_get_403(client, request, persona, scored):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("findings:maturity_report", args=[scored.year])).status_code == 403
    assert (
        client.get(reverse("findings:maturity_report_pdf", args=[scored.year])).status_code == 403
    )


def test_report_queries_do_not_grow_with_units(
    client, coordinator, scored, django_assert_max_num_queries
):
    client.force_login(coordinator)
    url = reverse("findings:maturity_report", args=[scored.year])
    client.get(url)
    # Roll-up (2), rounds (1), earlier cycles (2), principles, exclusions and current draws
    # (1 each), besides the cycle, the session and the user.
    with django_assert_max_num_queries(17) as small:
        client.get(url)
    klant = principle("klantgerichtheid")
    for level in [1, 2, 3, 4, 5, 3, 2, 4]:
        unit = BusinessUnitFactory()
        AssessedPrinciple.objects.create(cycle=scored, unit=unit, principle=klant)
        ScoreFactory(cycle=scored, unit=unit, principle=klant, level=level)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert rows_by_code(response)["klantgerichtheid"].overall.mean.count == 10


def page(client, coordinator, cycle):
    client.force_login(coordinator)
    response = client.get(reverse("findings:maturity_report", args=[cycle.year]))
    assert response.status_code == 200
    return response


def test_only_submitted_scores_count(client, coordinator, cycle, uitkeren, communicatie):
    klant = principle("klantgerichtheid")
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant, level=2)
    ScoreFactory(cycle=cycle, unit=communicatie, principle=klant, level=5, concept=True)
    row = rows_by_code(page(client, coordinator, cycle))["klantgerichtheid"]
    assert (row.overall.mean.count, str(row.overall.mean.unrounded)) == (1, "2.00")
    assert row.overall.distribution == (0, 1, 0, 0, 0)


def test_distribution_and_groups_are_shown(client, coordinator, scored):
    html = page(client, coordinator, scored).content.decode()
    assert "0 · 1 · 1 · 0 · 0" in html  # Klantgerichtheid: one 2, one 3
    assert "Met uitvoeringsprocessen" in html and "Zonder uitvoeringsprocessen" in html
    assert "2,00 (2) · 1 / 1 · 2–2" in html  # Uitkeren, with execution processes
    assert "3,00 (3) · 1 / 2 · 3–3" in html  # Communicatie scored, FEZ not yet


def test_chart_is_an_accessible_svg_with_values_and_axis(client, coordinator, scored):
    html = page(client, coordinator, scored).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg
    assert 'aria-labelledby="grafiek-titel grafiek-beschrijving"' in svg
    assert '<title id="grafiek-titel">Gemiddelde volwassenheid per principe, 2031</title>' in svg
    assert "Klantgerichtheid: 2,50" in svg  # in the description
    for level in range(1, 6):
        assert f'text-anchor="middle" fill="#1a1a1a">{level}</text>' in svg
    assert ">2,50</text>" in svg and ">4,00</text>" in svg  # values printed at the bars
    assert "style=" not in svg  # strict CSP: presentation attributes only
    # Bar length is the unrounded mean on the 0–5 axis: 2.5 of 5 is half the plot.
    chart = page(client, coordinator, scored).context["report"].chart
    klant = next(b for b in chart.bars if b.principle.code == "klantgerichtheid")
    plot = float(chart.right_edge) - float(chart.left)
    assert float(klant.bar_width) == pytest.approx(plot / 2)


def test_chart_says_geen_score_without_a_bar(client, coordinator, cycle):
    html = page(client, coordinator, cycle).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "<rect" not in svg
    assert "geen score</text>" in svg


def test_no_inline_style_or_script_in_the_report_body(client, coordinator, scored):
    html = page(client, coordinator, scored).content.decode()
    body = html[html.index('<article class="maturity-report">') : html.index("</article>")]
    assert "style=" not in body and "<script" not in body and "<style" not in body


def close_round(coordinator, cycle, number, changes):
    """Hold round `number` through the services: open, apply `changes` (score → level), close."""
    session = calibration_session_open(
        actor=coordinator,
        cycle=cycle,
        held_on=datetime.date(2031, 11, number),
        participants=[coordinator],
    )
    for score, level in changes:
        score.refresh_from_db()
        score_calibrate(
            actor=coordinator,
            score=score,
            level=level,
            reason="Besproken.",
            expected_version=score.version,
        )
    calibration_session_close(actor=coordinator, session=session)


def test_rounds_show_the_mean_before_and_after_each_round(
    client, coordinator, cycle, uitkeren, communicatie
):
    klant = principle("klantgerichtheid")
    a = ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant, level=1)
    ScoreFactory(cycle=cycle, unit=communicatie, principle=klant, level=4)
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    cycle.refresh_from_db()
    close_round(coordinator, cycle, 1, [(a, 2)])
    close_round(coordinator, cycle, 2, [(a, 3)])

    report = page(client, coordinator, cycle).context["report"]
    assert [(c.session_number, c.moment) for c in report.round_columns] == [
        (1, "before"),
        (1, "after"),
        (2, "after"),
    ]
    row = next(r for r in report.round_rows if r.principle == klant)
    assert [str(f.mean.unrounded) for f in row.cells] == ["2.50", "3.00", "3.50"]
    assert str(row.change) == "1.00"
    html = page(client, coordinator, cycle).content.decode()
    assert "Vóór ronde 1" in html and "Na ronde 2" in html
    assert "2,50 (3)" in html and "3,50 (4)" in html and "+1,00" in html


def test_without_rounds_the_report_says_so(client, coordinator, scored):
    report = page(client, coordinator, scored).context["report"]
    assert report.round_columns == [] and report.round_rows == []
    assert "geen kalibratieronde gehouden" in page(client, coordinator, scored).content.decode()


def test_earlier_cycles_where_the_principle_was_assessed(
    client, coordinator, scored, uitkeren, communicatie
):
    klant, ok = principle("klantgerichtheid"), principle("operationele-kwaliteit")
    old = AuditCycleFactory(year=2028, created_by=coordinator, status="gepubliceerd")
    for unit, level in [(uitkeren, 1), (communicatie, 2)]:
        AssessedPrinciple.objects.create(cycle=old, unit=unit, principle=klant)
        ScoreFactory(cycle=old, unit=unit, principle=klant, level=level)

    report = page(client, coordinator, scored).context["report"]
    assert report.earlier_years == [2031, 2028]
    klant_row = next(r for r in report.earlier_rows if r.principle == klant)
    assert [str(f.mean.unrounded) for f in klant_row.cells] == ["2.50", "1.50"]
    ok_row = next(r for r in report.earlier_rows if r.principle == ok)
    assert ok_row.cells[1] is None  # not assessed in 2028
    html = page(client, coordinator, scored).content.decode()
    assert "Vergelijking met eerdere cycli" in html
    assert "1,50 (2)" in html


def test_report_queries_stay_constant_with_rounds_and_earlier_cycles(
    client, coordinator, scored, uitkeren, django_assert_max_num_queries
):
    klant = principle("klantgerichtheid")

    def add_earlier(year):
        old = AuditCycleFactory(year=year, created_by=coordinator, status="gepubliceerd")
        AssessedPrinciple.objects.create(cycle=old, unit=uitkeren, principle=klant)
        ScoreFactory(cycle=old, unit=uitkeren, principle=klant, level=year % 5 + 1)

    def add_round(number):
        CalibrationSession.objects.create(
            cycle=scored,
            number=number,
            held_on=datetime.date(2031, 11, number),
            status="gesloten",
            levels_at_open=[[uitkeren.id, klant.id, max(number - 1, 1)]],
            levels_at_close=[[uitkeren.id, klant.id, number]],
            opened_by=coordinator,
        )

    add_earlier(2030)
    add_round(1)
    url = reverse("findings:maturity_report", args=[scored.year])
    client.force_login(coordinator)
    client.get(url)
    # Besides the cycle, the session and the user: principles, roll-up (2), rounds (4),
    # earlier cycles (2), exclusions and current draws.
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    for year in range(2020, 2030):
        add_earlier(year)
    for number in range(2, 5):
        add_round(number)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["report"].earlier_years) == 12
    assert len(response.context["report"].round_columns) == 5
