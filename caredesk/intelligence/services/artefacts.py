"""Storing fitted classifiers in the database and loading them once per process.

A joblib (pickle) artefact runs code when loaded, so it must never come from anyone but caredesk:
each one is signed with an HMAC of its bytes keyed by ``SECRET_KEY`` when it is written, and an
artefact whose signature does not match (copied from elsewhere, edited in the database, or
written under another key) is refused before it is unpickled.
"""

import hashlib
import hmac
import io
import logging

import joblib
from django.conf import settings

from caredesk.intelligence.classifier import TextClassifier
from caredesk.intelligence.models import ModelVersion

logger = logging.getLogger(__name__)

# Version id -> fitted classifier; versions stay immutable, so an id never goes stale.
_loaded: dict[int, TextClassifier] = {}


class ForeignArtefact(ValueError):
    """The stored bytes were not written by this caredesk (or not under this SECRET_KEY)."""


def _signature(data: bytes) -> str:
    key = hashlib.sha256(b"caredesk.intelligence.artefact:" + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def dump(classifier: TextClassifier) -> tuple[bytes, str]:
    buffer = io.BytesIO()
    joblib.dump(classifier, buffer, compress=3)
    data = buffer.getvalue()
    return data, _signature(data)


def load(version: ModelVersion) -> TextClassifier:
    cached = _loaded.get(version.pk)
    if cached is not None:
        return cached
    data = bytes(version.artefact)
    if not hmac.compare_digest(_signature(data), version.artefact_signature):
        raise ForeignArtefact(f"Refusing to load {version}: its signature does not match.")
    classifier = joblib.load(io.BytesIO(data))  # noqa: S301 - signed by us, checked above
    if not isinstance(classifier, TextClassifier):
        raise ForeignArtefact(f"{version} does not hold a caredesk classifier.")
    _loaded[version.pk] = classifier
    return classifier


def active_classifiers() -> dict[str, tuple[ModelVersion, TextClassifier]]:
    """The active classifier of each target that has one; artefacts are read from the database only
    the first time a version is seen in this process."""
    versions = list(ModelVersion.objects.filter(is_active=True).defer("artefact"))
    active: dict[str, tuple[ModelVersion, TextClassifier]] = {}
    for version in versions:
        if version.pk not in _loaded:
            version = ModelVersion.objects.get(pk=version.pk)
        try:
            active[version.target] = (version, load(version))
        except ForeignArtefact:
            logger.exception("intelligence.artefact_refused", extra={"version": version.pk})
    for stale in set(_loaded) - {version.pk for version in versions}:
        del _loaded[stale]
    return active
