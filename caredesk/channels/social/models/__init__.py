"""Social and API channel models. Import them from here."""

from caredesk.channels.social.models.channel import SocialChannel
from caredesk.channels.social.models.conversation import Conversation
from caredesk.channels.social.models.delivery import OutboundDelivery
from caredesk.channels.social.models.payload import InboundPayload

__all__ = ["Conversation", "InboundPayload", "OutboundDelivery", "SocialChannel"]
