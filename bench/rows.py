"""Rows of one chunk of seeded tickets: tickets, their three messages, created events, search rows.

Vectorised with numpy; the distribution is described in bench/README.md ("What is seeded").
"""

import json
from dataclasses import dataclass
from typing import Any

import numpy as np

from bench.people import Cast
from bench.vocabulary import Vocabulary
from bench.workload import Workload

UNRESOLVED = np.array(["new", "open", "pending", "on_hold"], dtype=object)
UNRESOLVED_P = [0.3, 0.4, 0.2, 0.1]
RESOLVED = np.array(["solved", "closed"], dtype=object)
RESOLVED_P = [0.25, 0.75]
TEAM_P = [0.5, 0.3, 0.2]
PRIORITIES = np.array([1, 2, 3, 4])
PRIORITY_P = [0.2, 0.6, 0.15, 0.05]
CHANNELS = np.array(["email", "web", "chat", "phone", "api"], dtype=object)
CHANNEL_P = [0.5, 0.25, 0.1, 0.1, 0.05]
SUBJECT_WORDS = (3, 8)
BODY_WORDS = (15, 45)
MESSAGES_PER_TICKET = 3
MICROSECONDS_PER_DAY = 86_400_000_000
HISTORY_DAYS = 3 * 365
UNRESOLVED_AGE_DAYS = 60

TICKET_COLUMNS = (
    "id", "subject", "status", "priority", "channel", "requester_id", "assignee_id", "team_id",
    "category_id", "custom_fields", "language", "created_at", "updated_at", "first_response_at",
    "solved_at", "closed_at", "version",
)  # fmt: skip
MESSAGE_COLUMNS = (
    "id", "ticket_id", "author_kind", "author_user_id", "author_customer_id", "is_public",
    "channel", "body_text", "body_html", "external_id", "created_at",
)  # fmt: skip
EVENT_COLUMNS = (
    "id", "ticket_id", "kind", "actor_kind", "actor_user_id", "actor_name", "channel",
    "is_public", "data", "created_at",
)  # fmt: skip

Row = tuple[Any, ...]


def mean_words_per_ticket() -> float:
    return sum(SUBJECT_WORDS) / 2 + MESSAGES_PER_TICKET * sum(BODY_WORDS) / 2


@dataclass
class Chunk:
    tickets: list[Row]
    messages: list[Row]
    events: list[Row]
    search: list[Row]  # (ticket id, subject, public text, internal text)


