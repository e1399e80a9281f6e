"""An agent's availability moves from the chat capacity row to ``accounts.AgentProfile``, the one
availability routing and chats both read. Each agent's chat availability is copied first."""

from django.db import migrations, models


def copy_availability(apps, schema_editor):
    capacity_model = apps.get_model("channels_chat", "AgentChatCapacity")
    profile_model = apps.get_model("accounts", "AgentProfile")
    rows = capacity_model.objects.values_list("user_id", "availability")
    for user_id, availability in rows.iterator(chunk_size=500):
        profile_model.objects.update_or_create(
            user_id=user_id, defaults={"availability": availability}
        )


def copy_back(apps, schema_editor):
    capacity_model = apps.get_model("channels_chat", "AgentChatCapacity")
    profile_model = apps.get_model("accounts", "AgentProfile")
    rows = profile_model.objects.values_list("user_id", "availability")
    for user_id, availability in rows.iterator(chunk_size=500):
        capacity_model.objects.filter(user_id=user_id).update(availability=availability)


class Migration(migrations.Migration):
    dependencies = [
        ("channels_chat", "0002_chat_timeouts_and_team_settings"),
        ("accounts", "0003_agent_availability_skills_and_shifts"),
    ]

    operations = [
        migrations.RunPython(copy_availability, copy_back),
        migrations.RemoveIndex(model_name="agentchatcapacity", name="chat_agent_online"),
        migrations.RemoveField(model_name="agentchatcapacity", name="availability"),
        migrations.AddIndex(
            model_name="agentchatcapacity",
            index=models.Index(fields=["last_seen_at"], name="chat_agent_seen"),
        ),
    ]
