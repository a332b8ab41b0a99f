"""Every endpoint × every role: the same rules as the web views (through the same selectors).
A role without business with a resource gets 403; an object outside the user's reach 404 (an
auditor cannot tell another team's unit from one that does not exist); no login 401."""

import pytest

from tests import conftest
from tests.api import conftest as api_conftest
from tests.api.conftest import PERSONAS, assert_problem, client_as
from tests.shared_data import shared_fixtures

# The personas and the world are built once for the module's ~200 cases (tests/shared_data.py).
globals().update(
    shared_fixtures(
        conftest.uitkeren,
        conftest.communicatie,
        conftest.fez,
        conftest.coordinator,
        conftest.auditor,
        conftest.other_auditor,
        conftest.unit_board,
        conftest.board_member,
        conftest.outsider,
        conftest.cycle,
        api_conftest.werkbedrijf,
        api_conftest.world,
    )
)

# endpoint → expected status per persona, in the order of PERSONAS:
# coordinator, auditor, other_auditor, unit_board, board_member, outsider, anonymous
READ_MATRIX = {
    "/api/v1/cycles/": (200, 200, 200, 200, 200, 403, 401),
    "/api/v1/cycles/2031/": (200, 200, 200, 404, 200, 403, 401),
    "/api/v1/units/": (200, 200, 200, 200, 200, 403, 401),
    "/api/v1/units/{uitkeren}/": (200, 200, 200, 200, 200, 403, 401),
    "/api/v1/principles/": (200, 200, 200, 200, 200, 403, 401),
    "/api/v1/principles/klantgerichtheid/": (200, 200, 200, 200, 200, 403, 401),
    "/api/v1/cycles/2031/framework/": (200, 200, 200, 404, 200, 403, 401),
    "/api/v1/scores/": (200, 200, 200, 403, 403, 403, 401),
    "/api/v1/scores/{score_uit}/": (200, 200, 404, 403, 403, 403, 401),
    "/api/v1/scores/{score_wb}/": (200, 404, 200, 403, 403, 403, 401),
    "/api/v1/cycles/2031/rollup/": (200, 403, 403, 403, 404, 403, 401),
    "/api/v1/recommendations/": (200, 200, 200, 200, 200, 403, 401),
    "/api/v1/recommendations/{rec_uit}/": (200, 200, 404, 200, 404, 403, 401),
    "/api/v1/recommendations/{rec_wb}/": (200, 404, 200, 404, 404, 403, 401),
    "/api/v1/themes/": (200, 403, 403, 403, 403, 403, 401),
    "/api/v1/themes/{theme}/": (200, 403, 403, 403, 403, 403, 401),
    "/api/v1/actions/": (200, 200, 200, 200, 403, 403, 401),
    "/api/v1/actions/{action_uit}/": (200, 200, 404, 200, 403, 403, 401),
    "/api/v1/actions/{action_wb}/": (200, 404, 200, 404, 403, 403, 401),
    "/api/v1/reports/": (200, 403, 403, 403, 200, 403, 401),
    "/api/v1/reports/{published}/": (200, 403, 403, 403, 200, 403, 401),
    "/api/v1/reports/{queued}/": (200, 403, 403, 403, 404, 403, 401),
    "/api/v1/reports/{published}/pdf/": (200, 403, 403, 403, 200, 403, 401),
}

# What each persona sees in a list: endpoint → count per persona (None: refused).
LIST_COUNTS = {
    "/api/v1/cycles/": (1, 1, 1, 0, 1),
    "/api/v1/scores/": (2, 1, 1, None, None),
    "/api/v1/recommendations/": (2, 1, 1, 1, 0),
    "/api/v1/actions/": (2, 1, 1, 1, None),
    "/api/v1/reports/": (2, None, None, None, 1),
}


def _url(template: str, world, uitkeren) -> str:
    return template.format(
        uitkeren=uitkeren.pk,
        score_uit=world["scores"]["UIT"].pk,
        score_wb=world["scores"]["WB"].pk,
        rec_uit=world["recommendations"]["UIT"].pk,
        rec_wb=world["recommendations"]["WB"].pk,
        theme=world["theme"].pk,
        action_uit=world["actions"]["UIT"].pk,
        action_wb=world["actions"]["WB"].pk,
        published=world["published"].pk,
        queued=world["queued"].pk,
    )


CASES = [
    (endpoint, persona, expected[i])
    for endpoint, expected in READ_MATRIX.items()
    for i, persona in enumerate(PERSONAS)
]


@pytest.mark.parametrize(("endpoint", "persona", "expected"), CASES)
def test_read_matrix(db, request, api_client_for, world, uitkeren, endpoint, persona, expected):
    response = client_as(request, api_client_for, persona).get(_url(endpoint, world, uitkeren))
    if expected == 200:
        assert response.status_code == 200, (response.status_code, response.content[:300])
    else:
        assert_problem(response, expected)


@pytest.mark.parametrize("endpoint", list(LIST_COUNTS))
@pytest.mark.parametrize("index", range(5))
def test_lists_show_only_what_the_role_may_see(db, request, api_client_for, world, endpoint, index):
    persona = PERSONAS[index]
    expected = LIST_COUNTS[endpoint][index]
    response = client_as(request, api_client_for, persona).get(endpoint)
    if expected is None:
        assert_problem(response, 403)
    else:
        assert response.status_code == 200
        assert response.json()["count"] == expected


def test_other_units_board_gets_404_for_an_action(db, api_client_for, world, other_dt):
    client = api_client_for(other_dt)
    action = world["actions"]["UIT"]
    assert_problem(client.get(f"/api/v1/actions/{action.pk}/"), 404)
    response = client.patch(
        f"/api/v1/actions/{action.pk}/",
        {"version": action.version, "status": "gereed"},
        format="json",
    )
    assert_problem(response, 404)
    action.refresh_from_db()
    assert action.status == "gepland"


# PATCH a score / an action: who may write (200), who may not (403 by role, 404 out of reach).
SCORE_WRITE = (403, 200, 404, 403, 403, 403, 401)
ACTION_WRITE = (403, 403, 403, 200, 403, 403, 401)


@pytest.mark.parametrize(("persona", "expected"), list(zip(PERSONAS, SCORE_WRITE, strict=True)))
def test_score_write_matrix(db, request, api_client_for, world, persona, expected):
    score = world["scores"]["UIT"]
    response = client_as(request, api_client_for, persona).patch(
        f"/api/v1/scores/{score.pk}/", {"version": score.version, "level": 4}, format="json"
    )
    score.refresh_from_db()
    if expected == 200:
        assert response.status_code == 200, response.content
        assert response.json()["level"] == 4 and score.level == 4
    else:
        assert_problem(response, expected)
        assert score.level == 3


@pytest.mark.parametrize(("persona", "expected"), list(zip(PERSONAS, ACTION_WRITE, strict=True)))
def test_action_write_matrix(db, request, api_client_for, world, persona, expected):
    action = world["actions"]["UIT"]
    response = client_as(request, api_client_for, persona).patch(
        f"/api/v1/actions/{action.pk}/",
        {"version": action.version, "status": "in_uitvoering"},
        format="json",
    )
    action.refresh_from_db()
    if expected == 200:
        assert response.status_code == 200, response.content
        assert action.status == "in_uitvoering"
    else:
        assert_problem(response, expected)
        assert action.status == "gepland"
