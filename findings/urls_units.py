"""URLs of the findings per unit: observations, recommendations, quotes, the unit report and the
management response."""

from django.urls import path

from findings.views import findings, review, unit_reports

_UNIT = "<int:year>/onderdelen/<int:unit_id>/"
_ITEMS = {
    "finding": "bevindingen",
    "recommendation": "aanbevelingen",
    "quote": "citaten",
}

urlpatterns = [
    path("<int:year>/onderdelen/", unit_reports.unit_report_list, name="unit_report_list"),
    path(_UNIT, unit_reports.unit_report, name="unit_report"),
    path(f"{_UNIT}rapport.pdf", unit_reports.unit_report_pdf, name="unit_report_pdf"),
    path(f"{_UNIT}rapport.docx", unit_reports.unit_report_docx, name="unit_report_docx"),
    path(f"{_UNIT}status/<slug:to>/", unit_reports.report_move, name="unit_report_move"),
    path(f"{_UNIT}reactie/", unit_reports.management_response, name="management_response"),
    path(f"{_UNIT}bevindingen/", findings.unit_findings, name="unit_findings"),
    path(f"{_UNIT}review/", review.unit_review, name="unit_review"),
]
for kind, segment in _ITEMS.items():
    urlpatterns += [
        path(
            f"{_UNIT}{segment}/nieuw/",
            findings.item_create,
            {"kind": kind},
            name=f"{kind}_create",
        ),
        path(
            f"{_UNIT}{segment}/<int:pk>/",
            findings.item_edit,
            {"kind": kind},
            name=f"{kind}_edit",
        ),
        path(
            f"{_UNIT}{segment}/<int:pk>/verwijderen/",
            findings.item_delete,
            {"kind": kind},
            name=f"{kind}_delete",
        ),
    ]
