"""Form helpers shared by every app's views."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from uwvkms.constants import Delivery
from uwvkms.eventlog_scope import EventLogScope
from uwvkms.events import declared_events
from uwvkms.selectors import EventLogFilters


def posted_data(request):
    """The submitted data, or None on GET. (`request.POST or None` would treat an empty
    submission, such as a scope with nothing ticked, as a GET.)"""
    return request.POST if request.method == "POST" else None


def keep_typed(request, *, page: str, only=None) -> None:
    """Keep what was typed in the posted form for the next GET of `page` (its URL), which gives
    it back through `typed_on` and `kept_input`: a page with two actions in one form redirects
    after one of them (a refresh never repeats it) without losing the other's input. `only`
    narrows it to those field names (with their prefix), e.g. the part not just saved."""
    request.session[f"typed:{page}"] = {
        key: request.POST.getlist(key)
        for key in request.POST
        if key != "csrfmiddlewaretoken" and (only is None or key in only)
    }


def typed_on(request, page: str):
    """What `keep_typed` kept for `page`, once (a QueryDict), or None."""
    kept = request.session.pop(f"typed:{page}", None)
    if kept is None:
        return None
    data = QueryDict(mutable=True)
    for key, values in kept.items():
        data.setlist(key, values)
    return data


def kept_input(form_class, data, **kwargs) -> forms.BaseForm:
    """An unbound `form_class` showing what was typed into it in `data`, for a page with two
    actions in one form (issue 17, "no lost input"): the other action was taken, this form's
    input is neither saved nor refused, only given back. A form with none of its fields in
    `data` was not on the page: it is simply `form_class(**kwargs)`. Otherwise a box left
    unticked or a list with nothing chosen (absent from `data`) is given back as such."""
    initial = dict(kwargs.pop("initial", None) or {})
    probe = form_class(initial=initial, **kwargs)
    if not any(probe.add_prefix(name) in data for name in probe.fields):
        return probe
    for name, field in probe.fields.items():
        key = probe.add_prefix(name)
        multiple = isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
        if multiple:
            initial[name] = data.getlist(key)
        elif isinstance(field, forms.BooleanField):
            initial[name] = key in data and data.get(key) not in ("", "0", "false", "False")
        elif key in data:
            initial[name] = data.get(key)
    return form_class(initial=initial, **kwargs)


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: field errors beside their field, the rest
    at the top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class ApiTokenForm(forms.Form):
    """Name a new personal API token and choose until when it is valid."""

    name = forms.CharField(
        label=_("Naam"),
        max_length=100,
        help_text=_("Waarvoor u het token gebruikt, bijvoorbeeld ‘export scores’."),
    )
    expires_on = forms.DateField(
        label=_("Geldig tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leeg laten: %(days)d dagen.") % {"days": settings.API_TOKEN_DEFAULT_DAYS},
    )

    def expires_at(self) -> datetime.datetime | None:
        """The end of the chosen day in the app's time zone, or None for the default."""
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
        return timezone.make_aware(end)


class NotificationPreferencesForm(forms.Form):
    """Per kind of notification: at once by e-mail, in the daily digest, or in the app only."""

    def __init__(self, *args, kinds: dict, initial_deliveries: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for name, kind in kinds.items():
            self.fields[name] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=initial_deliveries.get(name, Delivery.IMMEDIATE),
            )


class WithdrawForm(forms.Form):
    """The reason for withdrawing a record entered in error (`uwvkms.withdrawal`): required,
    and it stays visible with the record. An app's form sets `reason_help` (what a good
    reason is there) and, where needed, its own `required_message`."""

    reason_help = ""
    required_message = _("Geef de reden waarom u dit intrekt.")

    reason = forms.CharField(
        label=_("Reden van intrekken"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.help_text = self.reason_help
        field.error_messages["required"] = self.required_message


class VersionedWithdrawForm(WithdrawForm):
    """Withdrawing a Versioned record: the version the user saw guards against a change made
    meanwhile (`uwvkms.versioning`)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


def _event_choices(scope: EventLogScope | None = None) -> list[tuple[str, str]]:
    """Every declared event, or (with a reader's `scope`) the events that reader may find: those
    in the scope and those of the apps whose objects it covers."""
    events = sorted(
        (
            event
            for event in declared_events().values()
            if scope is None or event in scope.events or event.app in scope.apps
        ),
        key=lambda event: str(event.label).lower(),
    )
    return [("", _("Alle gebeurtenissen"))] + [
        (event.name, f"{event.label} ({event.name})") for event in events
    ]


# The browser's date picker sends ISO dates; a date typed the Dutch way is understood too.
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


class EventLogFilterForm(forms.Form):
    """The event-log page's filters (`uwvkms.selectors.EventLogFilters`), sent by GET."""

    wie = forms.CharField(
        label=_("Wie"),
        required=False,
        max_length=150,
        help_text=_("Naam of gebruikersnaam, of een IP-adres."),
    )
    gebeurtenis = forms.ChoiceField(label=_("Wat"), required=False, choices=_event_choices)
    van = forms.DateField(
        label=_("Van"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 7-12-2026.")},
    )
    tot = forms.DateField(
        label=_("Tot en met"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 7-12-2026.")},
    )
    object = forms.CharField(
        label=_("Object"),
        required=False,
        max_length=255,
        help_text=_(
            "Soort (bijv. audits.interview), soort en id (audits.interview:12), "
            "of woorden uit de naam."
        ),
    )

    def __init__(self, *args, scope: EventLogScope | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if scope is not None:  # the reader chooses only among the events they may find
            self.fields["gebeurtenis"].choices = _event_choices(scope)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("van"), cleaned.get("tot")
        if start and end and end < start:
            self.add_error("tot", _("Kies een einddatum op of na de begindatum."))
        return cleaned

    def filters(self) -> EventLogFilters:
        """The valid form's filters."""
        data = self.cleaned_data
        return EventLogFilters(
            who=data["wie"],
            event=data["gebeurtenis"],
            date_from=data["van"],
            date_to=data["tot"],
            about=data["object"],
        )
