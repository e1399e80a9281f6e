"""Domain events between apps, without signals and without upward imports.

A service publishes a small frozen dataclass. Each subscriber says when it runs:

- **in the transaction** (the default): only what must commit or roll back with the change that
  caused it (timeline rows, SLA clock rows, an outbox row);
- **after the commit** (``after_commit=True``): triage, rules, routing, acknowledgements. The
  events a transaction published are collected and, once it commits, handed on as one batch of
  ids to a task (``run_reactions_task``), or run at once in this process when
  ``CAREDESK_REACTIONS_INLINE`` is on. Each handler gets the event rebuilt from the database, so
  it sees what the handlers before it changed; it takes the ticket's lock itself and must be safe
  to run again (a retried task runs the whole batch again).

Nothing is published re-entrantly into a running transaction's reactions: a reaction that
changes the ticket calls the service, whose own commit starts the next batch. Reactions carry a
small JSON ``scope`` (what the rules engine fired so far), as it stood when the transaction
that caused them committed, so a chain of reactions can be bounded across tasks. Subscriptions and their order are declared in
one place, ``caredesk/subscriptions.py``.
"""

import copy
import logging
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, transaction

from caredesk.core import event_codec

logger = logging.getLogger(__name__)

Handler = Callable[[Any], None]

_in_transaction: dict[type, list[Handler]] = defaultdict(list)
_after_commit: dict[type, list[Handler]] = defaultdict(list)
_event_types: dict[str, type] = {}


def subscribe(event_type: type, handler: Handler, *, after_commit: bool = False) -> None:
    handlers = (_after_commit if after_commit else _in_transaction)[event_type]
    if handler not in handlers:
        handlers.append(handler)
    _event_types[event_codec.type_name(event_type)] = event_type


def after_commit_handlers(event_type: type) -> list[Handler]:
    return list(_after_commit.get(event_type, ()))


# What the running batch of reactions carries on to the events its handlers publish.
_scope: ContextVar[dict[str, Any] | None] = ContextVar("caredesk_reaction_scope", default=None)


def scope() -> dict[str, Any]:
    """The running reactions' JSON scope, which handlers may write to. Outside a reaction (a
    request, a sweep) there is nothing to carry on: a fresh dict, whose writes are dropped."""
    current = _scope.get()
    return current if current is not None else {}


@contextmanager
def reaction_scope(values: dict[str, Any]) -> Iterator[dict[str, Any]]:
    token = _scope.set(values)
    try:
        yield values
    finally:
        _scope.reset(token)


_held_back: ContextVar[bool] = ContextVar("caredesk_reactions_held_back", default=False)


@contextmanager
def without_reactions() -> Iterator[None]:
    """Publish without after-commit reactions: for replaying a past (the demo) whose every
    field, assignment and reply the replay chooses itself."""
    token = _held_back.set(True)
    try:
        yield
    finally:
        _held_back.reset(token)


def publish(event: object) -> None:
    for handler in list(_in_transaction.get(type(event), ())):
        handler(event)
    if _held_back.get() or not _after_commit.get(type(event)):
        return
    entry = {"type": event_codec.type_name(type(event)), "event": event_codec.encode(event)}
    batch = _open_batch()
    if batch is not None:
        batch.append(entry)
        return
    batch = [entry]

    def hand_on() -> None:
        # The scope as it is at the commit: what the handler did after publishing counts too.
        dispatch(batch, copy.deepcopy(_scope.get() or {}))

    hand_on.caredesk_batch = batch  # type: ignore[attr-defined]
    transaction.on_commit(hand_on, robust=True)


def _open_batch() -> list[dict[str, Any]] | None:
    """The batch this transaction already hands on at its commit, if any, at the same savepoint:
    events of a savepoint that may roll back alone (a failing rule's) get a batch of their own,
    which Django drops with the savepoint."""
    connection = transaction.get_connection(DEFAULT_DB_ALIAS)
    if not connection.in_atomic_block:
        return None
    savepoints = set(connection.savepoint_ids)
    for registered_in, callback, _robust in reversed(connection.run_on_commit):
        batch = getattr(callback, "caredesk_batch", None)
        if batch is not None and registered_in == savepoints:
            return batch
    return None


def dispatch(events: list[dict[str, Any]], carried: dict[str, Any]) -> None:
    if settings.CAREDESK_REACTIONS_INLINE:
        run_reactions(events, carried)
        return
    from caredesk.core.tasks import run_reactions_task

    run_reactions_task.enqueue(events, carried)


def run_reactions(events: list[dict[str, Any]], carried: dict[str, Any] | None = None) -> int:
    """Run the after-commit handlers of a committed batch; how many ran.

    A handler that fails is logged and the others still run; the first failure is raised at the
    end, so the task is marked failed and can be looked into (inline, ``on_commit`` logs it).
    """
    failures: list[Exception] = []
    ran = 0
    # One committed transaction's events share one scope, so what a handler records there for
    # one event (the rules that fired) holds for the next.
    with reaction_scope(copy.deepcopy(carried or {})):
        for entry in events:
            event_type = _event_types.get(entry["type"])
            if event_type is None:
                logger.error("reaction_event_unknown", extra={"event_type": entry["type"]})
                continue
            for handler in after_commit_handlers(event_type):
                try:
                    event = event_codec.decode(entry["event"])
                except event_codec.Gone:
                    logger.info("reaction_skipped_gone", extra={"event_type": entry["type"]})
                    break
                try:
                    handler(event)
                except Exception as error:
                    logger.exception(
                        "reaction_failed",
                        extra={"event_type": entry["type"], "handler": handler.__qualname__},
                    )
                    failures.append(error)
                ran += 1
    if failures:
        raise failures[0]
    return ran
