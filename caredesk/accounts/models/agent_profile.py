from django.db import models

from caredesk.accounts.choices import Availability

DEFAULT_MAX_OPEN_LOAD = 8


class AgentProfile(models.Model):
    """What routing knows about an agent: whether they work now, what they can take, how much.

    Created on first use; an agent without a row is offline, speaks their interface language and
    has the default capacity.
    """

    user = models.OneToOneField(
        "accounts.User", on_delete=models.CASCADE, primary_key=True, related_name="agent_profile"
    )
    availability = models.CharField(
        max_length=10, choices=Availability.choices, default=Availability.OFFLINE
    )
    availability_changed_at = models.DateTimeField(null=True, blank=True)
    # Language codes (ISO 639-1, as intelligence detects them); empty: the interface language.
    languages = models.JSONField(default=list, blank=True)
    # Free-form tags matched against a ticket's category and tags: "billing", a product name.
    skills = models.JSONField(default=list, blank=True)
    # Channels the agent answers; empty: every channel.
    channels = models.JSONField(default=list, blank=True)
    # 1 is first line; urgent and VIP tickets prefer the highest tier that fits.
    tier = models.PositiveSmallIntegerField(default=1)
    # Most weighted open tickets routing gives the agent (a normal ticket weighs 1).
    max_open_load = models.PositiveSmallIntegerField(default=DEFAULT_MAX_OPEN_LOAD)

    def __str__(self) -> str:
        return f"agent profile of {self.user_id}"

    @property
    def spoken_languages(self) -> list[str]:
        return list(self.languages) or [self.user.language]


class AgentShift(models.Model):
    """A weekly working window in the agent's time zone. With none, the agent has no fixed shift;
    with some, they count as unavailable outside them. A night shift is two rows."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="shifts")
    weekday = models.PositiveSmallIntegerField()  # Monday 0 ... Sunday 6, as datetime.weekday()
    starts_at = models.TimeField()
    ends_at = models.TimeField()

    class Meta:
        ordering = ["weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="shift_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="shift_weekday_range"),
        ]

    def __str__(self) -> str:
        return f"shift of {self.user_id} on day {self.weekday}"
