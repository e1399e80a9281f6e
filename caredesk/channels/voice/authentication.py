"""Who is calling our phone webhooks: a bearer token (generic) or Twilio's request signature."""

import base64
import hashlib
import hmac

from caredesk.channels.voice.choices import VoiceProvider
from caredesk.channels.voice.models import VoiceIntegration


def integration_for_token(authorization: str) -> VoiceIntegration | None:
    """The active generic integration whose secret is the bearer token, compared in constant time.

    Integrations are few (one per phone system), so each is compared rather than looked up: a
    lookup by the secret itself would leak timing through the index.
    """
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    found = None
    for integration in VoiceIntegration.objects.filter(
        provider=VoiceProvider.GENERIC, is_active=True
    ):
        if hmac.compare_digest(integration.secret.encode(), token.encode()):
            found = integration
    return found


def twilio_signature(auth_token: str, url: str, params: list[tuple[str, str]]) -> str:
    """Twilio's X-Twilio-Signature: base64 HMAC-SHA1 of the URL followed by each parameter's name
    and value, sorted by name. https://www.twilio.com/docs/usage/security#validating-requests"""
    signed = url + "".join(name + value for name, value in sorted(params))
    digest = hmac.new(auth_token.encode(), signed.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def twilio_integration(
    params: list[tuple[str, str]], *, signature: str, request_url: str
) -> VoiceIntegration | None:
    """The active Twilio integration of the request's AccountSid, if the signature is its own."""
    account_id = dict(params).get("AccountSid", "")
    if not account_id or not signature:
        return None
    integration = VoiceIntegration.objects.filter(
        provider=VoiceProvider.TWILIO, account_id=account_id, is_active=True
    ).first()
    if integration is None:
        return None
    expected = twilio_signature(integration.secret, integration.webhook_url or request_url, params)
    return integration if hmac.compare_digest(expected.encode(), signature.encode()) else None
