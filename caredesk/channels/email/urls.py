"""Webhooks of email providers; anymail's views check signatures (settings.ANYMAIL), and each is
shut until its provider's secret is set (provider_webhooks)."""

from anymail.webhooks.mailgun import MailgunInboundWebhookView, MailgunTrackingWebhookView
from anymail.webhooks.postmark import PostmarkInboundWebhookView, PostmarkTrackingWebhookView
from django.urls import path, re_path

from caredesk.channels.email.provider_webhooks import MAILGUN, POSTMARK, guarded

app_name = "channels_email"

urlpatterns = [
    re_path(
        r"^mailgun/inbound(_mime)?/$",
        guarded(MAILGUN, MailgunInboundWebhookView.as_view()),
        name="mailgun_inbound",
    ),
    path(
        "postmark/inbound/",
        guarded(POSTMARK, PostmarkInboundWebhookView.as_view()),
        name="postmark_inbound",
    ),
    # Delivery reports: bounces and rejections mark the reply failed (services/delivery_reports).
    path(
        "mailgun/tracking/",
        guarded(MAILGUN, MailgunTrackingWebhookView.as_view()),
        name="mailgun_tracking",
    ),
    path(
        "postmark/tracking/",
        guarded(POSTMARK, PostmarkTrackingWebhookView.as_view()),
        name="postmark_tracking",
    ),
]
