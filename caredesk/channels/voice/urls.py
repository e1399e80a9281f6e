from django.urls import path

from caredesk.channels.voice import views

app_name = "channels_voice"

urlpatterns = [
    path("twilio", views.twilio_call_event, name="twilio"),
]
