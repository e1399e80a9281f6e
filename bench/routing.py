"""Routing's share of "one new ticket": the decision for a team of 20 agents, in process.

``python -m bench.routing [--quick]`` prints the figure alone; ``bench.intelligence`` adds it to
the per-ticket latency table. The agents differ the way a real team does: languages, skills,
tiers, loads, a few away or at capacity, some with weekly shifts in their own time zones. Each
ticket is routed in skills-based mode (the costliest: it narrows by language and skills, then
picks the least loaded), so the figure is an upper bound for the other modes. The database part
of a routing (the team's agents and their loads, one aggregate query) is measured by the engine
passes, not here.
"""

import argparse
import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from typing import Any

from caredesk.automation.choices import RoutingMode
from caredesk.automation.routing.decision import Candidate, Shift, TicketFacts, decide

TEAM_SIZE = 20
LANGUAGES = ("en", "de", "es", "fr", "it", "ja")
SKILLS = ("billing", "refunds", "orders", "delivery", "technical", "app", "thermostat", "api")
ZONES = ("UTC", "Europe/Berlin", "Europe/Madrid", "America/New_York", "Asia/Tokyo")
CHANNELS = ("email", "web", "phone", "social", "api")


def team(rng: random.Random) -> list[Candidate]:
    agents = []
    for agent_id in range(1, TEAM_SIZE + 1):
        shifts = ()
        if rng.random() < 0.4:
            shifts = tuple(Shift(day, clock_time(8), clock_time(18)) for day in range(5))
        agents.append(
            Candidate(
                agent_id=agent_id,
                name=f"Agent {agent_id}",
                availability=rng.choices(("online", "away", "offline"), (8, 1, 1))[0],
                load=rng.choice((0, 0.5, 1, 2.5, 4, 6, 7.5, 8)),
                capacity=8,
                languages=frozenset({"en", *rng.sample(LANGUAGES, 1)}),
                skills=frozenset(rng.sample(SKILLS, 2)),
                channels=frozenset(rng.sample(CHANNELS, 3)) if rng.random() < 0.2 else frozenset(),
                tier=rng.choice((1, 1, 2)),
                time_zone=rng.choice(ZONES),
                shifts=shifts,
            )
        )
    return agents


def tickets(rng: random.Random, count: int) -> list[TicketFacts]:
    return [
        TicketFacts(
            ticket_id=number,
            weight=rng.choice((0.5, 1, 1.5, 2)),
            priority=rng.randint(1, 4),
            language=rng.choice(LANGUAGES),
            channel=rng.choice(CHANNELS),
            wanted_skills=frozenset(rng.sample(SKILLS, rng.randint(0, 2))),
            is_vip=rng.random() < 0.1,
        )
        for number in range(count)
    ]


def decision_latency(quick: bool) -> dict[str, Any]:
    rng = random.Random(0)  # noqa: S311 - repeatable bench input, not a secret
    agents = team(rng)
    probes = tickets(rng, 2_000 if quick else 20_000)
    start = datetime(2026, 11, 23, 6, tzinfo=UTC)
    for facts in probes[:200]:
        decide(facts, agents, mode=RoutingMode.SKILLS_BASED, now=start)
    timings = []
    routed = 0
    for index, facts in enumerate(probes):
        now = start + timedelta(minutes=7 * index)  # across the week, in and out of shifts
        began = time.perf_counter()
        decision = decide(facts, agents, mode=RoutingMode.SKILLS_BASED, now=now)
        timings.append((time.perf_counter() - began) * 1000)
        routed += decision.agent_id is not None
    quantiles = statistics.quantiles(timings, n=100)
    return {
        "team_size": TEAM_SIZE,
        "samples": len(timings),
        "routed_share": round(routed / len(timings), 3),
        "p50_ms": round(quantiles[49], 3),
        "p95_ms": round(quantiles[94], 3),
    }


def row(result: dict[str, Any]) -> tuple[str, str, str, str, str]:
    return (
        f"one ticket: routing decision, team of {result['team_size']} p50 / p95 (ms)",
        f"{result['samples']:,} tickets",
        f"{result['p50_ms']:.3f} / {result['p95_ms']:.3f}",
        "",
        "",
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.routing")
    parser.add_argument("--quick", action="store_true")
    result = decision_latency(parser.parse_args().quick)
    print(" | ".join(row(result)[:3]), f"(routed {result['routed_share']:.0%})")


if __name__ == "__main__":
    main()
