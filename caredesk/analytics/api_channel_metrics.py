"""Channel performance: volume, first response and resolution per channel over a date range."""

from datetime import datetime, timedelta

from django.http import HttpRequest
from ninja import Query, Router, Schema

from caredesk.accounts import policy
from caredesk.accounts.api_auth import api_caller
from caredesk.analytics.channel_metrics import ChannelMetrics, channel_metrics
from caredesk.core import clock
from caredesk.core.errors import PermissionDenied, ValidationFailed
from caredesk.tickets import selectors

router = Router(tags=["metrics"])
DEFAULT_RANGE = timedelta(days=30)
LONGEST_RANGE = timedelta(days=366)


class ChannelMetricsQuery(Schema):
    since: datetime | None = None
    until: datetime | None = None


class DurationsOut(Schema):
    count: int
    mean_seconds: float | None
    median_seconds: float | None


class ChannelMetricsOut(Schema):
    channel: str
    tickets: int
    messages_inbound: int
    messages_outbound: int
    notes: int
    first_response: DurationsOut
    resolution: DurationsOut


class ChannelMetricsPageOut(Schema):
    since: datetime
    until: datetime
    channels: list[ChannelMetricsOut]


def _aware(value: datetime, field: str) -> datetime:
    if value.utcoffset() is None:
        raise ValidationFailed(f"{field} needs a time zone offset, such as Z.", field=field)
    return value


@router.get("/metrics/channels", response=ChannelMetricsPageOut)
def get_channel_metrics(
    request: HttpRequest, query: Query[ChannelMetricsQuery]
) -> dict[str, object]:
    """Tickets opened in ``[since, until)`` (default: the last 30 days), within the caller's scope."""
    user = api_caller(request)
    if not policy.can_view_channel_metrics(user):
        raise PermissionDenied("Only the team may see channel metrics.")
    until = _aware(query.until, "until") if query.until else clock.now()
    since = _aware(query.since, "since") if query.since else until - DEFAULT_RANGE
    if since >= until:
        raise ValidationFailed("since must be before until.", field="since")
    if until - since > LONGEST_RANGE:
        raise ValidationFailed("The range may span at most 366 days.", field="since")
    rows: list[ChannelMetrics] = channel_metrics(
        selectors.tickets_visible_to(user), since=since, until=until
    )
    return {"since": since, "until": until, "channels": rows}
