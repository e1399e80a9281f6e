from django.contrib import admin

from caredesk.channels.social.models import (
    Conversation,
    InboundPayload,
    OutboundDelivery,
    SocialChannel,
)


@admin.register(SocialChannel)
class SocialChannelAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "team", "callback_url", "is_active"]


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ["channel", "external_id", "ticket", "customer", "updated_at"]
    raw_id_fields = ["ticket", "customer"]


@admin.register(InboundPayload)
class InboundPayloadAdmin(admin.ModelAdmin):
    list_display = ["received_at", "channel", "state", "external_message_id", "field"]
    list_filter = ["state"]
    raw_id_fields = ["message"]


@admin.register(OutboundDelivery)
class OutboundDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "channel",
        "state",
        "attempts",
        "next_attempt_at",
        "response_code",
    ]
    list_filter = ["state"]
    raw_id_fields = ["message", "conversation"]
