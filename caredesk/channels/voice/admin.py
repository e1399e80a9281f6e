from django.contrib import admin

from caredesk.channels.voice.models import CallbackRequest, CallEvent, CallRecord, VoiceIntegration


@admin.register(VoiceIntegration)
class VoiceIntegrationAdmin(admin.ModelAdmin):
    list_display = ["name", "provider", "team", "callback_within_minutes", "is_active"]


@admin.register(CallRecord)
class CallRecordAdmin(admin.ModelAdmin):
    list_display = ["created_at", "direction", "from_number", "to_number", "outcome"]
    raw_id_fields = ["message"]


@admin.register(CallEvent)
class CallEventAdmin(admin.ModelAdmin):
    list_display = ["received_at", "integration", "state", "provider_call_id", "field"]
    list_filter = ["state"]
    raw_id_fields = ["call"]


@admin.register(CallbackRequest)
class CallbackRequestAdmin(admin.ModelAdmin):
    list_display = ["due_at", "phone_number", "ticket", "overdue_notified_at", "completed_at"]
    raw_id_fields = ["call", "ticket"]
