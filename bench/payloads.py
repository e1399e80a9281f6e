"""Request bodies and query strings the load and the probes send."""

import random
from dataclasses import dataclass
from typing import Any

from bench.people import Cast
from bench.vocabulary import Frequency, Vocabulary

UNRESOLVED = "new,open,pending,on_hold"
API_TICKETS = "/api/v1/tickets"
# The web UI's "Unassigned in my teams" queue (caredesk/web/views/workspace.py).
UNASSIGNED_PAGE = "/workspace/queue/unassigned/"
NEW_CUSTOMER_SHARE = 0.1


class CreatePayloads:
    """POST /api/v1/tickets bodies: 90 % from known customers, 10 % from first-time addresses.

    Each goes to one of the viewer's teams: the API answers a create with a read through the
    viewer's scope, so a ticket filed into another team answers 404 (see bench/README.md).
    """

    def __init__(self, cast: Cast, vocabulary: Vocabulary, *, count: int, seed: int) -> None:
        rng = random.Random(seed)
        subjects = vocabulary.texts(vocabulary.lengths(count, 3, 8))
        bodies = vocabulary.texts(vocabulary.lengths(count, 15, 45))
        teams = sorted(cast.viewer.team_ids)
        self.items: list[dict[str, Any]] = []
        for i in range(count):
            if rng.random() < NEW_CUSTOMER_SHARE:
                email = f"first-time-{seed}-{i}@example.org"
            else:
                email = rng.choice(cast.customer_emails)
            self.items.append({
                "subject": subjects[i],
                "body": bodies[i],
                "requester": {"email": email, "name": "Bench Customer"},
                "channel": "email",
                "team_id": rng.choice(teams),
            })  # fmt: skip

    def __getitem__(self, index: int) -> dict[str, Any]:
        return self.items[index % len(self.items)]


@dataclass(frozen=True)
class Read:
    """A GET the probes explain and the load times: the API (bearer token) or a page (session)."""

    path: str
    params: dict[str, str]
    page: bool = False


def reads_for(viewer_team_ids: list[int], frequencies: list[Frequency]) -> dict[str, Read]:
    unassigned = {"assignee": "none", "status": UNRESOLVED, "limit": "25"}
    return {
        "unassigned_my_teams": Read(API_TICKETS, unassigned),
        "unassigned_one_team": Read(API_TICKETS, {**unassigned, "team": str(viewer_team_ids[0])}),
        "unassigned_page": Read(UNASSIGNED_PAGE, {}, page=True),
        **{
            f"search_{f.label}": Read(API_TICKETS, {"q": f.word, "limit": "25"})
            for f in frequencies
        },
    }
