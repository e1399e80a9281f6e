"""``caredesk serve`` (a core command; its tests live here until core has a tests package)."""

from io import StringIO

import pytest
import uvicorn
from django.core.management import CommandError, call_command


@pytest.fixture
def uvicorn_calls(monkeypatch):
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append((app, options)))
    return calls


def test_serve_runs_the_asgi_app_on_localhost_port_8000_by_default(uvicorn_calls, monkeypatch):
    monkeypatch.delenv("PORT", raising=False)
    output = StringIO()

    call_command("serve", stdout=output)

    assert uvicorn_calls == [
        (
            "caredesk.asgi:application",
            {"host": "127.0.0.1", "port": 8000, "workers": 1, "lifespan": "off"},
        )
    ]
    assert "http://127.0.0.1:8000/" in output.getvalue()
    assert "agent@example.com" in output.getvalue()


def test_serve_takes_the_port_from_the_environment(uvicorn_calls, monkeypatch):
    monkeypatch.setenv("PORT", "9001")

    call_command("serve", stdout=StringIO())

    assert uvicorn_calls[0][1]["port"] == 9001


def test_serve_options_win_over_the_environment(uvicorn_calls, monkeypatch):
    monkeypatch.setenv("PORT", "9001")
    output = StringIO()

    call_command("serve", "--port", "8123", "--host", "::1", stdout=output)

    assert uvicorn_calls[0][1] == {
        "host": "::1",
        "port": 8123,
        "workers": 1,
        "lifespan": "off",
    }
    assert "http://[::1]:8123/" in output.getvalue()


def test_serve_refuses_a_port_that_is_not_a_number(uvicorn_calls, monkeypatch):
    monkeypatch.setenv("PORT", "eighty")

    with pytest.raises(CommandError, match="PORT must be an integer"):
        call_command("serve", stdout=StringIO())

    assert uvicorn_calls == []
