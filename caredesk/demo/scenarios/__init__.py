"""What the demo customers write about, and what the team answers, by kind of request."""

from caredesk.demo.scenarios.billing import BILLING_SCENARIOS
from caredesk.demo.scenarios.conversation import Scenario, Thread
from caredesk.demo.scenarios.support import SUPPORT_SCENARIOS
from caredesk.demo.scenarios.technical import OUTAGE, TECHNICAL_SCENARIOS

SCENARIOS = (*BILLING_SCENARIOS, *TECHNICAL_SCENARIOS, *SUPPORT_SCENARIOS)

__all__ = ["OUTAGE", "SCENARIOS", "Scenario", "Thread"]
