"""Mixed load on both profiles: the highest throughput whose p95 stays under 200 ms.

``python -m bench.loadtest [--quick] [--profile embedded|production]`` (also ``python -m bench
--only load``). Each profile runs in its own process (bench/loadpass.py); the production profile
is skipped, and says so, when PostgreSQL or Redis does not answer.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.databases import postgres_reachable
from bench.loadpass import REDIS_URL
from bench.traffic import P95_AIM_MS

PROFILES = ("embedded", "production")


def _redis_reachable() -> bool:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return False
    return True


def run(quick: bool, profiles: tuple[str, ...] = PROFILES) -> list[dict[str, Any]]:
    results = []
    for profile in profiles:
        if profile == "production" and not (postgres_reachable() and _redis_reachable()):
            print("== SKIPPED the production load: PostgreSQL or Redis does not answer", flush=True)
            continue
        print(f"== mixed load, {profile} profile", flush=True)
        with tempfile.TemporaryDirectory() as scratch:
            out = Path(scratch) / "load.json"
            command = [sys.executable, "-m", "bench.loadpass", profile, str(out)]
            subprocess.run(command + (["--quick"] if quick else []), check=True)
            results.append(dict(json.loads(out.read_text())))
    return results


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        f"{'mixed load (p95 aim < ' + format(P95_AIM_MS, '.0f') + ' ms)':<44}"
        f"{'users':>6}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'failed':>8}"
    ]
    for result in results:
        for step in result["steps"]:
            mark = " *" if result["best"] and step["users"] == result["best"]["users"] else ""
            lines.append(
                f"{result['profile'] + ': step' + mark:<44}{step['users']:>6}"
                f"{step['per_second']:>9.1f}{step['p50_ms']:>9.1f}{step['p95_ms']:>9.1f}"
                f"{step['failed']:>8}"
            )
        spied = result.get("py_spy") or {}
        areas = spied.get("areas_of_busy", {})
        if areas:
            top = ", ".join(f"{name} {share:.0%}" for name, share in list(areas.items())[:3])
            lines.append(f"  {result['profile']} server CPU (py-spy): {top}")
        elif spied.get("skipped"):
            lines.append(f"  {result['profile']} server CPU (py-spy): {spied['skipped']}")
    lines.append("* the highest throughput with p95 under the aim and no failures")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.loadtest", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="short steps, small seed")
    parser.add_argument("--profile", choices=PROFILES, help="one profile only")
    args = parser.parse_args()
    results = run(args.quick, (args.profile,) if args.profile else PROFILES)
    print()
    print(table(results))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
