"""`manage.py loaddemo`: fictional 2023 cycle, idempotent, DEBUG only."""

import pytest
from django.core.management import CommandError, call_command

from audits.models import (
    AssessedPrinciple,
    Assignment,
    AuditCycle,
    District,
    DistrictDraw,
    DocumentCheck,
    DocumentFile,
    Exclusion,
    Interview,
)
from audits.selectors.confirmations import interviews_awaiting_confirmation as awaiting_confirmation
from findings.models import (
    AuditRating,
    Finding,
    FollowUpAction,
    MainFinding,
    ManagementResponse,
    Recommendation,
    ReportSection,
    ReportVersion,
    Theme,
)
from findings.rules import theme_verdict
from maturity.models import CalibrationSession, Score, ScoreChange
from uwvkms.constants import Role
from uwvkms.models import BusinessUnit, User


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            BusinessUnit,
            User,
            AuditCycle,
            AssessedPrinciple,
            Assignment,
            Score,
            ScoreChange,
            District,
            DistrictDraw,
            DocumentCheck,
            DocumentFile,
            Interview,
            Exclusion,
            ReportSection,
        )
    }


def test_demo_loads_and_is_idempotent(demo_data, db, settings, capsys):
    """On the shared demo (loaded once for the session, as `manage.py loaddemo` loads it), a
    second load changes nothing, not even the published version's PDF."""
    settings.DEBUG = True
    first = counts()
    earlier = AuditCycle.objects.get(year=2022)
    before = (Score.objects.count(), ReportVersion.objects.count())
    published_pdf = ReportVersion.objects.get(cycle=earlier).pdf_sha256
    call_command("loaddemo")
    out = capsys.readouterr().out
    assert "demo-kms-2023" in out and "coordinatie" in out
    # Two team members: the report's texts get their akkoord from other eyes (issue 18).
    assert "coordinatie2" in out
    assert counts() == first
    assert (Score.objects.count(), ReportVersion.objects.count()) == before
    assert ReportVersion.objects.get(cycle=earlier).pdf_sha256 == published_pdf

    assert first["BusinessUnit"] == 16
    assert first["ReportSection"] > 0  # 2023 and 2022 written once (demo/report.py)
    assert BusinessUnit.objects.filter(has_execution_processes=True).count() == 6
    assert User.objects.filter(groups__name=Role.TOETSER.value).count() == 30
    for role in Role:
        assert User.objects.filter(groups__name=role.value).exists(), role
    cycle = AuditCycle.objects.get(year=2023)
    # 2023 covered three principles plus Basic Kwaliteitsmanagement (DOMAIN.md §2).
    assert sorted(cycle.principles.values_list("code", flat=True)) == [
        "basic-km",
        "klantgerichtheid",
        "operationele-kwaliteit",
        "sturen-verantwoorden",
    ]
    ok_units = set(
        AssessedPrinciple.objects.filter(
            cycle=cycle, principle__code="operationele-kwaliteit"
        ).values_list("unit__name", flat=True)
    )
    assert ok_units == {
        "Bezwaar & Beroep",
        "Gegevensdiensten",
        "Handhaving",
        "Sociaal Medische Zaken",
        "Uitkeren",
        "Werkbedrijf",
    }
    # Cross-auditing: nobody audits their own unit.
    assert not Assignment.objects.filter(unit=models_F_unit()).exists()
    # Every assessed unit × principle has a score, all submitted but the one sent back to its
    # auditor in the open second calibration round; the first round adjusted a handful.
    assert (
        Score.objects.filter(cycle=cycle).count()
        == AssessedPrinciple.objects.filter(cycle=cycle).count()
    )
    assert Score.objects.filter(cycle=cycle, status="concept").count() == 1
    assert cycle.status == "kalibratie"
    first, second = CalibrationSession.objects.filter(cycle=cycle).order_by("number")
    assert (first.status, second.status) == ("gesloten", "open")
    assert ScoreChange.objects.filter(session=first, event="maturity.score.calibrated").count() == 5
    assert Score.objects.filter(cycle=cycle).exclude(cited_interviews=None).exists()

    # Findings: 2–6 recommendations and 1–3 good practices per unit, most reports answered, three
    # rode draden of which two hoofdbevindingen, actions in every state, about forty ratings.
    for unit in BusinessUnit.objects.all():
        assert 2 <= Recommendation.objects.filter(cycle=cycle, unit=unit).count() <= 6
        good = Finding.objects.filter(cycle=cycle, unit=unit, kind="goede_praktijk").count()
        assert 1 <= good <= 3
    assert ManagementResponse.objects.filter(status="ingediend").count() >= 12
    verdicts = {theme.title: verdict for theme, verdict in _verdicts(cycle)}
    assert sum(v.is_thread for v in verdicts.values()) == 3
    assert MainFinding.objects.filter(theme__cycle=cycle).count() == 2
    assert set(FollowUpAction.objects.values_list("status", flat=True)) == {
        "gepland",
        "in_uitvoering",
        "gereed",
        "vervallen",
    }
    done = FollowUpAction.objects.filter(status="gereed")
    assert done.filter(measurements__isnull=True).exists()  # the gap the overview must show
    assert done.filter(measurements__isnull=False).exists()
    assert AuditRating.objects.filter(cycle=cycle).count() == 40

    # Fieldwork: every unit two drawn places, a mostly filled checklist, 2–4 interviews.
    assert (cycle.period_start, cycle.period_end) != (None, None)
    for unit in BusinessUnit.objects.all():
        draw = DistrictDraw.objects.get(cycle=cycle, unit=unit, is_current=True)
        assert len(draw.drawn) == 2
        assert DocumentCheck.objects.filter(cycle=cycle, unit=unit).count() >= 5
        assert 2 <= Interview.objects.filter(cycle=cycle, unit=unit).count() <= 4
    statuses = set(Interview.objects.values_list("status", flat=True))
    assert statuses == {"concept", "ter_bevestiging", "bevestigd", "correctie_gevraagd"}
    assert DocumentFile.objects.exists()
    assert Exclusion.objects.get(cycle=cycle).unit.name == "C-ICT"
    # The board of Uitkeren is a linked interviewee of an interview waiting for confirmation.
    board = User.objects.get(username="directie.uitkeren")
    waiting = awaiting_confirmation(user=board)
    assert waiting.exists()
    assert all(i.unit.name == "Uitkeren" for i in waiting)


