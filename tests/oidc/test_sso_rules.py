"""The pure rules that read a UWV account's claims (uwvkms.sso), the group → role mapping from
the environment (settings.env_pairs) and its system check. No provider needed."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from uwvkms.checks import oidc_group_roles_check
from uwvkms.constants import Role
from uwvkms.settings import env_pairs
from uwvkms.sso import (
    group_roles,
    identity_from_claims,
    role_named,
    roles_from_groups,
    username_candidates,
)

NAMES = {
    "subject": "sub",
    "username": "preferred_username",
    "email": "email",
    "given_name": "given_name",
    "family_name": "family_name",
    "name": "name",
    "groups": "groups",
    "business_unit": "bedrijfsonderdeel",
}
MAPPING = {"kms-toetsers": Role.TOETSER, "kms-coordinatie": Role.COORDINATIETEAM}


@pytest.mark.parametrize(
    ("groups", "roles"),
    [
        ([], set()),
        (["iedereen"], set()),
        (["kms-toetsers"], {Role.TOETSER}),
        (["kms-toetsers", "kms-coordinatie", "x"], {Role.TOETSER, Role.COORDINATIETEAM}),
        (["KMS-toetsers"], set()),  # group names are identifiers: exact
    ],
)
def test_roles_from_groups(groups, roles):
    assert roles_from_groups(groups, MAPPING) == roles


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Toetser", Role.TOETSER),
        ("toetser", Role.TOETSER),
        ("Coördinatieteam", Role.COORDINATIETEAM),
        ("COORDINATIETEAM", Role.COORDINATIETEAM),
        ("Raad van Bestuur", Role.RVB),
        ("rvb", Role.RVB),
        (" Beheerder ", Role.BEHEERDER),
    ],
)
def test_role_named(text, role):
    assert role_named(text) == role


def test_role_named_refuses_an_unknown_role():
    with pytest.raises(ValueError, match="Unknown role"):
        group_roles({"kms-baas": "Baas"})


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        (
            {
                "sub": "s1",
                "given_name": "Tessa",
                "family_name": "Toetser",
                "groups": ["kms-toetsers"],
            },
            ("s1", "Tessa", "Toetser", {Role.TOETSER}, ""),
        ),
        (  # only a full name: first word and the rest
            {"sub": "s2", "name": "Jan van der Berg", "bedrijfsonderdeel": "UIT"},
            ("s2", "Jan", "van der Berg", set(), "UIT"),
        ),
        (  # one group as text; values that are no text are ignored
            {"sub": " s3 ", "groups": "kms-coordinatie", "email": 12, "bedrijfsonderdeel": None},
            ("s3", "", "", {Role.COORDINATIETEAM}, ""),
        ),
        (  # a groups claim that is neither list nor text gives no role
            {"sub": "s4", "groups": {"kms-toetsers": True}},
            ("s4", "", "", set(), ""),
        ),
    ],
)
def test_identity_from_claims(claims, expected):
    identity = identity_from_claims(claims, names=NAMES, mapping=MAPPING)
    assert (
        identity.subject,
        identity.first_name,
        identity.last_name,
        set(identity.roles),
        identity.unit_abbreviation,
    ) == expected


def test_identity_from_claims_under_other_claim_names():
    names = {**NAMES, "subject": "employeeId", "groups": "roles", "business_unit": "afdeling"}
    identity = identity_from_claims(
        {"sub": "x", "employeeId": "E42", "roles": ["kms-toetsers"], "afdeling": "FEZ"},
        names=names,
        mapping=MAPPING,
    )
    assert (identity.subject, identity.roles, identity.unit_abbreviation) == (
        "E42",
        {Role.TOETSER},
        "FEZ",
    )


@pytest.mark.parametrize("claims", [{}, {"sub": ""}, {"sub": "   "}, {"sub": 7}])
def test_identity_needs_a_subject(claims):
    with pytest.raises(ValueError, match="no subject"):
        identity_from_claims(claims, names=NAMES, mapping=MAPPING)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", {}),
        ("kms-toetsers=Toetser", {"kms-toetsers": "Toetser"}),
        (
            "kms-toetsers = Toetser, kms-rvb=Raad van Bestuur",
            {"kms-toetsers": "Toetser", "kms-rvb": "Raad van Bestuur"},
        ),
        ('{"CN=KMS Toetsers,OU=Groepen": "Toetser"}', {"CN=KMS Toetsers,OU=Groepen": "Toetser"}),
    ],
)
def test_env_pairs(monkeypatch, raw, expected):
    monkeypatch.setenv("OIDC_GROUP_ROLES", raw)
    assert env_pairs("OIDC_GROUP_ROLES") == expected


@pytest.mark.parametrize("raw", ["kms-toetsers", "=Toetser", "a=b,c", '{"a": 1}', "{niet json"])
def test_env_pairs_refuses_what_is_no_mapping(monkeypatch, raw):
    monkeypatch.setenv("OIDC_GROUP_ROLES", raw)
    with pytest.raises(ImproperlyConfigured):
        env_pairs("OIDC_GROUP_ROLES")


def test_system_check_refuses_an_unknown_role(settings):
    settings.OIDC_GROUP_ROLES = {"kms-toetsers": "Toetser", "kms-baas": "Baas"}
    errors = oidc_group_roles_check(None)
    assert [error.id for error in errors] == ["uwvkms.E001"]
    assert "kms-baas" in errors[0].msg
    settings.OIDC_GROUP_ROLES = {"kms-toetsers": "Toetser"}
    assert oidc_group_roles_check(None) == []


@pytest.mark.parametrize(
    ("claims", "candidates"),
    [
        ({"sub": "uwv-1", "preferred_username": "tessa"}, ["tessa", "uwv-uwv-1"]),
        ({"sub": "uwv-1"}, ["uwv-uwv-1"]),
        (  # characters a Django user name cannot hold
            {"sub": "auth0|12 34", "preferred_username": "Jan Jansen"},
            ["Jan-Jansen", "uwv-auth0-12-34"],
        ),
        ({"sub": "x" * 300}, ["uwv-" + "x" * 146]),
    ],
)
def test_username_candidates(claims, candidates):
    identity = identity_from_claims(claims, names=NAMES, mapping=MAPPING)
    assert username_candidates(identity) == candidates
