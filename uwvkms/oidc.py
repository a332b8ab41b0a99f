"""OpenID Connect with UWV's identity provider: discovery, the authentication backends and the
logout at the provider (issue 19 §1).

mozilla-django-oidc does the protocol: the authorisation request with state, nonce and PKCE
(`uwvkms.oidc_views.OidcLoginStartView`), the code exchange, the ID token's signature against the
provider's published keys and its nonce (`UwvOIDCBackend`, a subclass). What it leaves out is done
here: the endpoints come from the issuer's discovery document, and the ID token's issuer and
audience, and the userinfo answer's subject, are checked too. Who the user is follows from the
claims in `uwvkms.sso`.
"""

import logging
import threading
import time
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.shortcuts import resolve_url
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from uwvkms.models import User
from uwvkms.sso import (
    REFUSED_NO_ROLE,
    SignInRefused,
    group_roles,
    identity_from_claims,
    local_login_enabled,
    oidc_enabled,
    user_sign_in_apply,
    username_candidates,
)

logger = logging.getLogger(__name__)

# The discovery document is read once an hour per process (the provider's keys are fetched at
# every login by mozilla-django-oidc, so a rotated key is used at once).
METADATA_MAX_AGE_SECONDS = 3600
_metadata: dict[str, tuple[float, dict]] = {}
_metadata_lock = threading.Lock()
REQUIRED_METADATA = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
# The request attribute on which the backend tells the callback view why it refused a login.
REFUSAL_ATTRIBUTE = "oidc_refusal"
# With a refusal: the refused account (None for a new user without a role) and the user name the
# provider's claims give (`uwvkms.sso.username_candidates`).
REFUSED_USER_ATTRIBUTE = "oidc_refused_user"
REFUSED_LOGIN_ATTRIBUTE = "oidc_refused_login"


class ProviderUnavailable(Exception):
    """The identity provider's discovery document could not be read or is not usable."""


def provider_metadata() -> dict:
    """The identity provider's discovery document (OIDC_OP_DISCOVERY_URL), checked: it names the
    configured issuer and has the endpoints the code flow needs. Raises ProviderUnavailable."""
    url = settings.OIDC_OP_DISCOVERY_URL
    now = time.monotonic()
    with _metadata_lock:
        cached = _metadata.get(url)
        if cached and now - cached[0] < METADATA_MAX_AGE_SECONDS:
            return cached[1]
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        metadata = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise ProviderUnavailable(f"discovery document {url}: {exc}") from exc
    if not isinstance(metadata, dict) or any(not metadata.get(k) for k in REQUIRED_METADATA):
        raise ProviderUnavailable(f"discovery document {url} lacks {REQUIRED_METADATA}")
    if metadata["issuer"].rstrip("/") != settings.OIDC_OP_ISSUER:
        raise ProviderUnavailable(
            f"discovery document {url} names issuer {metadata['issuer']!r}, "
            f"not {settings.OIDC_OP_ISSUER!r}"
        )
    with _metadata_lock:
        _metadata[url] = (now, metadata)
    return metadata


class LocalPasswordBackend(ModelBackend):
    """Django's user name and password login, refused when LOCAL_LOGIN_ENABLED is off (the
    login page, /beheer/'s login and every other caller of `authenticate`). Permissions are
    answered as ever."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not local_login_enabled():
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class UwvOIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, configured from the discovery document at each login.

    Only the callback view calls it (with the nonce and PKCE verifier of its state); any other
    `authenticate` call, a password login among them, gets None. A refused user (no role,
    inactive) gets None too, with the reason on the request (`REFUSAL_ATTRIBUTE`)."""

    def __init__(self, *args, **kwargs):
        # The parent reads every endpoint from the settings here; they are discovered instead,
        # and only when a login needs them (a password login must not wait for the provider).
        self.UserModel = User

    def authenticate(self, request, **kwargs):
        if request is None or "nonce" not in kwargs or not oidc_enabled():
            return None
        metadata = provider_metadata()
        self.issuer = settings.OIDC_OP_ISSUER
        self.OIDC_OP_TOKEN_ENDPOINT = metadata["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = metadata.get("userinfo_endpoint")
        self.OIDC_OP_JWKS_ENDPOINT = metadata["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        """The parent checks the signature, expiry and nonce; this adds issuer and audience
        (OpenID Connect Core 3.1.3.7), which the parent leaves out."""
        payload = super().verify_token(token, **kwargs)
        if "nonce" not in kwargs:
            return payload  # a signed userinfo answer, not the ID token
        if str(payload.get("iss", "")).rstrip("/") != self.issuer:
            raise SuspiciousOperation("ID token from another issuer")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token for another client")
        if len(audiences) > 1 and payload.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("ID token authorised for another client")
        self.id_token_subject = payload.get("sub")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        claims = (
            super().get_userinfo(access_token, id_token, payload)
            if (self.OIDC_OP_USER_ENDPOINT)
            else dict(payload)
        )
        if claims.get("sub") != payload.get("sub"):
            # OpenID Connect Core 5.3.2: the userinfo answer must be about the ID token's user.
            raise SuspiciousOperation("userinfo about another subject than the ID token")
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        try:
            identity = identity_from_claims(
                claims,
                names=settings.OIDC_CLAIMS,
                mapping=group_roles(settings.OIDC_GROUP_ROLES),
            )
        except ValueError as exc:
            raise SuspiciousOperation(str(exc)) from exc
        try:
            user = user_sign_in_apply(identity=identity)
        except ValidationError as exc:
            raise SuspiciousOperation(f"claims the user model refuses: {exc}") from exc
        except SignInRefused as refused:
            self._refuse(refused.reason, refused.user, identity)
            return None
        if not identity.roles:
            self._refuse(REFUSED_NO_ROLE, user, identity)
            return None
        return user

    def _refuse(self, reason: str, user: User | None, identity) -> None:
        # The callback view records the failed login with the reason and whom it was about.
        setattr(self.request, REFUSAL_ATTRIBUTE, reason)
        setattr(self.request, REFUSED_USER_ATTRIBUTE, user)
        setattr(self.request, REFUSED_LOGIN_ATTRIBUTE, username_candidates(identity)[0])

    def get_user(self, user_id):
        # The parent returns inactive users too; a deactivated user's session must end.
        return ModelBackend.get_user(self, user_id)


BACKEND_PATH = f"{UwvOIDCBackend.__module__}.{UwvOIDCBackend.__qualname__}"


def signed_in_with_uwv_account(request) -> bool:
    """Whether this session's user logged in through the identity provider (which did their
    second factor, if any), not with a local password."""
    return request.session.get(BACKEND_SESSION_KEY) == BACKEND_PATH


def end_session_url(request) -> str | None:
    """Where to send the user to end their session at the provider too (RP-initiated logout),
    or None: not logged in through the provider, or the provider offers no end_session_endpoint
    (or cannot be reached: then only the session here ends)."""
    id_token = request.session.get("oidc_id_token")
    if not id_token or not oidc_enabled():
        return None
    try:
        endpoint = provider_metadata().get("end_session_endpoint")
    except ProviderUnavailable as exc:
        logger.warning("Logout at the identity provider skipped: %s", exc)
        return None
    if not endpoint:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": request.build_absolute_uri(
                resolve_url(settings.LOGOUT_REDIRECT_URL)
            ),
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
