"""Who may do what in the herstel API, per endpoint and role, including anonymous: the same
rules as the web pages, through herstel/permissions.py and the access-checked getters. An
action someone may not see answers 404 (as on the web); a right they lack on an action they see
answers 403; anonymous answers 401. Every refused write leaves everything as it was."""

import pytest

from herstel.models import CriterionJudgement, Dossier, DossierImport, Herstelactie
from herstel.services.working_group import working_group_member_add
from tests import conftest
from tests.api.conftest import assert_problem
from tests.herstel.flow import go, import_rows, row, start, to_execution
from tests.shared_data import shared_fixtures
from uwvkms.models import AuditEvent

PERSONAS = [
    "anonymous",
    "outsider",
    "adviser",
    "other_adviser",
    "dt_member",
    "other_dt",
    "board_member",
    "sbk_adviser",
    "fez_adviser",
    "wg_member",
]


@pytest.fixture
def actions(db, adviser, dt_member, board_member, wg_user):
    """An action of Uitkeren in step 1 and one in step 3 (with a go and a dossier); `wg_user`
    is in the working group of both."""
    fresh = start(adviser, title="In stap 1")
    executing = start(adviser, title="In uitvoering")
    for action in (fresh, executing):
        working_group_member_add(actor=adviser, herstelactie=action, user=wg_user, role="Lid")
    to_execution(executing, adviser, dt_member, board_member)
    go(executing, adviser)
    import_rows(executing, adviser, [row("P-1")])
    fresh.refresh_from_db()
    executing.refresh_from_db()
    return {"fresh": fresh, "executing": executing}


# The personas and the two actions are built once for the module's 100 cases
# (tests/shared_data.py).
globals().update(shared_fixtures(*conftest.SHARED_CAST, actions))


@pytest.fixture
def client_as(db, request, api_client_for):
    def make(persona):
        if persona == "anonymous":
            return api_client_for(None)
        name = "wg_user" if persona == "wg_member" else persona
        return api_client_for(request.getfixturevalue(name))

    return make


def check(response, expected: int):
    if expected >= 400:
        assert_problem(response, expected)
    else:
        assert response.status_code == expected, (response.status_code, response.content[:300])


# --- Reads ---------------------------------------------------------------------------------------

# Who reads one action (its page, its mandate criteria, its dossiers): the lead division's
# advisers and DT, the RvB, SBK and the working group; FEZ reads only the figures (overview),
# like on the web, so the action itself is 404 for FEZ.
READS_ACTION = {"adviser", "dt_member", "board_member", "sbk_adviser", "wg_member"}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("path", ["", "mandate-criteria/", "dossiers/"])
def test_reading_one_action(client_as, actions, persona, path):
    response = client_as(persona).get(f"/api/v1/herstelacties/{actions['executing'].pk}/{path}")
    if persona == "anonymous":
        check(response, 401)
    else:
        check(response, 200 if persona in READS_ACTION else 404)


# The list: 403 for whoever has nothing to do with herstelacties (as the web list), else the
# actions they may see.
LIST_EXPECTED = {
    "anonymous": (401, None),
    "outsider": (403, None),
    "other_dt": (403, None),
    "adviser": (200, True),
    "dt_member": (200, True),
    "board_member": (200, True),
    "sbk_adviser": (200, True),
    "wg_member": (200, True),
    "other_adviser": (200, False),
    "fez_adviser": (200, False),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_list(client_as, actions, persona):
    status, sees = LIST_EXPECTED[persona]
    response = client_as(persona).get("/api/v1/herstelacties/")
    check(response, status)
    if status == 200:
        ids = {a["id"] for a in response.json()["results"]}
        assert (actions["executing"].pk in ids) is sees
        assert (actions["fresh"].pk in ids) is sees


OVERVIEW_READERS = {"fez_adviser", "sbk_adviser", "board_member"}
SBK_READERS = {"sbk_adviser", "board_member"}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("path", "readers"),
    [("herstel-overview/", OVERVIEW_READERS), ("herstel-overview/sbk/", SBK_READERS)],
)
def test_the_overview_and_sbks_list(client_as, actions, persona, path, readers):
    response = client_as(persona).get(f"/api/v1/{path}")
    if persona == "anonymous":
        check(response, 401)
    else:
        check(response, 200 if persona in readers else 403)


# --- Writes --------------------------------------------------------------------------------------

# Refused writes on an action the user can see: 403; on one they cannot see: 404.
SEES_NOT = {"outsider", "other_adviser", "other_dt", "fez_adviser"}


def write_status(persona: str) -> int:
    if persona == "anonymous":
        return 401
    if persona == "adviser":
        return 200
    return 404 if persona in SEES_NOT else 403


@pytest.mark.parametrize("persona", PERSONAS)
def test_changing_the_facts(client_as, actions, persona):
    action = actions["fresh"]
    response = client_as(persona).patch(
        f"/api/v1/herstelacties/{action.pk}/",
        {"version": action.version, "title": "Gewijzigd"},
        format="json",
    )
    check(response, write_status(persona))
    action_after = Herstelactie.objects.get(pk=action.pk)
    if persona == "adviser":
        assert action_after.title == "Gewijzigd"
    else:
        assert (action_after.title, action_after.version) == (action.title, action.version)
        assert not AuditEvent.objects.filter(event="herstel.action.updated").exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_judging_the_criteria(client_as, actions, persona):
    action = actions["fresh"]
    response = client_as(persona).put(
        f"/api/v1/herstelacties/{action.pk}/mandate-criteria/",
        {"version": action.version, "criteria": [{"criterion": "within_law", "value": True}]},
        format="json",
    )
    check(response, write_status(persona))
    judged = CriterionJudgement.objects.filter(advice__herstelactie=action, value__isnull=False)
    assert judged.exists() is (persona == "adviser")
    if persona != "adviser":
        assert Herstelactie.objects.get(pk=action.pk).version == action.version


@pytest.mark.parametrize("persona", PERSONAS)
def test_importing_dossiers(client_as, actions, persona):
    action = actions["executing"]
    imports = DossierImport.objects.count()
    response = client_as(persona).post(
        f"/api/v1/herstelacties/{action.pk}/dossiers/",
        [{"reference": "P-2", "status": "te_beoordelen"}],
        format="json",
    )
    check(response, 201 if persona == "adviser" else write_status(persona))
    stored = set(Dossier.objects.filter(herstelactie=action).values_list("reference", flat=True))
    if persona == "adviser":
        assert stored == {"P-1", "P-2"}
    else:
        assert stored == {"P-1"} and DossierImport.objects.count() == imports


STARTERS = {"adviser", "other_adviser", "sbk_adviser", "fez_adviser"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_starting_an_action(client_as, actions, persona, uitkeren):
    before = Herstelactie.objects.count()
    response = client_as(persona).post(
        "/api/v1/herstelacties/",
        {
            "title": "Nieuw",
            "what_went_wrong": "Iets.",
            "wrong_since": "2024-01-01",
            "lead_unit": uitkeren.pk,
        },
        format="json",
    )
    if persona == "anonymous":
        check(response, 401)
    else:
        check(response, 201 if persona in STARTERS else 403)
    assert Herstelactie.objects.count() == before + (persona in STARTERS)
