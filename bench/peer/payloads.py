"""The peer's request bodies and reads, shaped like caredesk's (bench/payloads.py)."""

import base64
import json
import random
from typing import Any

from bench.payloads import NEW_CUSTOMER_SHARE, Read
from bench.vocabulary import Vocabulary

API_ROOT = "/api/"
API_TICKETS = "/api/tickets/"
DATATABLES = "/datatables_ticket_list/"
OPEN, REOPENED = 1, 2
NORMAL_PRIORITY = 3
# What DataTables sends for the first page (ticket_list.html: server side, ``order: []``),
# with caredesk's page size.
FIRST_PAGE = {"draw": "1", "start": "0", "length": "25"}


class PeerCreatePayloads:
    """POST /api/tickets/ bodies: the same subjects, bodies and customer mix as caredesk's."""

    def __init__(
        self, queue_ids: list[int], customers: int, vocabulary: Vocabulary, *, count: int, seed: int
    ) -> None:
        rng = random.Random(seed)
        subjects = vocabulary.texts(vocabulary.lengths(count, 3, 8))
        bodies = vocabulary.texts(vocabulary.lengths(count, 15, 45))
        self.items: list[dict[str, Any]] = []
        for i in range(count):
            if rng.random() < NEW_CUSTOMER_SHARE:
                email = f"first-time-{seed}-{i}@example.org"
            else:
                c = rng.randrange(customers)
                email = f"customer{c}@example{c % 500}.com"
            self.items.append({
                "queue": rng.choice(queue_ids),
                "title": subjects[i],
                "description": bodies[i],
                "submitter_email": email,
                "priority": NORMAL_PRIORITY,
            })  # fmt: skip

    def __getitem__(self, index: int) -> dict[str, Any]:
        return self.items[index % len(self.items)]


def _datatables(query: dict[str, Any]) -> Read:
    """The list's data request: the query as ticket_list() encodes it (helpdesk/query.py)."""
    encoded = base64.b64encode(json.dumps(query).encode()).decode("ascii")
    return Read(DATATABLES + encoded, FIRST_PAGE)


def reads(words: dict[str, str]) -> dict[str, Read]:
    """The staff list as it opens, its unassigned filter, and keyword searches (``?q=``)."""
    plain = {"filtering": {}, "filtering_null": {}, "sorting": "created", "sortreverse": None}
    return {
        # ticket_list() with no filter: open and reopened tickets, oldest first.
        "list_open": _datatables(
            {
                "filtering": {"status__in": [OPEN, REOPENED]},
                "sorting": "created",
                "search_string": "",
                "sortreverse": False,
            }
        ),  # fmt: skip
        # ?assigned_to=-1&status=1&status=2: caredesk's "unassigned" queue in the peer's terms.
        "list_unassigned": _datatables(
            {
                **plain,
                "filtering": {"status__in": [OPEN, REOPENED]},
                "filtering_null": {"assigned_to__id__isnull": True},
                "search_string": "",
            }
        ),  # fmt: skip
        **{
            f"search_{label}": _datatables({**plain, "search_string": word})
            for label, word in words.items()
        },
    }
