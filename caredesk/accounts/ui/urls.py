from django.urls import path

from caredesk.accounts.ui import account, notifications, team_settings

urlpatterns = [
    path("notifications/", notifications.notifications_page, name="notifications"),
    path("notifications/read/", notifications.mark_notifications_read, name="notifications_read"),
    path("tickets/<int:ticket_id>/", notifications.ticket_link, name="ticket_link"),
    path("settings/teams/", team_settings.team_settings, name="team_settings"),
    path("settings/teams/<int:team_id>/on-call/", team_settings.team_on_call, name="team_on_call"),
    path("account/tokens/", account.tokens_page, name="tokens"),
    path("account/tokens/<int:token_id>/revoke/", account.revoke_token_view, name="token_revoke"),
    path("account/profile/", account.profile_page, name="profile"),
]
