"""A corpus of tricky emails, each asserting what is stored (``make_corpus.py`` wrote them)."""

from pathlib import Path

import pytest

from caredesk.channels.email.models import InboundState
from caredesk.channels.email.services.ingest import process_inbound, store_raw

CORPUS = Path(__file__).parent / "corpus"
P, F, IGN = InboundState.PROCESSED, InboundState.FLAGGED, InboundState.IGNORED

# file: (state, ticket subject, requester email, start of the displayed text, attachment names)
EXPECTED = {
    "01-plain.eml": (P, "Question", "cora@example.com", "Where is my parcel?", []),
    "02-latin1-qp.eml": (P, "Question", "cora@example.com", "Café crème brûlée", []),
    "03-cp1252-mislabelled.eml": (
        P,
        "Question",
        "cora@example.com",
        "Smart “quotes” and € sign",
        [],
    ),
    "04-base64-utf8.eml": (P, "Question", "cora@example.com", "Grüße aus München – ☃", []),
    "05-koi8r.eml": (P, "Question", "cora@example.com", "Привет, помогите", []),
    "06-shift-jis.eml": (P, "Question", "cora@example.com", "注文が届きません", []),
    "07-encoded-subject.eml": (P, "Rückerstattung für Bestellung", "cora@example.com", "Body", []),
    "08-unknown-charset.eml": (P, "Question", "cora@example.com", "café", []),
    "09-html-only-script.eml": (P, "Question", "cora@example.com", "Hello team", []),
    "10-gmail-quote.eml": (P, "Re: Router", "cora@example.com", "Thanks, that worked.", []),
    "11-outlook-quote.eml": (P, "RE: Router", "cora@example.com", "Still broken.", []),
    "12-outlook-header-block.eml": (P, "RE: Router", "cora@example.com", "See below.", []),
    "13-apple-quote.eml": (P, "Re: Router", "cora@example.com", "Sure.", []),
    "14-signature.eml": (P, "Question", "cora@example.com", "Please call me back.", []),
    "15-mobile-signature.eml": (P, "Question", "cora@example.com", "On my way.", []),
    "16-auto-submitted.eml": (IGN, None, None, None, None),
    "17-x-autoreply.eml": (IGN, None, None, None, None),
    "18-precedence-bulk.eml": (IGN, None, None, None, None),
    "19-noreply-sender.eml": (IGN, None, None, None, None),
    "20-no-message-id.eml": (P, "Question", "cora@example.com", "No id here", []),
    "21-no-from.eml": (
        F,
        "Who am I",
        "unknown-sender@caredesk.invalid",
        "caredesk could not",
        ["email-{pk}.eml"],
    ),
    "22-garbage.eml": (
        F,
        "(unreadable email)",
        "unknown-sender@caredesk.invalid",
        "caredesk could not",
        ["email-{pk}.eml"],
    ),
    "23-empty.eml": (
        F,
        "(unreadable email)",
        "unknown-sender@caredesk.invalid",
        "caredesk could not",
        ["email-{pk}.eml"],
    ),
    "24-long-subject.eml": (P, ("Very long " * 30).strip(), "cora@example.com", "Long subject", []),
    "25-own-mailbox-loop.eml": (IGN, None, None, None, None),
    "26-attachment-pdf.eml": (
        P,
        "Attached",
        "cora@example.com",
        "Invoice attached",
        ["invoice.pdf"],
    ),
    "27-inline-image.eml": (P, "Attached", "cora@example.com", "See screenshot", ["part-1"]),
    "28-executable.eml": (F, "Attached", "cora@example.com", "Run this", ["email-{pk}.eml"]),
    "29-forward-rfc822.eml": (
        P,
        "Fwd: complaint",
        "cora@example.com",
        "Forwarding this",
        ["forwarded-message.eml"],
    ),
    "30-rfc2231-filename.eml": (P, "Attached", "cora@example.com", "Datei", ["Übersicht.csv"]),
    "31-truncated-mime.eml": (P, "Cut off", "cora@example.com", "Part one is here", ["part-1"]),
    "32-bounce-unknown.eml": (IGN, None, None, None, None),
    "33-8bit-headers.eml": (P, "Caf\ufffd", "jose@example.com", "Body", []),
    "34-html-alternative-quote.eml": (P, "Question", "cora@example.com", "Yes please.", []),
}


def test_every_corpus_file_has_an_expectation():
    assert sorted(path.name for path in CORPUS.glob("*.eml")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 30


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_email_is_stored_as_expected(name, mailbox):
    raw = (CORPUS / name).read_bytes()
    state, subject, requester, text, attachments = EXPECTED[name]

    inbound = process_inbound(store_raw(raw, source="smtp", mailbox=mailbox).pk)

    assert bytes(inbound.raw) == raw
    assert inbound.state == state, inbound.problems
    if state == InboundState.IGNORED:
        assert inbound.ticket is None
        return
    message = inbound.message
    assert inbound.ticket.subject == subject
    assert inbound.ticket.requester.email == requester
    assert message.body_text.startswith(text)
    assert sorted(a.filename for a in message.attachments.all()) == sorted(
        name.format(pk=inbound.pk) for name in attachments
    )
    assert "<script" not in message.body_html
    assert "onerror" not in message.body_html
