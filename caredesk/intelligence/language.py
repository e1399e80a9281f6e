"""Which language a customer wrote in, with lingua restricted to the configured languages.

The detector holds its n-gram models in memory (about 25 MB per language in high-accuracy mode,
2-5 s to build), so it is built once per process, on first use, and shared. Low-accuracy mode
would load instantly but misreads short messages ("Je t'aime" as English), which is most of chat.
"""

import functools
import re

from lingua import IsoCode639_1, LanguageDetector, LanguageDetectorBuilder

from caredesk.intelligence import options

# Lingua reads at most this much: beyond it the answer does not change, the time does.
MAX_CHARACTERS = 500
# "ok" scores en 0.41 / de 0.38: a near tie is no detection, and the stored language stays.
MINIMUM_LEAD = 0.05
MINIMUM_LETTERS = 3
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@functools.cache
def _detector(codes: tuple[str, ...]) -> LanguageDetector:
    iso_codes = [IsoCode639_1.from_str(code) for code in codes]
    return (
        LanguageDetectorBuilder.from_iso_codes_639_1(*iso_codes)
        .with_preloaded_language_models()
        .build()
    )


def detector() -> LanguageDetector:
    return _detector(tuple(sorted(options.detected_languages())))


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``, or None when it is too short or too ambiguous to tell."""
    return _detect(tuple(sorted(options.detected_languages())), text[:MAX_CHARACTERS])


# A new ticket's text is read twice: before its write transaction, to warm this cache
# (``TicketOpening``), and inside it. The answer depends only on the languages and the text.
@functools.lru_cache(maxsize=256)
def _detect(codes: tuple[str, ...], sample: str) -> str | None:
    if len(_LETTER.findall(sample)) < MINIMUM_LETTERS:
        return None
    values = _detector(codes).compute_language_confidence_values(sample)
    if not values:
        return None
    lead = values[0].value - (values[1].value if len(values) > 1 else 0.0)
    if lead < MINIMUM_LEAD:
        return None
    return values[0].language.iso_code_639_1.name.lower()
