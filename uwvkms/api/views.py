"""The API's own pages: the OpenAPI schema and its documentation (Swagger UI, served from
drf-spectacular-sidecar's static files, so it works without network access)."""

from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema (JSON, or YAML with `?format=yaml`); errors in JSON."""

    renderer_classes = [OpenApiJsonRenderer, OpenApiYamlRenderer]


class DocsView(SpectacularSwaggerView):
    """Swagger UI; the template carries the request's CSP nonce on its inline script and style."""

    template_name = "uwvkms/api_docs.html"
    url_name = "api:schema"
