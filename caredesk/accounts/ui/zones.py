"""Times as a person reads them: in their own zone, with the zone's name."""

from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

TIME_FORMAT = "%a %d %b, %H:%M"


def zone_of(user: Any) -> tzinfo:
    """The agent's own time zone; UTC when the account holds a name the system does not know."""
    try:
        return ZoneInfo(getattr(user, "timezone", "") or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def local_text(moment: datetime | str | None, zone: tzinfo) -> str:
    if moment is None:
        return "—"
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    local = moment.astimezone(zone)
    return f"{local.strftime(TIME_FORMAT)} {local.tzname()}"
