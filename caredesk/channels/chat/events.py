"""Timeline event kinds the chat adds to its ticket (written with ``tickets.events.record_event``)."""

from django.db import models


class ChatEventKind(models.TextChoices):
    STARTED = "chat.started"
    ACCEPTED = "chat.accepted"
    TRANSFERRED = "chat.transferred"
    ENDED = "chat.ended"
    CONVERTED = "chat.converted"
