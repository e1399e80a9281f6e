"""HTTP headers for the widget's files, which customers' websites load from their own pages.

The embed tag names a fixed URL (no content hash in it), so browsers keep a copy for five minutes
and then revalidate it (WhiteNoise answers conditional requests): a new release reaches every
website within minutes. WhiteNoise already lets every origin read static files (CORS ``*``).
"""

WIDGET_URLS = ("/static/chat/widget.js", "/static/chat/widget.css")


def widget_asset_headers(headers: dict[str, str], path: str, url: str) -> None:
    """WhiteNoise's ``ADD_HEADERS_FUNCTION``: runs once per file when WhiteNoise indexes it."""
    if url in WIDGET_URLS:
        headers["Cache-Control"] = "public, max-age=300, stale-while-revalidate=86400"
        headers["Cross-Origin-Resource-Policy"] = "cross-origin"
