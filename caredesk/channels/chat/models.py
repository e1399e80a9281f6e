from django.db import models

from caredesk.channels.chat.choices import ChatState

DEFAULT_MAX_CONCURRENT_CHATS = 3
DEFAULT_ACCEPT_WITHIN_MINUTES = 5
DEFAULT_CLOSE_IDLE_AFTER_MINUTES = 30


class ChatSession(models.Model):
    """One live conversation. Its transcript is the ticket's messages, stored as they happen."""

    ticket = models.OneToOneField(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="chat_session"
    )
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.PROTECT, related_name="chat_sessions"
    )
    # The visitor's bearer secret, kept only as a SHA-256 hash.
    visitor_token_hash = models.CharField(max_length=64, unique=True)
    state = models.CharField(max_length=10, choices=ChatState.choices, default=ChatState.WAITING)
    agent = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chat_sessions",
    )
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chat_sessions",
    )
    started_at = models.DateTimeField()
    # When the current wait began: the start, or the last transfer back to a team queue.
    queued_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    last_seen_at = models.DateTimeField()
    # When an open chat times out: a waiting one is answered by email, an active one closes.
    timeout_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["queued_at", "id"]
        indexes = [
            # The waiting queue of a team, oldest first; and an agent's current chats.
            models.Index(fields=["state", "team", "queued_at"], name="chat_queue"),
            models.Index(fields=["agent", "state"], name="chat_agent_state"),
            models.Index(
                fields=["timeout_at"],
                condition=models.Q(state__in=["waiting", "active"]),
                name="chat_timeout_due",
            ),
        ]

    def __str__(self) -> str:
        return f"chat {self.pk} on #{self.ticket_id}"


class AgentChatCapacity(models.Model):
    """How many chats an agent takes at once, and when their Chats page was last heard from.

    Whether they take new work at all is their availability (``accounts.AgentProfile``), the
    same one routing reads: online takes chats while under the limit, away keeps current chats.
    """

    user = models.OneToOneField(
        "accounts.User", on_delete=models.CASCADE, primary_key=True, related_name="chat_capacity"
    )
    max_concurrent = models.PositiveSmallIntegerField(default=DEFAULT_MAX_CONCURRENT_CHATS)
    # Refreshed by the agent's open Chats page; an old value means the page is gone.
    last_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["last_seen_at"], name="chat_agent_seen")]

    def __str__(self) -> str:
        return f"chat capacity of {self.user_id}"


class TeamChatSettings(models.Model):
    """A team's chat timeouts; a team without a row uses the defaults."""

    team = models.OneToOneField(
        "accounts.Team", on_delete=models.CASCADE, primary_key=True, related_name="chat_settings"
    )
    # A chat nobody accepts within this becomes an email conversation.
    accept_within_minutes = models.PositiveSmallIntegerField(default=DEFAULT_ACCEPT_WITHIN_MINUTES)
    # An accepted chat with no message for this long closes.
    close_idle_after_minutes = models.PositiveSmallIntegerField(
        default=DEFAULT_CLOSE_IDLE_AFTER_MINUTES
    )

    def __str__(self) -> str:
        return f"chat settings of team {self.team_id}"
