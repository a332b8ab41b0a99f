"""/beheer/ (Django's admin) keeps only what an administrator needs (issue 19 §2): the business
units and the reference data, and the accounts only for access to /beheer/ itself; the role
groups and everything that changes only through the application are not registered. Users and
their roles are managed on the Gebruikers pages."""

from django.contrib import admin
from django.urls import reverse

REGISTERED = {
    "uwvkms.businessunit",
    "uwvkms.user",
    "audits.managementprinciple",
    "audits.referencetext",
    "maturity.levelmeaning",
}


def test_only_the_reference_data_and_the_accounts_are_registered():
    assert {model._meta.label_lower for model in admin.site._registry} == REGISTERED


def test_the_index_lists_them_in_dutch(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    for name in ("Bedrijfsonderdelen", "Gebruikers", "Managementprincipes", "Vaste teksten"):
        assert name in page
    for gone in ("Groepen", "Herstelacties", "Gebeurtenissen", "API-tokens", "Access attempts"):
        assert gone not in page


def test_an_account_is_made_and_its_roles_changed_in_the_app_not_here(admin_client, auditor):
    assert admin_client.get(reverse("admin:uwvkms_user_add")).status_code == 403
    page = admin_client.get(reverse("admin:uwvkms_user_change", args=[auditor.pk]))
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert set(form.fields) == {"is_staff", "is_superuser"}  # the rest is read only
    assert (
        admin_client.get(reverse("admin:uwvkms_user_delete", args=[auditor.pk])).status_code == 403
    )
