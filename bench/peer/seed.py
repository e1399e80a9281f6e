"""Seed django-helpdesk with the benchmark's workload shape, in the peer's own process and venv.

``var/peer/venv/bin/python -m bench.peer.seed '<spec json>' FACTS_PATH`` (bench/peer/run.py runs
it): migrate, a staff viewer and agents, one queue per caredesk team, then tickets with three
follow-ups each through the peer's own models (``bulk_create``), the text drawn from the same
vocabulary and seed as caredesk's. Writes the facts the load needs (queue ids, session cookie,
credentials, row counts, seed time) as JSON.
"""

import json
import os
import sqlite3
import sys
import time
from datetime import UTC, datetime, timedelta
from importlib import metadata
from pathlib import Path
from typing import Any

import django
import numpy as np

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.peer.site.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from helpdesk.models import FollowUp, Queue, Ticket  # noqa: E402

from bench.migrated import migrate  # noqa: E402
from bench.vocabulary import Vocabulary  # noqa: E402

CHUNK = 5_000
VIEWER = "viewer"
PASSWORD = "peer-bench"
# caredesk status -> (helpdesk status, on hold); pending and on hold have no own status there.
OPEN, RESOLVED, CLOSED = 1, 3, 4
TEAM_P = [0.5, 0.3, 0.2]
PRIORITY_P = [0.2, 0.6, 0.15, 0.05]  # helpdesk: 1 critical .. 5 very low; low/normal/high/urgent
PRIORITIES = np.array([4, 3, 2, 1])


def _people(spec: dict[str, Any]) -> tuple[User, list[Queue], list[User]]:
    viewer = User.objects.create_user(
        VIEWER, email="viewer@peer.test", password=PASSWORD, is_staff=True
    )
    agents = User.objects.bulk_create(
        [
            User(username=f"agent{i}", email=f"agent{i}@peer.test", is_staff=True, password="!")
            for i in range(spec["agents"] - 1)
        ]
    )
    queues = [
        Queue.objects.create(title=name, slug=name.lower(), email_address=f"{name}@peer.test")
        for name in ("Support", "Billing", "Technical")[: spec["teams"]]
    ]
    return viewer, queues, [viewer, *agents]


def _tickets(spec: dict[str, Any], queues: list[Queue], agents: list[User]) -> dict[str, float]:
    vocabulary = Vocabulary(spec["seed"])
    rng = vocabulary.rng
    now = datetime.now(UTC)
    created_field = Ticket._meta.get_field("created")
    modified_field = Ticket._meta.get_field("modified")
    # Historic dates, as caredesk's seed writes them: the fields would stamp "now" otherwise.
    created_field.auto_now_add = False  # type: ignore[attr-defined]
    modified_field.auto_now = False  # type: ignore[attr-defined]
    subject_words, body_words = spec["subject_words"], spec["body_words"]
    started = time.perf_counter()
    for first in range(0, spec["tickets"], CHUNK):
        count = min(CHUNK, spec["tickets"] - first)
        unresolved = rng.random(count) < spec["unresolved_share"]
        unassigned = unresolved & (rng.random(count) < spec["unassigned_share_of_unresolved"])
        on_hold = unresolved & (rng.random(count) < 0.1)
        resolved_status = np.where(rng.random(count) < 0.25, RESOLVED, CLOSED)
        status = np.where(unresolved, OPEN, resolved_status)
        queue = rng.choice(len(queues), size=count, p=TEAM_P[: len(queues)])
        assignee = rng.integers(0, len(agents), size=count)
        priority = rng.choice(PRIORITIES, size=count, p=PRIORITY_P)
        customer = rng.integers(0, spec["customers"], size=count)
        age_days = np.where(unresolved, 60, 3 * 365) * rng.random(count)
        span_days = np.minimum(age_days, 14) * rng.random(count)
        subjects = vocabulary.texts(vocabulary.lengths(count, *subject_words))
        bodies = vocabulary.texts(vocabulary.lengths(count * 3, *body_words))
        third_is_note = rng.random(count) < 1 / 3
        tickets = []
        for i in range(count):
            created = now - timedelta(days=float(age_days[i]))
            c = int(customer[i])
            tickets.append(
                Ticket(
                    title=subjects[i][:200],
                    queue=queues[int(queue[i])],
                    created=created,
                    modified=created + timedelta(days=float(span_days[i])),
                    submitter_email=f"customer{c}@example{c % 500}.com",
                    assigned_to=None if unassigned[i] else agents[int(assignee[i])],
                    status=int(status[i]),
                    on_hold=bool(on_hold[i]),
                    description=bodies[i * 3],
                    priority=int(priority[i]),
                )
            )
        with transaction.atomic():
            tickets = Ticket.objects.bulk_create(tickets)
            followups = []
            for i, ticket in enumerate(tickets):
                agent = ticket.assigned_to or agents[int(assignee[i])]
                modified = ticket.modified
                followups += [
                    FollowUp(ticket=ticket, date=ticket.created, title="Ticket Opened",
                             comment=bodies[i * 3], public=True),
                    FollowUp(ticket=ticket, date=modified, title="Comment", user=agent,
                             comment=bodies[i * 3 + 1], public=True),
                    FollowUp(ticket=ticket, date=modified, title="Comment",
                             user=agent if third_is_note[i] else None,
                             comment=bodies[i * 3 + 2], public=not third_is_note[i]),
                ]  # fmt: skip
            FollowUp.objects.bulk_create(followups)
        print(f"  peer seeded {first + count:,}/{spec['tickets']:,} tickets", flush=True)
    rows = time.perf_counter() - started
    analyze_started = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return {"rows": round(rows, 2), "analyze": round(time.perf_counter() - analyze_started, 2)}


def _session_cookie(viewer: User) -> str:
    client = Client()
    client.force_login(viewer)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def main() -> None:
    spec = json.loads(sys.argv[1])
    started = time.perf_counter()
    peer = Path(__file__).resolve().parent
    migrate("peer", [peer / "requirements.txt", peer / "site" / "settings.py"])
    migrated = time.perf_counter() - started
    viewer, queues, agents = _people(spec)
    seeded = time.perf_counter()
    phases = _tickets(spec, queues, agents)
    seconds = time.perf_counter() - seeded
    facts = {
        "versions": {
            name: metadata.version(name)
            for name in ("django-helpdesk", "Django", "djangorestframework", "gunicorn", "uvicorn")
        }
        | {"sqlite": sqlite3.sqlite_version},
        "queue_ids": [q.pk for q in queues],
        "username": VIEWER,
        "password": PASSWORD,
        "cookie": _session_cookie(viewer),
        "tickets": Ticket.objects.count(),
        "followups": FollowUp.objects.count(),
        "migrate_seconds": round(migrated, 2),
        "seed_seconds": round(seconds, 2),
        "tickets_per_second": round(spec["tickets"] / seconds, 1),
        "phases": phases,
        "unassigned_open": Ticket.objects.filter(status=OPEN, assigned_to=None).count(),
        "open": Ticket.objects.filter(status=OPEN).count(),
    }
    Path(sys.argv[2]).write_text(json.dumps(facts, indent=2))


if __name__ == "__main__":
    main()
