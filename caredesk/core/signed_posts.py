"""Signed JSON POSTs between caredesk and other systems (social bridges, rules' webhooks).

X-Caredesk-Signature: ``sha256=<hex HMAC-SHA256 of the raw body>``, keyed by a shared secret, as
GitHub's webhooks do; one scheme both ways, and one way to tell what went wrong with a POST.
"""

import hashlib
import hmac
from datetime import timedelta

import httpx

SIGNATURE_HEADER = "X-Caredesk-Signature"
PREFIX = "sha256="

REQUEST_TIMEOUT_SECONDS = 10.0
# How long a sender holds a claimed delivery before another may try it: past the request timeout.
CLAIM = timedelta(seconds=REQUEST_TIMEOUT_SECONDS + 50)
# Pause after the first failure; it doubles with each failure up to the cap.
FIRST_RETRY_DELAY = timedelta(seconds=30)
LONGEST_RETRY_DELAY = timedelta(hours=1)


def retry_delay(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, 4 min... after the 1st, 2nd, 3rd, 4th failure; at most an hour."""
    return min(FIRST_RETRY_DELAY * 2 ** (attempts - 1), LONGEST_RETRY_DELAY)


def sign(secret: str, body: bytes) -> str:
    return PREFIX + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def is_signed_by(secret: str, body: bytes, header: str) -> bool:
    """Constant-time comparison, so response times do not reveal how much of a guess was right."""
    if not header.startswith(PREFIX):
        return False
    return hmac.compare_digest(sign(secret, body).encode(), header.strip().encode())


def post_signed(
    url: str, body: bytes, *, secret: str, headers: dict[str, str], timeout: float
) -> tuple[int | None, str]:
    """POST ``body`` signed with ``secret``, redirects not followed; the status code (None if no
    answer came) and what went wrong, if anything ("" on a 2xx)."""
    headers = {"Content-Type": "application/json", SIGNATURE_HEADER: sign(secret, body), **headers}
    try:
        response = httpx.post(
            url, content=body, headers=headers, timeout=timeout, follow_redirects=False
        )
    except httpx.HTTPError as error:
        return None, f"{type(error).__name__}: {error}"[:1000]
    if response.is_success:
        return response.status_code, ""
    return response.status_code, f"HTTP {response.status_code}: {response.text[:500]}"
