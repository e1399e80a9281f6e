from django.urls import path

from caredesk.channels.social import views

app_name = "channels_social"

urlpatterns = [
    path("<int:channel_id>", views.receive, name="receive"),
]
