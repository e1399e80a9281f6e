from django.db import models


class BusinessCalendar(models.Model):
    """When the team works: a time zone, weekly hours (split shifts allowed) and closed days.

    ``weekly_hours`` maps a weekday ("0" = Monday) to ``[["09:00", "12:00"], ["13:00", "17:00"]]``;
    a close of "24:00" means midnight. Public holidays come from the ``holidays`` package for
    ``holiday_country`` (and ``holiday_subdivision``), plus this calendar's own ``ClosedDate`` rows.
    """

    name = models.CharField(max_length=100, unique=True)
    timezone = models.CharField(max_length=64, default="UTC")
    weekly_hours = models.JSONField(default=dict, blank=True)
    holiday_country = models.CharField(max_length=2, blank=True)
    holiday_subdivision = models.CharField(max_length=10, blank=True)
    always_open = models.BooleanField(default=False)
    is_default = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_calendar",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ClosedDate(models.Model):
    calendar = models.ForeignKey(
        BusinessCalendar, on_delete=models.CASCADE, related_name="closed_dates"
    )
    date = models.DateField()
    name = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["calendar", "date"], name="unique_closed_date")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"
