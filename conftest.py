"""Fixtures shared by every app's tests."""

import pytest
from django.db import transaction
from django.db.transaction import Atomic

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


@pytest.fixture(autouse=True)
def _reactions_at_each_commit(monkeypatch):
    """A test's transaction never commits, so Django would hold every ``on_commit`` callback to
    the end of the test. The bus's after-commit reactions run when the service's own outermost
    block exits, as they would at its real commit; other callbacks keep Django's test behaviour
    (``django_capture_on_commit_callbacks``)."""
    exit_block = Atomic.__exit__

    def exit_and_react(self, exc_type, exc_value, traceback):
        result = exit_block(self, exc_type, exc_value, traceback)
        connection = transaction.get_connection(self.using)
        committed = exc_type is None and not connection.needs_rollback
        only_the_tests_own = all(block._from_testcase for block in connection.atomic_blocks)
        if committed and connection.in_atomic_block and only_the_tests_own:
            due = [
                entry
                for entry in connection.run_on_commit
                if getattr(entry[1], "caredesk_batch", None) is not None
            ]
            connection.run_on_commit = [
                entry for entry in connection.run_on_commit if entry not in due
            ]
            for _savepoints, callback, _robust in due:
                callback()
        return result

    monkeypatch.setattr(Atomic, "__exit__", exit_and_react)
