from django.urls import path

from findings.urls_publishing import urlpatterns as publishing_urlpatterns
from findings.urls_rollup import urlpatterns as rollup_urlpatterns
from findings.urls_units import urlpatterns as units_urlpatterns
from findings.views import cockpit, report_structure
from findings.views import report as views

app_name = "findings"

urlpatterns = [
    path("<int:year>/volwassenheid/", views.maturity_report, name="maturity_report"),
    path("<int:year>/volwassenheid.pdf", views.maturity_report_pdf, name="maturity_report_pdf"),
    path("<int:year>/rapport/", views.uwv_report, name="uwv_report"),
    path("<int:year>/rapport.pdf", views.uwv_report_pdf, name="uwv_report_pdf"),
    path("<int:year>/rapport.docx", views.uwv_report_docx, name="uwv_report_docx"),
    path(
        "<int:year>/rapport/voorwerk/",
        views.uwv_report_front_matter,
        name="uwv_report_front_matter",
    ),
    path(
        "<int:year>/rapport/opbouw/",
        report_structure.uwv_report_structure,
        name="uwv_report_structure",
    ),
    path(
        "<int:year>/rapport/opbouw/<int:pk>/",
        report_structure.uwv_report_section,
        name="uwv_report_section",
    ),
    path(
        "<int:year>/rapport/opbouw/<int:pk>/materiaal/",
        report_structure.uwv_report_section_material,
        name="uwv_report_section_material",
    ),
    path(
        "<int:year>/rapport/opbouw/<int:pk>/materiaal/<int:material_pk>/weghalen/",
        report_structure.uwv_report_material_withdraw,
        name="uwv_report_material_withdraw",
    ),
    path(
        "<int:year>/rapport/opbouw/<int:pk>/weghalen/",
        report_structure.uwv_report_section_withdraw,
        name="uwv_report_section_withdraw",
    ),
    path("<int:year>/cockpit/", cockpit.cycle_cockpit_page, name="cycle_cockpit"),
    path("<int:year>/cockpit.xlsx", cockpit.cycle_cockpit_export, name="cycle_cockpit_export"),
    *units_urlpatterns,
    *rollup_urlpatterns,
    *publishing_urlpatterns,
]
