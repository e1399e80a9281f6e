"""Fixtures shared by every app's tests."""

import pytest

pytest_plugins = [
    "caredesk.accounts.tests.fixtures",
    "caredesk.customers.tests.fixtures",
    "caredesk.tickets.tests.fixtures",
    "caredesk.sla.tests.fixtures",
]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
