from caredesk.channels.email.models.inbound import InboundEmail, InboundSource, InboundState
from caredesk.channels.email.models.mailbox import Mailbox, MailboxConnection
from caredesk.channels.email.models.outbound import OutboundEmail, OutboundState

__all__ = [
    "InboundEmail",
    "InboundSource",
    "InboundState",
    "Mailbox",
    "MailboxConnection",
    "OutboundEmail",
    "OutboundState",
]
