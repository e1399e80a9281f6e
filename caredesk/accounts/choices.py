from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "Admin"  # everything, including team policy and settings
    SUPERVISOR = "supervisor", "Supervisor"  # their teams' tickets, approvals, reassignments
    AGENT = "agent", "Agent"  # their teams' tickets and tickets assigned to them
    CUSTOMER = "customer", "Customer"  # the portal: their own (or their organisation's) tickets


STAFF_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.AGENT})
