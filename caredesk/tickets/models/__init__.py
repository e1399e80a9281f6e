"""Tickets models. Import them from here: ``from caredesk.tickets.models import Ticket``."""

from caredesk.tickets.models.category import Category
from caredesk.tickets.models.custom_field import CustomFieldDefinition
from caredesk.tickets.models.event import TicketEvent
from caredesk.tickets.models.link import TicketLink
from caredesk.tickets.models.message import Attachment, Message
from caredesk.tickets.models.tag import Tag
from caredesk.tickets.models.ticket import Ticket

__all__ = [
    "Attachment",
    "Category",
    "CustomFieldDefinition",
    "Message",
    "Tag",
    "Ticket",
    "TicketEvent",
    "TicketLink",
]
