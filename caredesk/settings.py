"""caredesk settings: one module, chosen by the environment.

Nothing set gives the embedded default (SQLite in WAL mode under ``var/``, in-memory channel layer,
database task queue, console email). ``DATABASE_URL``, ``REDIS_URL`` and ``EMAIL_URL`` switch to
production parts. Team policy (hours, SLAs, rules) lives in the database, not here.
"""

import secrets
from pathlib import Path
from typing import Any

import dj_database_url

from caredesk import env
from caredesk.channels.chat.widget_assets import widget_asset_headers
from caredesk.core.email_url import EmailUrlError, parse_email_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env.read("CAREDESK_DATA_DIR") or (Path.cwd() / "var")).resolve()

DATABASE_URL = env.read("DATABASE_URL")
REDIS_URL = env.read("REDIS_URL")
EMBEDDED = not DATABASE_URL

DEBUG = env.read_bool("DEBUG", default=False)


def _secret_key() -> str:
    configured = env.read("SECRET_KEY")
    if configured:
        return configured
    if not EMBEDDED and not DEBUG:
        raise env.ConfigurationError(
            "SECRET_KEY is required when DATABASE_URL is set and DEBUG is off"
        )
    # The embedded default keeps a generated key beside its database so sessions survive restarts.
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.read_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.read_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "channels",
    "caredesk.core",
    "caredesk.accounts",
    "caredesk.customers",
    "caredesk.tickets",
    "caredesk.sla",
    "caredesk.automation",
    "caredesk.intelligence",
    "caredesk.channels.email",
    "caredesk.channels.chat",
    "caredesk.channels.voice",
    "caredesk.channels.social",
    "caredesk.analytics",
    "caredesk.demo",
    "caredesk.web",
    "caredesk.apps.CaredeskConfig",
    "corsheaders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "caredesk.web.middleware.RefuseOversizedRequests",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "caredesk.urls"
WSGI_APPLICATION = "caredesk.wsgi.application"
ASGI_APPLICATION = "caredesk.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database() -> dict:
    if DATABASE_URL:
        database: dict[str, Any] = dict(
            dj_database_url.parse(DATABASE_URL, conn_health_checks=True)
        )
        if database["ENGINE"] == "django.db.backends.postgresql" and env.read_bool(
            "DATABASE_POOL", default=True
        ):
            # Under ASGI every request runs in a thread of its own, so a persistent connection
            # (CONN_MAX_AGE) is never reused: each request would open a new PostgreSQL session.
            # A pool per process hands connections from one request to the next.
            database["CONN_MAX_AGE"] = 0
            database["OPTIONS"] = {
                **database.get("OPTIONS", {}),
                "pool": {
                    "min_size": 1,
                    "max_size": env.read_int("DATABASE_POOL_MAX_SIZE", 10),
                    "timeout": 10,
                },
            }
        else:
            database["CONN_MAX_AGE"] = 60
        return database
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "caredesk.sqlite3"),
        "OPTIONS": {
            # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue on the busy
            # timeout instead of failing with "database is locked" on lock upgrade.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000; PRAGMA cache_size=-65536;"
            ),
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
AXES_FAILURE_LIMIT = env.read_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_USERNAME_FORM_FIELD = "username"
# Without it every `caredesk` command starts with an "AXES: BEGIN version ..." banner; lockouts and
# failed sign-ins are still logged.
AXES_VERBOSE = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.read_bool("SECURE_COOKIES", default=not EMBEDDED)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español"), ("de", "Deutsch"), ("fr", "Français")]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# WhiteNoise serves from finders until `collectstatic` fills this; it warns if the folder is absent.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_ADD_HEADERS_FUNCTION = widget_asset_headers

# Websites that embed the chat widget (e.g. https://shop.example.com): they may start chats over
# HTTP (CORS, /api/v1/chat/ only) and open the visitor's WebSocket; nothing else.
CHAT_ALLOWED_ORIGINS = env.read_list("CHAT_ALLOWED_ORIGINS", [])
CORS_ALLOWED_ORIGINS = CHAT_ALLOWED_ORIGINS
CORS_URLS_REGEX = r"^/api/v1/chat/"

