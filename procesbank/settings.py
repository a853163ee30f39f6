"""Procesbank settings, read from the environment at start-up.

Nothing secret lives here: SECRET_KEY comes from the environment, and a local demo generates
one into var/ (see :func:`_secret_key`). Every value a deployment may change is named in
README.md, section "Production".
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("PROCESBANK_VAR_DIR", PROJECT_DIR / "var"))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    """SECRET_KEY from the environment; otherwise one generated once into var/ for local use."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


DEBUG = _env_bool("DEBUG", False)
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "procesbank.kit",
    "procesbank.web",
    "procesbank.organisations",
    "procesbank.identity",
    "procesbank.jobs",
    "procesbank.dictionary",
    "procesbank.notifications",
    "procesbank.processes",
    "procesbank.mining",
    "procesbank.governance",
    "procesbank.catalogue",
    "procesbank.profiles",
    "procesbank.projects",
    "procesbank.economics",
    "procesbank.benefits",
    "procesbank.handbook",
    "procesbank.reports",
    "procesbank.knowledge",
    "procesbank.competence",
    "procesbank.archive",
    "procesbank.search",
    "procesbank.portal",
]

MIDDLEWARE = [
    # First: every request gets its id (and every log line with it) and is counted and timed.
    "procesbank.kit.logs.RequestIdMiddleware",
    "procesbank.kit.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The SAML round trip's own session cookie (SameSite=None: the identity provider posts
    # the answer back cross-site, where the Lax session cookie is not sent).
    "djangosaml2.middleware.SamlSessionMiddleware",
    "procesbank.web.middleware.DanishByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # After the CSRF check, which reads the form: control characters out of posted text.
    "procesbank.kit.text.CleanInputMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The language stored on a logged-in user wins over the cookie (LocaleMiddleware's).
    "procesbank.web.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A medarbejder (staff portal user) is sent to the portal from every other page.
    "procesbank.portal.middleware.PortalOnlyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "procesbank.kit.uploads.UploadTooLargeMiddleware",
    "procesbank.kit.badinput.BadInputMiddleware",
    # Last, as django-axes asks: it must see the result of authentication.
    "axes.middleware.AxesMiddleware",
    "procesbank.web.middleware.StatementTimeoutMiddleware",
]

ROOT_URLCONF = "procesbank.urls"
WSGI_APPLICATION = "procesbank.wsgi.application"
AUTH_USER_MODEL = "organisations.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "procesbank.web.context_processors.navigation",
                "procesbank.web.context_processors.accessibility_statement",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'procesbank.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the task worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
elif os.environ.get("PROCESBANK_STATEMENT_TIMEOUT_MS"):
    # Set by `procesbank serve` for the web server only (migrations, the generator and the
    # task worker may run long): a runaway query is stopped instead of holding a thread.
    # Parallel plans stay allowed (max_parallel_workers_per_gather is not set to 0), measured
    # on the national data set (2026-12-06, 2 cores, load 8-13): no search, list or count
    # query of the benchmark's pages gets a parallel plan (nor does ranking the 8,900 hits of
    # "byggetilladelse": same time with and without); the 5 that do are the stamped
    # aggregates computed once per write, which take longer without workers (IT-system
    # choices 0.87 s against 1.46 s; KLE groups, KLE comparison, Effekt ~190 ms against
    # ~245 ms). 20 readers with and without: 9.0 / 12.4 against 11.4 / 7.8 requests/s, noise.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={int(os.environ['PROCESBANK_STATEMENT_TIMEOUT_MS'])}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "organisations:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "organisations:login"

# --- Single sign-on (procesbank/identity/) ----------------------------------------------------
# The SAML service provider's signing/encryption key and certificate (PEM files); without them
# the SAML buttons answer with a Danish "not set up" page. README "Single sign-on" tells how.
PROCESBANK_SAML_KEY_FILE = os.environ.get("PROCESBANK_SAML_KEY_FILE", "")
PROCESBANK_SAML_CERT_FILE = os.environ.get("PROCESBANK_SAML_CERT_FILE", "")
PROCESBANK_SAML_ENTITY_ID = os.environ.get("PROCESBANK_SAML_ENTITY_ID", "")  # default: metadata URL
PROCESBANK_XMLSEC_BINARY = os.environ.get("PROCESBANK_XMLSEC_BINARY", "/usr/bin/xmlsec1")
SAML_CONFIG_LOADER = "procesbank.identity.saml.config_loader"
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"  # signed in the URL
SAML_SESSION_COOKIE_NAME = "procesbank_saml"

