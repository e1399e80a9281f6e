"""The printed table, the results file and the machine facts that go with them."""

import json
import os
import platform
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import django
import psycopg

from bench.databases import ADMIN_URL

RESULTS_DIR = Path(__file__).resolve().parent / "results"
# django-helpdesk 2.6.1 at 100k tickets on the same machine kind (figures given in the issue).
PEERS: dict[str, dict[str, float]] = {
    "sqlite": {"create": 84, "list_p95": 968, "search_p95": 579},
    "postgresql": {"create": 82, "list_p95": 1135, "search_p95": 2664},
}
PEER_SIZE = "100k (django-helpdesk 2.6.1)"
HEADERS = ("figure", "unit", "workload", "caredesk", "peer", "ratio")

Row = tuple[str, str, str, str, str, str]


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def _row(
    figure: str,
    unit: str,
    size: str,
    value: float,
    peer: float | None = None,
    *,
    faster_is_lower: bool = False,
) -> Row:
    if peer is None:
        return (figure, unit, size, _number(value), "", "")
    ratio = peer / value if faster_is_lower else value / peer
    return (figure, unit, size, _number(value), _number(peer), f"{ratio:.1f}×")


def _sized(size: str, latency: dict[str, Any]) -> str:
    return f"{size}, n={latency['samples']}"


def rows_of(result: dict[str, Any]) -> list[Row]:
    engine = result["workload"]["engine"]
    tickets = result["workload"]["tickets"]
    size = f"{tickets // 1000:,}k {engine}"
    peer = PEERS[engine]
    name = "PostgreSQL" if engine == "postgresql" else "SQLite"
    rows = [
        _row(
            f"{name}: seed (COPY/executemany, 3 msgs, index build incl.)",
            "tickets/s",
            size,
            result["seed"]["tickets_per_second"],
        ),
    ]
    for run in result["creates"]:
        chosen = run["server"] == result["fastest_server"]
        rows.append(_row(
            f"{name}: API create, 8 clients, 2 {run['server']} workers" + (" (chosen)" if chosen else ""),
            "tickets/s", size, run["per_second"], peer["create"] if chosen else None,
        ))  # fmt: skip
    fastest = next(r for r in result["creates"] if r["server"] == result["fastest_server"])
    rows.append(
        _row(
            f"{name}: API create, client-side p95 under load",
            "ms",
            size,
            fastest["latency"]["p95_ms"],
        )
    )
    rows.append(
        _row(f"{name}: SQL queries per API create", "queries", size, result["queries_per_create"])
    )
    rows.append(
        _row(
            f"{name}: worker CPU per API create (DB server excl.)",
            "ms",
            size,
            fastest["worker_cpu_ms_per_create"],
        )
    )
    backlog = result["viewer"]["unassigned_backlog"]
    for key, label in (
        ("unassigned_my_teams", "all my teams"),
        ("unassigned_one_team", "team=<id>"),
    ):
        latency = result["latency"][key]
        rows.append(
            _row(
                f"{name}: API unassigned ({label}) p50",
                "ms",
                _sized(size, latency),
                latency["p50_ms"],
            )
        )
        rows.append(_row(
            f"{name}: API unassigned ({label}) p95, backlog {backlog:,}", "ms", _sized(size, latency),
            latency["p95_ms"], peer["list_p95"], faster_is_lower=True,
        ))  # fmt: skip
    page = result["latency"]["unassigned_page"]
    rows.append(
        _row(
            f"{name}: page /workspace/queue/unassigned/ p50",
            "ms",
            _sized(size, page),
            page["p50_ms"],
        )
    )
    rows.append(_row(
        f"{name}: page /workspace/queue/unassigned/ p95", "ms", _sized(size, page),
        page["p95_ms"], peer["list_p95"], faster_is_lower=True,
    ))  # fmt: skip
    for label, word in result["words"].items():
        latency = result["latency"][f"search_{label}"]
        what = f"search q={word['word']} ({label}, {word['matches']:,} hits)"
        rows.append(_row(f"{name}: API {what} p50", "ms", _sized(size, latency), latency["p50_ms"]))
        rows.append(
            _row(
                f"{name}: API {what} p95",
                "ms",
                _sized(size, latency),
                latency["p95_ms"],
                peer["search_p95"],
                faster_is_lower=True,
            )
        )
    return rows + sla_rows(result, name, size)


def sla_rows(result: dict[str, Any], name: str, size: str) -> list[Row]:
    figures = result.get("sla")
    if not figures:
        return []
    backlog = f"{size}, {figures['open_clocks'] // 1000:,}k open"
    rows = [
        _row(
            f"{name}: SLA sweep, {sweep['due']:,} due (warning + breach each)",
            "ms",
            f"{backlog}, {sweep['batches']} batches",
            sweep["ms"],
        )
        for sweep in figures["sweeps"].values()
    ]
    due = figures["due_times"]
    rows.append(
        _row(
            f"{name}: due times of a new ticket p50 / p95",
            "ms",
            f"{backlog}, n={due['samples']}",
            due["p50_ms"],
        )
    )
    rows[-1] = (*rows[-1][:3], f"{due['p50_ms']} / {due['p95_ms']}", "", "")
    return rows


def table(results: list[dict[str, Any]]) -> str:
    rows: list[Row] = [HEADERS]
    for result in results:
        rows.extend(rows_of(result))
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS))]
    right = {3, 4, 5}
    lines = []
    for index, row in enumerate(rows):
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    lines.append(
        f"peer: {PEER_SIZE}; ratio = caredesk/peer for rates, peer/caredesk for latencies (× faster)"
    )
    return "\n".join(lines)


def _memory_mb() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) // 1024
    return 0


def _postgres_version() -> str | None:
    try:
        with psycopg.connect(ADMIN_URL, connect_timeout=3) as conn:
            row = conn.execute("SHOW server_version").fetchone()
    except psycopg.OperationalError:
        return None
    return str(row[0]) if row else None


def machine_facts() -> dict[str, Any]:
    return {
        "cpu_count": os.cpu_count(),
        "memory_mb": _memory_mb(),
        "load_average": os.getloadavg(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgres": _postgres_version(),
        "sqlite": sqlite3.sqlite_version,
    }


def write_results(payload: dict[str, Any]) -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(payload, indent=2))
    return path
