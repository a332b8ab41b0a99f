"""Forms of the audit's own evaluation: an auditor's hours, the lessons for the next cycle."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from audits.constants import HoursKind, LessonTheme
from audits.evaluation_rules import week_monday, weeks_in_year

HOURS_FIELD = {
    "label": _("Uren"),
    "max_digits": 6,
    "decimal_places": 2,
    "localize": True,
    "help_text": _("Met hoogstens twee decimalen, bijvoorbeeld 7,5."),
    "error_messages": {
        "required": _("Vul het aantal uren in."),
        "invalid": _("Vul een getal in, bijvoorbeeld 7,5."),
        "max_decimal_places": _("Geef de uren met hoogstens twee decimalen."),
        "max_digits": _("Dat zijn te veel uren."),
        "max_whole_digits": _("Dat zijn te veel uren."),
    },
}


def week_choices(year: int) -> list[tuple[str, str]]:
    """The ISO weeks of `year`, each with the dates it runs from and to."""
    choices = [("", _("– kies een week –"))]
    for week in range(1, weeks_in_year(year) + 1):
        monday = week_monday(year, week)
        sunday = week_monday(year, week).fromordinal(monday.toordinal() + 6)
        choices.append(
            (
                str(week),
                _("Week %(week)s (%(start)s – %(end)s)")
                % {
                    "week": week,
                    "start": date_format(monday, "j F"),
                    "end": date_format(sunday, "j F Y"),
                },
            )
        )
    return choices


class HoursForm(forms.Form):
    """One week's hours, or one total for the whole audit of the unit."""

    kind = forms.ChoiceField(
        label=_("Hoe legt u de uren vast?"),
        choices=HoursKind.choices,
        initial=HoursKind.WEEK,
        widget=forms.RadioSelect,
    )
    week = forms.TypedChoiceField(
        label=_("Week"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Alleen bij uren per week."),
    )
    hours = forms.DecimalField(min_value=0, **HOURS_FIELD)

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["week"].choices = week_choices(year)


class HoursCorrectForm(forms.Form):
    hours = forms.DecimalField(**HOURS_FIELD)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Geef de reden waarom u dit intrekt.")},
    )


class LessonForm(forms.Form):
    text = forms.CharField(
        label=_("Les"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf de les op.")},
        help_text=_("Wat de volgende cyclus anders of juist weer zo moet doen."),
    )
    theme = forms.ChoiceField(label=_("Thema"), choices=LessonTheme.choices, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)


class LessonProcessForm(forms.Form):
    note = forms.CharField(
        label=_("Hoe is de les verwerkt?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Zeg hoe de les is verwerkt.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
