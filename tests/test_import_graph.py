"""The project's modules import each other one way only: no module can reach itself through its
imports (function-level imports included, which import-linter's layer contracts do not see
within one app). Such a cycle makes import order matter and hides which side owns the code."""

import grimp
import pytest

PACKAGES = ("uwvkms", "audits", "maturity", "findings", "herstel")


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*PACKAGES)


def test_publishing_enqueues_its_task_by_name(graph):
    assert graph.find_shortest_chain(
        importer="findings.tasks", imported="findings.services.publishing"
    )
    assert (
        graph.find_shortest_chain(
            importer="findings.services.publishing", imported="findings.tasks"
        )
        is None
    )


def test_no_module_imports_itself_through_others(graph):
    cycles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if imported.startswith(PACKAGES) and graph.find_shortest_chain(
                importer=imported, imported=module
            ):
                cycles.append((module, imported))
    assert cycles == []
