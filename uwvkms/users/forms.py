"""Forms of user administration: the list's filters, a new account, an edit, and the reason to
deactivate or reactivate. (The invited user sets a password with Django's SetPasswordForm.)"""

from django import forms
from django.utils.translation import gettext_lazy as _

from uwvkms.constants import HomeOrganisation, Role, UserStatus
from uwvkms.models import BusinessUnit
from uwvkms.users.selectors import LAST_LOGIN_CHOICES, UserFilters

ALL = [("", _("alle"))]


class UserFilterForm(forms.Form):
    """The list's search and filters (GET); "MFA ingesteld" only where MFA exists."""

    zoek = forms.CharField(
        label=_("Zoeken op naam, gebruikersnaam of e-mail"), required=False, max_length=100
    )
    rol = forms.ChoiceField(label=_("Rol"), choices=ALL + Role.choices, required=False)
    onderdeel = forms.ModelChoiceField(
        label=_("Bedrijfsonderdeel"),
        queryset=BusinessUnit.objects.all(),
        required=False,
        empty_label=_("alle"),
    )
    status = forms.ChoiceField(label=_("Status"), choices=ALL + UserStatus.choices, required=False)
    laatst_ingelogd = forms.ChoiceField(
        label=_("Laatst ingelogd"),
        choices=ALL + list(LAST_LOGIN_CHOICES.items()),
        required=False,
    )
    mfa = forms.ChoiceField(
        label=_("MFA ingesteld"),
        choices=ALL + [("ja", _("ja")), ("nee", _("nee"))],
        required=False,
    )

    def filters(self) -> UserFilters:
        """The chosen filters; none for an invalid choice."""
        if not self.is_bound or not self.is_valid():
            return UserFilters()
        data = self.cleaned_data
        unit = data.get("onderdeel")
        return UserFilters(
            search=data.get("zoek", ""),
            role=data.get("rol", ""),
            unit_id=unit.pk if unit is not None else None,
            status=data.get("status", ""),
            last_login=data.get("laatst_ingelogd", ""),
            mfa=data.get("mfa", ""),
        )


class _AccountFields(forms.Form):
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"), max_length=254)
    business_unit = forms.ModelChoiceField(
        label=_("Bedrijfsonderdeel"),
        queryset=BusinessUnit.objects.all(),
        required=False,
        empty_label=_("– geen –"),
    )
    home_organisation = forms.ChoiceField(
        label=_("Thuisorganisatie (toetsers)"),
        choices=HomeOrganisation.choices,
        required=False,
        help_text=_(
            "Waar een toetser vandaan komt: BC&K of FEZ. Het rapport telt het toetsteam hiernaar."
        ),
    )
    roles = forms.MultipleChoiceField(
        label=_("Rollen"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "SBK (herstel), FEZ (herstel) en Communicatie (herstel) zijn bevoegdheden in "
            "herstelacties: SBK leest elke herstelactie en legt de contacten met SZW en de "
            "minister vast; FEZ leest de financiële cijfers van elke herstelactie; Communicatie "
            "leest elke herstelactie, stelt de issuestatus vast en wijst de issuemanager aan. "
            "Ze hangen niet af van het bedrijfsonderdeel."
        ),
    )


class UserCreateForm(_AccountFields):
    """A new account with its name, e-mail, unit and roles, in one form."""

    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        help_text=_("Waarmee de gebruiker inlogt, bijvoorbeeld voornaam.achternaam."),
    )
    invite = forms.BooleanField(
        label=_("Uitnodiging per e-mail sturen"),
        required=False,
        initial=True,
        help_text=_("De gebruiker krijgt een eenmalige link om zelf een wachtwoord in te stellen."),
    )

    field_order = [
        "username",
        "first_name",
        "last_name",
        "email",
        "business_unit",
        "home_organisation",
        "roles",
    ]


class UserUpdateForm(_AccountFields):
    """An edit of an account; the reason is required when the roles change (the service says
    so), and the version guards against a change made meanwhile."""

    reason = forms.CharField(
        label=_("Reden van de wijziging"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht als u rollen toekent of intrekt; komt in de historie."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class MfaResetForm(forms.Form):
    """Why someone's two-factor authentication is reset (a lost phone): required, recorded."""

    reason = forms.CharField(
        label=_("Reden"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Geef de reden.")},
    )


class UserActiveForm(forms.Form):
    """The reason to deactivate or reactivate an account (required), with the version seen."""

    reason = forms.CharField(
        label=_("Reden"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Geef de reden.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
