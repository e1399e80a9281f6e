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
HEADERS = ("figure", "unit", "workload", "caredesk", "peer", "ratio")

Row = tuple[str, str, str, str, str, str]


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def ratio(caredesk: float, peer: float) -> str:
    """caredesk/peer, as the issue asks: above 1 is more for rates, below 1 is faster for
    latencies."""
    if peer == 0:
        return "n/a"
    value = caredesk / peer
    return f"{value:.2f}×" if value < 10 else f"{value:.0f}×"


def _row(figure: str, unit: str, size: str, value: float, peer: float | None = None) -> Row:
    if peer is None:
        return (figure, unit, size, _number(value), "", "")
    return (figure, unit, size, _number(value), _number(peer), ratio(value, peer))


def _sized(size: str, latency: dict[str, Any], peer: dict[str, Any] | None = None) -> str:
    return f"{size}, n={latency['samples']}" + (f"/{peer['samples']}" if peer else "")


def rows_of(result: dict[str, Any]) -> list[Row]:
    engine = result["workload"]["engine"]
    tickets = result["workload"]["tickets"]
    size = f"{tickets // 1000:,}k {engine}"
    peer: dict[str, Any] = result.get("peer") or {}
    peer_latency: dict[str, Any] = peer.get("latency", {})
    name = "PostgreSQL" if engine == "postgresql" else "SQLite"

    def p95(key: str) -> float | None:
        return peer_latency[key]["p95_ms"] if key in peer_latency else None

    rows = [
        _row(
            f"{name}: seed (COPY/executemany, 3 msgs, index build incl.)",
            "tickets/s",
            size,
            result["seed"]["tickets_per_second"],
            peer["seed"]["tickets_per_second"] if peer else None,
        ),
    ]
    fastest = next(r for r in result["creates"] if r["server"] == result["fastest_server"])
    for run in result["creates"]:
        chosen = run is fastest
        rows.append(_row(
            f"{name}: API create, 8 clients, 2 {run['server']} workers" + (" (chosen)" if chosen else ""),
            "tickets/s", size, run["per_second"], peer["create"]["per_second"] if chosen and peer else None,
        ))  # fmt: skip
    peer_create = peer.get("create")
    rows.append(_row(
        f"{name}: API create, client-side p95 under load", "ms", size,
        fastest["latency"]["p95_ms"], peer_create["latency"]["p95_ms"] if peer_create else None,
    ))  # fmt: skip
    rows.append(
        _row(f"{name}: SQL queries per API create", "queries", size, result["queries_per_create"])
    )
    rows.append(_row(
        f"{name}: worker CPU per API create (DB server excl.)", "ms", size,
        fastest["worker_cpu_ms_per_create"],
        peer_create["worker_cpu_ms_per_create"] if peer_create else None,
    ))  # fmt: skip
    rows += physical_rows(result, name, size, fastest["per_second"], peer_create)
    backlog = result["viewer"]["unassigned_backlog"]
    peer_backlog = peer.get("matches", {}).get("list_unassigned")
    against = f" vs peer's {peer_backlog:,}" if peer_backlog is not None else ""
    peer_unassigned = peer_latency.get("list_unassigned")
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
            f"{name}: API unassigned ({label}) p95, backlog {backlog:,}{against}", "ms",
            _sized(size, latency, peer_unassigned), latency["p95_ms"], p95("list_unassigned"),
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
        f"{name}: page /workspace/queue/unassigned/ p95", "ms", _sized(size, page, peer_unassigned),
        page["p95_ms"], p95("list_unassigned"),
    ))  # fmt: skip
    if "list_open" in peer_latency:
        opened = peer_latency["list_open"]
        rows.append((
            f"{name}: peer's staff list as it opens (open+reopened) p95, "
            f"{peer['matches']['list_open']:,} rows", "ms", f"{size}, n={opened['samples']}",
            "", _number(opened["p95_ms"]), "",
        ))  # fmt: skip
    for label, word in result["words"].items():
        latency = result["latency"][f"search_{label}"]
        peer_hits = peer.get("matches", {}).get(f"search_{label}")
        hits = f"{word['matches']:,}" + (f" / peer {peer_hits:,}" if peer_hits is not None else "")
        what = f"search q={word['word']} ({label}, {hits} hits)"
        rows.append(_row(f"{name}: API {what} p50", "ms", _sized(size, latency), latency["p50_ms"]))
        rows.append(_row(
            f"{name}: API {what} p95", "ms",
            _sized(size, latency, peer_latency.get(f"search_{label}")),
            latency["p95_ms"], p95(f"search_{label}"),
        ))  # fmt: skip
    return rows + sla_rows(result, name, size)


def physical_rows(
    result: dict[str, Any],
    name: str,
    size: str,
    create_rate: float,
    peer_create: dict[str, Any] | None,
) -> list[Row]:
    """The database's own rate for a create's rows, and how much of it each API reaches."""
    limits = result.get("physical")
    if not limits:
        return []
    rows = [
        _row(
            f"{name}: physical limit, raw ticket+message+event+search rows, 1 tx each, "
            f"{limit['clients']} connection" + ("s" if limit["clients"] > 1 else ""),
            "tickets/s",
            size,
            limit["per_second"],
        )
        for limit in limits
    ]
    best = max(limit["per_second"] for limit in limits)
    share = f"{create_rate / best:.1%}"
    peer_share = f"{peer_create['per_second'] / best:.1%}" if peer_create else ""
    rows.append(
        (f"{name}: API create as a share of the physical limit", "%", size, share, peer_share, "")
    )
    return rows


def sla_rows(result: dict[str, Any], name: str, size: str) -> list[Row]:
    figures = result.get("sla")
    if not figures:
        return []
    backlog = f"{size}, {figures['open_clocks'] // 1000:,}k open"
    rows = [
        _row(
            f"{name}: SLA sweep, {sweep['due']:,} due{' again' if sweep.get('again') else ''}"
            " (warning + breach each)",
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
        "peer: django-helpdesk, same run, engine, settings, size and server kind "
        "(versions in the results file); ratio = caredesk/peer: above 1 is more for rates, "
        "below 1 is faster for latencies"
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
