"""Migration findings 0010 (issue 18): the team's narrative texts move into the report's
structure, and a chapter 10 title the team set in the front matter becomes chapter 10's title,
also for a cycle that has no narrative texts. Nothing typed is lost."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from audits.services.cycles import cycle_open
from findings.models import ReportSection
from tests.factories import principle

BEFORE = [("findings", "0009_report_sections")]
AFTER = [("findings", "0010_narratives_into_sections")]


def _executor() -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_narratives_and_a_chapter_10_title_move_into_the_structure(coordinator, cycle):
    other = cycle_open(
        actor=coordinator, year=cycle.year + 1, principles=[principle("klantgerichtheid")]
    )
    try:
        executor = _executor()
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps
        Narrative = old.get_model("findings", "ReportNarrative")
        FrontMatter = old.get_model("findings", "ReportFrontMatter")
        Narrative.objects.create(
            cycle_id=cycle.pk, key="inleiding", text="Onze inleiding.", updated_by_id=coordinator.pk
        )
        Narrative.objects.create(
            cycle_id=cycle.pk, key="beschouwing", text="Onze blik.", updated_by_id=coordinator.pk
        )
        FrontMatter.objects.create(
            cycle_id=other.pk, chapter_10_title="Beschouwing FEZ", updated_by_id=coordinator.pk
        )
        _executor().migrate(AFTER)
        assert ReportSection.objects.get(cycle=cycle, anchor="inleiding").text == "Onze inleiding."
        reacties = ReportSection.objects.get(cycle=cycle, anchor="reacties")
        assert (reacties.text, reacties.title) == (
            "Onze blik.",
            "Managementreacties en beschouwing",
        )
        assert ReportSection.objects.get(cycle=other, anchor="reacties").title == (
            "Beschouwing FEZ"
        )
    finally:
        executor = _executor()
        executor.migrate(executor.loader.graph.leaf_nodes())
