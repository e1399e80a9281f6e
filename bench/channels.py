"""Channels: email ingest rate and live-chat round trips through a real server.

``python -m bench.channels OUT.json [--quick]`` (run by ``python -m bench`` in its own process;
each measurement runs in a child process of its own, since Django settings are per process).

- **email ingest**: the mixed corpus of ``tests/email/corpus`` (charsets, HTML-only, quoting,
  forwards, bounces, auto-replies, attachments, broken MIME), repeated in rounds whose Message-IDs
  (and In-Reply-To/References) are made unique per round, so each round threads like the first.
  Each message is stored raw then processed (parse, thread, open or add to a ticket, SLA clocks,
  triage, acknowledgement queued) in one process, sequentially: messages per second over the
  timed rounds, after one warm-up round. SQLite, and PostgreSQL when a server answers.
- **chat round trip**: ``caredesk serve`` (uvicorn, ``caredesk.asgi``, in-memory channel layer,
  SQLite) with an online agent; N visitors start chats over HTTP, join over WebSocket (asyncio +
  ``websockets``), and all send messages at once, one after another per visitor; the round trip is
  from sending a message to receiving its ``ack`` (stored, committed, acknowledged). Loopback only,
  bounded in time.
"""

import argparse
import asyncio
import contextlib
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.databases import database_url, drop_postgres, postgres_reachable, recreate_postgres
from bench.timing import summarise

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "email" / "corpus"
DATABASE = "caredesk_bench_channels"
THREAD_HEADER = re.compile(rb"^(message-id|in-reply-to|references):", re.IGNORECASE)
MESSAGE_ID = re.compile(rb"<([^<>@\s]+)@")


def _environment(engine: str, data_dir: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "caredesk.settings",
        "CAREDESK_DATA_DIR": str(data_dir),
        "SECRET_KEY": "bench-not-secret",
        "LOG_LEVEL": "ERROR",
    }
    env.pop("DEBUG", None)
    env.pop("DATABASE_URL", None)
    if engine == "postgresql":
        env["DATABASE_URL"] = database_url(DATABASE)
    return env


