"""A write that waited out SQLite's busy timeout answers 503 with Retry-After, never a 500."""

import json

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from caredesk.api import BUSY_RETRY_AFTER_SECONDS, database_busy


def test_a_locked_database_answers_503_with_retry_after():
    request = RequestFactory().post("/api/v1/chat/sessions")

    response = database_busy(request, OperationalError("database is locked"))

    assert response.status_code == 503
    assert response["Retry-After"] == str(BUSY_RETRY_AFTER_SECONDS)
    assert json.loads(response.content) == {
        "detail": "caredesk is busy writing; nothing was saved. Retry shortly.",
        "field": None,
    }


def test_other_database_failures_are_not_disguised():
    request = RequestFactory().get("/api/v1/tickets")

    with pytest.raises(OperationalError, match="no such table"):
        database_busy(request, OperationalError("no such table: tickets_ticket"))
