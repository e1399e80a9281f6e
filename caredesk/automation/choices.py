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
