"""SLA models. Import them from here: ``from caredesk.sla.models import SlaPolicy``."""

from caredesk.sla.models.acknowledgement import AcknowledgementTemplate
from caredesk.sla.models.calendar import BusinessCalendar, ClosedDate
from caredesk.sla.models.clock import TicketClock
from caredesk.sla.models.policy import SlaPolicy

__all__ = ["AcknowledgementTemplate", "BusinessCalendar", "ClosedDate", "SlaPolicy", "TicketClock"]
