"""The forms of a unit report: a status move, and the board's management response."""

from django import forms
from django.utils.translation import gettext_lazy as _

from findings.constants import Recognition, UnitReportStatus


class MoveForm(forms.Form):
    """A move of the report. Which fields it asks depends on the move: agreeing the report asks
    when and with whom, taking it back to concept asks why. The service holds the rule."""

    agreed_on = forms.DateField(
        label=_("Afgestemd op"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("De datum waarop het rapport met de directie is besproken."),
    )
    agreed_with = forms.CharField(
        label=_("Afgestemd met"),
        required=False,
        max_length=300,
        help_text=_("Met wie van de directie, bijvoorbeeld naam en functie."),
    )
    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom het rapport terug naar concept gaat."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, to: str, **kwargs):
        super().__init__(*args, **kwargs)
        if to != UnitReportStatus.AFGESTEMD:
            del self.fields["agreed_on"], self.fields["agreed_with"]
        else:
            self.fields["agreed_on"].required = True
            self.fields["agreed_with"].required = True
            self.fields["agreed_on"].error_messages["required"] = _(
                "Vul de datum in waarop het rapport is afgestemd."
            )
            self.fields["agreed_with"].error_messages["required"] = _(
                "Vul in met wie het rapport is afgestemd."
            )
        if to != UnitReportStatus.CONCEPT:
            del self.fields["reason"]
        else:
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = _(
                "Geef een reden om het rapport terug te zetten naar concept."
            )


class ResponseAction:
    """The two buttons of the response form (the submit button's name is "action")."""

    SAVE = "opslaan"
    SUBMIT = "indienen"


class ResponseForm(forms.Form):
    """The overall response and, per recommendation, the recognition, an explanation and the
    intended actions. A concept may leave answers open; submitting needs them all (the service
    says which are missing)."""

    overall = forms.CharField(
        label=_("Algemene reactie"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("De reactie van de directie op het rapport als geheel."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, recommendations, **kwargs):
        super().__init__(*args, **kwargs)
        self.recommendations = recommendations
        for rec in recommendations:
            self.fields[f"recognition_{rec.pk}"] = forms.ChoiceField(
                label=_("Herkent u deze aanbeveling?"),
                choices=Recognition.choices,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )
            self.fields[f"explanation_{rec.pk}"] = forms.CharField(
                label=_("Toelichting"),
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Verplicht als u de aanbeveling niet of deels herkent."),
            )
            self.fields[f"intended_actions_{rec.pk}"] = forms.CharField(
                label=_("Voorgenomen acties"),
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Wat het onderdeel gaat doen."),
            )

    def rows(self):
        """Per recommendation its three fields, for the template."""
        return [
            (
                rec,
                self[f"recognition_{rec.pk}"],
                self[f"explanation_{rec.pk}"],
                self[f"intended_actions_{rec.pk}"],
            )
            for rec in self.recommendations
        ]

    def answers(self) -> dict[int, dict[str, str]]:
        """recommendation id → recognition, explanation and intended actions, as cleaned."""
        data = self.cleaned_data
        return {
            rec.pk: {
                "recognition": data.get(f"recognition_{rec.pk}", ""),
                "explanation": data.get(f"explanation_{rec.pk}", ""),
                "intended_actions": data.get(f"intended_actions_{rec.pk}", ""),
            }
            for rec in self.recommendations
        }
