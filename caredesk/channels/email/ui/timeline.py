"""Email's timeline events in plain words: threaded, flagged, auto-replies, sent and failed."""

from caredesk.channels.email.services import ingest, outbound
from caredesk.channels.email.services.threading import Matched
from caredesk.core.screens import Reading, Sentence
from caredesk.tickets.ui.timeline import value_text

# How an incoming email found its ticket (``threading.Matched``), as a reader says it.
MATCHED_BY = {
    Matched.IN_REPLY_TO: "the message it answers",
    Matched.REFERENCES: "an earlier message it refers to",
    Matched.TOKEN: "the ticket's reply address",
    Matched.SUBJECT_REFERENCE: "the ticket number in its subject",
    Matched.NEW: "nothing: it opened a new ticket",
}


def _threaded(reading: Reading) -> str:
    matched = str(reading.data.get("matched") or "")
    return f"An email arrived, matched to this ticket by {MATCHED_BY.get(matched, matched)}"


def _flagged(reading: Reading) -> str:
    return (
        f"An email needs a look before anyone trusts it: {value_text(reading.data.get('problems'))}"
    )


def _failed(reading: Reading) -> str:
    to, reason = reading.data.get("to"), reading.data.get("reason")
    return f"The reply could not be emailed to {to}: {reason}"


SENTENCES: dict[str, Sentence] = {
    ingest.EventKind.THREADED: _threaded,
    ingest.EventKind.FLAGGED: _flagged,
    ingest.EventKind.AUTO_REPLY: lambda reading: (
        "An automatic reply (such as an out-of-office) arrived by email"
    ),
    outbound.EventKind.SENT: lambda reading: f"The reply was emailed to {reading.data.get('to')}",
    outbound.EventKind.FAILED: _failed,
}
