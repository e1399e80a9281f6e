"""Fixtures shared by every app's tests."""

import pytest

pytest_plugins = [
    "caredesk.accounts.tests.fixtures",
    "caredesk.accounts.tests.clients",
    "caredesk.customers.tests.fixtures",
    "caredesk.tickets.tests.fixtures",
    "caredesk.sla.tests.fixtures",
]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def tasks_run_inline(settings):
    """Run enqueued tasks at once, in the test's transaction, instead of storing them for a worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
