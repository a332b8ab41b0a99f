"""The API under /api/v1/: schema, docs and each app's resources (included by dotted path, so
the organisation core never imports the apps above it).

Every API view authenticates itself (session or token) and answers 401/403 as problem details,
so Django's LoginRequiredMiddleware, which would redirect to the login page, is switched off
for them."""

from django.urls import URLPattern, URLResolver, include, path

from uwvkms.api.views import DocsView, SchemaView

app_name = "api"


def _login_not_required(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _login_not_required(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback.login_required = False
    return patterns


urlpatterns = _login_not_required(
    [
        path("schema/", SchemaView.as_view(), name="schema"),
        path("docs/", DocsView.as_view(), name="docs"),
        path("", include("audits.api.urls")),
        path("", include("maturity.api.urls")),
        path("", include("findings.api.urls")),
        path("", include("herstel.api.urls")),
    ]
)
