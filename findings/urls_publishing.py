"""URLs of published report versions, their comparison and the multi-year view."""

from django.urls import path

from findings.views import multiyear, publishing

urlpatterns = [
    path("<int:year>/rapport/versies/", publishing.version_list, name="report_versions"),
    path(
        "<int:year>/rapport/versies/publiceren/",
        publishing.version_publish,
        name="report_version_publish",
    ),
    path(
        "<int:year>/rapport/versies/vergelijken/",
        publishing.version_compare,
        name="report_version_compare",
    ),
    path(
        "<int:year>/rapport/versies/<str:label>/", publishing.version_detail, name="report_version"
    ),
    path(
        "<int:year>/rapport/versies/<str:label>/opnieuw/",
        publishing.version_retry,
        name="report_version_retry",
    ),
    path(
        "<int:year>/rapport/versies/<str:label>/pdf/",
        publishing.version_pdf,
        name="report_version_pdf",
    ),
    path(
        "<int:year>/rapport/versies/<str:label>/word/",
        publishing.version_docx,
        name="report_version_docx",
    ),
    path("meerjarig/", multiyear.multiyear, name="multiyear"),
]
