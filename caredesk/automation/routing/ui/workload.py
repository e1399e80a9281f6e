"""The workload table of the routing screen.

Workload is a read of analytics (``caredesk.analytics``), a layer above automation; analytics
provides it at start-up (``caredesk.analytics.apps``).
"""

from collections.abc import Callable, Sequence
from typing import Any

from caredesk.accounts.models import Team

TeamWorkload = Callable[[Team], Sequence[Any]]
_workload: list[TeamWorkload] = []


def provide_team_workload(reader: TeamWorkload) -> None:
    """Register ``reader(team)``: a row per agent of the team; registering again replaces it."""
    _workload[:] = [reader]


def team_workload(team: Team) -> Sequence[Any]:
    return _workload[0](team)
