"""``python -m bench [--quick] [--only ENGINE] [--keep]``: run each engine's pass, print the table."""

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench import channels, intelligence
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


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, under 5 minutes")
    parser.add_argument(
        "--only",
        choices=[*ENGINES, "intelligence", "channels"],
        help="run one engine (or section) only",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the seeded databases for inspection"
    )
    args = parser.parse_args()

    machine = machine_facts()
    results = []
    for workload in workloads(quick=args.quick):
        if args.only and workload.engine != args.only:
            continue
        if workload.engine == "postgresql" and not postgres_reachable():
            print("== SKIPPED PostgreSQL: no server answers (set BENCH_PG_ADMIN_URL)", flush=True)
            continue
        print(f"== {workload.engine}: {workload.tickets:,} tickets", flush=True)
        results.append(_run_engine(json.dumps(asdict(workload)), args.keep))
    triage = intelligence.run(args.quick) if args.only in (None, "intelligence") else None
    channel_figures = channels.run(args.quick) if args.only in (None, "channels") else None
    machine["load_average_after"] = machine_facts()["load_average"]
    path = write_results(
        {"mode": "quick" if args.quick else "full", "machine": machine, "results": results}
        | ({"intelligence": triage} if triage else {})
        | ({"channels": channel_figures} if channel_figures else {})
    )
    print()
    print(table(results))
    if triage:
        print()
        print(intelligence.table(triage))
    if channel_figures:
        print()
        print(channels.table(channel_figures))
    print(f"\nresults: {path}")


if __name__ == "__main__":
    main()
