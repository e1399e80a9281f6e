from django.urls import path

from caredesk.channels.chat import views

app_name = "chat"

urlpatterns = [
    path("demo/", views.demo_page, name="demo"),
]
