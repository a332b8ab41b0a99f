"""The error summary every form shows at the top when it is refused: role alert, the errors that
belong to no field in full, and a link to each field with an error (its message stands beside
the field): to the first option of a group of radios or checkboxes, else to the input itself."""

import pytest
from django import forms
from django.template import Context, Template

from uwvkms.templatetags.uwvkms import form_error_summary

LEVELS = [(1, "1"), (2, "2")]


class ExampleForm(forms.Form):
    name = forms.CharField(label="Naam")
    level = forms.ChoiceField(label="Niveau", choices=LEVELS, widget=forms.RadioSelect)
    tags = forms.MultipleChoiceField(
        label="Labels", choices=LEVELS, widget=forms.CheckboxSelectMultiple
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("Iemand anders heeft dit intussen gewijzigd.")


def render(form) -> str:
    return Template("{% load uwvkms %}{% form_error_summary form %}").render(
        Context({"form": form})
    )


def test_a_refused_form_is_summarised_with_links_to_its_fields():
    form = ExampleForm(data={"version": "x"})
    assert not form.is_valid()
    html = render(form)
    assert 'role="alert"' in html
    assert "Controleer het formulier: 5 punten vragen uw aandacht." in html
    assert "Iemand anders heeft dit intussen gewijzigd." in html
    assert '<a class="alert-link" href="#id_name">Naam</a>' in html
    assert '<a class="alert-link" href="#id_level_0">Niveau</a>' in html
    assert '<a class="alert-link" href="#id_tags_0">Labels</a>' in html
    # A hidden field has nothing to link to: its message is given instead.
    assert "<li>Voer een geheel getal in.</li>" in html


@pytest.mark.parametrize("data", [None, {"name": "x", "level": "1", "tags": ["1"], "version": 1}])
def test_an_unbound_or_clean_form_shows_no_summary(data):
    class Clean(ExampleForm):
        def clean(self):
            return self.cleaned_data

    form = Clean(data=data)
    if data:
        assert form.is_valid()
    assert form_error_summary(form) == {"items": []}
    assert render(form).strip() == ""


def test_forms_rendered_with_crispy_get_the_summary_too():
    form = ExampleForm(data={})
    form.is_valid()
    html = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))
    assert html.count('role="alert"') >= 1
    assert "Controleer het formulier" in html
    assert 'href="#id_level_0"' in html
