"""The REST API's foundation (issue 9): token authentication, problem details, pagination,
body limits and the URL root. It sits in the organisation core and never imports the apps
above it; their API modules are included by dotted path.

An app adds endpoints in `<app>/api/` (serializers.py, views.py, urls.py without `app_name`:
its URL names live in the `api` namespace, e.g. `api:score-list`), included from
`uwvkms/api/urls.py`. Its views use:

- `uwvkms.api.permissions.roles_required(*roles, write_roles=...)` for the role (403), and the
  app's own access-checked selectors for the object (`refusal_as_not_found`,
  `not_found_unless`: 404);
- `uwvkms.api.serializers.StrictSerializer` for request bodies (unknown fields: 400) and
  `query_params(FilterSerializer, request)` for list filters (bad values: 400);
- a service's `uwvkms.versioning.EditConflict` (a stale `version`) becomes 409 by itself, and
  `uwvkms.api.exceptions.Conflict` (409) is there for other state refusals; a Django
  `ValidationError` from a service becomes 400 with `invalidParams` by itself;
- `uwvkms.api.parsers.read_body_limited` when it parses a body itself (CSV), so
  `API_MAX_BODY_BYTES` holds (413; the dossier import `IMPORT_MAX_BODY_BYTES`).

Settings (REST_FRAMEWORK in uwvkms/settings.py) give every view session or token login,
IsAuthenticated, JSON only, `ApiPagination` and the problem-details handler. A choice set whose
field name another serializer uses too needs an entry in SPECTACULAR_SETTINGS'
ENUM_NAME_OVERRIDES (the schema test fails on the warning otherwise).
"""
