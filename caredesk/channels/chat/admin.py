from django.contrib import admin

from caredesk.channels.chat.models import TeamChatSettings


@admin.register(TeamChatSettings)
class TeamChatSettingsAdmin(admin.ModelAdmin):
    list_display = ["team", "accept_within_minutes", "close_idle_after_minutes"]
