from django.urls import path

from findings.urls_rollup import urlpatterns as rollup_urlpatterns
from findings.urls_units import urlpatterns as units_urlpatterns
from findings.views import report as views

app_name = "findings"

urlpatterns = [
    path("<int:year>/volwassenheid/", views.maturity_report, name="maturity_report"),
    path("<int:year>/volwassenheid.pdf", views.maturity_report_pdf, name="maturity_report_pdf"),
    *units_urlpatterns,
    *rollup_urlpatterns,
]
