"""Test overlay: only what makes tests fast and isolated; everything else is the real settings."""

import os

# Tests on PostgreSQL count as "production parts"; they need a key, never a real one.
os.environ.setdefault("SECRET_KEY", "caredesk-tests-only")
# One thread per test process: a connection pool adds nothing there (the production profile's
# smoke test runs the real settings, pool included).
os.environ.setdefault("DATABASE_POOL", "false")

from caredesk.settings import *  # noqa: E402, F403
from caredesk.settings import DATABASES  # noqa: E402

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

# Tasks keep the real database backend, so a test that enqueues sees a stored task; tests that
# want tasks to run inline use the `tasks_run_inline` fixture (conftest.py).

# Reactions after the commit run in the test's own process, at the end of the service call that
# committed (conftest.py treats leaving the outermost block of the test's own transaction as the
# commit); the task path is tested on its own in caredesk/core/tests/test_bus.py.
CAREDESK_REACTIONS_INLINE = True
