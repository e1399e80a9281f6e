"""Mixed customer and agent traffic over HTTP, stepped up in concurrency (asyncio + httpx).

Each virtual user loops for the length of a step: it draws an action by weight, sends one request
and records its latency and status. Customers open tickets and answer their own; agents list the
unassigned queue, open a ticket, reply and search. A step's figures are requests per second
answered (2xx) and the latency percentiles of every request in it.
"""

import asyncio
import random
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import httpx

from bench.timing import summarise

# As bench/payloads.py has them; that module needs Django set up, this one runs without it.
API_TICKETS = "/api/v1/tickets"
UNRESOLVED = "new,open,pending,on_hold"

# Share of each action in the mix (sums to 1). Agents read far more than they write.
MIX: dict[str, float] = {
    "agent_list": 0.25,
    "agent_open": 0.20,
    "agent_search": 0.10,
    "agent_reply": 0.10,
    "customer_list": 0.10,
    "customer_create": 0.15,
    "customer_reply": 0.10,
}
P95_AIM_MS = 200.0


@dataclass(frozen=True)
class Actors:
    """Who sends the traffic: the agent's token, portal customers' tokens, what they work on."""

    agent_token: str
    customer_tokens: list[str]
    agent_ticket_ids: list[int]
    search_words: list[str]


@dataclass
class Step:
    users: int
    seconds: float
    answered: int
    failed: int
    per_second: float
    p50_ms: float
    p95_ms: float
    by_action: dict[str, dict[str, float]] = field(default_factory=dict)
    first_failure: str = ""

    @property
    def within_aim(self) -> bool:
        return self.failed == 0 and self.p95_ms < P95_AIM_MS


class _Recorder:
    def __init__(self) -> None:
        self.samples: dict[str, list[float]] = {name: [] for name in MIX}
        self.failed = 0
        self.first_failure = ""

    def record(self, action: str, seconds: float, response: httpx.Response) -> None:
        if response.is_success:
            self.samples[action].append(seconds)
            return
        self.failed += 1
        if not self.first_failure:
            self.first_failure = f"{action}: {response.status_code} {response.text[:200]}"


async def _act(
    action: str,
    client: httpx.AsyncClient,
    token: str,
    actors: Actors,
    own_tickets: list[int],
    rng: random.Random,
) -> httpx.Response:
    auth = {"Authorization": f"Bearer {token}"}
    if action == "agent_list":
        params = {"assignee": "none", "status": UNRESOLVED, "limit": "25"}
        return await client.get(API_TICKETS, params=params, headers=auth)
    if action == "agent_open":
        ticket = rng.choice(actors.agent_ticket_ids)
        return await client.get(f"{API_TICKETS}/{ticket}", headers=auth)
    if action == "agent_search":
        params = {"q": rng.choice(actors.search_words), "limit": "25"}
        return await client.get(API_TICKETS, params=params, headers=auth)
    if action == "agent_reply":
        ticket = rng.choice(actors.agent_ticket_ids)
        body = {"body": f"Thanks for waiting: we are on it ({rng.randrange(10**6)})."}
        return await client.post(f"{API_TICKETS}/{ticket}/messages", json=body, headers=auth)
    if action == "customer_list":
        return await client.get(API_TICKETS, params={"limit": "25"}, headers=auth)
    if action == "customer_create" or not own_tickets:
        body = {
            "subject": f"Order {rng.randrange(10**5)} has not arrived",
            "body": "I ordered two weeks ago and the parcel is still not here. Can you check?",
        }
        response = await client.post(API_TICKETS, json=body, headers=auth)
        if response.status_code == 201:
            own_tickets.append(response.json()["id"])
        return response
    ticket = rng.choice(own_tickets)
    body = {"body": f"Any news on this? ({rng.randrange(10**6)})"}
    return await client.post(f"{API_TICKETS}/{ticket}/messages", json=body, headers=auth)


async def _user(
    number: int, base_url: str, actors: Actors, stop_at: float, recorder: _Recorder
) -> None:
    rng = random.Random(number)
    names, weights = list(MIX), list(MIX.values())
    customer_token = actors.customer_tokens[number % len(actors.customer_tokens)]
    own_tickets: list[int] = []
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        while time.monotonic() < stop_at:
            action = rng.choices(names, weights)[0]
            token = customer_token if action.startswith("customer") else actors.agent_token
            started = time.perf_counter()
            try:
                response = await _act(action, client, token, actors, own_tickets, rng)
            except httpx.TransportError as error:
                recorder.failed += 1
                recorder.first_failure = recorder.first_failure or f"{action}: {error!r}"
                continue
            recorder.record(action, time.perf_counter() - started, response)


def run_step(base_url: str, actors: Actors, *, users: int, seconds: float) -> Step:
    recorder = _Recorder()

    async def main() -> float:
        started = time.perf_counter()
        stop_at = time.monotonic() + seconds
        await asyncio.gather(*(_user(n, base_url, actors, stop_at, recorder) for n in range(users)))
        return time.perf_counter() - started

    wall = asyncio.run(main())
    everything = [s for samples in recorder.samples.values() for s in samples]
    overall = summarise(everything) if everything else None
    return Step(
        users=users,
        seconds=round(wall, 2),
        answered=len(everything),
        failed=recorder.failed,
        per_second=round(len(everything) / wall, 1),
        p50_ms=overall.p50_ms if overall else 0.0,
        p95_ms=overall.p95_ms if overall else 0.0,
        by_action={
            name: {"requests": len(samples), "p95_ms": summarise(samples).p95_ms}
            for name, samples in recorder.samples.items()
            if samples
        },
        first_failure=recorder.first_failure,
    )


def step_up(
    base_url: str, actors: Actors, *, levels: Sequence[int], seconds: float, say: Any
) -> list[Step]:
    """Run each concurrency level in turn; stop after the first whose p95 misses the aim."""
    steps = []
    for users in levels:
        step = run_step(base_url, actors, users=users, seconds=seconds)
        say(
            f"  {users:>3} users: {step.per_second:7.1f} req/s, p50 {step.p50_ms} ms, "
            f"p95 {step.p95_ms} ms, {step.failed} failed"
            + (f" (first: {step.first_failure})" if step.first_failure else "")
        )
        steps.append(step)
        if not step.within_aim:
            break
    return steps


def as_dicts(steps: Sequence[Step]) -> list[dict[str, Any]]:
    return [asdict(step) | {"within_aim": step.within_aim} for step in steps]
