"""Chat fixtures: a fresh in-memory channel layer per test, online agents, started chats."""

import pytest
from django.apps import apps

from caredesk.accounts.choices import Availability
from caredesk.accounts.tests.factories import UserFactory
from caredesk.channels.chat import broadcasts
from caredesk.channels.chat.services.availability import set_availability
from caredesk.channels.chat.services.sessions import start_chat

# Real subprocess databases (a migrated SQLite file per test, a PostgreSQL database in the
# PostgreSQL pass), shared with the real-worker suite.
from tests.worker.conftest import (  # noqa: F401
    migrated_sqlite,
    postgres_database,
    sqlite_database,
)

GREETING = "Hello {greeting_name}, thanks for reaching out! An agent will be with you in a moment."


@pytest.fixture(autouse=True)
def _fresh_channel_layer(settings):
    # The in-memory layer binds its queues to an event loop; each test runs its own loop.
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


@pytest.fixture
def chat_greeting(db):
    """The live-chat greeting the default policies install (``sla.services.defaults``)."""
    template = apps.get_model("sla", "AcknowledgementTemplate")
    return template.objects.create(channel="chat", language="en", body=GREETING)


@pytest.fixture
def online_agent(agent):
    set_availability(agent, availability=Availability.ONLINE)
    return agent


@pytest.fixture
def online_colleague(team):
    colleague = UserFactory(email="bea@example.com", name="Bea Backup", teams=[team])
    set_availability(colleague, availability=Availability.ONLINE)
    return colleague


@pytest.fixture
def start(team):
    """``start(text=...)``: a chat started by Vera Visitor in the Support team."""

    def make(text="Where is my parcel?", email="vera@example.com", name="Vera Visitor"):
        return start_chat(name=name, email=email, text=text, team=team)

    return make


@pytest.fixture
def broadcasts_at_once(monkeypatch):
    """Deliver broadcasts immediately: a test's transaction never commits, so after-commit
    callbacks would never run. The live-server test covers the real after-commit path."""
    monkeypatch.setattr(broadcasts, "send_after_commit", broadcasts.send_now)
