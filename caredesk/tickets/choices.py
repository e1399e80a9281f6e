from django.db import models


class TicketStatus(models.TextChoices):
    NEW = "new", "New"  # nobody on the team has acted yet
    OPEN = "open", "Open"  # the team owes the customer something
    PENDING = "pending", "Pending"  # waiting for the customer
    ON_HOLD = "on_hold", "On hold"  # waiting for a third party
    SOLVED = "solved", "Solved"  # answered; the customer may still reopen it by replying
    CLOSED = "closed", "Closed"  # final; a reply opens a linked follow-up ticket


# What a customer is told in the portal: plain words, not workflow jargon.
CUSTOMER_STATUS_TEXT = {
    TicketStatus.NEW: "Received — we will get back to you",
    TicketStatus.OPEN: "We are working on it",
    TicketStatus.PENDING: "Waiting for your reply",
    TicketStatus.ON_HOLD: "Waiting on a third party — we will update you",
    TicketStatus.SOLVED: "Solved — reply if you still need help",
    TicketStatus.CLOSED: "Closed",
}

UNRESOLVED_STATUSES = (
    TicketStatus.NEW,
    TicketStatus.OPEN,
    TicketStatus.PENDING,
    TicketStatus.ON_HOLD,
)


class Priority(models.IntegerChoices):
    # Stored as integers so queues sort by urgency with an index; the API speaks the names.
    LOW = 1, "low"
    NORMAL = 2, "normal"
    HIGH = 3, "high"
    URGENT = 4, "urgent"


PRIORITY_BY_NAME = {priority.label: priority for priority in Priority}


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    WEB = "web", "Web form"
    CHAT = "chat", "Live chat"
    PHONE = "phone", "Phone"
    SOCIAL = "social", "Social"
    API = "api", "API"
    INTERNAL = "internal", "Agent workspace"


class AuthorKind(models.TextChoices):
    CUSTOMER = "customer", "Customer"
    AGENT = "agent", "Agent"
    SYSTEM = "system", "System"


class LinkKind(models.TextChoices):
    RELATED = "related", "Related"
    PARENT_CHILD = "parent_child", "Parent of"  # source is the parent, target the child
    PROBLEM_INCIDENT = "problem_incident", "Problem of"  # source is the problem, target an incident


class CustomFieldType(models.TextChoices):
    TEXT = "text", "Text"
    NUMBER = "number", "Number"
    DATE = "date", "Date"
    CHOICE = "choice", "Choice"
