from django.urls import path

from findings.urls_publishing import urlpatterns as publishing_urlpatterns
from findings.urls_rollup import urlpatterns as rollup_urlpatterns
from findings.urls_units import urlpatterns as units_urlpatterns
from findings.views import cockpit
from findings.views import report as views

app_name = "findings"

urlpatterns = [
    path("<int:year>/volwassenheid/", views.maturity_report, name="maturity_report"),
    path("<int:year>/volwassenheid.pdf", views.maturity_report_pdf, name="maturity_report_pdf"),
    path("<int:year>/rapport/", views.uwv_report, name="uwv_report"),
    path("<int:year>/rapport.pdf", views.uwv_report_pdf, name="uwv_report_pdf"),
    path("<int:year>/rapport/teksten/", views.uwv_report_narratives, name="uwv_report_narratives"),
    path("<int:year>/cockpit/", cockpit.cycle_cockpit_page, name="cycle_cockpit"),
    path("<int:year>/cockpit.xlsx", cockpit.cycle_cockpit_export, name="cycle_cockpit_export"),
    *units_urlpatterns,
    *rollup_urlpatterns,
    *publishing_urlpatterns,
]
