"""Schemathesis against the herstel endpoints, with herstelacties to find (one in step 1, one
in step 3 with a "go" and a dossier) and as the herstel roles: whatever it generates — JSON
rows, CSV bodies, filters, versions — no 5xx, and every answer matches the schema. (The
whole-schema run in test_schemathesis.py has no herstel data and no herstel roles.)"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from herstel.services.working_group import working_group_member_add
from tests.api.test_schemathesis import CHECKS, connections_kept
from tests.herstel.flow import go, import_rows, row, start, to_execution
from uwvkms.services import api_token_create

PERSONAS = ["adviser", "board_member", "fez_adviser", "sbk_adviser", "wg_user"]
MAX_EXAMPLES = 10


@schemathesis.serializer("text/csv")
def csv_body(ctx, value):
    """A generated CSV body (a string) as the bytes a client sends."""
    text = value if isinstance(value, str) else str(value)
    return text.encode("utf-8", "surrogatepass")


@pytest.fixture
def herstel_world(db, adviser, dt_member, board_member, wg_user, sbk_adviser):
    fresh = start(adviser, title="In stap 1")
    executing = start(adviser, title="In uitvoering")
    for action in (fresh, executing):
        working_group_member_add(actor=adviser, herstelactie=action, user=wg_user, role="Lid")
    to_execution(executing, adviser, dt_member, board_member)
    go(executing, adviser)
    import_rows(executing, adviser, [row("S-1"), row("S-2", "beoordeeld", "afboeken", 0, 0, 0, 5)])
    return {"fresh": fresh, "executing": executing}


@pytest.mark.fuzz
def test_schemathesis_on_the_herstel_endpoints(request, api_client_for, herstel_world):
    raw = api_client_for(request.getfixturevalue("board_member")).get("/api/v1/schema/?format=json")
    schema = schemathesis.openapi.from_dict(raw.json()).include(path_regex="herstel")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 11
    app = get_wsgi_application()
    # Mostly the ids of the two actions, so the generated requests reach real data.
    ids = [herstel_world["fresh"].pk, herstel_world["executing"].pk, None]
    seen: dict[int, int] = {}
    with connections_kept():
        for persona in PERSONAS:
            _token, key = api_token_create(user=request.getfixturevalue(persona), name="fuzz")
            headers = {"Authorization": f"Bearer {key}"}
            for operation in operations:
                _run(operation, app, headers, ids, seen)
    assert not [code for code in seen if code >= 500]
    # It got through to the actions' data, not only to refusals.
    assert seen.get(200, 0) > 4 * len(operations)


def _run(operation, app, headers, ids, seen: dict):
    @given(case=operation.as_strategy(), action_id=st.sampled_from(ids))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def check(case, action_id):
        if action_id is not None and "id" in (case.path_parameters or {}):
            case.path_parameters["id"] = action_id
        response = case.call(app=app, headers=headers)
        seen[response.status_code] = seen.get(response.status_code, 0) + 1
        case.validate_response(response, checks=CHECKS, headers=headers)

    check()