def _child(part: str, engine: str, quick: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "result.json"
        env = _environment(engine, Path(scratch) / "var")
        if engine == "postgresql":
            recreate_postgres(DATABASE)
        try:
            command = [sys.executable, "-m", "bench.channels", "--part", part, str(out)]
            subprocess.run(command + (["--quick"] if quick else []), check=True, cwd=REPO, env=env)
        finally:
            if engine == "postgresql":
                drop_postgres(DATABASE)
        return {"engine": engine, **json.loads(out.read_text())}


# --- email ingest (in a child process: Django set up, database migrated) ---------------------


def corpus_round(messages: list[bytes], round_number: int) -> list[bytes]:
    """The corpus with Message-IDs unique to this round, so nothing is taken for a redelivery."""
    made = []
    for raw in messages:
        head, separator, body = raw.partition(b"\n\n")
        if not separator:
            head, separator, body = raw.partition(b"\r\n\r\n")
        lines = [
            MESSAGE_ID.sub(rb"<\1.r%d@" % round_number, line) if THREAD_HEADER.match(line) else line
            for line in head.split(b"\n")
        ]
        marker = b"X-Bench-Round: %d" % round_number
        made.append(marker + b"\r\n" + b"\n".join(lines) + separator + body)
    return made


def ingest(quick: bool) -> dict[str, Any]:
    from caredesk.accounts.models import Team
    from caredesk.channels.email.models import Mailbox
    from caredesk.channels.email.services.ingest import process_inbound, store_raw

    team = Team.objects.create(name="Support", slug="support", is_default=True)
    mailbox = Mailbox.objects.create(name="Support", address="support@example.com", team=team)
    corpus = [path.read_bytes() for path in sorted(CORPUS.glob("*.eml"))]
    rounds = 2 if quick else 15

    def run_round(number: int) -> list[str]:
        states = []
        for raw in corpus_round(corpus, number):
            states.append(
                str(process_inbound(store_raw(raw, source="smtp", mailbox=mailbox).pk).state)
            )
        return states

    run_round(0)  # warm-up: models load, caches fill
    started, cpu_started = time.perf_counter(), time.process_time()
    states: list[str] = []
    for number in range(1, rounds + 1):
        states += run_round(number)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return {
        "corpus_files": len(corpus),
        "messages": len(states),
        "seconds": round(elapsed, 2),
        "messages_per_second": round(len(states) / elapsed, 1),
        # Load-independent: this process's CPU (the PostgreSQL server's own is not in it).
        "cpu_ms_per_message": round(cpu * 1000 / len(states), 1),
        "states": {state: states.count(state) for state in sorted(set(states))},
    }


# --- chat round trip ----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class StartLine:
    """Visitors report in once joined; all start sending together when the last one has."""

    def __init__(self, expected: int) -> None:
        self.expected = expected
        self.reported: set[int] = set()
        self.joined = 0
        self.everyone_joined = asyncio.Event()
        self.go = asyncio.Event()

    def report_in(self, visitor: int, *, joined: bool) -> None:
        if visitor in self.reported:
            return
        self.reported.add(visitor)
        self.joined += joined
        if len(self.reported) == self.expected:
            self.everyone_joined.set()


async def _visitor(
    visitor: int, base: str, client: Any, messages: int, start_line: StartLine
) -> list[float]:
    try:
        return await _chat_as_visitor(visitor, base, client, messages, start_line)
    finally:
        # One that failed before joining: the others need not wait for it.
        start_line.report_in(visitor, joined=False)


async def _chat_as_visitor(
    visitor: int, base: str, client: Any, messages: int, start_line: StartLine
) -> list[float]:
    from websockets.asyncio.client import connect

    response = await client.post(
        f"{base}/api/v1/chat/sessions",
        json={
            "name": "Bench Visitor",
            "email": f"visitor-{secrets.token_hex(4)}@example.com",
            "message": "Hello, is anyone there?",
        },
    )
    response.raise_for_status()
    chat = response.json()
    ws_url = base.replace("http", "ws") + chat["websocket_path"]
    round_trips: list[float] = []
    async with connect(ws_url, origin=base, open_timeout=60, max_queue=None) as socket_:
        await socket_.send(json.dumps({"type": "join", "token": chat["token"], "after": 0}))
        while json.loads(await socket_.recv())["type"] != "joined":
            pass
        start_line.report_in(visitor, joined=True)
        await start_line.go.wait()
        for number in range(messages):
            client_id = f"m{number}"
            sent = time.perf_counter()
            await socket_.send(
                json.dumps({"type": "message", "client_id": client_id, "text": f"Message {number}"})
            )
            while True:
                frame = json.loads(await socket_.recv())
                if frame["type"] == "ack" and frame["client_id"] == client_id:
                    break
            round_trips.append(time.perf_counter() - sent)
    return round_trips


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a process so far, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _chat_load(
    base: str, sessions: int, messages: int, budget: float, server_pid: int
) -> dict[str, Any]:
    import httpx

    start_line = StartLine(sessions)
    limits = httpx.Limits(max_connections=50)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        tasks = [
            asyncio.create_task(_visitor(visitor, base, client, messages, start_line))
            for visitor in range(sessions)
        ]
        joining = time.perf_counter()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(start_line.everyone_joined.wait(), timeout=budget)
        join_seconds = time.perf_counter() - joining
        started, cpu_started = time.perf_counter(), _cpu_seconds(server_pid)
        start_line.go.set()
        done, pending = await asyncio.wait(tasks, timeout=budget)
        elapsed, server_cpu = time.perf_counter() - started, _cpu_seconds(server_pid) - cpu_started
    for task in pending:
        task.cancel()
    round_trips = [rt for task in done if not task.exception() for rt in task.result()]
    failures = [repr(task.exception()) for task in done if task.exception()]
    latency = summarise(round_trips) if round_trips else None
    return {
        "sessions": sessions,
        "joined_sessions": start_line.joined,
        "seconds_to_start_and_join": round(join_seconds, 2),
        "messages_per_session": messages,
        "completed_sessions": len(done) - len(failures),
        "unfinished_sessions": len(pending),
        "failures": failures[:5],
        "round_trips": len(round_trips),
        "seconds": round(elapsed, 2),
        "messages_per_second": round(len(round_trips) / elapsed, 1),
        "server_cpu_ms_per_message": round(server_cpu * 1000 / max(len(round_trips), 1), 1),
        "latency": latency.__dict__ if latency else None,
    }


def chat(quick: bool) -> dict[str, Any]:
    import httpx

    from caredesk.accounts.models import Team
    from caredesk.accounts.tests.factories import UserFactory
    from caredesk.channels.chat.services.availability import set_availability

    team = Team.objects.create(name="Support", slug="support", is_default=True)
    set_availability(UserFactory(email="agent@example.com", teams=[team]), availability="online")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = Path(os.environ["CAREDESK_DATA_DIR"]) / "serve.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "caredesk.cli", "serve", "--no-worker", "--port", str(port)],
        cwd=REPO,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/chat/demo/", timeout=1).raise_for_status()
                break
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("caredesk serve did not start") from None
                time.sleep(0.2)
        sessions, messages = (50, 4) if quick else (200, 20)
        result = asyncio.run(_chat_load(base, sessions, messages, 120, server.pid))
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    lines = log_path.read_text().splitlines()
    first = next((i for i, line in enumerate(lines) if line.startswith("Traceback")), None)
    errors = [line for line in lines if "Error" in line]
    first_traceback = lines[first : first + 80] if first is not None else []
    return {**result, "server_errors": errors[-10:], "first_traceback": first_traceback}


# --- the section: run the children, print the table --------------------------------------------


def run(quick: bool) -> dict[str, Any]:
    engines = ["sqlite"] + (["postgresql"] if postgres_reachable() else [])
    return {
        "ingest": [_child("ingest", engine, quick) for engine in engines],
        "chat": _child("chat", "sqlite", quick),
    }


def table(result: dict[str, Any]) -> str:
    rows = [("channels", "size", "result")]
    for item in result["ingest"]:
        rows.append((
            f"email ingest: store+parse+thread+ticket, one process ({item['engine']}) (msgs/s)",
            f"{item['messages']:,} msgs ({item['corpus_files']} corpus files)",
            f"{item['messages_per_second']:,.1f}",
        ))  # fmt: skip
        rows.append((
            f"email ingest: CPU per message ({item['engine']}, DB server excl.) (ms)",
            "", f"{item['cpu_ms_per_message']:,.1f}",
        ))  # fmt: skip
    chat_result = result["chat"]
    latency = chat_result["latency"] or {"p50_ms": float("nan"), "p95_ms": float("nan")}
    rows.append((
        "chat round trip, message -> ack via uvicorn (sqlite) p50 / p95 (ms)",
        f"{chat_result['sessions']} sessions x {chat_result['messages_per_session']} msgs"
        f" ({chat_result['round_trips']:,} done)",
        f"{latency['p50_ms']:.1f} / {latency['p95_ms']:.1f}",
    ))  # fmt: skip
    rows.append((
        "chat messages acknowledged per second, all sessions at once",
        f"{chat_result['completed_sessions']} sessions completed",
        f"{chat_result['messages_per_second']:,.1f}",
    ))  # fmt: skip
    rows.append((
        "chat: server CPU per acknowledged message (ms)",
        "", f"{chat_result['server_cpu_ms_per_message']:,.1f}",
    ))  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = []
    for index, row in enumerate(rows):
        lines.append(
            "  ".join(
                cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i])
                for i, cell in enumerate(row)
            ).rstrip()
        )
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.channels")
    parser.add_argument("out")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--part", choices=["ingest", "chat"], default=None)
    args = parser.parse_args()
    if args.part:
        import django

        django.setup()
        from bench.migrated import migrate

        migrate()
        result = (ingest if args.part == "ingest" else chat)(args.quick)
    else:
        result = run(args.quick)
        print(table(result))
    Path(args.out).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
