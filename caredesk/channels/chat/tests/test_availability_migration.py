"""The chat availability moves to the agent profile: each agent keeps the one they had."""

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("channels_chat", "0002_chat_timeouts_and_team_settings"),
    ("accounts", "0003_agent_availability_skills_and_shifts"),
]
AFTER = [("channels_chat", "0003_chat_availability_moves_to_agent_profile")]
ALL_APPS = [config.name for config in apps.get_app_configs()]


# It commits, so the database is flushed after it (``available_apps`` makes that cascade into the
# raw search table) and migration-made rows go too: ``make test`` runs it in the isolated pass.
@pytest.mark.flushes_database
@pytest.mark.django_db(transaction=True, available_apps=ALL_APPS)
def test_each_agent_keeps_their_chat_availability():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user_model = old.get_model("accounts", "User")
    capacity_model = old.get_model("channels_chat", "AgentChatCapacity")
    online = user_model.objects.create(email="on@example.com", name="On", role="agent")
    away = user_model.objects.create(email="away@example.com", name="Away", role="agent")
    capacity_model.objects.create(user_id=online.pk, availability="online")
    capacity_model.objects.create(user_id=away.pk, availability="away")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    profile_model = new.get_model("accounts", "AgentProfile")

    assert dict(profile_model.objects.values_list("user_id", "availability")) == {
        online.pk: "online",
        away.pk: "away",
    }
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
