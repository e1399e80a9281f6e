"""SLA models. Import them from here: ``from caredesk.sla.models import SlaPolicy``."""

from caredesk.sla.models.acknowledgement import AcknowledgementTemplate
from caredesk.sla.models.calendar import BusinessCalendar, ClosedDate
from caredesk.sla.models.clock import TicketClock
from caredesk.sla.models.escalation import EscalationRule, EscalationTrigger, PendingEscalation
from caredesk.sla.models.policy import SlaPolicy
from caredesk.sla.models.timer import LifecycleSettings, TicketTimer, TimerKind

__all__ = [
    "AcknowledgementTemplate",
    "BusinessCalendar",
    "ClosedDate",
    "EscalationRule",
    "EscalationTrigger",
    "LifecycleSettings",
    "PendingEscalation",
    "SlaPolicy",
    "TicketClock",
    "TicketTimer",
    "TimerKind",
]