class ChunkMaker:
    def __init__(
        self, workload: Workload, cast: Cast, vocabulary: Vocabulary, *, now_us: int, sqlite: bool
    ) -> None:
        if workload.messages_per_ticket != MESSAGES_PER_TICKET:
            raise ValueError("the seeder writes exactly three messages per ticket")
        self.workload = workload
        self.cast = cast
        self.vocabulary = vocabulary
        self.rng = vocabulary.rng
        self.now_us = now_us
        self.sqlite = sqlite
        self.pools = [np.array(pool) for pool in cast.agents_by_team]
        self.customer_ids = np.array(cast.customer_ids)

    def _times(self, values: np.ndarray) -> list[str]:
        """Timestamps as the text each engine stores: SQLite as Django writes it, PostgreSQL ISO."""
        text = np.datetime_as_string(values.astype("datetime64[us]"), unit="us")
        if self.sqlite:
            return [t.replace("T", " ") for t in text.tolist()]
        return [t + "+00" for t in text.tolist()]

    def make(self, first_id: int, count: int) -> Chunk:
        rng, w = self.rng, self.workload
        ids = np.arange(first_id, first_id + count)
        unresolved = rng.random(count) < w.unresolved_share
        status = np.where(
            unresolved,
            rng.choice(UNRESOLVED, size=count, p=UNRESOLVED_P),
            rng.choice(RESOLVED, size=count, p=RESOLVED_P),
        )
        team_index = rng.choice(len(self.pools), size=count, p=_team_weights(len(self.pools)))
        assignee = np.zeros(count, dtype=np.int64)
        for index, pool in enumerate(self.pools):
            mask = team_index == index
            assignee[mask] = pool[rng.integers(0, len(pool), size=int(mask.sum()))]
        replier = assignee.copy()  # who answers when nobody is assigned: someone of the team
        unassigned = unresolved & (rng.random(count) < w.unassigned_share_of_unresolved)
        team_ids = np.array(self.cast.team_ids)[team_index]
        requester_index = rng.integers(0, len(self.customer_ids), size=count)
        requester = self.customer_ids[requester_index]
        channel = rng.choice(CHANNELS, size=count, p=CHANNEL_P)
        priority = rng.choice(PRIORITIES, size=count, p=PRIORITY_P)
        categories = self.cast.category_ids
        category = rng.integers(0, max(1, len(categories)), size=count)
        no_category = rng.random(count) < 0.3

        age_days = np.where(unresolved, UNRESOLVED_AGE_DAYS, HISTORY_DAYS) * rng.random(count)
        age = (age_days * MICROSECONDS_PER_DAY).astype(np.int64)
        created = self.now_us - age
        span = (np.minimum(age, 14 * MICROSECONDS_PER_DAY) * rng.random(count)).astype(np.int64)
        updated = created + span
        responded = created + (span * rng.random(count) * 0.5).astype(np.int64)
        created_s, updated_s, responded_s = (
            self._times(created),
            self._times(updated),
            self._times(responded),
        )

        subjects = self.vocabulary.texts(self.vocabulary.lengths(count, *SUBJECT_WORDS))
        bodies = self.vocabulary.texts(
            self.vocabulary.lengths(count * MESSAGES_PER_TICKET, *BODY_WORDS)
        )
        third_is_note = rng.random(count) < 1 / 3

        tickets: list[Row] = []
        messages: list[Row] = []
        events: list[Row] = []
        search: list[Row] = []
        status_l, assignee_l, replier_l = status.tolist(), assignee.tolist(), replier.tolist()
        for i, ticket_id in enumerate(ids.tolist()):
            state = status_l[i]
            ticket_channel = channel[i]
            customer = int(requester[i])
            category_id = (
                None if categories is None or no_category[i] else categories[int(category[i])]
            )
            tickets.append((
                ticket_id, subjects[i], state, int(priority[i]), ticket_channel, customer,
                None if unassigned[i] else assignee_l[i], int(team_ids[i]), category_id, "{}", "en",
                created_s[i], updated_s[i], responded_s[i],
                updated_s[i] if state in ("solved", "closed") else None,
                updated_s[i] if state == "closed" else None,
                1,
            ))  # fmt: skip
            first = (ticket_id - 1) * MESSAGES_PER_TICKET + 1
            body = bodies[i * 3 : i * 3 + 3]
            agent = replier_l[i]
            messages.append(
                (
                    first,
                    ticket_id,
                    "customer",
                    None,
                    customer,
                    True,
                    ticket_channel,
                    body[0],
                    "",
                    "",
                    created_s[i],
                )
            )
            messages.append(
                (
                    first + 1,
                    ticket_id,
                    "agent",
                    agent,
                    None,
                    True,
                    ticket_channel,
                    body[1],
                    "",
                    "",
                    responded_s[i],
                )
            )
            if third_is_note[i]:
                messages.append(
                    (
                        first + 2,
                        ticket_id,
                        "agent",
                        agent,
                        None,
                        False,
                        "internal",
                        body[2],
                        "",
                        "",
                        updated_s[i],
                    )
                )
                public, internal = body[0] + "\n" + body[1], body[2]
            else:
                messages.append(
                    (
                        first + 2,
                        ticket_id,
                        "customer",
                        None,
                        customer,
                        True,
                        ticket_channel,
                        body[2],
                        "",
                        "",
                        updated_s[i],
                    )
                )
                public, internal = "\n".join(body), ""
            data = {
                "requester_id": customer,
                "team_id": int(team_ids[i]),
                "priority": ["low", "normal", "high", "urgent"][int(priority[i]) - 1],
                "category": None,
                "follow_up_of": None,
            }
            events.append((
                ticket_id, ticket_id, "ticket.created", "customer", None,
                self.cast.customer_names[int(requester_index[i])], ticket_channel, True,
                json.dumps(data), created_s[i],
            ))  # fmt: skip
            search.append((ticket_id, subjects[i], public, internal))
        return Chunk(tickets=tickets, messages=messages, events=events, search=search)


def _team_weights(teams: int) -> list[float]:
    if teams == len(TEAM_P):
        return TEAM_P
    return [1 / teams] * teams
