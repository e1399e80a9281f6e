"""Inbound HTML is never trusted: clean it with nh3 and derive a plain-text version."""

import html
import re

import nh3

ALLOWED_TAGS = {
    "a",
    "b",
    "blockquote",
    "br",
    "code",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "span",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt"},
    "td": {"colspan"},
    "th": {"colspan"},
}
BLOCK_BREAK = re.compile(r"<\s*(br|/p|/div|/li|/tr|/h[1-4])\s*/?>", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")


def clean_html(raw: str) -> str:
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "cid"},
        link_rel="noopener noreferrer nofollow",
    )


def html_to_text(raw: str) -> str:
    text = BLOCK_BREAK.sub("\n", nh3.clean(raw, tags=ALLOWED_TAGS))
    text = html.unescape(TAG.sub("", text))
    return re.sub(r"\n{3,}", "\n\n", text).strip()
