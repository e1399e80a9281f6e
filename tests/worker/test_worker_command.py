import pytest
from django.core.management import CommandError, call_command


def test_an_unknown_backend_is_refused():
    with pytest.raises(CommandError, match="nowhere"):
        call_command("worker", "--backend", "nowhere", "--batch")


def test_a_backend_that_runs_tasks_itself_needs_no_worker(tasks_run_inline):
    with pytest.raises(CommandError, match="has no worker"):
        call_command("worker", "--batch")
