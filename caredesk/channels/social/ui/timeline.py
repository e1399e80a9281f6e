"""The social bridge's timeline events in plain words."""

from caredesk.channels.social.services.outbound import DELIVERY_FAILED
from caredesk.core.screens import Reading, Sentence


def _delivery_failed(reading: Reading) -> str:
    attempts, error = reading.data.get("attempts"), reading.data.get("error")
    return f"The reply could not be delivered through the social bridge after {attempts} attempts: {error}"


SENTENCES: dict[str, Sentence] = {DELIVERY_FAILED: _delivery_failed}
