"""Schemathesis against the generated schema, authenticated as several roles: whatever it
generates, the API answers no 5xx, and every answer matches the schema (status code, content
type, body). Bounded examples per operation keep it to well under a minute."""

from contextlib import contextmanager

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from uwvkms.services import api_token_create

ROLES = ["coordinator", "auditor", "unit_board", "board_member", "outsider"]
MAX_EXAMPLES = 4
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@contextmanager
def connections_kept():
    """Like Django's test client: the real WSGI handler would close the test's database
    connection (open in a transaction) at the end of every request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(api_client_for, coordinator):
    raw = api_client_for(coordinator).get("/api/v1/schema/?format=json").json()
    return schemathesis.openapi.from_dict(raw)


def _run(operation, app, headers, seen: dict):
    @given(case=operation.as_strategy())
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        response = case.call(app=app, headers=headers)
        seen[response.status_code] = seen.get(response.status_code, 0) + 1
        case.validate_response(response, checks=CHECKS, headers=headers)

    check()


@pytest.mark.fuzz
@pytest.mark.django_db
def test_schemathesis_as_each_role(request, world, api_schema):
    app = get_wsgi_application()
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 20
    seen: dict[int, int] = {}
    for role in ROLES:
        _token, key = api_token_create(user=request.getfixturevalue(role), name="schemathesis")
        headers = {"Authorization": f"Bearer {key}"}
        with connections_kept():
            for operation in operations:
                _run(operation, app, headers, seen)
    # It really called the API, and got through to data as well as refusals.
    assert sum(seen.values()) >= len(operations) * len(ROLES)
    assert seen.get(200, 0) > len(operations)
    assert not [code for code in seen if code >= 500]
