"""Webhooks of email providers; anymail's views check signatures (settings.ANYMAIL)."""

from anymail.webhooks.mailgun import MailgunInboundWebhookView, MailgunTrackingWebhookView
from anymail.webhooks.postmark import PostmarkInboundWebhookView, PostmarkTrackingWebhookView
from django.urls import path, re_path

app_name = "channels_email"

urlpatterns = [
    re_path(
        r"^mailgun/inbound(_mime)?/$",
        MailgunInboundWebhookView.as_view(),
        name="mailgun_inbound",
    ),
    path("postmark/inbound/", PostmarkInboundWebhookView.as_view(), name="postmark_inbound"),
    # Delivery reports: bounces and rejections mark the reply failed (services/delivery_reports).
    path("mailgun/tracking/", MailgunTrackingWebhookView.as_view(), name="mailgun_tracking"),
    path("postmark/tracking/", PostmarkTrackingWebhookView.as_view(), name="postmark_tracking"),
]
