"""Pnyx settings, read from environment variables.

Two run modes share this file. The embedded mode (the default, used by `make run` and the tests)
keeps everything under `var/`: an SQLite database, generated secret key, e-mail written as files.
The production mode (`PNYX_ENV=production`) reads everything from the environment and refuses to
start when a setting is unsafe; see `pnyx.core.config`.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from pnyx.core import config

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("PNYX_VAR_DIR", BASE_DIR.parent.parent / "var"))

PNYX_ENV = os.environ.get("PNYX_ENV", "embedded")
PRODUCTION = PNYX_ENV == "production"
VERSION = "0.1.0"

DEBUG = config.env_bool("DEBUG", default=False)
SECRET_KEY = config.secret_key(VAR_DIR, production=PRODUCTION)
ALLOWED_HOSTS = config.env_list(
    "ALLOWED_HOSTS", default="" if PRODUCTION else "127.0.0.1,localhost"
)
CSRF_TRUSTED_ORIGINS = config.env_list("CSRF_TRUSTED_ORIGINS", default="")

# Pnyx apps come first so their templates (allauth overrides included) and translations take
# precedence over those of Django and the libraries.
INSTALLED_APPS = [
    "pnyx.core",
    "pnyx.accounts",
    "pnyx.orgs",
    "pnyx.participation",
    "pnyx.programs",
    "pnyx.toolbox",
    "pnyx.network",
    "pnyx.learning",
    "pnyx.transparency",
    "pnyx.privacy",
    "pnyx.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "ninja",
    "django_htmx",
    "template_partials",
    "django_countries",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "pnyx.urls"
WSGI_APPLICATION = "pnyx.wsgi.application"
ASGI_APPLICATION = "pnyx.asgi.application"

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
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    }
]

DATABASES = {"default": config.database(os.environ.get("DATABASE_URL"), VAR_DIR, dj_database_url)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {"default": config.cache(REDIS_URL)}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:account"
# A newcomer who has just confirmed their address is invited to complete their profile.
ACCOUNT_SIGNUP_REDIRECT_URL = "accounts:profile-edit"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Pnyx] "
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Pnyx"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = config.env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Pnyx <noreply@pnyx.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The public address of the site, for links in e-mail sent outside a request (digests).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Uploaded images (consultation covers) are served by Pnyx itself (`pnyx.core.views.media_file`):
# `pnyx serve` is gunicorn with no web server in front, in the embedded mode as in production, and
# WhiteNoise serves only the static files. Turn this off where a web server or a CDN in front
# serves MEDIA_ROOT at MEDIA_URL; the route then answers 404.
PNYX_SERVE_MEDIA = config.env_bool("PNYX_SERVE_MEDIA", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # People's downloads of their own data: private files, never under MEDIA_URL. Point this at
    # an object store shared by the workers and the web servers when they run on several machines.
    "privacy_exports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "exports"},
    },
    # Learners' evidence for their engagement records: private files, never under MEDIA_URL.
    "learning_evidence": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "evidence"},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = config.env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# How long a person may cancel the deletion of their account, and how long a prepared download of
# their data stays available (`pnyx.privacy`).
PNYX_ACCOUNT_DELETION_GRACE = timedelta(
    days=int(os.environ.get("PNYX_ACCOUNT_DELETION_GRACE_DAYS", "14"))
)
PNYX_EXPORT_RETENTION = timedelta(days=int(os.environ.get("PNYX_EXPORT_RETENTION_DAYS", "7")))

NINJA_PAGINATION_PER_PAGE = 20
PNYX_PAGE_SIZE = 20
# The organisation (its address name) that runs the debates on the register's algorithms; its
# administrators answer them. Empty: an organisation named "Pnyx" is made for them when the first
# debate opens.
PNYX_PLATFORM_ORGANISATION = os.environ.get("PNYX_PLATFORM_ORGANISATION", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "pnyx.security": {"level": "INFO"},
        "django.request": {"level": "ERROR"},
    },
}

config.refuse_unsafe(globals())
