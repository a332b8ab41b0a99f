"""The form the coordination team publishes a version of the UWV-wide report with."""

from django import forms
from django.utils.translation import gettext_lazy as _

from findings.models import ReportStatus


class PublishForm(forms.Form):
    label = forms.RegexField(
        label=_("Versie"),
        regex=r"^\d{1,3}\.\d{1,3}$",
        max_length=7,
        help_text=_("Bijvoorbeeld 1.0 (concept voor de RvB) of 2.0 (definitief)."),
        error_messages={"invalid": _("Een versie ziet eruit als 1.0 of 2.1.")},
    )
    report_status = forms.ChoiceField(
        label=_("Status op het rapport"), choices=ReportStatus.choices, widget=forms.RadioSelect
    )
