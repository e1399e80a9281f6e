from django.contrib import admin
from django.urls import include, path

from caredesk.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("email/", include("caredesk.channels.email.urls")),
    path("chat/", include("caredesk.channels.chat.urls")),
    path("hooks/voice/", include("caredesk.channels.voice.urls")),
    path("hooks/social/", include("caredesk.channels.social.urls")),
    path("", include("caredesk.web.urls")),
]
