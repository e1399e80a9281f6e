"""Live chat's timeline events in plain words: started, accepted, transferred, ended, converted."""

from caredesk.channels.chat.events import ChatEventKind
from caredesk.core.screens import Reading, Sentence


def _waited(seconds: object) -> str:
    minutes, rest = divmod(int(seconds) if isinstance(seconds, int | float) else 0, 60)
    return f"{minutes}m {rest}s" if minutes else f"{rest}s"


def _transferred(reading: Reading) -> str:
    if reading.data.get("to_agent_id"):
        return f"{reading.actor} handed the chat to another agent"
    if reading.data.get("to_team_id"):
        return f"{reading.actor} handed the chat to another team"
    return f"{reading.actor} put the chat back in the queue"


def _ended(reading: Reading) -> str:
    reason = reading.data.get("reason")
    return f"{reading.actor} ended the chat" + (f" ({reason})" if reason else "")


def _converted(reading: Reading) -> str:
    reason = reading.data.get("reason")
    return "The chat became a ticket answered by email" + (f": {reason}" if reason else "")


SENTENCES: dict[str, Sentence] = {
    ChatEventKind.STARTED: lambda reading: f"{reading.actor} started a chat",
    ChatEventKind.ACCEPTED: lambda reading: (
        f"{reading.actor} took the chat after {_waited(reading.data.get('waited_seconds'))} waiting"
    ),
    ChatEventKind.TRANSFERRED: _transferred,
    ChatEventKind.ENDED: _ended,
    ChatEventKind.CONVERTED: _converted,
}
