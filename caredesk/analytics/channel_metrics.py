"""Per-channel volume and timing over a date range, for analytics and channel performance.

Tickets count under the channel they arrived by; their messages count under the same channel, since
an agent's answer to a phone ticket is part of the phone workload whichever screen it was typed in.
Every number comes from aggregate queries, so the cost grows with the channels, not the tickets.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
)

from caredesk.tickets.choices import AuthorKind, Channel
from caredesk.tickets.models import Message, Ticket


@dataclass(frozen=True)
class Durations:
    count: int
    mean_seconds: float | None
    median_seconds: float | None


@dataclass(frozen=True)
class ChannelMetrics:
    channel: str
    tickets: int
    messages_inbound: int  # public messages from customers
    messages_outbound: int  # public messages from the team (agents and caredesk itself)
    notes: int
    first_response: Durations
    resolution: Durations


def _seconds(value: timedelta | float | int | None) -> float | None:
    if value is None:
        return None
    if isinstance(value, timedelta):
        return value.total_seconds()
    # SQLite averages the stored microseconds of a duration.
    return float(value) / 1_000_000


def _durations(tickets: QuerySet[Ticket], start: str, end: str) -> dict[str, Durations]:
    """Count, mean and median of ``end - start`` per channel, over tickets where ``end`` is set."""
    elapsed = ExpressionWrapper(F(end) - F(start), output_field=DurationField())
    measured = tickets.filter(**{f"{end}__isnull": False}).annotate(elapsed=elapsed)
    summary = {
        row["channel"]: row
        for row in measured.order_by()
        .values("channel")
        .annotate(count=Count("id"), mean=Avg("elapsed"))
    }
    result = {}
    for channel, row in summary.items():
        count = row["count"]
        # The median is the middle row (or the mean of the middle two) of the sorted durations.
        middle = list(
            measured.filter(channel=channel)
            .order_by("elapsed", "id")
            .values_list("elapsed", flat=True)[(count - 1) // 2 : count // 2 + 1]
        )
        middle_seconds = [seconds for value in middle if (seconds := _seconds(value)) is not None]
        result[channel] = Durations(
            count=count,
            mean_seconds=_seconds(row["mean"]),
            median_seconds=sum(middle_seconds) / len(middle_seconds) if middle_seconds else None,
        )
    return result


def _channel_order(channel: str) -> tuple[int, str]:
    known = Channel.values
    return (known.index(channel) if channel in known else len(known), channel)


def channel_metrics(
    tickets: QuerySet[Ticket], *, since: datetime, until: datetime
) -> list[ChannelMetrics]:
    """Metrics for ``tickets`` (already scoped to the viewer) created in ``[since, until)``.

    Messages count when they were written in the range, whenever their ticket was opened.
    """
    opened = tickets.filter(created_at__gte=since, created_at__lt=until)
    ticket_counts: dict[str, int] = {
        row["channel"]: row["count"]
        for row in opened.order_by().values("channel").annotate(count=Count("id"))
    }
    public = Q(is_public=True)
    message_counts: dict[str, tuple[int, int, int]] = {
        row["ticket__channel"]: (row["inbound"], row["outbound"], row["notes"])
        for row in Message.objects.filter(
            ticket__in=tickets, created_at__gte=since, created_at__lt=until
        )
        .order_by()
        .values("ticket__channel")
        .annotate(
            inbound=Count("id", filter=public & Q(author_kind=AuthorKind.CUSTOMER)),
            outbound=Count("id", filter=public & ~Q(author_kind=AuthorKind.CUSTOMER)),
            notes=Count("id", filter=~public),
        )
    }
    first_response = _durations(opened, "created_at", "first_response_at")
    resolution = _durations(opened, "created_at", "solved_at")
    none = Durations(count=0, mean_seconds=None, median_seconds=None)
    channels = sorted(set(ticket_counts) | set(message_counts), key=_channel_order)
    rows = []
    for channel in channels:
        inbound, outbound, notes = message_counts.get(channel, (0, 0, 0))
        rows.append(
            ChannelMetrics(
                channel=channel,
                tickets=ticket_counts.get(channel, 0),
                messages_inbound=inbound,
                messages_outbound=outbound,
                notes=notes,
                first_response=first_response.get(channel, none),
                resolution=resolution.get(channel, none),
            )
        )
    return rows
