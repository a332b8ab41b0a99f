from django.urls import path

from findings import views

app_name = "findings"

urlpatterns = [
    path("<int:year>/volwassenheid/", views.maturity_report, name="maturity_report"),
    path("<int:year>/volwassenheid.pdf", views.maturity_report_pdf, name="maturity_report_pdf"),
]
