"""The agent's Chats page: the waiting queue with waiting times, and the chats they are in.

The page renders the queue once; ``web/chats.js`` then keeps it live over the agent WebSocket
(``/ws/chat/agent/``) and runs the conversations: accept, reply, typing, transfer, end.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from caredesk.accounts.models import Team
from caredesk.accounts.services.agent_profiles import profile_of
from caredesk.accounts.ui.access import current_user, staff_only
from caredesk.channels.chat import selectors as chat_selectors
from caredesk.core import clock


@require_GET
@staff_only
def chats_page(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    now = clock.now()
    return render(
        request,
        "chat/agent_page.html",
        {
            "waiting": chat_selectors.waiting_chats_for(user, now=now),
            "mine": chat_selectors.active_chats_of(user),
            "capacity": chat_selectors.capacity_of(user),
            "availability": profile_of(user).availability,
            "teams": Team.objects.order_by("name"),
            "colleagues": chat_selectors.online_agents(None, now=now).exclude(pk=user.pk),
        },
    )
