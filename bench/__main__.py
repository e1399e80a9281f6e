"""``python -m bench [--quick] [--only ENGINE] [--keep]``: run each engine's pass, print the table."""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import Any

from bench import channels, intelligence, loadtest
from bench.databases import postgres_reachable
from bench.report import machine_facts, table, write_results
from bench.workload import ENGINES, workloads


def _run_engine(workload_json: str, keep: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "result.json"
        command = [sys.executable, "-m", "bench.engine", workload_json, str(out)] + (
            ["--keep"] if keep else []
        )
        subprocess.run(command, check=True)
        return dict(json.loads(out.read_text()))


def _run_peer(workload_json: str, caredesk: dict[str, Any]) -> dict[str, Any]:
    """django-helpdesk at the same size and settings, on caredesk's faster server kind."""
    words = {label: word["word"] for label, word in caredesk["words"].items()}
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "peer.json"
        command = [sys.executable, "-m", "bench.peer", workload_json, caredesk["fastest_server"]]
        subprocess.run([*command, json.dumps(words), str(out)], check=True)
        return dict(json.loads(out.read_text()))


class Sections:
    """Wall time of each section, printed at the end: quick mode promises under 5 minutes."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.seconds: dict[str, float] = {}

    def timed(self, name: str, work: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        try:
            return work()
        finally:
            self.seconds[name] = round(time.perf_counter() - started, 1)

    def summary(self, quick: bool) -> str:
        total = time.perf_counter() - self.started
        parts = ", ".join(f"{name} {seconds:.0f}s" for name, seconds in self.seconds.items())
        aim = " (quick mode aims for under 5 min)" if quick else ""
        return f"wall time {total / 60:.1f} min{aim}: {parts}"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, under 5 minutes")
    parser.add_argument(
        "--only",
        choices=[*ENGINES, "intelligence", "load", "channels"],
        help="run one engine (or section) only",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the seeded databases for inspection"
    )
    parser.add_argument("--no-peer", action="store_true", help="skip django-helpdesk (bench/peer/)")
    args = parser.parse_args()

    machine = machine_facts()
    sections = Sections()
    results = []
    for workload in workloads(quick=args.quick):
        if args.only and workload.engine != args.only:
            continue
        if workload.engine == "postgresql" and not postgres_reachable():
            print("== SKIPPED PostgreSQL: no server answers (set BENCH_PG_ADMIN_URL)", flush=True)
            continue
        print(f"== {workload.engine}: {workload.tickets:,} tickets", flush=True)
        size = f"{workload.engine} {workload.tickets // 1000:,}k"
        spec = json.dumps(asdict(workload))
        result = sections.timed(size, partial(_run_engine, spec, args.keep))
        if workload.peer and not args.no_peer:
            print(f"== peer on {workload.engine}: {workload.tickets:,} tickets", flush=True)
            result["peer"] = sections.timed(f"peer {size}", partial(_run_peer, spec, result))
        results.append(result)
    # Printed before the triage section runs, so a failure there cannot lose the table.
    print()
    print(table(results))

    def section(name: str, work: Callable[[], Any]) -> Any:
        return sections.timed(name, work) if args.only in (None, name) else None

    triage = section("intelligence", lambda: intelligence.run(args.quick))
    mixed = section("load", lambda: loadtest.run(args.quick))
    channel_figures = section("channels", lambda: channels.run(args.quick))
    machine["load_average_after"] = machine_facts()["load_average"]
    path = write_results(
        {
            "mode": "quick" if args.quick else "full",
            "machine": machine,
            "section_seconds": sections.seconds,
            "results": results,
        }
        | ({"intelligence": triage} if triage else {})
        | ({"mixed_load": mixed} if mixed else {})
        | ({"channels": channel_figures} if channel_figures else {})
    )
    if triage:
        print()
        print(intelligence.table(triage))
    if mixed:
        print()
        print(loadtest.table(mixed))
    if channel_figures:
        print()
        print(channels.table(channel_figures))
    print(f"\n{sections.summary(args.quick)}")
    print(f"results: {path}")


if __name__ == "__main__":
    main()
