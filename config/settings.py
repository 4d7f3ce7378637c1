"""Shortlist settings. Everything that differs between machines comes from the environment.

Development defaults apply only when DEBUG is on; with DEBUG off, SECRET_KEY and ALLOWED_HOSTS
must be given explicitly.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.database import database_settings
from config.env import env_bool, env_int, env_list, env_str, env_timezone

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
if not DEBUG and "SECRET_KEY" not in os.environ:
    raise ImproperlyConfigured("Set SECRET_KEY to run with DEBUG off, or set DEBUG=1 for development (make run does).")
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key")
if not DEBUG and SECRET_KEY.startswith("dev-only"):
    raise ImproperlyConfigured("Set a real SECRET_KEY when DEBUG is off.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "axes",
    "crispy_forms",
    "crispy_bootstrap5",
    "accounts",
    "rfp",
    "vendors",
    "scoring",
    "sourcing",
    "reports",
    "jobs",
    "insights",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
    "negotiation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.RefuseNulInAddressMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.SlidingSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.UserTimezoneMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {"default": database_settings(env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked-out user or address before the password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("he", _("Hebrew")),
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
    ("pl", _("Polish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_timezone("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Bootstrap comes from the npm registry at a pinned version (package.json), served by the app.
STATICFILES_DIRS = [BASE_DIR / "static", ("vendor/bootstrap", BASE_DIR / "node_modules/bootstrap/dist")]

# Uploaded files are private: never served from a public URL, only through access-checked views.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "private_media")))
# With STORAGE_BUCKET set, files (uploads, finished reports) go to an S3-compatible object store,
# so that every web server and worker sees them; else to MEDIA_ROOT on this machine. The bucket is
# private: the app reads a file after its own access check and streams it to the user.
STORAGE_BUCKET = env_str("STORAGE_BUCKET", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if STORAGE_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_BUCKET,
            "endpoint_url": env_str("STORAGE_ENDPOINT_URL", "") or None,
            "region_name": env_str("STORAGE_REGION", "") or None,
            "access_key": env_str("STORAGE_ACCESS_KEY", "") or None,
            "secret_key": env_str("STORAGE_SECRET_KEY", "") or None,
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
            "querystring_expire": 60,
        },
    }
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "shortlist@localhost")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
# The folder of the file backend (django.core.mail.backends.filebased), which writes each message.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "sent_mail"))
# E-mail is handed to a worker on the "mail" queue (jobs/mail.py); 0 sends it from the request.
MAIL_QUEUE = env_bool("MAIL_QUEUE", default=True)
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # htmx sends the token from the page (hx-headers), never from the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Sessions end after this many idle minutes: a request moves the expiry on (at most once a
# minute, config.middleware.SlidingSessionMiddleware, so that an autosave writes no session).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 120, minimum=1) * 60

# Accounts: 20 wrong passwords lock the user name, and separately the address they came from, for
# LOGIN_LOCKOUT_MINUTES, or until an administrator resets it (admin or axes_reset_username) or the
# user sets a new password through the e-mailed link (accounts.views.PasswordResetConfirmView).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 20, minimum=1)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_MINUTES", 30, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_USERNAME_CALLABLE = "accounts.lockout.attempted_username"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_address"
# Off: a successful login would delete every failure recorded from its address, so anyone with an
# account (a vendor's user, say) could log in between guesses and never reach another user's limit.
# Failures are forgotten LOGIN_LOCKOUT_MINUTES after the last one instead.
AXES_RESET_ON_SUCCESS = False
AXES_VERBOSE = False
# Reverse proxies in front of the app that append the client's address to X-Forwarded-For. With 0
# the header is ignored (a client could write anything in it); behind one TLS-terminating proxy it
# must be 1, or every visitor shares the proxy's address and 20 wrong passwords lock out everyone.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)

# HTTPS when DEBUG is off, each part switchable for a deployment behind a TLS-terminating proxy.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
ADMIN_ENABLED = env_bool("ADMIN_ENABLED", True)

# No inline script anywhere: every behaviour lives in static files (static/js/site.js). Inline style
# attributes stay allowed because progress bars and chart widths are set per element.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Background work (reports, large imports, e-mail): Celery workers fed through Redis. A job's state
# and its file live in the database and the storage (jobs.Job), so Celery keeps no results.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_TASK_IGNORE_RESULT = True
# A job is acknowledged only once done: a worker lost half-way (killed, out of memory) leaves it
# on the queue for another worker instead of losing it.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "reports.tasks.*": {"queue": "reports"},
    "vendors.tasks.*": {"queue": "imports"},
    "jobs.tasks.deliver_mail": {"queue": "mail"},
    "insights.tasks.*": {"queue": "reports"},
}
# Answer intelligence runs in a worker when evaluation starts and after a best-and-final round;
# 0 runs it in the request (the demo's seeding does, as no worker is running yet).
ANALYSIS_QUEUE = env_bool("ANALYSIS_QUEUE", True)
# An offline workbook that changes at least this many answers is saved by a worker (with a page
# that shows its progress) instead of inside the confirm request.
OFFLINE_BACKGROUND_CHANGES = env_int("OFFLINE_BACKGROUND_CHANGES", 300, minimum=1)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request hands a job over within a second or says the queue cannot be reached.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.25, "interval_max": 0.5}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# A running job whose worker gave no sign of life for this long is reported failed, never left
# "in progress" (a worker writes a heartbeat at every step).
JOB_STALE_SECONDS = env_int("JOB_STALE_SECONDS", 300, minimum=5)
# `manage.py jobs_prune` (daily) deletes finished jobs and their files older than this.
JOB_KEEP_DAYS = env_int("JOB_KEEP_DAYS", 30, minimum=1)
# `manage.py send_reminders` (daily) reminds the companies that have not submitted, once, this many
# days before an RFP's deadline.
REMINDER_DAYS_BEFORE = env_int("REMINDER_DAYS_BEFORE", 3, minimum=1)

# The REST API (api/): personal tokens or the web session, the same access rules as the pages,
# throttled per user, with an OpenAPI 3 schema at /api/schema/ and its docs page at /api/docs/.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "api.permissions.TokenScopePermission",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": env_str("API_RATE_PER_USER", "600/minute"),
        "anon": env_str("API_RATE_ANONYMOUS", "30/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Shortlist API",
    "DESCRIPTION": "RFIs and RFPs, rankings, evaluations and vendors' answers, with the access rules of the web pages.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Two fields are named `kind`: each choice set keeps a name of its own (KindEnum as before).
    "ENUM_NAME_OVERRIDES": {"KindEnum": ["pdf", "xlsx"], "EvaluationHintKindEnum": "insights.models.Kind"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_refusals",
    ],
}

# Open Contracting (OCDS) releases of decisions: the publisher's name and its registered ocid
# prefix ("ocds-" and six characters, given by the Open Contracting Partnership).
OCDS_PUBLISHER = env_str("OCDS_PUBLISHER", "Shortlist")
OCDS_PREFIX = env_str("OCDS_PREFIX", "ocds-shlist")
