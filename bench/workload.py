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
    # gunicorn worker classes to time creates on (bench/server.py); reads run on the fastest.
    server_kinds: tuple[str, ...] = ("wsgi", "asgi")
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
    size the aims are stated for (1M on PostgreSQL, full only). Quick mode trades sample counts
    and the second server kind for its 5-minute budget; its figures are noisier, not different."""
    if quick:
        return [
            Workload(
                engine=engine,
                tickets=10_000,
                customers=10_000,
                # Only the kind the production profile serves (gunicorn with uvicorn workers).
                server_kinds=("asgi",),
                create_seconds=5,
                latency_samples=30,
                read_budget_seconds=5,
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
