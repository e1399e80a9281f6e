"""Phone channel models. Import them from here."""

from caredesk.channels.voice.models.call import CallEvent, CallRecord
from caredesk.channels.voice.models.callback import CallbackRequest
from caredesk.channels.voice.models.integration import VoiceIntegration

__all__ = ["CallEvent", "CallRecord", "CallbackRequest", "VoiceIntegration"]
