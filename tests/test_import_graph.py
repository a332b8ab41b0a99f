"""The project's modules import each other one way only: no module can reach itself through its
imports (function-level imports included, which import-linter's layer contracts do not see
within one app). Such a cycle makes import order matter and hides which side owns the code."""

import tomllib
from pathlib import Path

import grimp
import pytest

PACKAGES = ("uwvkms", "audits", "maturity", "findings", "herstel", "demo")
PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


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


def test_the_demo_layer_sits_on_top_of_every_app():
    """The import-linter contract that `make test` checks names demo as the top layer, so no
    production app may import it."""
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    assert set(PACKAGES) <= set(config["root_packages"])
    (layers,) = [c["layers"] for c in config["contracts"] if c["type"] == "layers"]
    assert layers[0] == "demo"
    assert set(layers) == set(PACKAGES)


def test_no_production_app_imports_the_demo(graph):
    importers = graph.find_downstream_modules("demo", as_package=True)
    assert sorted(m for m in importers if not m.startswith("demo.")) == []
