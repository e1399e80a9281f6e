"""X-Caredesk-Signature: ``sha256=<hex HMAC-SHA256 of the raw body>``, keyed by the channel secret."""

import hashlib
import hmac

SIGNATURE_HEADER = "X-Caredesk-Signature"
PREFIX = "sha256="


def sign(secret: str, body: bytes) -> str:
    return PREFIX + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def is_signed_by(secret: str, body: bytes, header: str) -> bool:
    """Constant-time comparison, so response times do not reveal how much of a guess was right."""
    if not header.startswith(PREFIX):
        return False
    return hmac.compare_digest(sign(secret, body).encode(), header.strip().encode())
