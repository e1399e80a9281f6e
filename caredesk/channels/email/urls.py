"""Webhooks of email providers; anymail's views check signatures (settings.ANYMAIL)."""

from anymail.webhooks.mailgun import MailgunInboundWebhookView
from anymail.webhooks.postmark import PostmarkInboundWebhookView
from django.urls import path, re_path

app_name = "channels_email"

urlpatterns = [
    re_path(
        r"^mailgun/inbound(_mime)?/$",
        MailgunInboundWebhookView.as_view(),
        name="mailgun_inbound",
    ),
    path("postmark/inbound/", PostmarkInboundWebhookView.as_view(), name="postmark_inbound"),
]
