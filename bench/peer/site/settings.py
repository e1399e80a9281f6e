"""django-helpdesk's settings for the side-by-side benchmark (runs in var/peer/venv only).

The database has the same engine settings as caredesk's (caredesk/settings.py): on SQLite
caredesk's own OPTIONS (WAL, IMMEDIATE transactions, pragmas, busy timeout), handed over in
``PEER_SQLITE_OPTIONS``; on PostgreSQL the same persistent connections. ``PEER_DATABASE_URL``
(postgres://...) or ``PEER_SQLITE_PATH``.
"""

import json
import os
from urllib.parse import urlsplit

SECRET_KEY = "peer-bench-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.peer.site.urls"
WSGI_APPLICATION = "bench.peer.site.wsgi.application"
USE_TZ = True
TIME_ZONE = "UTC"
SITE_ID = 1
STATIC_URL = "/static/"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "rest_framework",
    "helpdesk",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
# The API as the issue asks for it (2.6 reads HELPDESK_API_ENABLED, default on; both are set).
HELPDESK_API_ENABLED = True
HELPDESK_ACTIVATE_API_ENDPOINT = True
HELPDESK_TEAMS_MODE_ENABLED = False
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.BasicAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ]
}
# Basic auth checks the password on every request: the cheapest hasher keeps that from
# dominating the create figure (caredesk's bearer token is one indexed lookup).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# caredesk's default: console email (the peer mails the submitter on create).
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "support@peer.localhost"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"level": "WARNING"},
}


def _database() -> dict[str, object]:
    url = os.environ.get("PEER_DATABASE_URL")
    if url:
        parts = urlsplit(url)
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": parts.path.lstrip("/"),
            "USER": parts.username or "",
            "PASSWORD": parts.password or "",
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ["PEER_SQLITE_PATH"],
        # caredesk's own OPTIONS (transaction mode, timeout, pragmas), passed by bench/peer/run.py.
        "OPTIONS": json.loads(os.environ["PEER_SQLITE_OPTIONS"]),
    }


DATABASES = {"default": _database()}
