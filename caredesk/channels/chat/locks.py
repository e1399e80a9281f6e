"""Row locks for chat services. Take an agent's capacity row before any chat session row, and
several capacity rows in ascending user id, so two services never wait on each other in a cycle."""

from caredesk.accounts.models import User
from caredesk.channels.chat.models import AgentChatCapacity, ChatSession


def locked_session(session_id: int) -> ChatSession:
    """Fetch the session again under a row lock. Call inside ``transaction.atomic``."""
    return (
        ChatSession.objects.select_for_update(of=("self",))
        .select_related("ticket", "customer", "agent", "team")
        .get(pk=session_id)
    )


def locked_capacity(agent: User) -> AgentChatCapacity:
    """The agent's capacity row, created with the defaults on first use, under a row lock."""
    AgentChatCapacity.objects.bulk_create([AgentChatCapacity(user=agent)], ignore_conflicts=True)
    return AgentChatCapacity.objects.select_for_update().get(pk=agent.pk)
