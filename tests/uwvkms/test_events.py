"""Event names are declared once, with their Dutch label (`uwvkms.events`), and the event log
refuses a name nobody declared."""

import ast
import copy
import importlib
import pickle
import re
from pathlib import Path

import pytest
from django.utils import translation

from uwvkms.events import Event, declared_events, event_get, event_label
from uwvkms.models import AuditEvent
from uwvkms.notifications import kind_get
from uwvkms.services import audit_event_record

ROOT = Path(__file__).resolve().parents[2]
APPS = ("uwvkms", "audits", "maturity", "findings", "herstel")
SOURCES = (*APPS, "demo")  # the demo declares no events but writes through the services
NAME = re.compile(r"(?:" + "|".join(APPS) + r")\.[a-z_]+\.[a-z_]+")


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("maturity.score.submitted", "Ingediend"),
        ("audits.interview.sent", "Ter bevestiging gestuurd"),
        ("findings.unit_report.agreed", "Afgestemd met de directie"),
        ("herstel.step.moved", "Naar een andere stap"),
        ("uwvkms.api_token.revoked", "API-token ingetrokken"),
        # An old or unknown name still shows what it was.
        ("maturity.score.vanished", "maturity.score.vanished"),
    ],
)
def test_one_lookup_gives_the_label_of_a_name(name, label):
    with translation.override("nl"):
        assert event_label(name) == label


@pytest.mark.parametrize("name", ["maturity", "maturity.score", "maturity..saved", "a.b.c.d"])
def test_a_name_is_app_thing_what(name):
    with pytest.raises(ValueError, match="<app>.<thing>.<what>"):
        Event(name, "Iets")


def test_an_event_is_its_name_and_is_declared_once():
    from maturity.events import SCORE_SUBMITTED

    assert SCORE_SUBMITTED == "maturity.score.submitted"
    assert isinstance(SCORE_SUBMITTED, str)
    assert (SCORE_SUBMITTED.name, SCORE_SUBMITTED.app) == ("maturity.score.submitted", "maturity")
    assert Event("maturity.score.submitted", "Ingediend") is SCORE_SUBMITTED
    assert copy.deepcopy(SCORE_SUBMITTED) is SCORE_SUBMITTED
    assert pickle.loads(pickle.dumps(SCORE_SUBMITTED)) is SCORE_SUBMITTED  # noqa: S301
    with pytest.raises(ValueError, match="declared twice"):
        Event("maturity.score.submitted", "Iets anders")


def test_every_app_declares_only_its_own_events_each_with_a_label():
    declared = declared_events()
    assert len(declared) >= 110
    for app in APPS:
        module = importlib.import_module(f"{app}.events")
        events = [value for value in vars(module).values() if isinstance(value, Event)]
        assert events, app
        for event in events:
            assert event.app == app, event
            assert str(event.label).strip() and str(event.label) != event.name, event
            assert declared[event.name] is event


def _literals_in_source() -> dict[str, str]:
    """Every string in the apps' code and templates that reads like an event name, with where."""
    found = {}
    for app in SOURCES:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and NAME.fullmatch(node.value)
                    and not _is_module(node.value)
                ):
                    found[node.value] = str(path.relative_to(ROOT))
    for path in (ROOT / "templates").rglob("*.html"):
        for match in re.finditer(r"[\"'](" + NAME.pattern + r")[\"']", path.read_text()):
            found[match.group(1)] = str(path.relative_to(ROOT))
    return found


def _is_module(dotted: str) -> bool:
    # "findings.services.publishing", "uwvkms.wsgi.application": paths, not events.
    app, thing, _what = dotted.split(".")
    return (ROOT / app / f"{thing}.py").exists() or (ROOT / app / thing).is_dir()


def test_every_event_name_in_the_code_is_declared():
    found = _literals_in_source()
    # A notification kind has the same dotted shape and its own registry (uwvkms.notifications).
    undeclared = {
        name: where
        for name, where in found.items()
        if event_get(name) is None and kind_get(name) is None
    }
    assert undeclared == {}


@pytest.mark.django_db
def test_the_event_log_refuses_an_undeclared_name(coordinator):
    with pytest.raises(ValueError, match="Undeclared event"):
        audit_event_record(event="audits.cycle.vanished", actor=coordinator, target=coordinator)
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_the_event_log_stores_a_declared_event_by_its_name(coordinator):
    from audits.events import CYCLE_OPENED

    audit_event_record(event=CYCLE_OPENED, actor=coordinator, target=coordinator)
    stored = AuditEvent.objects.get()
    assert type(stored.event) is str and stored.event == "audits.cycle.opened"
    assert AuditEvent.objects.filter(event=CYCLE_OPENED).count() == 1
