"""Forms of the login's code step, the MFA pages of /profiel/ and the password pages."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from uwvkms.tasks import password_reset_email_task


class MfaCodeForm(forms.Form):
    """The second step of a login: the authenticator's code or a recovery code."""

    code = forms.CharField(
        label=_("Verificatiecode"),
        max_length=32,
        help_text=_(
            "De zes cijfers uit uw authenticator-app, of een van uw herstelcodes als u de app "
            "niet bij de hand heeft."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


class MfaConfirmForm(forms.Form):
    """Setting up the authenticator: a code from the app proves it holds the secret."""

    code = forms.CharField(
        label=_("Code uit de app"),
        max_length=16,
        help_text=_("De zes cijfers die de app nu voor uwvkms toont."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


class MfaDisableForm(forms.Form):
    """Switching off the second factor asks the password again; `password_wrong` tells the view
    to count a failure for the login lockout."""

    password = forms.CharField(
        label=_("Uw wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, data=None, *, user):
        super().__init__(data)
        self.user = user
        self.password_wrong = False

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            self.password_wrong = True
            raise forms.ValidationError(_("Dit wachtwoord klopt niet."))
        return password


class PasswordChangeForm(forms.Form):
    """Changing one's own password: the current one, and the new one twice."""

    old_password = forms.CharField(
        label=_("Huidig wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password1 = forms.CharField(
        label=_("Nieuw wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Minstens 8 tekens, niet alleen cijfers, niet te veel lijkend op uw naam en niet op "
            "een lijst van veelgebruikte of gelekte wachtwoorden."
        ),
    )
    new_password2 = forms.CharField(
        label=_("Nieuw wachtwoord (nogmaals)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("new_password1"), cleaned.get("new_password2")
        if first and second and first != second:
            self.add_error("new_password2", _("De twee nieuwe wachtwoorden zijn niet gelijk."))
        return cleaned


class PasswordResetRequestForm(PasswordResetForm):
    """Django's reset form, whose mail the task worker sends after the commit (the answer is the
    same, and as fast, whether or not the address belongs to anyone)."""

    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def save(self, **kwargs) -> None:
        for user in self.get_users(self.cleaned_data["email"]):
            transaction.on_commit(lambda pk=user.pk: password_reset_email_task.enqueue(user_id=pk))