# Request bodies above this answer 413; attachments have their own limit below.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.read_int("MAX_REQUEST_BYTES", 2 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE
CAREDESK_MAX_ATTACHMENT_BYTES = env.read_int("MAX_ATTACHMENT_BYTES", 20 * 1024 * 1024)

if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Live chat and other WebSocket broadcasts. In memory reaches only this process: with more than
# one server process (`serve --workers N`), set REDIS_URL.
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Background tasks (django-tasks). The database backend is the default everywhere: it needs nothing
# but the database, and on PostgreSQL several `caredesk worker` processes share one queue (a worker
# claims a row with SELECT ... FOR UPDATE SKIP LOCKED). TASK_BACKEND=rq moves the queue to Redis.
TASK_BACKEND = (env.read("TASK_BACKEND") or "database").strip().lower()
if TASK_BACKEND == "rq":
    if not REDIS_URL:
        raise env.ConfigurationError("TASK_BACKEND=rq needs REDIS_URL")
    INSTALLED_APPS += ["django_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": list(RQ_QUEUES)}}
elif TASK_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    raise env.ConfigurationError(f"TASK_BACKEND must be database or rq, got {TASK_BACKEND!r}")

# How often `caredesk worker` enqueues the periodic tasks (caredesk/periodic.py): SLA sweeps,
# escalations and timers fire at most this late.
# Reactions to a committed change (triage, rules, routing, acknowledgements) run as tasks once
# Redis carries the WebSocket layer, so a request ends at its commit. Embedded, the in-memory
# layer reaches only this process's sockets, so a chat greeting sent by the worker would never
# arrive: reactions run right after the commit in the process that committed.
CAREDESK_REACTIONS_INLINE = env.read_bool("CAREDESK_REACTIONS_INLINE", not REDIS_URL)
CAREDESK_SWEEP_INTERVAL_SECONDS = env.read_int("CAREDESK_SWEEP_INTERVAL_SECONDS", 30)
if CAREDESK_SWEEP_INTERVAL_SECONDS < 1:
    raise env.ConfigurationError("CAREDESK_SWEEP_INTERVAL_SECONDS must be at least 1")

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# A mail server that hangs must fail the send task (it is retried), not hold a worker;
# EMAIL_URL may set another with ?timeout=.
EMAIL_TIMEOUT = 30
# Mail stored but still unprocessed after this long (its worker died) is processed by the sweep.
EMAIL_STALLED_AFTER_SECONDS = env.read_int("EMAIL_STALLED_AFTER_SECONDS", 60)
DEFAULT_FROM_EMAIL = env.read("DEFAULT_FROM_EMAIL") or "support@caredesk.localhost"
CAREDESK_BASE_URL = env.read("CAREDESK_BASE_URL") or "http://127.0.0.1:8000"
# Email providers' inbound webhooks (/email/<provider>/inbound/): basic auth and Mailgun's key.
ANYMAIL = {"WEBHOOK_SECRET": env.read_list("EMAIL_WEBHOOK_SECRET", []), "MAILGUN_WEBHOOK_SIGNING_KEY": env.read("MAILGUN_WEBHOOK_SIGNING_KEY") or ""}  # fmt: skip
# Outgoing mail: EMAIL_URL picks the backend and its server (see caredesk/core/email_url.py).
EMAIL_URL = env.read("EMAIL_URL") or ""
if EMAIL_URL:
    try:
        _email_settings = parse_email_url(EMAIL_URL).django_settings()
    except EmailUrlError as error:
        raise env.ConfigurationError(str(error)) from error
    ANYMAIL.update(_email_settings.pop("ANYMAIL", {}))
    globals().update(_email_settings)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.read("LOG_LEVEL") or "INFO"},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
