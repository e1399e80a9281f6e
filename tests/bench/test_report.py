"""The benchmark table's side-by-side figures: ratios and the physical-limit share."""

from bench.report import physical_rows, ratio, rows_of, sla_rows


def _latency(p50: float, p95: float, samples: int = 60) -> dict[str, float]:
    return {"samples": samples, "p50_ms": p50, "p95_ms": p95, "mean_ms": p50}


def _result(peer: bool) -> dict:
    reads = ("unassigned_my_teams", "unassigned_one_team", "unassigned_page", "search_high")
    create = {"server": "asgi", "per_second": 50.0, "worker_cpu_ms_per_create": 15.0}
    result = {
        "workload": {"engine": "sqlite", "tickets": 10_000},
        "seed": {"tickets_per_second": 2_000.0},
        "creates": [create | {"latency": _latency(100, 200)}],
        "fastest_server": "asgi",
        "queries_per_create": 15.8,
        "viewer": {"unassigned_backlog": 300},
        "latency": {name: _latency(10, 20) for name in reads},
        "words": {"high": {"word": "week", "matches": 1_000}},
        "physical": [
            {"clients": 1, "tickets": 2_000, "seconds": 4.0, "per_second": 500.0},
            {"clients": 8, "tickets": 1_600, "seconds": 4.0, "per_second": 400.0},
        ],
    }
    if peer:
        result["peer"] = {
            "seed": {"tickets_per_second": 1_000.0},
            "create": {
                "per_second": 25.0,
                "worker_cpu_ms_per_create": 30.0,
                "latency": _latency(200, 400),
            },
            "latency": {
                "list_unassigned": _latency(100, 160, samples=40),
                "list_open": _latency(200, 300),
                "search_high": _latency(300, 500),
            },
            "matches": {"list_unassigned": 320, "list_open": 1_100, "search_high": 900},
        }
    return result


def _by_figure(rows: list[tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return {row[0]: row[1:] for row in rows}


def test_ratio_is_caredesk_over_peer_with_two_decimals_below_ten() -> None:
    assert ratio(50, 25) == "2.00×"
    assert ratio(20, 160) == "0.12×"
    assert ratio(500, 20) == "25×"
    assert ratio(1, 0) == "n/a"


def test_rows_put_the_peer_of_the_same_run_beside_caredesk() -> None:
    rows = _by_figure(rows_of(_result(peer=True)))

    assert rows["SQLite: API create, 8 clients, 2 asgi workers (chosen)"] == (
        "tickets/s", "10k sqlite", "50.0", "25.0", "2.00×",
    )  # fmt: skip
    assert rows["SQLite: worker CPU per API create (DB server excl.)"][2:] == (
        "15.0",
        "30.0",
        "0.50×",
    )
    assert rows["SQLite: API unassigned (all my teams) p95, backlog 300 vs peer's 320"] == (
        "ms", "10k sqlite, n=60/40", "20.0", "160", "0.12×",
    )  # fmt: skip
    assert rows["SQLite: API search q=week (high, 1,000 / peer 900 hits) p95"][2:] == (
        "20.0", "500", "0.04×",
    )  # fmt: skip
    assert rows["SQLite: peer's staff list as it opens (open+reopened) p95, 1,100 rows"][2:] == (
        "", "300", "",
    )  # fmt: skip
    assert rows["SQLite: physical limit, raw ticket+message+event+search rows, 1 tx each, 8 connections"][2:] == (
        "400", "", "",
    )  # fmt: skip
    # The share is of the faster of the two physical runs.
    assert rows["SQLite: API create as a share of the physical limit"][2:] == ("10.0%", "5.0%", "")


def test_rows_without_a_peer_leave_its_columns_empty() -> None:
    rows = _by_figure(rows_of(_result(peer=False)))

    assert rows["SQLite: API create, 8 clients, 2 asgi workers (chosen)"][3:] == ("", "")
    assert rows["SQLite: API create as a share of the physical limit"][2:] == ("10.0%", "", "")


def test_no_physical_figure_gives_no_physical_rows() -> None:
    result = _result(peer=False)
    del result["physical"]

    assert physical_rows(result, "SQLite", "10k sqlite", 50.0, None) == []


def test_the_repeated_sla_sweep_is_labelled_as_the_warm_one() -> None:
    sweep = {"due": 100, "checked": 100, "batches": 2, "ms": 80.0}
    figures = {
        "open_clocks": 1_200,
        "due_times": {"samples": 300, "p50_ms": 1.0, "p95_ms": 2.0},
        "sweeps": {"100": sweep | {"again": False}, "100 again": sweep | {"again": True}},
    }

    rows = _by_figure(sla_rows({"sla": figures}, "SQLite", "10k sqlite"))

    assert "SQLite: SLA sweep, 100 due (warning + breach each)" in rows
    assert "SQLite: SLA sweep, 100 due again (warning + breach each)" in rows
