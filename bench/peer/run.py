"""The peer's pass for one engine and size: its venv, a new database, seed, serve, load.

Runs in its own process (``python -m bench.peer``, see __main__.py); the peer's own processes
(seed, gunicorn) run in var/peer/venv.
"""

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import httpx
from django.conf import settings

from bench import load
from bench.databases import database_url, drop_postgres, recreate_postgres
from bench.peer import venv
from bench.peer.payloads import API_ROOT, API_TICKETS, PeerCreatePayloads, reads
from bench.rows import BODY_WORDS, SUBJECT_WORDS
from bench.server import READY_SECONDS, RunningServer, free_port
from bench.vocabulary import Vocabulary
from bench.workload import Workload

PEER_DB = "peer_bench"
SERVER_KINDS = {
    "wsgi": ["bench.peer.site.wsgi:application"],
    "asgi": ["bench.peer.site.asgi:application", "-k", "uvicorn.workers.UvicornWorker"],
}


def _environment(engine: str, workdir: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV", "PYTHONPATH")
    }
    env |= {"DJANGO_SETTINGS_MODULE": "bench.peer.site.settings", "PYTHONPATH": str(venv.ROOT)}
    if engine == "postgresql":
        env["PEER_DATABASE_URL"] = database_url(PEER_DB)
    else:
        env["PEER_SQLITE_PATH"] = str(workdir / "peer.sqlite3")
        # This process runs caredesk's embedded (SQLite) settings: the peer gets the same OPTIONS.
        env["PEER_SQLITE_OPTIONS"] = json.dumps(settings.DATABASES["default"]["OPTIONS"])
    return env


def _seed(python: Path, workload: Workload, env: dict[str, str], workdir: Path) -> dict[str, Any]:
    spec = {
        "tickets": workload.tickets,
        "seed": workload.seed,
        "agents": workload.agents,
        "teams": workload.teams,
        "customers": workload.customers,
        "unresolved_share": workload.unresolved_share,
        "unassigned_share_of_unresolved": workload.unassigned_share_of_unresolved,
        "subject_words": SUBJECT_WORDS,
        "body_words": BODY_WORDS,
    }
    facts = workdir / "facts.json"
    command = [str(python), "-m", "bench.peer.seed", json.dumps(spec), str(facts)]
    subprocess.run(command, check=True, cwd=venv.ROOT, env=env)
    return dict(json.loads(facts.read_text()))


@contextmanager
def _serve(
    python: Path,
    kind: str,
    *,
    workers: int,
    env: dict[str, str],
    workdir: Path,
    auth: dict[str, str],
) -> Iterator[RunningServer]:
    """gunicorn on the peer's WSGI or ASGI entry; ready when the API root answers the viewer."""
    port = free_port()
    command = [
        str(python), "-m", "gunicorn", *SERVER_KINDS[kind],
        "-w", str(workers), "-b", f"127.0.0.1:{port}", "--timeout", "120", "--log-level", "warning",
    ]  # fmt: skip
    log_path = workdir / f"gunicorn-peer-{kind}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=venv.ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            _wait_ready(base_url, auth, process, log_path)
            with httpx.Client(base_url=base_url, headers=auth) as client:
                for _ in range(workers * 4):  # warm every worker before anything is timed
                    client.get(API_ROOT)
            yield RunningServer(kind=kind, base_url=base_url, process=process)
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_ready(
    base_url: str, auth: dict[str, str], process: subprocess.Popen[bytes], log: Path
) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"the peer's gunicorn exited with {process.returncode}:\n{tail}")
        try:
            if httpx.get(base_url + API_ROOT, headers=auth).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the peer did not answer within {READY_SECONDS} s")


def measure(workload: Workload, *, server_kind: str, words: dict[str, str]) -> dict[str, Any]:
    started = time.perf_counter()

    def step(message: str) -> None:
        elapsed = time.perf_counter() - started
        print(f"[peer {workload.engine} {elapsed:6.1f}s] {message}", flush=True)

    python = venv.ensure()
    workdir = Path(tempfile.mkdtemp(prefix=f"peer-bench-{workload.engine}-"))
    env = _environment(workload.engine, workdir)
    if workload.engine == "postgresql":
        recreate_postgres(PEER_DB)
    try:
        step(f"migrate and seed django-helpdesk with {workload.tickets:,} tickets")
        facts = _seed(python, workload, env, workdir)
        step(f"seeded in {facts['seed_seconds']} s ({facts['tickets_per_second']:,.0f} tickets/s)")
        basic = base64.b64encode(f"{facts['username']}:{facts['password']}".encode()).decode()
        payloads = PeerCreatePayloads(
            facts["queue_ids"], workload.customers, Vocabulary(workload.seed + 1),
            count=5_000, seed=100,
        )  # fmt: skip
        session = {"Cookie": facts["cookie"]}
        peer_reads = reads(words)
        auth = {"Authorization": f"Basic {basic}"}
        with _serve(
            python,
            server_kind,
            workers=workload.server_workers,
            env=env,
            workdir=workdir,
            auth=auth,
        ) as server:
            step(f"API creates: {workload.concurrent_clients} clients, {server_kind} workers")
            create = load.create_load(
                server, "", payloads, clients=workload.concurrent_clients,
                seconds=workload.create_seconds, path=API_TICKETS,
                headers=auth,
            )  # fmt: skip
            step(f"  {create.per_second:.1f} tickets/s ({create.errors} errors)")
            latencies = {}
            matches = {}
            for name, read in peer_reads.items():
                response = httpx.get(
                    server.base_url + read.path, params=read.params, headers=session, timeout=120
                )
                response.raise_for_status()
                matches[name] = response.json()["recordsFiltered"]
                latencies[name] = load.read_latency(
                    server, read, session, samples=workload.latency_samples,
                    budget_seconds=workload.read_budget_seconds,
                )  # fmt: skip
                step(f"  {name}: p50 {latencies[name].p50_ms} ms, p95 {latencies[name].p95_ms} ms")
    finally:
        if workload.engine == "postgresql":
            drop_postgres(PEER_DB)
        shutil.rmtree(workdir, ignore_errors=True)
    return {
        "versions": facts["versions"],
        "seed": {k: v for k, v in facts.items() if k not in ("cookie", "password", "versions")},
        "server": server_kind,
        "workers": workload.server_workers,
        "create": {**asdict(create), "per_second": round(create.per_second, 1)},
        "latency": {name: asdict(value) for name, value in latencies.items()},
        "matches": matches,
        "reads": {name: asdict(read) for name, read in peer_reads.items()},
    }


def main() -> None:
    """``python -m bench.peer '<workload json>' SERVER_KIND '<words json>' RESULT_PATH``."""
    workload = Workload(**json.loads(sys.argv[1]))
    result = measure(workload, server_kind=sys.argv[2], words=json.loads(sys.argv[3]))
    Path(sys.argv[4]).write_text(json.dumps(result, indent=2))
