"""Test overlay: only what makes tests fast and isolated; everything else is the real settings."""

import os

from caredesk.settings import *  # noqa: F403
from caredesk.settings import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AXES_ENABLED = False
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Concurrent runs on one PostgreSQL server (two checkouts, CI beside a developer) must not share
# a test database; pytest-xdist adds its worker suffix to this name.
_run_id = os.environ.get("PYTEST_XDIST_TESTRUNUID", str(os.getpid()))[:12]
DATABASES["default"].setdefault("TEST", {})["NAME"] = (
    f"test_caredesk_{_run_id}" if DATABASES["default"]["ENGINE"].endswith("postgresql") else None
)
