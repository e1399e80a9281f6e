"""Regenerates tests/email/corpus/*.eml: `python tests/email/make_corpus.py`. The files are the test data."""

import base64
from email.message import EmailMessage
from pathlib import Path

out = Path(__file__).parent / "corpus"
out.mkdir(parents=True, exist_ok=True)
H = "From: {frm}\r\nTo: support@caredesk.test\r\nSubject: {subj}\r\nMessage-ID: <{mid}@corpus.test>\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"


def w(name, data):
    (out / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def simple(
    name,
    body,
    subj="Question",
    frm="Cora <cora@example.com>",
    extra="",
    ctype="text/plain; charset=utf-8",
    cte="7bit",
):
    head = H.format(frm=frm, subj=subj, mid=name.split(".")[0]) + extra
    raw = (
        head.encode()
        + f"Content-Type: {ctype}\r\nContent-Transfer-Encoding: {cte}\r\n\r\n".encode()
        + (body if isinstance(body, bytes) else body.encode())
    )
    w(name, raw)


simple("01-plain.eml", "Where is my parcel?\r\n")
simple(
    "02-latin1-qp.eml",
    "Caf=E9 cr=E8me br=FBl=E9e\r\n",
    ctype="text/plain; charset=iso-8859-1",
    cte="quoted-printable",
)
simple(
    "03-cp1252-mislabelled.eml",
    "Smart \x93quotes\x94 and \x80 sign\r\n".encode("latin-1"),
    ctype="text/plain; charset=us-ascii",
    cte="8bit",
)
simple(
    "04-base64-utf8.eml",
    base64.b64encode("Grüße aus München – ☃\r\n".encode()).decode() + "\r\n",
    cte="base64",
)
simple(
    "05-koi8r.eml",
    "Привет, помогите\r\n".encode("koi8-r"),
    ctype="text/plain; charset=koi8-r",
    cte="8bit",
)
simple(
    "06-shift-jis.eml",
    "注文が届きません\r\n".encode("shift_jis"),
    ctype="text/plain; charset=shift_jis",
    cte="8bit",
)
simple(
    "07-encoded-subject.eml",
    "Body\r\n",
    subj="=?utf-8?b?" + base64.b64encode("Rückerstattung für Bestellung".encode()).decode() + "?=",
)
simple(
    "08-unknown-charset.eml",
    "caf\xe9\r\n".encode("latin-1"),
    ctype="text/plain; charset=x-unknown-9",
    cte="8bit",
)
simple(
    "09-html-only-script.eml",
    "<p>Hello <b>team</b></p><script>alert(1)</script><img src=x onerror=alert(2)>",
    ctype="text/html; charset=utf-8",
)
simple(
    "10-gmail-quote.eml",
    "Thanks, that worked.\r\n\r\nOn Mon, 1 Jan 2024 at 09:00, Support <support@caredesk.test> wrote:\r\n> Please restart it.\r\n",
    subj="Re: Router",
)
simple(
    "11-outlook-quote.eml",
    "Still broken.\r\n\r\n-----Original Message-----\r\nFrom: Support\r\nSent: Monday\r\nSubject: Router\r\n\r\nPlease restart it.\r\n",
    subj="RE: Router",
)
simple(
    "12-outlook-header-block.eml",
    "See below.\r\n\r\nFrom: Support <support@caredesk.test>\r\nSent: Monday, January 1, 2024 9:00 AM\r\nTo: Cora\r\nSubject: Router\r\n\r\nPlease restart it.\r\n",
    subj="RE: Router",
)
simple(
    "13-apple-quote.eml",
    "Sure.\r\n\r\n> On 1 Jan 2024, at 09:00, Support <support@caredesk.test> wrote:\r\n> \r\n> Please restart it.\r\n",
    subj="Re: Router",
)
simple("14-signature.eml", "Please call me back.\r\n\r\n-- \r\nCora Customer\r\nAcme Ltd\r\n")
simple("15-mobile-signature.eml", "On my way.\r\n\r\nSent from my iPhone\r\n")
simple(
    "16-auto-submitted.eml",
    "I am out of the office.\r\n",
    subj="Out of office",
    extra="Auto-Submitted: auto-replied\r\n",
)
simple(
    "17-x-autoreply.eml",
    "Away until Monday.\r\n",
    subj="Automatic reply: Question",
    extra="X-Autoreply: yes\r\n",
)
simple("18-precedence-bulk.eml", "Newsletter\r\n", subj="Our news", extra="Precedence: bulk\r\n")
simple("19-noreply-sender.eml", "Your receipt\r\n", frm="noreply@shop.example", subj="Receipt")
simple("20-no-message-id.eml", "No id here\r\n")
(out / "20-no-message-id.eml").write_bytes(
    (out / "20-no-message-id.eml")
    .read_bytes()
    .replace(b"Message-ID: <20-no-message-id@corpus.test>\r\n", b"")
)
w(
    "21-no-from.eml",
    "To: support@caredesk.test\r\nSubject: Who am I\r\nMessage-ID: <21@corpus.test>\r\n\r\nAnonymous text\r\n",
)
w("22-garbage.eml", b"\x00\x01\x02\xff\xfe not an email at all")
w("23-empty.eml", b"")
simple("24-long-subject.eml", "Long subject\r\n", subj="Very long " * 60)
simple("25-own-mailbox-loop.eml", "Looping\r\n", frm="support@caredesk.test")


def msg(name, frm="Cora <cora@example.com>", subj="Attached"):
    m = EmailMessage()
    m["From"], m["To"], m["Subject"], m["Message-ID"] = (
        frm,
        "support@caredesk.test",
        subj,
        f"<{name.split('.')[0]}@corpus.test>",
    )
    return m


m = msg("26-attachment-pdf.eml")
m.set_content("Invoice attached")
m.add_attachment(b"%PDF-1.4 fake", maintype="application", subtype="pdf", filename="invoice.pdf")
w("26-attachment-pdf.eml", m.as_bytes())
m = msg("27-inline-image.eml")
m.set_content("See screenshot")
m.add_alternative('<p>See <img src="cid:shot1"></p>', subtype="html")
m.get_payload()[1].add_related(
    b"\x89PNG\r\n\x1a\nfake", maintype="image", subtype="png", cid="<shot1>"
)
w("27-inline-image.eml", m.as_bytes())
m = msg("28-executable.eml")
m.set_content("Run this")
m.add_attachment(
    b"MZ\x90\x00", maintype="application", subtype="octet-stream", filename="setup.exe"
)
w("28-executable.eml", m.as_bytes())
inner = msg("inner")
inner.set_content("The original complaint")
m = msg("29-forward-rfc822.eml", subj="Fwd: complaint")
m.set_content("Forwarding this")
m.add_attachment(inner)
w("29-forward-rfc822.eml", m.as_bytes())
m = msg("30-rfc2231-filename.eml")
m.set_content("Datei")
m.add_attachment(b"data", maintype="text", subtype="csv", filename=("utf-8", "", "Übersicht.csv"))
w("30-rfc2231-filename.eml", m.as_bytes())
w(
    "31-truncated-mime.eml",
    H.format(frm="cora@example.com", subj="Cut off", mid="31")
    + 'Content-Type: multipart/mixed; boundary="zz"\r\n\r\n--zz\r\nContent-Type: text/plain\r\n\r\nPart one is here\r\n--zz\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK!!!',
)
w(
    "32-bounce-unknown.eml",
    H.format(frm="MAILER-DAEMON@mx.example.com", subj="Undelivered Mail", mid="32")
    + 'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nUser unknown.\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nStatus: 5.1.1\r\n\r\n--b\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <never-sent@elsewhere>\r\n\r\n--b--\r\n',
)
simple(
    "33-8bit-headers.eml",
    "Body\r\n",
    subj="Caf\xe9".encode("latin-1").decode("latin-1"),
    frm="Jos\xe9 <jose@example.com>",
)
(out / "33-8bit-headers.eml").write_bytes(
    (out / "33-8bit-headers.eml").read_text().encode("latin-1")
)
simple("34-html-alternative-quote.eml", "", ctype="text/html; charset=utf-8")
(out / "34-html-alternative-quote.eml").write_bytes(
    (out / "34-html-alternative-quote.eml").read_bytes()
    + b"<div>Yes please.</div><div>On Mon, Support wrote:</div><blockquote>Shall we refund?</blockquote>"
)
