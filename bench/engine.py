"""One engine's pass, in its own process (Django settings are per process): seed, probe, load.

``python -m bench.engine '<workload json>' RESULT_PATH [--keep]``; bench/__main__.py runs it.
"""

import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import django

from bench.databases import django_environment, drop_postgres, recreate_postgres
from bench.workload import Workload


def run(workload: Workload, *, keep: bool) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix=f"caredesk-bench-{workload.engine}-"))
    (workdir / "var" / "static").mkdir(parents=True)
    env = django_environment(workload.engine, workdir)
    os.environ.update(env)
    if workload.engine == "postgresql":
        recreate_postgres()
    django.setup()
    try:
        return _measure(workload, workdir, env)
    finally:
        if keep:
            print(
                f"  kept {workdir}"
                + (" and database caredesk_bench" if workload.engine == "postgresql" else "")
            )
        else:
            from django.db import connection

            connection.close()
            if workload.engine == "postgresql":
                drop_postgres()
            shutil.rmtree(workdir, ignore_errors=True)


def _measure(workload: Workload, workdir: Path, env: dict[str, str]) -> dict[str, Any]:
    from django.db import connection

    from bench import load, physical, probes, sla
    from bench.load import CreateRun
    from bench.migrated import migrate
    from bench.payloads import CreatePayloads, reads_for
    from bench.rows import mean_words_per_ticket
    from bench.seed import seed
    from bench.server import RunningServer, serve
    from bench.timing import Latency
    from bench.vocabulary import Vocabulary

    step = _stepper(workload.engine)
    step(f"migrate a new {workload.engine} database in {workdir}")
    migrate()
    step(f"seed {workload.tickets:,} tickets")
    vocabulary = Vocabulary(workload.seed)
    cast, seeded = seed(workload, vocabulary)
    step(
        f"seeded in {seeded.seconds:.1f}s ({seeded.tickets_per_second:,.0f} tickets/s) {seeded.phases}"
    )
    words = vocabulary.query_words(mean_words_per_ticket())
    viewer_teams = sorted(cast.viewer.team_ids)

    step("in-process probes: queries per create, captured SQL and plans")
    api = probes.api_client(cast.viewer_token)
    queries_per_create = probes.queries_per_create(
        api, CreatePayloads(cast, vocabulary, count=40, seed=1), creates=30
    )
    browser = probes.session_client(cast.viewer)
    reads = reads_for(viewer_teams, words)
    captured = {
        name: probes.capture(browser if read.page else api, read) for name, read in reads.items()
    }
    headers = {
        "api": {"Authorization": f"Bearer {cast.viewer_token}"},
        "page": {"Cookie": probes.session_cookie(browser)},
    }
    matches = {w.label: probes.count_matches(w.word) for w in words}
    backlog = probes.count_unassigned_backlog(cast.viewer.pk)
    connection.close()

    def read_all(server: RunningServer) -> dict[str, Latency]:
        step(f"read latency on the {server.kind} server, {workload.latency_samples} samples each")
        latencies = {}
        for name, read in reads.items():
            latencies[name] = load.read_latency(
                server,
                read,
                headers["page" if read.page else "api"],
                samples=workload.latency_samples,
                budget_seconds=workload.read_budget_seconds,
            )
            step(f"  {name}: p50 {latencies[name].p50_ms} ms, p95 {latencies[name].p95_ms} ms")
        return latencies

    def serving(kind: str) -> AbstractContextManager[RunningServer]:
        return serve(
            kind, workdir=workdir, env=env, workers=workload.server_workers, token=cast.viewer_token
        )

    creates: list[CreateRun] = []
    latencies: dict[str, Latency] = {}
    kinds = list(workload.server_kinds)
    for index, kind in enumerate(kinds):
        step(
            f"API creates: {workload.concurrent_clients} clients, {workload.server_workers} {kind} workers"
        )
        payloads = CreatePayloads(cast, vocabulary, count=5_000, seed=100 + index)
        try:
            with serving(kind) as server:
                run = load.create_load(
                    server, cast.viewer_token, payloads,
                    clients=workload.concurrent_clients, seconds=workload.create_seconds,
                )  # fmt: skip
                creates.append(run)
                step(
                    f"  {kind}: {run.per_second:.1f} tickets/s, "
                    f"{run.worker_cpu_ms_per_create} worker CPU ms each"
                )
                # The last kind's server is still up: when it is the fastest, read on it.
                if kind == kinds[-1] and run is max(creates, key=lambda r: r.per_second):
                    latencies = read_all(server)
        except RuntimeError as error:  # one server kind failing must not lose the other's figures
            step(f"  {kind}: no figures, the server failed: {error}")
    fastest = max(creates, key=lambda r: r.per_second)
    if not latencies:
        with serving(fastest.server) as server:
            latencies = read_all(server)

    # Last, so the clocks and breach events it writes cannot touch the figures above.
    service_levels = sla.measure(step)
    step("physical limit: raw row sets, one transaction each")
    limits = physical.measure(workload, cast, vocabulary)
    for limit in limits:
        step(f"  {limit.clients} connections: {limit.per_second:,.0f} tickets/s")

    return {
        "workload": workload.as_dict(),
        "seed": {**asdict(seeded), "tickets_per_second": round(seeded.tickets_per_second, 1)},
        "viewer": {"teams": viewer_teams, "unassigned_backlog": backlog},
        "words": {
            w.label: {
                "word": w.word,
                "expected_share": w.expected_share,
                "matches": matches[w.label],
            }
            for w in words
        },
        "queries_per_create": round(queries_per_create, 2),
        "creates": [{**asdict(r), "per_second": round(r.per_second, 1)} for r in creates],
        "fastest_server": fastest.server,
        "latency": {name: asdict(value) for name, value in latencies.items()},
        "captured": {name: asdict(value) for name, value in captured.items()},
        "reads": {name: asdict(read) for name, read in reads.items()},
        "sla": service_levels,
        "physical": [{**asdict(r), "per_second": round(r.per_second, 1)} for r in limits],
    }


def _stepper(engine: str) -> Callable[[str], None]:
    started = time.perf_counter()

    def step(message: str) -> None:
        print(f"[{engine} {time.perf_counter() - started:6.1f}s] {message}", flush=True)

    return step


def main() -> None:
    workload = Workload(**json.loads(sys.argv[1]))
    result = run(workload, keep="--keep" in sys.argv[3:])
    Path(sys.argv[2]).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
