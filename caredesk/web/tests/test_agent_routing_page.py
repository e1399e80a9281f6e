"""An agent's routing profile screen: skills, capacity, chats at once and shifts."""

from datetime import time

import pytest
from django.urls import reverse

from caredesk.accounts.models import AgentProfile, AgentShift
from caredesk.channels.chat.models import AgentChatCapacity

pytestmark = pytest.mark.django_db


def profile_form(**overrides):
    data = {
        "languages": "en, es",
        "skills": "billing, Widget Pro",
        "channels": ["email", "web"],
        "tier": "2",
        "max_open_load": "6",
        "max_concurrent_chats": "4",
        "shifts": "Mon 09:00-17:00\nTue 09:00-13:00",
    }
    return data | overrides


def test_a_supervisor_edits_an_agents_routing_profile(client_as, agent):
    response = client_as("supervisor").post(
        reverse("web:agent_routing", args=[agent.pk]), profile_form()
    )

    assert response.status_code == 302
    profile = AgentProfile.objects.get(pk=agent.pk)
    assert (profile.languages, profile.skills, profile.channels) == (
        ["en", "es"],
        ["billing", "widget pro"],
        ["email", "web"],
    )
    assert (profile.tier, profile.max_open_load) == (2, 6)
    assert list(AgentShift.objects.values_list("weekday", "starts_at", "ends_at")) == [
        (0, time(9), time(17)),
        (1, time(9), time(13)),
    ]
    assert AgentChatCapacity.objects.get(pk=agent.pk).max_concurrent == 4


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"shifts": "Someday 9-5"}, "is not like"),
        ({"shifts": "Mon 17:00-09:00"}, "A shift ends after it starts"),
        ({"languages": "english"}, "is not a language code"),
        ({"max_concurrent_chats": "50"}, "less than or equal to 20"),
    ],
)
def test_bad_profile_input_is_shown_and_nothing_saved(client_as, agent, overrides, message):
    response = client_as("supervisor").post(
        reverse("web:agent_routing", args=[agent.pk]), profile_form(**overrides)
    )

    assert response.status_code == 422
    assert message in response.text
    assert not AgentShift.objects.exists()
