"""The generated OpenAPI schema is valid OpenAPI 3 and documents every endpoint of the API."""

import re

from django.urls import URLPattern, URLResolver, get_resolver
from openapi_spec_validator import validate

NOT_DOCUMENTED = {"/api/v1/schema/", "/api/v1/docs/"}


def _routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def api_routes() -> set[str]:
    return {r for r in _routes(get_resolver().url_patterns) if r.startswith("/api/v1/")}


def test_schema_is_valid_openapi_3_and_covers_every_endpoint(api_client_for, coordinator):
    response = api_client_for(coordinator).get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    validate(schema)
    documented = set(schema["paths"])
    # Path parameters may be renamed in the schema ({pk} is documented as {id}).
    shape = lambda path: re.sub(r"\{\w+\}", "{}", path)  # noqa: E731
    missing = {shape(r) for r in api_routes() - NOT_DOCUMENTED} - {shape(p) for p in documented}
    assert not missing, missing
    for path in (
        "/api/v1/cycles/",
        "/api/v1/units/",
        "/api/v1/principles/",
        "/api/v1/scores/",
        "/api/v1/cycles/{year}/rollup/",
        "/api/v1/recommendations/",
        "/api/v1/themes/",
        "/api/v1/actions/",
        "/api/v1/reports/",
    ):
        assert path in documented


def test_every_operation_documents_problem_details(api_client_for, coordinator):
    schema = api_client_for(coordinator).get("/api/v1/schema/?format=json").json()
    assert "Problem" in schema["components"]["schemas"]
    assert schema["components"]["securitySchemes"]["apiToken"]["scheme"] == "bearer"
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            for code in ("401", "403", "404"):
                content = operation["responses"][code]["content"]
                assert "application/problem+json" in content, (path, method, code)


def test_money_is_a_decimal_string_in_the_schema(api_client_for, coordinator):
    schema = api_client_for(coordinator).get("/api/v1/schema/?format=json").json()
    baseline = schema["components"]["schemas"]["FollowUpAction"]["properties"]["baseline"]
    assert baseline["type"] == "string" and baseline["format"] == "decimal"
