from django.db import models


def default_pause_statuses() -> list[str]:
    return ["pending", "on_hold"]


class SlaPolicy(models.Model):
    """Targets for the tickets matching ``conditions``; the first active policy in order wins.

    ``conditions`` may hold ``priority`` (names), ``category`` (slugs), ``channel``,
    ``organisation_ids`` (lists, any of) and ``vip`` (bool); an empty dict matches every ticket.
    A target of None is not measured. Each target counts business time on ``calendar`` when its
    ``*_business_hours`` flag is set, wall-clock time otherwise.
    """

    name = models.CharField(max_length=100, unique=True)
    position = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    conditions = models.JSONField(default=dict, blank=True)
    calendar = models.ForeignKey(
        "sla.BusinessCalendar",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="policies",
    )
    first_response_minutes = models.PositiveIntegerField(null=True, blank=True)
    first_response_business_hours = models.BooleanField(default=True)
    next_response_minutes = models.PositiveIntegerField(null=True, blank=True)
    next_response_business_hours = models.BooleanField(default=True)
    periodic_update_minutes = models.PositiveIntegerField(null=True, blank=True)
    periodic_update_business_hours = models.BooleanField(default=True)
    resolution_minutes = models.PositiveIntegerField(null=True, blank=True)
    resolution_business_hours = models.BooleanField(default=True)
    pause_statuses = models.JSONField(default=default_pause_statuses, blank=True)
    warn_at_percent = models.PositiveSmallIntegerField(default=75)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "SLA policy"
        verbose_name_plural = "SLA policies"

    def __str__(self) -> str:
        return self.name
