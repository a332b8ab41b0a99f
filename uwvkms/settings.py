"""Settings for uwvkms, read from the environment through small typed helpers.

Zero configuration gives a development setup on SQLite; production sets DATABASE_URL, SECRET_KEY,
ALLOWED_HOSTS and leaves DEBUG off.
"""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nee", ""}


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean; refuse anything that is not clearly yes or no."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}")


def env_int(name: str, default: int, *, minimum: int = 1) -> int:
    """Read a positive integer; refuse text and values below the minimum."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}") from exc
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated list."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_pairs(name: str) -> dict[str, str]:
    """Read a mapping: a JSON object, or comma-separated ``key=value`` pairs."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return {}
    if raw.startswith("{"):
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ImproperlyConfigured(f"{name} is not valid JSON: {exc}") from exc
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            raise ImproperlyConfigured(f"{name} must map text to text")
        return {k.strip(): v.strip() for k, v in value.items()}
    pairs = {}
    for item in raw.split(","):
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ImproperlyConfigured(f"{name}: {item.strip()!r} is not a key=value pair")
        pairs[key.strip()] = value.strip()
    return pairs


def env_path(name: str, default: Path) -> Path:
    """Read an absolute path; empty means the default (never the working directory)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not Path(raw).is_absolute():
        raise ImproperlyConfigured(f"{name} must be an absolute path, not {raw!r}")
    return Path(raw)


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment, or set DEBUG=1 for development."
        )
    SECRET_KEY = "development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "uwvkms",
    "audits",
    "maturity",
    "findings",
    "herstel",
    "demo",
]

MIDDLEWARE = [
    # Before everything: the load balancer's probes need no host check, redirect or session.
    "uwvkms.health.HealthCheckMiddleware",
    # Times the whole request and logs it as one JSON line with its request id.
    "uwvkms.observability.RequestLogMiddleware",
    # Before SecurityMiddleware's redirect: a token sent over plain HTTP is refused, not redirected.
    "uwvkms.middleware.ApiRequiresHttpsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before everything that answers for a logged-in user: sets no-store on all those answers
    # (WhiteNoise above it keeps static files cacheable).
    "uwvkms.middleware.NoStoreForAuthenticatedMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Records every 403 and object-level 404 in the event log, rate-limited (uwvkms.security).
    "uwvkms.security.RefusalLogMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # After authentication: marks a session verified by a second factor (request.user.is_verified)
    # and holds a user who must use MFA on its set-up page until it is done (uwvkms.mfa).
    "django_otp.middleware.OTPMiddleware",
    "uwvkms.middleware.MfaRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After MessageMiddleware: on a timeout it logs out and leaves a message for the login page.
    "uwvkms.middleware.SessionTimeoutMiddleware",
    # Before any view or CSRF check reads the body: 413 over the view's limit.
    "uwvkms.body_limits.RequestBodyLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-axes wants to be last: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "uwvkms.urls"
WSGI_APPLICATION = "uwvkms.wsgi.application"
ASGI_APPLICATION = "uwvkms.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "uwvkms.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer fails a request (and /readyz) in seconds, not minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("DB_CONNECT_TIMEOUT", 5)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "uwvkms.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend that refuses passwords when LOCAL_LOGIN_ENABLED is off.
    "uwvkms.oidc.LocalPasswordBackend",
    # Only for the OpenID Connect callback (uwvkms.oidc_views); never takes a password.
    "uwvkms.oidc.UwvOIDCBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Passwords known from breaches (a committed list, uwvkms/data/breached-passwords.txt).
    {"NAME": "uwvkms.passwords.BreachedPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Single sign-on with UWV's identity provider (OpenID Connect, authorisation code flow with PKCE,
# state and nonce; mozilla-django-oidc, see uwvkms.oidc). On when OIDC_OP_ISSUER and
# OIDC_RP_CLIENT_ID are set: the endpoints come from the issuer's discovery document.
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "").strip().rstrip("/")
OIDC_OP_DISCOVERY_URL = os.environ.get("OIDC_OP_DISCOVERY_URL", "").strip() or (
    f"{OIDC_OP_ISSUER}/.well-known/openid-configuration" if OIDC_OP_ISSUER else ""
)
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "").strip()
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "").strip() or "openid email profile groups"
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "").strip() or "RS256"
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = True  # the id_token_hint of the logout at the provider
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT_SECONDS", 10)
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_callback"
# Which claims (of the userinfo answer) say who the user is, their roles and their unit.
OIDC_CLAIMS = {
    field: os.environ.get(f"OIDC_CLAIM_{field.upper()}", "").strip() or default
    for field, default in {
        "subject": "sub",
        "username": "preferred_username",
        "email": "email",
        "given_name": "given_name",
        "family_name": "family_name",
        "name": "name",
        "groups": "groups",
        "business_unit": "bedrijfsonderdeel",
    }.items()
}
# The identity provider's group → the role in uwvkms (a Role's name or value), e.g.
# OIDC_GROUP_ROLES=kms-toetsers=Toetser,kms-coordinatie=Coördinatieteam (or as a JSON object).
OIDC_GROUP_ROLES = env_pairs("OIDC_GROUP_ROLES")
# Local accounts (user name and password): for the demo and emergencies; off refuses passwords.
LOCAL_LOGIN_ENABLED = env_bool("LOCAL_LOGIN_ENABLED", True)
if not LOCAL_LOGIN_ENABLED and not (OIDC_OP_ISSUER and OIDC_RP_CLIENT_ID):
    raise ImproperlyConfigured(
        "LOCAL_LOGIN_ENABLED is off but OpenID Connect is not configured: nobody could log in."
    )

# Login lockout (django-axes): after AXES_FAILURE_LIMIT failed attempts for one username from one
# address, that combination is locked for the cool-off time.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Against password spraying (one address trying many usernames): after this many failures from
# one address within the cool-off time, every login from it is locked (uwvkms.lockout).
AXES_HANDLER = "uwvkms.lockout.LoginLockoutHandler"
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 50)
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The client address behind the proxies (never a raw X-Forwarded-For): see uwvkms.proxy.
AXES_CLIENT_IP_CALLABLE = "uwvkms.proxy.client_ip"

# Two-factor authentication (TOTP with recovery codes, django-otp; uwvkms.mfa). Required for the
# roles named in MFA_REQUIRED_ROLES (comma-separated group names; empty: none), for everyone with
# MFA_REQUIRED_FOR_ALL, and for /beheer/ with MFA_REQUIRED_FOR_ADMIN. `make demo` switches the
# roles and the admin off; production keeps the defaults.
MFA_REQUIRED_ROLES = env_list("MFA_REQUIRED_ROLES", ["Beheerder", "Coördinatieteam"])
MFA_REQUIRED_FOR_ALL = env_bool("MFA_REQUIRED_FOR_ALL", False)
MFA_REQUIRED_FOR_ADMIN = env_bool("MFA_REQUIRED_FOR_ADMIN", True)
# Sessions logged in through these backends had their second factor at the identity provider
# (MFA here is for local accounts): the login with a UWV account.
MFA_VERIFIED_BY_BACKENDS = ["uwvkms.oidc.UwvOIDCBackend"]
# The name an authenticator app shows beside the username.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "").strip() or "uwvkms"
# A code from one step before or after is accepted; the app does not learn a clock's drift.
OTP_TOTP_SYNC = False
# How long the code step of a login waits after the password (seconds).
MFA_LOGIN_SECONDS = env_int("MFA_LOGIN_SECONDS", 300)
# A password reset link is valid this long (seconds).
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT_MINUTES", 60) * 60
# An invitation link (a new account sets its own password) is valid this many days.
INVITATION_TIMEOUT_DAYS = env_int("INVITATION_TIMEOUT_DAYS", 3)

# How many reverse proxies in front of the app append to X-Forwarded-For (nginx: 1). The client
# address is the entry that many places from the right; 0 trusts no header at all. The header
# counts only when the request comes from one of TRUSTED_PROXY_IPS (addresses or networks): a
# node reachable by others never takes a client's word for its address.
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 0, minimum=0)
TRUSTED_PROXY_IPS = env_list("TRUSTED_PROXY_IPS", ["127.0.0.1/32", "::1/128"])

# The security log (uwvkms.security): refused requests logged per user (or address) and path at
# most this many times a minute, and per user across paths; failed logins and lockouts per
# address and username. The request log line has every request regardless.
SECURITY_LOG_REFUSALS_PER_PATH = env_int("SECURITY_LOG_REFUSALS_PER_PATH", 3)
SECURITY_LOG_REFUSALS_PER_USER = env_int("SECURITY_LOG_REFUSALS_PER_USER", 30)
SECURITY_LOG_LOGIN_LIMIT = env_int("SECURITY_LOG_LOGIN_LIMIT", 10)

# The cache every node shares (login lockout counts, API token throttle, sessions): Redis when
# CACHE_URL (or REDIS_URL) is set, else memory local to the process (development, one node).
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL") or ""
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"CACHE_URL must be a redis:// URL, not {CACHE_URL!r}")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX") or "uwvkms",
            # A Redis that does not answer fails fast instead of holding a request.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions: an idle timeout (the cookie age, renewed on every request) and an absolute timeout
# counted from login (enforced by uwvkms.middleware.SessionTimeoutMiddleware).
SESSION_IDLE_TIMEOUT = timedelta(minutes=env_int("SESSION_IDLE_TIMEOUT_MINUTES", 30))
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=env_int("SESSION_ABSOLUTE_TIMEOUT_HOURS", 10))
SESSION_COOKIE_AGE = int(SESSION_IDLE_TIMEOUT.total_seconds())
# Sessions are read from the shared cache and written through to the database, and only when
# they change: the timeout middleware renews "last seen" at most once per SESSION_TOUCH_SECONDS,
# so a page view does not write a row.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_SAVE_EVERY_REQUEST = False
SESSION_TOUCH_SECONDS = env_int("SESSION_TOUCH_SECONDS", 60, minimum=0)
if SESSION_IDLE_TIMEOUT.total_seconds() / 2 <= SESSION_TOUCH_SECONDS:
    # Renewed that rarely, an active session would hit its idle timeout.
    raise ImproperlyConfigured("SESSION_TOUCH_SECONDS must be less than half the idle timeout")
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Outside DEBUG everything runs over HTTPS: secure __Host- cookies, HSTS and an SSL redirect.
SECURE_COOKIES = not DEBUG
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
if SECURE_COOKIES:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Where the redirect goes when the HTTPS address differs from the one asked for (a port).
SECURE_SSL_HOST = os.environ.get("SECURE_SSL_HOST") or None
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
)
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: only our own files, inline script or style only with the request's nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    # Logging out posts a form that is redirected to the identity provider's logout page.
    "form-action": [CSP.SELF, *([OIDC_OP_ISSUER] if OIDC_OP_ISSUER else [])],
    "frame-ancestors": [CSP.NONE],
}

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = env_path("STATIC_ROOT", BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded evidence and published PDFs live outside the web root and are served only through
# permission-checked views; there is deliberately no MEDIA_URL. With several app nodes the
# folder is a shared volume (NFS), or PRIVATE_STORAGE_BACKEND names another storage, e.g.
# django-storages' "storages.backends.s3.S3Storage" with PRIVATE_STORAGE_OPTIONS as JSON.
PRIVATE_MEDIA_ROOT = env_path("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "uploads")


def private_storage_config(media_root: Path) -> dict:
    """The "private" entry of STORAGES, from the environment."""
    backend = os.environ.get("PRIVATE_STORAGE_BACKEND") or "uwvkms.storage.PrivateFileSystemStorage"
    raw_options = os.environ.get("PRIVATE_STORAGE_OPTIONS", "")
    try:
        options = json.loads(raw_options) if raw_options else {}
    except json.JSONDecodeError as exc:
        raise ImproperlyConfigured(f"PRIVATE_STORAGE_OPTIONS is not JSON: {exc}") from exc
    if backend == "uwvkms.storage.PrivateFileSystemStorage":
        options = {"location": str(media_root), "base_url": None, **options}
    elif backend.startswith("storages.backends.s3"):
        # A published PDF is never replaced by another file of the same name.
        options = {"file_overwrite": False, **options}
    return {"BACKEND": backend, "OPTIONS": options}


STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": private_storage_config(PRIVATE_MEDIA_ROOT),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB", 25) * 1024 * 1024

# Retention (AVG, Archiefwet): how many whole years each kind of personal data is kept before the
# daily job (`manage.py bewaartermijnen_toepassen`) pseudonymises or deletes it. Published reports
# are archived documents and stay. See uwvkms/retention.py and the README's "Bewaartermijnen".
RETENTION_YEARS = {
    # Interviewee names, functions and the interview notes: counted from the interview's day,
    # once its cycle is published.
    "interviews": env_int("RETENTION_INTERVIEWS_YEARS", 3),
    # Uploaded evidence files: counted from the end of the cycle's year, once it is published.
    "evidence_files": env_int("RETENTION_EVIDENCE_FILES_YEARS", 7),
    # Dossier references of a herstelactie: counted from the day the action was closed.
    "dossiers": env_int("RETENTION_DOSSIERS_YEARS", 7),
    # The event log's client addresses, browsers and user names typed at failed logins: counted
    # from the event (who did what and when stays: it is the audit trail).
    "events": env_int("RETENTION_EVENTLOG_YEARS", 2),
}

# Every upload (evidence, dossier imports) is scanned for malware by ClamAV's clamd before it is
# stored (uwvkms.malware), failing closed: no verdict, no upload. Off by default only with DEBUG
# (`make demo` needs no clamd); `check --deploy` warns when it is off. clamd is reached through
# its unix socket (CLAMAV_SOCKET, Debian: /run/clamav/clamd.ctl) or over TCP (CLAMAV_HOST/PORT).
MALWARE_SCAN = env_bool("MALWARE_SCAN", not DEBUG)
CLAMAV_SOCKET = os.environ.get("CLAMAV_SOCKET", "").strip()
CLAMAV_HOST = os.environ.get("CLAMAV_HOST", "").strip()
CLAMAV_PORT = env_int("CLAMAV_PORT", 3310)
CLAMAV_TIMEOUT_SECONDS = env_int("CLAMAV_TIMEOUT_SECONDS", 60)

# Dossier imports (herstel) within limits: the rows of one file (CSV or XLSX), and how large an
# XLSX may unpack; both checked before the file is parsed.
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 200_000)
IMPORT_MAX_UNPACKED_BYTES = env_int("IMPORT_MAX_UNPACKED_MB", 256) * 1024 * 1024

# Herstelacties: the first evaluation is flagged overdue this many days after execution ended.
HERSTEL_EVALUATION_DUE_DAYS = env_int("HERSTEL_EVALUATION_DUE_DAYS", 180)
# The daily job announces a herstel evaluation this many days before its date.
HERSTEL_EVALUATION_REMINDER_DAYS = env_int("HERSTEL_EVALUATION_REMINDER_DAYS", 14)
# ... and escalates it to the lead division's DT once it is this many days overdue.
HERSTEL_EVALUATION_ESCALATION_DAYS = env_int("HERSTEL_EVALUATION_ESCALATION_DAYS", 30)

# Background tasks (Django's tasks framework): publishing a report version renders its PDF in a
# worker (`manage.py db_worker`), never in a web request. Tests use the immediate backend.
# A version still queued or rendering after this long without progress was left by a worker
# that died: it is marked failed, so it can be retried (findings.services.publishing). Keep it
# well above the slowest render (the demo report takes seconds): a render still running when
# it passes is given up on.
REPORT_RENDER_STALL_MINUTES = env_int("REPORT_RENDER_STALL_MINUTES", 10)
# The house style of the printed reports (issue 18): the organisation named on the cover and in
# the running header, and its logo on the cover (a PNG, JPEG or GIF on this machine; empty: none).
# A logo file that is missing or unreadable is left out with a warning, never an error page.
REPORT_ORGANISATION = os.environ.get("REPORT_ORGANISATION", "").strip() or "UWV"
REPORT_LOGO = os.environ.get("REPORT_LOGO", "").strip()
if REPORT_LOGO and not Path(REPORT_LOGO).is_absolute():
    raise ImproperlyConfigured(f"REPORT_LOGO must be an absolute path, not {REPORT_LOGO!r}")

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Notifications by e-mail (issue 16 §3): sent by the task worker after the change committed,
# never inside a web request. With DEBUG, zero configuration prints them on the console;
# without, they go to the SMTP server (localhost:25 unless configured: `check --deploy` refuses
# the console backend in production). The EMAIL_* variables fill Django's one mailer (MAILERS,
# which replaces the EMAIL_* settings from Django 6.1 on).
_email_backend = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": _email_backend}}
if _email_backend == "django.core.mail.backends.smtp.EmailBackend":
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": env_int("EMAIL_TIMEOUT", 10),
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "uwvkms <noreply@localhost>")
# The address users reach the app at: links in e-mail are absolute (no request to take it from).
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")
# A mail that failed is tried again by the watchdog and the daily job, at most this often.
NOTIFICATION_EMAIL_MAX_ATTEMPTS = env_int("NOTIFICATION_EMAIL_MAX_ATTEMPTS", 5)
# The daily job (manage.py stuur_herinneringen): a follow-up action is announced this many days
# before its date, and escalated to the coordination team this many days after it.
FOLLOW_UP_REMINDER_DAYS = env_int("FOLLOW_UP_REMINDER_DAYS", 14)
FOLLOW_UP_ESCALATION_DAYS = env_int("FOLLOW_UP_ESCALATION_DAYS", 30)

# The REST API (/api/v1/, issue 9): session or personal token, JSON only, problem details.
API_TOKEN_DEFAULT_DAYS = env_int("API_TOKEN_DEFAULT_DAYS", 90)
API_TOKEN_MAX_DAYS = env_int("API_TOKEN_MAX_DAYS", 366)
API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", 500)
# Request bodies (uwvkms.body_limits): 1 MB for an API call, 64 MB only for a dossier import
# (100,000 rows as JSON fit), and for a page what its largest upload needs.
API_MAX_BODY_BYTES = env_int("API_MAX_BODY_MB", 1) * 1024 * 1024
IMPORT_MAX_BODY_BYTES = env_int("IMPORT_MAX_BODY_MB", 64) * 1024 * 1024
WEB_MAX_BODY_BYTES = UPLOAD_MAX_BYTES + 1024 * 1024
# Token failures per client address before it is refused (429) for the rest of the window.
API_AUTH_FAILURE_LIMIT = env_int("API_AUTH_FAILURE_LIMIT", 20)
API_AUTH_FAILURE_WINDOW_SECONDS = env_int("API_AUTH_FAILURE_WINDOW_SECONDS", 600)


def env_rate(name: str, default: str) -> str:
    """Read a throttle rate such as "1200/minute"; refuse anything DRF would not understand."""
    raw = (os.environ.get(name) or default).strip()
    number, _slash, period = raw.partition("/")
    if (
        not number.isdigit()
        or int(number) < 1
        or period not in {"second", "minute", "hour", "day", "s", "m", "h", "d"}
    ):
        raise ImproperlyConfigured(f"{name} must be a rate such as 1200/minute, not {raw!r}")
    return raw


# Requests per user (token or session) and per anonymous client address (trusted-proxy aware:
# uwvkms.api.throttling), counted in the shared cache; beyond them 429 with Retry-After.
API_THROTTLE_RATES = {
    "user": env_rate("API_THROTTLE_USER", "1200/minute"),
    "anon": env_rate("API_THROTTLE_ANON", "60/minute"),
}

REST_FRAMEWORK = {
    # The token first: its WWW-Authenticate header makes a missing login answer 401, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "uwvkms.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
        # Last: counts the requests without a login per address (429 over API_THROTTLE_ANON).
        "uwvkms.api.throttling.AnonymousRateAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["uwvkms.api.parsers.LimitedJSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["uwvkms.api.throttling.UserThrottle"],
    "DEFAULT_PAGINATION_CLASS": "uwvkms.api.pagination.ApiPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [],
    "EXCEPTION_HANDLER": "uwvkms.api.exceptions.problem_details_handler",
    "DEFAULT_SCHEMA_CLASS": "uwvkms.api.schema.ProblemAutoSchema",
    "COERCE_DECIMAL_TO_STRING": True,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "uwvkms API",
    "DESCRIPTION": (
        "De Interne Toets KMS en de herstelacties van UWV. Aanmelden met een persoonlijk "
        "API-token (Authorization: Bearer <token>, aan te maken op /profiel/) of met de "
        "sessie van de browser. Fouten komen als problem details (RFC 9457)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Like every page of the app, the schema and its docs are for logged-in users only.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # The ways to log in (the anonymous rate counter among the authentication classes is none).
    "AUTHENTICATION_WHITELIST": [
        "uwvkms.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Choice sets with the same field name get their own, stable names (dotted paths: the
    # settings never import the apps).
    "ENUM_NAME_OVERRIDES": {
        "CycleStatusEnum": "audits.constants.CycleStatus",
        "ScoreStatusEnum": "maturity.constants.ScoreStatus",
        "MaturityLevelEnum": "maturity.constants.MaturityLevel",
        "ActionStatusEnum": "findings.constants.ActionStatus",
        "DossierStatusEnum": "herstel.constants.DossierStatus",
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Logs go to standard error: one JSON object per line in production (LOG_FORMAT=json, the
# default without DEBUG; see uwvkms.observability), plain text with DEBUG.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "uwvkms.observability.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Our request line replaces Django's own (which logs 4xx/5xx a second time).
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
    },
}

# Libraries that narrate their work at INFO (WeasyPrint's rendering steps, fontTools' font
# subsetting while `loaddemo` publishes a report) speak only when something is wrong.
LOGGING["loggers"].update(
    {name: {"level": "WARNING"} for name in ("fontTools", "weasyprint", "PIL")}
)
