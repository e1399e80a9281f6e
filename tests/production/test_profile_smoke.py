"""The production profile for real: `caredesk serve --profile production` on loopback.

PostgreSQL (a throwaway database), Redis (tasks on RQ, channel layer, cache), two web processes
under gunicorn, two task workers and the SMTP receiver, configured only by the environment. One
customer email goes in by SMTP; the test follows it to a classified ticket in the mailbox's team,
routed to the team's one online agent, answers it through the API, catches the reply at a loopback SMTP server, checks the first-response
clock stopped, then stops the profile with SIGTERM and looks for leftover processes.
"""

import json
import signal
import smtplib
import subprocess
import sys
import time
from collections.abc import Callable
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller

from caredesk.channels.email.tests.fixtures import SmtpSink, free_port, make_email, wait_for_port
from tests.production.scenario import MAILBOX_ADDRESS
from tests.worker.processes import REPO_ROOT, run, subprocess_environment

pytestmark = [
    pytest.mark.production,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds processes in /proc"),
]

START_SECONDS = 60
STEP_SECONDS = 30
STOP_SECONDS = 45
REPLY = "Your refund was issued today; it reaches your card within three days."


def test_email_in_classified_answered_by_smtp_and_clean_shutdown(
    production_database, redis_database_url, tmp_path
):
    sink = SmtpSink(port=free_port())
    outbound = Controller(sink, hostname="127.0.0.1", port=sink.port, decode_data=False)
    outbound.start()
    setup = _scenario("setup", database=production_database)
    web_port, smtp_port = free_port(), free_port()
    environment = subprocess_environment(
        {
            **production_database,
            "REDIS_URL": redis_database_url,
            "TASK_BACKEND": "rq",
            "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
            "WEB_CONCURRENCY": "2",
            "WORKER_CONCURRENCY": "2",
        }
    )
    log_path = tmp_path / "profile.log"
    with log_path.open("w") as log:
        profile = subprocess.Popen(
            [sys.executable, "-m", "caredesk.cli", "serve", "--profile", "production",
             "--port", str(web_port), "--smtpd-port", str(smtp_port)],
            cwd=REPO_ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    api = httpx.Client(
        base_url=f"http://127.0.0.1:{web_port}/api/v1",
        headers={"Authorization": f"Bearer {setup['token']}"},
        timeout=10,
    )
    try:
        _wait(
            "the web processes answer",
            lambda: _answers(api, profile),
            START_SECONDS,
            log_path,
        )
        wait_for_port(smtp_port, timeout=START_SECONDS)
        family = _descendants(profile.pid)

        with smtplib.SMTP("127.0.0.1", smtp_port, timeout=10) as client:
            client.sendmail(
                "customer@example.com",
                [MAILBOX_ADDRESS],
                make_email(
                    to=MAILBOX_ADDRESS,
                    subject="Refund for a double charge",
                    body="I was charged twice for invoice 5521. Please refund the second payment.",
                ),
            )
        # Triage and routing are reactions after the commit, run by the task workers.
        tickets = _wait(
            "the email becomes a ticket, routed after the commit",
            lambda: [t for t in api.get("/tickets").json()["items"] if t["assignee"]],
            STEP_SECONDS,
            log_path,
        )
        [ticket] = tickets
        analysis = _wait(
            "the ticket is triaged after the commit",
            lambda: _triaged(_scenario("report", str(ticket["id"]), database=production_database)),
            STEP_SECONDS,
            log_path,
        )
        events = api.get(f"/tickets/{ticket['id']}/events").json()
        clocks_before = _clock_states(api, ticket["id"])

        answered = api.post(f"/tickets/{ticket['id']}/messages", json={"body": REPLY})
        reply = _wait(
            "the agent's reply reaches the SMTP server",
            lambda: _mail_containing(sink, REPLY),
            STEP_SECONDS,
            log_path,
        )
        clocks_after = _clock_states(api, ticket["id"])
        family |= _descendants(profile.pid)
    finally:
        api.close()
        outbound.stop()
        profile.send_signal(signal.SIGTERM)
        try:
            status = profile.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            profile.kill()
            status = None

    assert status == 0, f"the profile exited with {status}:\n{_tail(log_path)}"
    assert [pid for pid, started in family if _alive(pid, started)] == []
    assert (ticket["subject"], ticket["channel"], ticket["team"]["id"]) == (
        "Refund for a double charge",
        "email",
        setup["team"],
    )
    assert ticket["requester"]["email"] == "customer@example.com"
    assert ticket["assignee"]["id"] == setup["agent"]
    [routed] = [event for event in events if event["kind"].startswith("routing.")]
    assert (routed["kind"], routed["actor_kind"]) == ("routing.assigned", "system")
    assert ticket["language"] == "en"
    # No trained model yet: the keyword cold start suggests the category, it does not apply it.
    assert analysis["insight"]["language"] == "en"
    assert analysis["insight"]["predictions"]["category"]["label"] == "billing"
    assert analysis["insight"]["predictions"]["category"]["source"] == "keywords"
    assert analysis["insight"]["predictions"]["category"]["decision"] == "suggested"
    assert ticket["category"] is None
    assert answered.status_code == 201
    assert clocks_before == {"first_response": "running", "resolution": "running"}
    assert clocks_after == {"first_response": "met", "resolution": "running"}
    assert reply["rcpt_tos"] == ["customer@example.com"]
    assert reply["In-Reply-To"] == "<first@mail.example.com>"
    assert "<first@mail.example.com>" in reply["References"]
    assert reply["Subject"] == f"Re: [#{ticket['id']}] Refund for a double charge"


def _scenario(*arguments: str, database: dict[str, str]) -> dict[str, Any]:
    output = run("tests.production.scenario", *arguments, database=database)
    return dict(json.loads(output.strip().splitlines()[-1]))


def _answers(api: httpx.Client, profile: subprocess.Popen[bytes]) -> bool:
    if profile.poll() is not None:
        raise AssertionError(f"the profile exited with {profile.returncode} while starting")
    try:
        return api.get("/tickets", params={"limit": 1}).status_code == 200
    except httpx.TransportError:
        return False


def _clock_states(api: httpx.Client, ticket_id: int) -> dict[str, str]:
    response = api.get(f"/tickets/{ticket_id}/sla")
    response.raise_for_status()
    return {clock["target"]: clock["state"] for clock in response.json()}


def _mail_containing(sink: SmtpSink, text: str) -> dict[str, Any] | None:
    for envelope in list(sink.received):
        sent = message_from_bytes(envelope.original_content, policy=policy.default)
        if text in sent.get_body(("plain",)).get_content():
            return {
                "rcpt_tos": envelope.rcpt_tos,
                **{name: str(sent[name]) for name in ("Subject", "In-Reply-To", "References")},
            }
    return None


def _wait(what: str, check: Callable[[], Any], seconds: float, log_path: Path) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"waited {seconds}s for {what}; the profile's log:\n{_tail(log_path)}")


def _descendants(pid: int) -> set[tuple[int, str]]:
    """Every process below ``pid``, each with its start time (so a reused pid is not mistaken)."""
    found = set()
    pending = [pid]
    while pending:
        parent = pending.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except FileNotFoundError:
            continue
        for child in map(int, children):
            found.add((child, _start_time(child)))
            pending.append(child)
    return found


def _start_time(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except FileNotFoundError:
        return ""


def _alive(pid: int, started: str) -> bool:
    """Running, or stopped but never reaped (a zombie counts: nobody waited for it)."""
    return bool(started) and _start_time(pid) == started


def _tail(log_path: Path) -> str:
    return log_path.read_text(errors="replace")[-4000:]


def _triaged(report: dict) -> dict | None:
    return report if report.get("insight") else None
