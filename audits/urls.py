from django.urls import path

from audits.urls_evidence import urlpatterns as evidence_urlpatterns
from audits.views import cycles

app_name = "audits"

urlpatterns = [
    path("", cycles.cycle_list, name="cycle_list"),
    path("nieuw/", cycles.cycle_open, name="cycle_open"),
    path("<int:year>/", cycles.cycle_detail, name="cycle_detail"),
    path("<int:year>/volgende-fase/", cycles.cycle_advance, name="cycle_advance"),
    path("<int:year>/toewijzen/", cycles.assignment_create, name="assignment_create"),
    *evidence_urlpatterns,
]
