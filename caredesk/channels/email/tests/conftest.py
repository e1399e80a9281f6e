from caredesk.channels.email.tests.fixtures import (  # noqa: F401
    anymail_webhooks,
    dovecot,
    imap_mailbox,
    mailbox,
    smtp_sink,
)
