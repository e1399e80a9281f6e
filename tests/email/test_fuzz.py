"""Hypothesis: whatever bytes arrive, no exception escapes and every message is stored."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caredesk.channels.email.models import InboundEmail, InboundState
from caredesk.channels.email.parsing import parse_email
from caredesk.channels.email.services.ingest import process_inbound, store_raw

SEEDS = [path.read_bytes() for path in sorted((Path(__file__).parent / "corpus").glob("*.eml"))]
FINAL_STATES = {InboundState.PROCESSED, InboundState.FLAGGED, InboundState.IGNORED}


@st.composite
def mutated_emails(draw: st.DrawFn) -> bytes:
    seed = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(0, 8))):
        if not seed:
            break
        at = draw(st.integers(0, len(seed) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip":
            seed[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del seed[at : at + draw(st.integers(1, 64))]
        else:
            seed[at:at] = draw(st.binary(max_size=32))
    return bytes(seed)


@given(st.one_of(st.binary(max_size=2000), mutated_emails()))
@settings(max_examples=300, deadline=None)
def test_the_parser_never_raises(raw):
    parse_email(raw)


@pytest.mark.django_db
@given(raw=st.one_of(st.binary(max_size=500), mutated_emails()))
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_every_message_is_stored_and_processed(raw, mailbox):
    inbound = store_raw(raw, source="smtp", mailbox=mailbox)

    processed = process_inbound(inbound.pk)

    assert bytes(InboundEmail.objects.get(pk=inbound.pk).raw) == raw
    assert processed.state in FINAL_STATES | {InboundState.DUPLICATE}
    if processed.state in (InboundState.PROCESSED, InboundState.FLAGGED):
        assert processed.ticket is not None
