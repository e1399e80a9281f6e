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
    seed: int = 20_240_601

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def workloads(*, quick: bool) -> list[Workload]:
    """SQLite first (small, fast), then PostgreSQL at the size the aims are stated for."""
    if quick:
        return [
            Workload(
                engine="sqlite",
                tickets=20_000,
                customers=10_000,
                create_seconds=8,
                latency_samples=60,
            ),
            Workload(engine="postgresql", tickets=100_000, create_seconds=8, latency_samples=60),
        ]
    return [
        Workload(engine="sqlite", tickets=100_000),
        Workload(engine="postgresql", tickets=1_000_000),
    ]