def models_F_unit():
    from django.db.models import F

    return F("auditor__business_unit")


def test_demo_refuses_outside_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("loaddemo")
    assert not User.objects.exists()


def _verdicts(cycle):
    excluded = list(cycle.exclusions.values_list("unit_id", flat=True))
    principles = list(cycle.principles.filter(is_basic=False).values_list("id", flat=True))
    for theme in Theme.objects.filter(cycle=cycle).prefetch_related("recommendations"):
        members = [(r.unit_id, r.principle_id) for r in theme.recommendations.all()]
        yield (
            theme,
            theme_verdict(
                members, threshold=3, excluded_units=excluded, assessed_principles=principles
            ),
        )


def test_demo_has_three_years_for_the_multi_year_view(demo_data, db):
    from findings.selectors.multiyear import multiyear_view

    years = dict(AuditCycle.objects.values_list("year", "status"))
    assert years == {
        2022: "gepubliceerd",
        2023: years[2023],
        2024: "veldwerk",
        2025: "voorbereiding",
    }
    # 2025 is opened on the basis of 2024 (issue 17): teams proposed by the rotation rule, one
    # lead per unit, no one on their own unit nor on the unit they audited in 2024.
    following = AuditCycle.objects.get(year=2025)
    assert following.based_on.year == 2024
    proposed = Assignment.objects.filter(cycle=following).select_related("auditor")
    assert (
        proposed.filter(is_lead=True).count()
        == Assignment.objects.filter(cycle__year=2024, is_lead=True).count()
    )
    assert all(a.auditor.business_unit_id != a.unit_id for a in proposed)
    audited_2024 = set(
        Assignment.objects.filter(cycle__year=2024).values_list("unit_id", "auditor_id")
    )
    assert not audited_2024 & {(a.unit_id, a.auditor_id) for a in proposed}
    earlier = AuditCycle.objects.get(year=2022)
    assessed = AssessedPrinciple.objects.filter(cycle=earlier).count()
    assert Score.objects.filter(cycle=earlier, status="ingediend").count() == assessed
    later = AuditCycle.objects.get(year=2024)
    # A lead for every unit in scope: the guarded move to veldwerk asks it.
    assert Assignment.objects.filter(cycle=later, is_lead=True).count() == len(
        {
            unit
            for unit, _ in AssessedPrinciple.objects.filter(cycle=later).values_list(
                "unit", "principle"
            )
        }
    )
    assert 0 < Score.objects.filter(cycle=later).count() < 12
    version = ReportVersion.objects.get(cycle=earlier)
    assert (version.label, version.report_status, version.state) == ("2.0", "Definitief", "done")
    assert version.snapshot and len(version.pdf_sha256) == 64
    # The team's front matter (issue 18): dated in the new year, to the RvB and the Groepsraad.
    assert version.snapshot["date"] == "30 januari 2023"
    assert version.snapshot["addressees"] == "de Raad van Bestuur en de Groepsraad"
    assert any(
        h["title"] == "Managementreacties en Beschouwing FEZ" for h in version.snapshot["toc"]
    )
    coordinator = User.objects.get(username="coordinatie")
    view = multiyear_view(coordinator)
    assert view.years == [2022, 2023, 2024, 2025]  # 2025 in Voorbereiding: provisional, empty
    assert multiyear_view(User.objects.get(username="rvb")).years == [2022]
    window = next(w for w in view.plan if w.first_year == 2022)
    assert not window.remaining_principles  # the three years cover all eight principles
    # The current cycle's Concept 0.9 was given up on by the watchdog: Mislukt, retryable.
    failed = ReportVersion.objects.get(cycle__year=2023)
    assert (failed.label, failed.state, failed.pdf_sha256) == ("0.9", "failed", "")
    assert "geen voortgang" in failed.error
