"""The form of the assessment framework (toetskader) of one principle in one cycle."""

from django import forms
from django.utils.translation import gettext_lazy as _

from maturity.constants import MaturityLevel


def _text(label, rows: int = 4, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class FrameworkForm(forms.Form):
    """Definition, controls, research questions and the five level descriptors. Every text may
    stay empty; an empty level descriptor shows the level's generic meaning to the auditors."""

    definition = _text(_("Definitie"), help_text=_("Wat het principe bij UWV betekent."))
    hard_controls = _text(
        _("Harde beheersmaatregelen"),
        help_text=_("Bijvoorbeeld procesbeschrijvingen, KPI's, rapportages."),
    )
    soft_controls = _text(
        _("Zachte beheersmaatregelen"),
        help_text=_("Bijvoorbeeld cultuur, gedrag, voorbeeldgedrag van leidinggevenden."),
    )
    research_questions = _text(_("Onderzoeksvragen"), rows=5, help_text=_("Eén vraag per regel."))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, meanings, **kwargs):
        """`meanings`: the generic level meanings (`maturity.selectors.level_meanings`), shown
        as what an empty descriptor falls back to."""
        super().__init__(*args, **kwargs)
        for level in MaturityLevel:
            self.fields[f"level_{level.value}"] = _text(
                _("Niveau %(label)s") % {"label": meanings[level].label},
                rows=3,
                help_text=_("Leeg laten toont de algemene betekenis: %(meaning)s")
                % {"meaning": meanings[level].meaning},
            )
        self.order_fields(
            ["definition", "hard_controls", "soft_controls", "research_questions"]
            + [f"level_{level.value}" for level in MaturityLevel]
        )
