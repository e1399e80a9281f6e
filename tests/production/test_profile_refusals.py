"""The production profile refuses to start without the parts several processes must share."""

import subprocess
import sys

import pytest

from tests.worker.processes import REPO_ROOT, subprocess_environment

pytestmark = pytest.mark.production


def serve_production(environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "caredesk.cli", "serve", "--profile", "production", "--port", "1"],
        cwd=REPO_ROOT,
        env=subprocess_environment(environment),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_refuses_the_embedded_database(tmp_path):
    finished = serve_production({"CAREDESK_DATA_DIR": str(tmp_path)})

    assert finished.returncode == 1
    assert "The production profile needs DATABASE_URL=postgres://..." in finished.stderr


def test_refuses_to_run_without_redis(tmp_path):
    finished = serve_production(
        {
            "CAREDESK_DATA_DIR": str(tmp_path),
            # Never connected to: the refusal comes first.
            "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        }
    )

    assert finished.returncode == 1
    assert "The production profile needs REDIS_URL" in finished.stderr


def test_refuses_to_run_without_a_secret_key(tmp_path):
    environment = subprocess_environment(
        {"CAREDESK_DATA_DIR": str(tmp_path), "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"}
    )
    del environment["SECRET_KEY"]

    finished = subprocess.run(
        [sys.executable, "-m", "caredesk.cli", "serve", "--profile", "production"],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert finished.returncode == 1
    assert "SECRET_KEY is required when DATABASE_URL is set and DEBUG is off" in finished.stderr


@pytest.mark.parametrize(
    ("email_url", "setting"),
    [
        ("postmark://server-token@", "EMAIL_WEBHOOK_SECRET"),
        ("mailgun://api-key@", "MAILGUN_WEBHOOK_SIGNING_KEY"),
    ],
)
def test_refuses_a_mail_provider_whose_webhooks_have_no_secret(tmp_path, email_url, setting):
    finished = serve_production(
        {
            "CAREDESK_DATA_DIR": str(tmp_path),
            # Never connected to: the refusal comes first.
            "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
            "REDIS_URL": "redis://127.0.0.1:1/0",
            "EMAIL_URL": email_url,
        }
    )

    assert finished.returncode == 1
    assert "The production profile refuses to start:" in finished.stderr
    assert "caredesk_email.E001: EMAIL_URL sends mail through" in finished.stderr
    assert f"set {setting} to" in finished.stderr
