from email.message import EmailMessage

from hypothesis import given, settings
from hypothesis import strategies as st

from caredesk.channels.email.parsing import parse_email


def build(**headers: str) -> EmailMessage:
    message = EmailMessage()
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    return message


def test_reply_headers_and_alternative_bodies():
    message = build(
        From="Cora Customer <Cora@Example.com>",
        To="support@caredesk.test",
        Subject="Re: [#42] Refund",
        Message_ID="<abc@mail.example.com>",
        In_Reply_To="<t42.1@caredesk.test>",
        References="<t42.0@caredesk.test> <t42.1@caredesk.test>",
    )
    message.set_content("Plain words")
    message.add_alternative("<p>Rich <script>alert(1)</script>words</p>", subtype="html")

    parsed = parse_email(message.as_bytes())

    assert parsed.message_id == "abc@mail.example.com"
    assert parsed.in_reply_to == ["t42.1@caredesk.test"]
    assert parsed.references == ["t42.0@caredesk.test", "t42.1@caredesk.test"]
    assert (parsed.from_name, parsed.from_address) == ("Cora Customer", "cora@example.com")
    assert parsed.text.strip() == "Plain words"
    assert "script" not in parsed.html
    assert parsed.problems == []


def test_mislabelled_charset_is_still_read():
    raw = (
        b"From: a@example.com\r\nSubject: caf\xe9\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Ol\xe1, d\xe9j\xe0 vu\r\n"
    )

    parsed = parse_email(raw)

    assert parsed.text.strip() == "Olá, déjà vu"


def test_auto_reply_is_recognised():
    message = build(From="ana@example.com", Subject="Out of office", Auto_Submitted="auto-replied")
    message.set_content("I am away.")

    assert parse_email(message.as_bytes()).is_auto_reply


def test_bounce_names_the_message_it_bounced():
    original = build(
        From="support@caredesk.test", To="gone@example.com", Message_ID="<out-7@caredesk.test>"
    )
    original.set_content("Your answer")
    report = build(
        From="MAILER-DAEMON@mx.example.com", Subject="Undelivered Mail Returned to Sender"
    )
    report.set_content("Delivery failed.")
    report.add_attachment(original)

    parsed = parse_email(report.as_bytes())

    assert parsed.is_bounce
    assert parsed.is_auto_reply
    assert parsed.bounced_message_ids == ["out-7@caredesk.test"]


def test_attachments_are_kept():
    message = build(From="a@example.com", Subject="Invoice")
    message.set_content("See attached.")
    message.add_attachment(
        b"%PDF-1.4 ...", maintype="application", subtype="pdf", filename="invoice.pdf"
    )

    parsed = parse_email(message.as_bytes())

    assert [(a.filename, a.content_type, a.content) for a in parsed.attachments] == [
        ("invoice.pdf", "application/pdf", b"%PDF-1.4 ...")
    ]


@settings(max_examples=300, deadline=None)
@given(raw=st.binary(max_size=4000))
def test_no_input_makes_the_parser_raise(raw):
    parse_email(raw)


@settings(max_examples=200, deadline=None)
@given(
    headers=st.dictionaries(
        st.sampled_from(
            ["From", "To", "Subject", "Message-ID", "Content-Type", "Date", "References"]
        ),
        st.text(max_size=200),
    ),
    body=st.binary(max_size=2000),
)
def test_hostile_headers_never_make_the_parser_raise(headers, body):
    raw = b"".join(
        f"{name}: {value}\r\n".encode("utf-8", "surrogatepass") for name, value in headers.items()
    )
    parse_email(raw + b"\r\n" + body)
