"""The Gebruikers pages of the Beheerder (issue 19 §2) and the invitation link of a new user.

Every page checks the role (403 for anyone but the Beheerder) and gets the account through
`selectors.user_get_for_admin` (404 for an unknown one); every change goes through a service,
which authorises again and writes the event log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from uwvkms.constants import Role
from uwvkms.forms import add_service_errors, posted_data
from uwvkms.mfa import mfa_reset
from uwvkms.permissions import role_required
from uwvkms.users import selectors, services
from uwvkms.users.forms import (
    MfaResetForm,
    UserActiveForm,
    UserCreateForm,
    UserFilterForm,
    UserUpdateForm,
)
from uwvkms.users.invitation import invited_user
from uwvkms.users.rules import claims_managed_message, protected_account_refusal, user_status


def _with_facts(users) -> list:
    """The rows with their status and role labels (from what the list already loaded)."""
    users = list(users)
    for user in users:
        user.status = user_status(
            is_active=user.is_active,
            has_usable_password=user.has_usable_password(),
            last_login=user.last_login,
        )
        user.role_labels = selectors.roles_shown(user)
        user.uwv_account = bool(user.oidc_subject)
    return users


def _blocks(request, user) -> dict:
    """Why this page offers no changes to this account, or not its edit: an account with access
    to the admin is changed only by a superuser (`protected_refusal`, every action); the fields
    of an account that logs in with its UWV account come from it (`claims_message`, the edit).
    The services refuse the same; the pages say so instead of offering a dead end."""
    protected = protected_account_refusal(
        actor_is_superuser=request.user.is_superuser,
        is_staff=user.is_staff,
        is_superuser=user.is_superuser,
    )
    claims = claims_managed_message() if user.oidc_subject else None
    return {"protected_refusal": protected, "claims_message": claims}


@role_required(Role.BEHEERDER)
def user_list(request):
    """Every account, searchable and filtered by role, unit, status, last login and (where MFA
    exists) MFA set up; 50 a page."""
    filters = UserFilterForm(request.GET or None)
    users = selectors.users_for_admin(actor=request.user, filters=filters.filters())
    page = Paginator(users, selectors.USERS_PER_PAGE).get_page(request.GET.get("pagina"))
    page.object_list = _with_facts(page.object_list)
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "uwvkms/users/user_list.html",
        {"filters": filters, "page": page, "query": query.urlencode()},
    )


@role_required(Role.BEHEERDER)
def user_create(request):
    """A new account: name, e-mail, unit and roles in one form, and by default an invitation."""
    form = UserCreateForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _created_message(user, form))
            return redirect("user_detail", pk=user.pk)
    return render(
        request,
        "uwvkms/users/user_form.html",
        {"form": form, "title": _("Gebruiker toevoegen")},
        status=400 if form.errors else 200,
    )


def _created_message(user, form) -> str:
    if form.cleaned_data["invite"]:
        return _("%(name)s is aangemaakt en uitgenodigd per e-mail.") % {"name": user}
    return _("%(name)s is aangemaakt.") % {"name": user}


def _detail(request, user, *, active_form=None, mfa_form=None, status=200):
    user = _with_facts([user])[0]
    return render(
        request,
        "uwvkms/users/user_detail.html",
        {
            "account": user,
            "active_form": active_form or UserActiveForm(initial={"version": user.version}),
            "is_self": user.pk == request.user.pk,
            "mfa_form": mfa_form or MfaResetForm(),
            "history": selectors.user_history(user),
            **_blocks(request, user),
        },
        status=status,
    )


def user_detail(request, pk: int):
    """One account: its facts and roles, deactivate or reactivate, a new invitation, and its
    history (every change of roles with who and why)."""
    return _detail(request, selectors.user_get_for_admin(actor=request.user, pk=pk))


def user_edit(request, pk: int):
    """Change name, e-mail, unit and roles; a change of roles asks a reason. The version the
    Beheerder saw guards against a change made meanwhile (EditConflict as a form error)."""
    user = selectors.user_get_for_admin(actor=request.user, pk=pk)
    form = UserUpdateForm(
        posted_data(request),
        initial={
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "business_unit": user.business_unit_id,
            "home_organisation": user.home_organisation,
            "roles": selectors.role_values_of(user),
            "version": user.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            changes = services.user_update(
                actor=request.user, user=user, expected_version=data.pop("version"), **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if changes:
                messages.success(
                    request, _("De gegevens van %(name)s zijn gewijzigd.") % {"name": user}
                )
            else:
                messages.info(request, _("Er is niets gewijzigd."))
            return redirect("user_detail", pk=user.pk)
    return render(
        request,
        "uwvkms/users/user_form.html",
        {"form": form, "account": user, "title": _("Gebruiker wijzigen"), **_blocks(request, user)},
        status=400 if form.errors else 200,
    )


def _set_active(request, pk: int, *, is_active: bool):
    user = selectors.user_get_for_admin(actor=request.user, pk=pk)
    form = UserActiveForm(request.POST)
    if form.is_valid():
        service = services.user_reactivate if is_active else services.user_deactivate
        try:
            service(
                actor=request.user,
                user=user,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                (
                    _("%(name)s is weer actief en kan inloggen.")
                    if is_active
                    else _("%(name)s is gedeactiveerd en kan niet meer inloggen.")
                )
                % {"name": user},
            )
            return redirect("user_detail", pk=user.pk)
    return _detail(request, user, active_form=form, status=400)


@require_POST
def user_deactivate(request, pk: int):
    return _set_active(request, pk, is_active=False)


@require_POST
def user_reactivate(request, pk: int):
    return _set_active(request, pk, is_active=True)


@require_POST
def user_invite(request, pk: int):
    """Send an invited user a new one-time link (earlier ones stop working)."""
    user = selectors.user_get_for_admin(actor=request.user, pk=pk)
    try:
        services.user_invite(actor=request.user, user=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Er is een nieuwe uitnodiging gestuurd naar %(email)s.") % {"email": user.email},
        )
    return redirect("user_detail", pk=user.pk)


@require_POST
def user_mfa_reset(request, pk: int):
    """Remove someone's authenticator and recovery codes (a lost phone), with the reason; they
    set it up again at their next login where it is required."""
    user = selectors.user_get_for_admin(actor=request.user, pk=pk)
    form = MfaResetForm(request.POST)
    if form.is_valid():
        try:
            mfa_reset(actor=request.user, user=user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("De tweestapsverificatie van %(name)s is gereset.") % {"name": user},
            )
            return redirect("user_detail", pk=user.pk)
    return _detail(request, user, mfa_form=form, status=400)


@login_not_required
@sensitive_post_parameters("new_password1", "new_password2")
def invitation_accept(request, uidb64: str, token: str):
    """The invitation link: the invited user sets their own password, once. A spent, expired or
    unknown link, or one of an account deactivated meanwhile, says so (and changes nothing)."""
    user = invited_user(uidb64, token)
    if user is None:
        response = render(request, "uwvkms/users/invitation_invalid.html", status=404)
    else:
        form = SetPasswordForm(user, posted_data(request))
        if request.method == "POST" and form.is_valid():
            try:
                services.invitation_accept(user=user, password=form.cleaned_data["new_password1"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Uw wachtwoord is ingesteld. U kunt nu inloggen."))
                return redirect("login")
        response = render(
            request,
            "uwvkms/users/invitation_accept.html",
            {"form": form, "invited": user},
            status=400 if form.errors else 200,
        )
    add_never_cache_headers(response)
    return response
