from django.urls import path

from caredesk.channels.chat.ui import views

urlpatterns = [
    path("workspace/chats/", views.chats_page, name="chats"),
]
