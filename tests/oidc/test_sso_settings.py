"""The single-sign-on settings come from the environment (a fresh process each: settings are
read once per process)."""

import json

from tests.uwvkms.test_settings_env import PRODUCTION, _run

OIDC = {
    **PRODUCTION,
    "OIDC_OP_ISSUER": "https://login.uwv.example/realms/uwv/",
    "OIDC_RP_CLIENT_ID": "uwvkms",
    "OIDC_RP_CLIENT_SECRET": "geheim",
    "OIDC_GROUP_ROLES": "kms-toetsers=Toetser,kms-rvb=Raad van Bestuur",
    "OIDC_CLAIM_SUBJECT": "employeeId",
    "LOCAL_LOGIN_ENABLED": "0",
}


def _settings(names: list[str], **env: str) -> dict:
    code = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}, default=str))"
    )
    result = _run(["-c", code], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_oidc_is_configured_from_the_environment():
    values = _settings(
        [
            "OIDC_OP_ISSUER",
            "OIDC_OP_DISCOVERY_URL",
            "OIDC_GROUP_ROLES",
            "OIDC_CLAIMS",
            "OIDC_RP_SCOPES",
            "OIDC_RP_SIGN_ALGO",
            "LOCAL_LOGIN_ENABLED",
            "SECURE_CSP",
        ],
        **OIDC,
    )
    assert values["OIDC_OP_ISSUER"] == "https://login.uwv.example/realms/uwv"
    assert values["OIDC_OP_DISCOVERY_URL"] == (
        "https://login.uwv.example/realms/uwv/.well-known/openid-configuration"
    )
    assert values["OIDC_GROUP_ROLES"] == {"kms-toetsers": "Toetser", "kms-rvb": "Raad van Bestuur"}
    assert values["OIDC_CLAIMS"]["subject"] == "employeeId"
    assert values["OIDC_CLAIMS"]["groups"] == "groups"
    assert values["OIDC_RP_SCOPES"] == "openid email profile groups"
    assert values["OIDC_RP_SIGN_ALGO"] == "RS256"
    assert values["LOCAL_LOGIN_ENABLED"] is False
    # The logout form is redirected to the provider: the CSP lets it.
    assert "https://login.uwv.example/realms/uwv" in values["SECURE_CSP"]["form-action"]


def test_switching_local_login_off_without_oidc_refuses_to_start():
    result = _run(
        ["-c", "from django.conf import settings; settings.DEBUG"],
        **{**PRODUCTION, "LOCAL_LOGIN_ENABLED": "0"},
    )
    assert result.returncode != 0
    assert "LOCAL_LOGIN_ENABLED is off but OpenID Connect is not configured" in result.stderr


def test_an_unknown_role_in_the_mapping_fails_the_system_check():
    result = _run(
        ["manage.py", "check"],
        **{**OIDC, "OIDC_GROUP_ROLES": "kms-toetsers=Toetser,kms-baas=Baas"},
    )
    assert result.returncode != 0
    assert "uwvkms.E001" in result.stderr
