from django.db import models


class ChatState(models.TextChoices):
    WAITING = "waiting", "Waiting"  # in the queue of its team; no agent yet
    ACTIVE = "active", "Active"  # an agent accepted it and is chatting
    ENDED = "ended", "Ended"  # finished; the transcript stays on the ticket
    CONVERTED = (
        "converted",
        "Answered by email",
    )  # nobody was available; the ticket goes on by email


OPEN_STATES = (ChatState.WAITING, ChatState.ACTIVE)
