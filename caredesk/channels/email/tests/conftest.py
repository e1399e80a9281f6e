from caredesk.channels.email.tests.fixtures import (  # noqa: F401
    dovecot,
    imap_mailbox,
    mailbox,
    smtp_sink,
)
