"""What one benchmark pass seeds and measures: sizes, shapes and sample counts."""

from dataclasses import asdict, dataclass
from typing import Any

ENGINES = ("sqlite", "postgresql")


@dataclass(frozen=True)
class Workload:
    engine: str
    tickets: int
    messages_per_ticket: int = 3
    teams: int = 3
    agents: int = 20
    customers: int = 50_000
    # Share of tickets still unresolved, and of those the share nobody is assigned to.
    unresolved_share: float = 0.10
    unassigned_share_of_unresolved: float = 0.30
    concurrent_clients: int = 8
    server_workers: int = 2
    create_seconds: float = 15.0
    latency_samples: int = 200
    # A read stops sampling after this long once it has 20 samples (bench/load.py).
    read_budget_seconds: float = 60.0
    seed: int = 20_240_601
    # Run django-helpdesk (bench/peer/) at the same size, engine and settings after this pass.
    peer: bool = True

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def workloads(*, quick: bool) -> list[Workload]:
    """Per engine: caredesk and the peer at 10k (and 100k in full), then caredesk alone at the
    size the aims are stated for (1M on PostgreSQL, full only)."""
    if quick:
        return [
            Workload(
                engine=engine,
                tickets=10_000,
                customers=10_000,
                create_seconds=8,
                latency_samples=60,
                read_budget_seconds=12,
            )
            for engine in ENGINES
        ]
    return [
        Workload(engine="sqlite", tickets=10_000, customers=10_000),
        Workload(engine="sqlite", tickets=100_000),
        Workload(engine="postgresql", tickets=10_000, customers=10_000),
        Workload(engine="postgresql", tickets=100_000),
        Workload(engine="postgresql", tickets=1_000_000, peer=False),
    ]
