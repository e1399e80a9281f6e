"""The pure routing decision, rule by rule: no database."""

from datetime import UTC, datetime, time

import pytest

from caredesk.automation.choices import RoutingMode
from caredesk.automation.routing.decision import Candidate, Shift, TicketFacts, decide

# A Monday, 10:00 UTC.
NOW = datetime(2026, 11, 23, 10, tzinfo=UTC)


def agent(agent_id, name, **fields):
    fields.setdefault("availability", "online")
    return Candidate(agent_id=agent_id, name=name, **fields)


def ticket(**fields):
    fields.setdefault("weight", 1.0)
    return TicketFacts(ticket_id=1, **fields)


ANA = agent(1, "Ana", languages=frozenset({"en", "es"}), skills=frozenset({"billing"}), load=3)
BEN = agent(2, "Ben", languages=frozenset({"en", "de"}), load=1)
CAI = agent(3, "Cai", languages=frozenset({"en"}), skills=frozenset({"billing"}), load=5)


def test_manual_routes_nobody():
    decision = decide(ticket(), [ANA, BEN], mode=RoutingMode.MANUAL, now=NOW)

    assert decision.agent_id is None
    assert decision.summary == "left in the team queue: the team assigns by hand"


@pytest.mark.parametrize(
    ("last_agent_id", "expected"),
    [(None, 1), (1, 2), (2, 3), (3, 1), (99, 1)],
)
def test_round_robin_takes_the_next_agent_after_the_cursor(last_agent_id, expected):
    decision = decide(
        ticket(),
        [CAI, ANA, BEN],
        mode=RoutingMode.ROUND_ROBIN,
        now=NOW,
        last_agent_id=last_agent_id,
    )

    assert decision.agent_id == expected


def test_round_robin_is_fair_over_many_tickets():
    cursor = None
    counts = {1: 0, 2: 0, 3: 0}
    team = [
        agent(1, "Ana", capacity=100),
        agent(2, "Ben", capacity=100),
        agent(3, "Cai", capacity=100),
    ]

    for _ in range(30):
        chosen = decide(
            ticket(), team, mode=RoutingMode.ROUND_ROBIN, now=NOW, last_agent_id=cursor
        ).agent_id
        counts[chosen] += 1
        cursor = chosen

    assert counts == {1: 10, 2: 10, 3: 10}


def test_round_robin_skips_unavailable_agents_in_turn():
    away = agent(2, "Ben", availability="away")

    decision = decide(
        ticket(), [ANA, away, CAI], mode=RoutingMode.ROUND_ROBIN, now=NOW, last_agent_id=1
    )

    assert decision.agent_id == 3
    assert [(s.name, s.reason) for s in decision.skipped][0] == ("Ben", "away")


@pytest.mark.parametrize(
    ("team", "expected", "reason"),
    [
        ([ANA, BEN, CAI], 2, "load 1/8"),
        # Relative room decides: 3 of 20 is less full than 1 of 4.
        (
            [agent(1, "Ana", load=3, capacity=20), agent(2, "Ben", load=1, capacity=4)],
            1,
            "load 3/20",
        ),
        # Equal: the lower id, every time.
        ([agent(2, "Ben", load=2), agent(1, "Ana", load=2)], 1, "load 2/8"),
    ],
)
def test_least_loaded(team, expected, reason):
    decision = decide(ticket(), team, mode=RoutingMode.LEAST_LOADED, now=NOW)

    assert decision.agent_id == expected
    assert decision.reasons == ("least loaded", reason)


def test_least_loaded_counts_the_ticket_weight_against_capacity():
    nearly_full = agent(1, "Ana", load=6.5, capacity=8)
    roomy = agent(2, "Ben", load=7, capacity=10)

    decision = decide(
        ticket(weight=2.0, priority=4), [nearly_full, roomy], mode=RoutingMode.LEAST_LOADED, now=NOW
    )

    assert decision.agent_id == 2
    assert decision.skipped[0].reason == "at capacity, load 6.5/8"