# Failed logins: five tries per username and address, then a 15-minute pause.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = _env_bool("AXES_ENABLED", True)
# Reverse proxies in front of Procesbank that append the client to X-Forwarded-For; the login
# throttle keys on the address the outermost of them saw (procesbank/kit/clientip.py).
PROCESBANK_TRUSTED_PROXIES = int(os.environ.get("PROCESBANK_TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "procesbank.kit.clientip.client_address"

LANGUAGE_CODE = "da"

# The installation's accessibility statement (its page in the Agency for Digital Government's
# WAS tool), linked in every footer; a municipality may set its own (Municipality field). Empty:
# the footer links to Procesbank's own page about its accessibility.
PROCESBANK_ACCESSIBILITY_STATEMENT_URL = os.environ.get(
    "PROCESBANK_ACCESSIBILITY_STATEMENT_URL", ""
)
LANGUAGES = [("da", _("Dansk")), ("en", _("Engelsk"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or _env_bool("PROCESBANK_PLAIN_STATIC", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
WHITENOISE_USE_FINDERS = DEBUG

# --- Security -------------------------------------------------------------------------------
# Cookies are "Secure" unless the site is served over plain HTTP on purpose (local demo).
_HTTPS = _env_bool("PROCESBANK_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = _HTTPS
CSRF_COOKIE_SECURE = _HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 10  # one working day
SECURE_SSL_REDIRECT = _HTTPS and _env_bool("SECURE_SSL_REDIRECT", True)
# Prometheus on the same machine scrapes over plain HTTP (web/metrics.py refuses others).
SECURE_REDIRECT_EXEMPT = [r"^metrics$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _HTTPS else None
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000 if _HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _HTTPS
SECURE_HSTS_PRELOAD = _HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # bpmn-js and ECharts set style attributes from script; no inline <script> is allowed.
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Background tasks -----------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get("PROCESBANK_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# --- Mail (follow notifications): console in the demo, SMTP from the environment -----------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "procesbank@localhost")

# --- Procesbank -----------------------------------------------------------------------------
PROCESBANK_DEMO_PASSWORD = os.environ.get("PROCESBANK_DEMO_PASSWORD", "demo")
PROCESBANK_UPLOAD_LIMIT_MB = int(os.environ.get("PROCESBANK_UPLOAD_LIMIT_MB", "200"))
# Lists count their rows up to this many and say "over N" beyond (kit/paging.py).
PROCESBANK_COUNT_CAP = int(os.environ.get("PROCESBANK_COUNT_CAP", "10000"))
# Searches per user a minute, page and API together (search/ratelimit.py); 0: no limit.
PROCESBANK_SEARCH_RATE_LIMIT = int(os.environ.get("PROCESBANK_SEARCH_RATE_LIMIT", "60"))
# Loaded event logs kept in memory per process between analysis pages (0 turns it off).
PROCESBANK_LOG_CACHE_MB = int(os.environ.get("PROCESBANK_LOG_CACHE_MB", "512"))
PROCESBANK_LOG_CACHE_LOGS = int(os.environ.get("PROCESBANK_LOG_CACHE_LOGS", "4"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# First: refuses an upload past the limit while it streams, before it is spooled to disk.
FILE_UPLOAD_HANDLERS = [
    "procesbank.kit.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# PROCESBANK_LOG_FORMAT=json: one JSON object per line (for a log collector); default text.
# Either way every line carries the request's id (kit/logs.py).
LOG_FORMAT = os.environ.get("PROCESBANK_LOG_FORMAT", "text").strip().lower()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "forbidden": {"()": "procesbank.kit.logs.ForbiddenWithoutTraceback"},
        "request_id": {"()": "procesbank.kit.logs.RequestIdFilter"},
    },
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "procesbank.kit.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # A 403 is one line, not a traceback (the filter sits on the logger that writes it).
        "django.request": {"filters": ["forbidden"]},
        # One line per answered request (method, path, status, duration, request id).
        "procesbank.requests": {"level": os.environ.get("PROCESBANK_REQUEST_LOG_LEVEL", "INFO")},
    },
}

# procesbank/static/vendor is built from frontend/ by npm (make assets); app files live in
# each app's static/ folder.
STATICFILES_DIRS = [BASE_DIR / "static"]
AXES_VERBOSE = False
PROCESBANK_BPMN_LIMIT_MB = int(os.environ.get("PROCESBANK_BPMN_LIMIT_MB", "10"))
