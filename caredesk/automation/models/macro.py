from django.db import models

from caredesk.tickets.choices import Priority, TicketStatus


class Macro(models.Model):
    """A canned reply with actions bundled: one click answers and sets the ticket up.

    Its scope is global (no team, no owner), one team's (``team``), or one agent's own
    (``owner``). The reply is written once per language in ``translations``; a macro without
    any translation only runs its actions.
    """

    name = models.CharField(max_length=100)
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.CASCADE, null=True, blank=True, related_name="macros"
    )
    owner = models.ForeignKey(
        "accounts.User",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="personal_macros",
    )
    is_active = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)
    # The reply used when none is written in the customer's language.
    default_language = models.CharField(max_length=10, default="en")

    # The bundled actions; empty or null leaves that part of the ticket alone.
    set_status = models.CharField(max_length=10, choices=TicketStatus.choices, blank=True)
    set_priority = models.PositiveSmallIntegerField(choices=Priority.choices, null=True, blank=True)
    add_tags = models.JSONField(default=list, blank=True)
    remove_tags = models.JSONField(default=list, blank=True)
    assign_to_me = models.BooleanField(default=False)
    internal_note = models.TextField(blank=True)

    usage_count = models.PositiveIntegerField(default=0)
    last_used_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["position", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(team__isnull=True) | models.Q(owner__isnull=True),
                name="macro_team_or_owner",
            ),
        ]
        indexes = [models.Index(fields=["team", "is_active", "position"], name="macro_team")]

    def __str__(self) -> str:
        return self.name

    @property
    def scope(self) -> str:
        if self.owner_id is not None:
            return "personal"
        return "team" if self.team_id is not None else "global"


class MacroTranslation(models.Model):
    """The macro's reply in one language; placeholders are checked when it is saved."""

    macro = models.ForeignKey(Macro, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=10)
    body = models.TextField()

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["macro", "language"], name="one_macro_body_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.macro} ({self.language})"


class MacroUsage(models.Model):
    """How often one agent used one macro, to order their picker and show who relies on it."""

    macro = models.ForeignKey(Macro, on_delete=models.CASCADE, related_name="usages")
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField(default=0)
    last_used_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["macro", "user"], name="one_macro_usage_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.macro} by {self.user_id}: {self.count}"