def test_urgent_and_vip_tickets_prefer_the_higher_tier_on_a_tie():
    first_line = agent(1, "Ana", tier=1)
    expert = agent(2, "Ben", tier=2)

    normal = decide(ticket(), [first_line, expert], mode=RoutingMode.LEAST_LOADED, now=NOW)
    vip = decide(ticket(is_vip=True), [first_line, expert], mode=RoutingMode.LEAST_LOADED, now=NOW)

    assert (normal.agent_id, vip.agent_id) == (1, 2)


@pytest.mark.parametrize(
    ("facts", "expected", "summary"),
    [
        (ticket(language="es"), 1, "assigned to Ana: speaks es, load 3/8"),
        (ticket(language="de"), 2, "assigned to Ben: speaks de, load 1/8"),
        (
            ticket(language="en", wanted_skills=frozenset({"billing"})),
            1,
            "assigned to Ana: speaks en, skill billing, load 3/8",
        ),
        (
            ticket(language="fr"),
            2,
            "assigned to Ben: nobody available speaks fr, load 1/8",
        ),
        (
            ticket(language="de", wanted_skills=frozenset({"billing"})),
            2,
            "assigned to Ben: speaks de, nobody available has skill billing, load 1/8",
        ),
    ],
)
def test_skills_based(facts, expected, summary):
    decision = decide(facts, [ANA, BEN, CAI], mode=RoutingMode.SKILLS_BASED, now=NOW)

    assert decision.agent_id == expected
    assert decision.summary == summary


def test_skills_based_says_why_others_were_skipped():
    decision = decide(
        ticket(language="es"), [ANA, BEN, CAI], mode=RoutingMode.SKILLS_BASED, now=NOW
    )

    assert decision.considered == (1, 2, 3)
    assert [(s.name, s.reason) for s in decision.skipped] == [
        ("Ben", "does not speak es"),
        ("Cai", "does not speak es"),
    ]


@pytest.mark.parametrize(
    ("candidate", "reason"),
    [
        (agent(1, "Ana", availability="offline"), "offline"),
        (agent(1, "Ana", availability="away"), "away"),
        (agent(1, "Ana", load=8), "at capacity, load 8/8"),
        (agent(1, "Ana", capacity=0), "at capacity, load 0/0"),
        (agent(1, "Ana", channels=frozenset({"phone"})), "does not work email"),
        # Monday 10:00 UTC is 19:00 in Tokyo, after a 9 to 17 shift.
        (
            agent(1, "Ana", time_zone="Asia/Tokyo", shifts=(Shift(0, time(9), time(17)),)),
            "outside their shift",
        ),
        # A shift on Tuesdays only.
        (agent(1, "Ana", shifts=(Shift(1, time(8), time(18)),)), "outside their shift"),
    ],
)
def test_unavailable_agents_are_skipped_with_the_reason(candidate, reason):
    decision = decide(ticket(channel="email"), [candidate], mode=RoutingMode.LEAST_LOADED, now=NOW)

    assert decision.agent_id is None
    assert decision.summary == "left in the team queue: no agent is available with room"
    assert [(s.name, s.reason) for s in decision.skipped] == [("Ana", reason)]


def test_an_agent_inside_their_shift_is_available():
    # Monday 10:00 UTC is 11:00 in Berlin.
    on_shift = agent(1, "Ana", time_zone="Europe/Berlin", shifts=(Shift(0, time(9), time(17)),))

    decision = decide(ticket(), [on_shift], mode=RoutingMode.LEAST_LOADED, now=NOW)

    assert decision.agent_id == 1


def test_the_excluded_agent_is_skipped_with_the_reason_given():
    decision = decide(
        ticket(excluded={1: "Ana went offline"}), [ANA, BEN], mode=RoutingMode.ROUND_ROBIN, now=NOW
    )

    assert decision.agent_id == 2
    assert decision.skipped[0].reason == "Ana went offline"


def test_a_team_without_agents():
    decision = decide(ticket(), [], mode=RoutingMode.ROUND_ROBIN, now=NOW)

    assert decision.summary == "left in the team queue: the team has no agents"
