"""One profile's mixed-load pass, in its own process (Django settings are per process).

``python -m bench.loadpass embedded|production RESULT_PATH [--quick]``: a new database (SQLite in a
temporary dir, or PostgreSQL ``caredesk_loadtest`` with a Redis database number of its own),
migrate, seed, portal customers with tokens; then the real ``caredesk serve`` of that profile on
loopback, stepped-up traffic (bench/traffic.py) and py-spy on the server during the last step.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import django
import httpx

from bench import spy, traffic
from bench.databases import django_environment, drop_postgres, recreate_postgres
from bench.server import free_port
from bench.workload import Workload

LOAD_DB = "caredesk_loadtest"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379")
READY_SECONDS = 180
PORTAL_CUSTOMERS = 40
WARM_UP_SECONDS = 120


def _say(message: str) -> None:
    print(f"[load {time.strftime('%H:%M:%S')}] {message}", flush=True)


def _claim_redis() -> str:
    """An empty Redis database number, claimed as the worker tests claim theirs."""
    import redis

    for number in range(15, 0, -1):
        connection = redis.Redis.from_url(f"{REDIS_URL}/{number}")
        if connection.set("caredesk:test-claim", "bench", nx=True, ex=3600):
            if connection.dbsize() == 1:
                return f"{REDIS_URL}/{number}"
            connection.delete("caredesk:test-claim")
    raise RuntimeError(f"no empty Redis database at {REDIS_URL}")


def _environment(profile: str, workdir: Path) -> dict[str, str]:
    env = django_environment("postgresql" if profile == "production" else "sqlite", workdir)
    for name in ("REDIS_URL", "TASK_BACKEND", "WEB_CONCURRENCY", "WORKER_CONCURRENCY"):
        env.pop(name, None)
    if profile == "production":
        env["DATABASE_URL"] = recreate_postgres(LOAD_DB)
        env["REDIS_URL"] = _claim_redis()
        env["TASK_BACKEND"] = "rq"
    return env


def _tickets(quick: bool) -> int:
    # Quick: fewer, because the classifiers train on all of them before the load (1,000: ~4 s).
    return 1_000 if quick else 20_000


def _seed(quick: bool) -> traffic.Actors:
    from bench.migrated import migrate
    from bench.rows import mean_words_per_ticket
    from bench.seed import seed
    from bench.vocabulary import Vocabulary
    from caredesk.accounts.choices import Role
    from caredesk.accounts.models import User
    from caredesk.accounts.services.tokens import issue_token
    from caredesk.customers.models import Customer
    from caredesk.intelligence.services.training import retrain_due
    from caredesk.tickets.models import Ticket

    migrate()
    workload = Workload(engine="load", tickets=_tickets(quick), customers=2_000, agents=10)
    vocabulary = Vocabulary(workload.seed)
    cast, _ = seed(workload, vocabulary, progress=False)
    tokens = []
    for customer in Customer.objects.order_by("pk")[:PORTAL_CUSTOMERS]:
        user = User(email=customer.email, name=customer.name, role=Role.CUSTOMER)
        user.set_unusable_password()
        user.save()
        Customer.objects.filter(pk=customer.pk).update(user=user)
        tokens.append(issue_token(user, name="load").secret)
    open_tickets = (
        Ticket.objects.filter(team_id__in=cast.viewer.team_ids)
        .exclude(status__in=["solved", "closed"])
        .order_by("-pk")
        .values_list("pk", flat=True)[:500]
    )
    # The worker's scheduler trains the classifiers at its first tick when none exist: done here,
    # so the load meets the steady state (models in place) rather than a training run.
    retrain_due()
    words = vocabulary.query_words(mean_words_per_ticket())
    return traffic.Actors(
        agent_token=cast.viewer_token,
        customer_tokens=tokens,
        agent_ticket_ids=list(open_tickets),
        search_words=[w.word for w in words if w.label in ("high", "medium")],
    )


def _start(profile: str, workdir: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [sys.executable, "-m", "caredesk.cli", "serve", "--port", str(port)]
    if profile == "production":
        command += ["--profile", "production"]
    log = (workdir / "server.log").open("wb")
    process = subprocess.Popen(command, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT)
    return process, f"http://127.0.0.1:{port}"


def _wait_ready(process: subprocess.Popen[bytes], base_url: str, token: str, log: Path) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited: {log.read_text(errors='replace')[-3000:]}")
        try:
            response = httpx.get(
                f"{base_url}/api/v1/tickets",
                params={"limit": 1},
                headers={"Authorization": f"Bearer {token}"},
            )
            if response.status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the server did not answer within {READY_SECONDS} s")


def run(profile: str, *, quick: bool) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix=f"caredesk-load-{profile}-"))
    (workdir / "var" / "static").mkdir(parents=True)
    env = _environment(profile, workdir)
    os.environ.update(env)
    django.setup()
    levels = [1, 2, 4, 8] if quick else [1, 2, 4, 8, 12, 16, 24, 32, 48]
    seconds = 4.0 if quick else 15.0
    try:
        _say(f"{profile}: migrate and seed")
        actors = _seed(quick)
        from django.db import connection

        connection.close()
        process, base_url = _start(profile, workdir, env)
        try:
            _wait_ready(process, base_url, actors.agent_token, workdir / "server.log")
            _say(f"{profile}: warm-up, then {levels} users x {seconds:.0f}s")
            _warm_up(base_url, actors)
            steps = traffic.step_up(base_url, actors, levels=levels, seconds=seconds, say=_say)
            profile_users = max([s.users for s in steps if s.within_aim] or [steps[0].users])
            sampled: dict[str, Any] | None = {"skipped": "quick mode: the full mode profiles"}
            if not quick:
                _say(f"{profile}: py-spy on the server at {profile_users} users")
                sampled = _profiled_step(
                    process.pid, base_url, actors, profile_users, seconds, workdir
                )
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
    finally:
        from django.db import connection

        connection.close()
        if profile == "production":
            drop_postgres(LOAD_DB)
            import redis

            redis.Redis.from_url(env["REDIS_URL"]).flushdb()
        shutil.rmtree(workdir, ignore_errors=True)
    best = max((s for s in steps if s.within_aim), key=lambda s: s.per_second, default=None)
    return {
        "profile": profile,
        "tickets_seeded": _tickets(quick),
        "mix": traffic.MIX,
        "steps": traffic.as_dicts(steps),
        "best": traffic.as_dicts([best])[0] if best else None,
        "py_spy": sampled,
    }


def _warm_up(base_url: str, actors: traffic.Actors) -> None:
    """Until every server process has loaded what it loads once (the language detector, the
    classifiers: seconds on a busy machine), a step measures cold starts, not the steady state.
    Warm until a whole short step stays under a second, for at most WARM_UP_SECONDS."""
    deadline = time.monotonic() + WARM_UP_SECONDS
    while time.monotonic() < deadline:
        step = traffic.run_step(base_url, actors, users=4, seconds=2)
        if step.answered and step.failed == 0 and step.p95_ms < 1000:
            return
    _say(f"  still cold after {WARM_UP_SECONDS} s of warm-up: the first steps include start-up")


def _profiled_step(
    pid: int,
    base_url: str,
    actors: traffic.Actors,
    users: int,
    seconds: float,
    workdir: Path,
) -> dict[str, Any] | None:
    out = workdir / "py-spy.txt"
    sampler = spy.record(pid, int(seconds), out)
    step = traffic.run_step(base_url, actors, users=users, seconds=seconds)
    if sampler is None:
        return None
    sampler.wait(timeout=seconds + 30)
    if not out.exists():
        return {"error": f"py-spy wrote nothing (exit {sampler.returncode})"}
    return {"users": users, "per_second_while_sampled": step.per_second, **spy.summarise(out)}


def main() -> None:
    profile, out = sys.argv[1], Path(sys.argv[2])
    result = run(profile, quick="--quick" in sys.argv[3:])
    out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
