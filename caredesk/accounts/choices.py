from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "Admin"  # everything, including team policy and settings
    SUPERVISOR = "supervisor", "Supervisor"  # their teams' tickets, approvals, reassignments
    AGENT = "agent", "Agent"  # their teams' tickets and tickets assigned to them
    CUSTOMER = "customer", "Customer"  # the portal: their own (or their organisation's) tickets


STAFF_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.AGENT})


class Availability(models.TextChoices):
    ONLINE = "online", "Online"  # takes new work now
    AWAY = "away", "Away"  # keeps their tickets, takes nothing new
    OFFLINE = "offline", "Offline"  # not working; their tickets may go back to routing
