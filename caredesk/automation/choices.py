from django.db import models


class ActionKind(models.TextChoices):
    """Actions that give the customer money or value; each has an amount and needs authority."""

    REFUND = "refund", "Refund"  # money back for a purchase
    CREDIT = "credit", "Credit"  # a balance on the customer's account
    GOODWILL = "goodwill", "Goodwill gesture"  # a voucher or gift to make up for trouble


class ApprovalState(models.TextChoices):
    PENDING = "pending", "Pending"  # waiting for a supervisor (or an admin)
    APPROVED = "approved", "Approved"
    DENIED = "denied", "Denied"
    CANCELLED = "cancelled", "Cancelled"  # withdrawn by the agent who asked


class ApprovalEventKind(models.TextChoices):
    """Timeline event kinds written by this app; all internal, never shown in the portal."""

    WITHIN_AUTHORITY = "approval.within_authority"
    REQUESTED = "approval.requested"
    APPROVED = "approval.approved"
    DENIED = "approval.denied"
    CANCELLED = "approval.cancelled"


class MacroEventKind(models.TextChoices):
    """Timeline event kinds of macros; internal, the customer sees the reply itself."""

    APPLIED = "macro.applied"


class RuleKind(models.TextChoices):
    EVENT = "event", "Event trigger"  # runs when one of its events happens to a ticket
    TIME = "time", "Time automation"  # runs when its hours_since conditions come due


class RuleEvent(models.TextChoices):
    """What an event trigger listens to. Add a value here (and publish it from a handler) to let
    rules react to something new, such as a survey answer once surveys exist."""

    TICKET_CREATED = "ticket_created", "Ticket created"
    TICKET_UPDATED = "ticket_updated", "Ticket updated"
    MESSAGE_RECEIVED = "message_received", "Message received"
    SLA_WARNING = "sla_warning", "SLA warning"
    SLA_BREACH = "sla_breach", "SLA breach"


class WebhookState(models.TextChoices):
    QUEUED = "queued", "Queued"  # waiting for its first attempt or a retry
    DELIVERED = "delivered", "Delivered"  # the receiver answered 2xx
    FAILED = "failed", "Failed"  # every attempt failed; nobody will retry


class RuleEventKind(models.TextChoices):
    """Timeline event kinds written by rules; all internal."""

    FIRED = "rule.fired"
    FAILED = "rule.failed"  # its actions were undone: the error says why (a team deleted...)
    WEBHOOK_QUEUED = "rule.webhook_queued"
    WEBHOOK_DELIVERED = "rule.webhook_delivered"
    WEBHOOK_FAILED = "rule.webhook_failed"


class RoutingMode(models.TextChoices):
    MANUAL = "manual", "Manual"  # tickets wait in the team queue for someone to take them
    ROUND_ROBIN = "round_robin", "Round robin"  # each available agent in turn
    LEAST_LOADED = "least_loaded", "Least loaded"  # whoever has the most room left
    SKILLS_BASED = "skills_based", "Skills based"  # language and skills first, then least loaded


class RoutingEventKind(models.TextChoices):
    """Timeline event kinds of routing; internal. Each carries a ``summary`` sentence."""

    ASSIGNED = "routing.assigned"  # routing chose an agent
    WAITING = "routing.waiting"  # nobody could take it: it waits in the team queue
    REASSIGNED = "routing.reassigned"  # taken from an agent who went offline or did not answer
