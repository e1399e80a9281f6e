"""Fold quoted history and signatures away from what agents read first. The original is kept.

Mail clients mark the start of quoted history differently; each pattern below is one client's
convention. Everything from the first marker on is folded, as is a trailing ``-- `` signature.
A forwarded message is the content itself, so its "Forwarded message" block is never folded.
"""

import re
from dataclasses import dataclass

QUOTE_STARTS = [
    # Outlook: a separator line, or the "From: … Sent: …" header block it writes instead.
    re.compile(r"^\s*-{2,}\s*Original Message\s*-{2,}\s*$", re.IGNORECASE | re.MULTILINE),
    re.compile(r"^\s*\*?From:\*?\s.+\n\s*\*?(Sent|Date):\*?\s", re.IGNORECASE | re.MULTILINE),
    # Gmail and Apple Mail: "On <date>, <name> wrote:", sometimes wrapped over two lines.
    re.compile(r"^\s*On\s.{1,200}?(\n.{1,200}?)?\swrote:\s*$", re.MULTILINE),
    re.compile(r"^\s*Am\s.{1,200}?schrieb.{0,100}:\s*$", re.MULTILINE),
    re.compile(r"^\s*Le\s.{1,200}?a écrit\s*:\s*$", re.MULTILINE),
    re.compile(r"^\s*El\s.{1,200}?escribió\s*:\s*$", re.MULTILINE),
    # A block of "> " quoted lines.
    re.compile(r"^(>.*\n?)+", re.MULTILINE),
]
FORWARD_MARKERS = re.compile(
    r"^\s*(-{2,}\s*Forwarded message\s*-{2,}|Begin forwarded message:)",
    re.IGNORECASE | re.MULTILINE,
)
SIGNATURE = re.compile(r"^-- ?$", re.MULTILINE)
MOBILE_SIGNATURE = re.compile(r"^\s*Sent from my \w+.*$", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class FoldedText:
    visible: str
    folded: str  # the quoted history and signature, in their original order


def fold_quotes(text: str) -> FoldedText:
    """Split ``text`` into what is new and what is history or signature."""
    text = text.replace("\r\n", "\n")
    forward = FORWARD_MARKERS.search(text)
    limit = forward.start() if forward else len(text)
    cut = limit
    for pattern in QUOTE_STARTS:
        match = pattern.search(text, 0, limit)
        if match is not None and match.start() < cut and text[: match.start()].strip():
            cut = match.start()
    for pattern in (SIGNATURE, MOBILE_SIGNATURE):
        match = pattern.search(text, 0, cut)
        if match is not None and text[: match.start()].strip():
            cut = match.start()
    if cut >= limit:
        return FoldedText(visible=text.strip(), folded="")
    visible = text[:cut].rstrip()
    rest = text[cut:limit] if forward else text[cut:]
    kept_forward = text[limit:] if forward else ""
    if kept_forward:
        visible = f"{visible}\n\n{kept_forward.strip()}"
    return FoldedText(visible=visible.strip(), folded=rest.strip())


HTML_QUOTE_START = re.compile(
    r"<blockquote|-{2,}\s*Original Message\s*-{2,}|<div[^>]*>\s*On\s[^<]{1,200}wrote:",
    re.IGNORECASE,
)


HTML_FORWARD = re.compile(r"Forwarded message|Begin forwarded message", re.IGNORECASE)


def fold_html(html: str) -> str:
    """The sanitised HTML up to the first quoted block; the whole of it if that would be empty."""
    match = HTML_QUOTE_START.search(html)
    if match is None or HTML_FORWARD.search(html) is not None:
        return html
    head = html[: match.start()]
    if not re.sub(r"<[^>]+>|&nbsp;|\s", "", head):
        return html
    return head
