"""How a customer feels: VADER's lexicon score plus the signals of frustration it cannot see.

VADER scores English well and other languages barely; the phrase lists below carry a few words
in the other configured languages so a "kündigen" or "abogado" is not missed.
"""

import functools
import re
from dataclasses import dataclass, field

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

# VADER reads word by word in Python (about 3 ms per 1,000 characters); the tone of a message is
# in its first lines. The phrase signals below are regular expressions and read further.
VADER_CHARACTERS = 600
MAX_CHARACTERS = 4000
REPEATED_CONTACTS = 3  # this many customer messages on one ticket (or tickets in a week)

# (reason, weight, pattern). Weights add up and the total is capped at 1.
PHRASES: list[tuple[str, float, re.Pattern[str]]] = [
    (
        "legal threat",
        0.4,
        re.compile(
            r"\b(lawyers?|attorneys?|solicitors?|legal action|sue|suing|court|ombudsman"
            r"|anwalt|abogad[oa]|avocat|advogad[oa]|avvocato)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "cancel",
        0.3,
        re.compile(
            r"\b(cancel\w*|close my account|unsubscribe|switch(ing)? to (a )?competitor"
            r"|kündig\w*|cancelar\w*|résilier|annuler|disdire)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "repeated problem",
        0.25,
        re.compile(
            r"\b(third|fourth|fifth|\d+(st|nd|rd|th)) time\b|\bagain and again\b|\bstill (not|no|waiting)\b"
            r"|\bonce again\b|\b(several|many|multiple) times\b|\bdritte[ns]? mal\b|\btercera vez\b"
            r"|\btroisième fois\b|\bterceira vez\b|\bno one (has )?(replied|answered|responded)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "strong words",
        0.15,
        re.compile(
            r"\b(unacceptable|ridiculous|outrageous|disgusting|useless|worst|pathetic|scam|joke"
            r"|inakzeptabel|inaceptable|inacceptable|inaceitável)\b",
            re.IGNORECASE,
        ),
    ),
]
CAPITALS_WEIGHT = 0.2
EXCLAMATIONS_WEIGHT = 0.1
REPEATED_CONTACTS_WEIGHT = 0.2
NEGATIVE_TONE_WEIGHT = 0.4  # times -compound, for a negative message

DEESCALATION_HINT = (
    "This customer sounds frustrated. Acknowledge what went wrong, apologise once, own it "
    "(say what you will do, not what they should have done) and offer a concrete next step "
    "with a time."
)

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


@dataclass(frozen=True)
class Sentiment:
    compound: float  # VADER, -1 (hostile) to 1 (delighted)
    frustration: float  # 0 to 1
    reasons: list[str] = field(default_factory=list)


@functools.cache
def _analyser() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


# Read before a new ticket's write transaction (``TicketOpening``) and again inside it.
@functools.lru_cache(maxsize=256)
def tone_of(opening: str) -> float:
    """VADER's compound score of the opening of a message, from -1 (hostile) to 1 (delighted)."""
    return float(_analyser().polarity_scores(opening)["compound"])


def _shouting(text: str) -> bool:
    words = _WORD.findall(text)
    shouted = [word for word in words if word.isupper()]
    return len(shouted) >= 3 and len(shouted) >= 0.3 * len(words)


def analyse_sentiment(text: str, *, previous_contacts: int = 0) -> Sentiment:
    """Score ``text``. ``previous_contacts``: the customer's earlier messages about this problem."""
    sample = text[:MAX_CHARACTERS]
    opening = sample[:VADER_CHARACTERS]
    compound = tone_of(opening) if opening.strip() else 0.0
    score = 0.0
    reasons: list[str] = []
    if compound < -0.05:
        score += NEGATIVE_TONE_WEIGHT * -compound
        reasons.append("negative tone")
    if _shouting(sample):
        score += CAPITALS_WEIGHT
        reasons.append("capitals")
    if "!!" in sample:
        score += EXCLAMATIONS_WEIGHT
        reasons.append("exclamation marks")
    for reason, weight, pattern in PHRASES:
        if pattern.search(sample):
            score += weight
            reasons.append(reason)
    if previous_contacts + 1 >= REPEATED_CONTACTS:
        score += REPEATED_CONTACTS_WEIGHT
        reasons.append("repeated contacts")
    return Sentiment(
        compound=round(compound, 4), frustration=round(min(score, 1.0), 4), reasons=reasons
    )


def sentiment_label(compound: float, *, negative_below: float, positive_above: float) -> str:
    """negative / neutral / positive from VADER's compound, with thresholds chosen on data."""
    if compound < negative_below:
        return "negative"
    if compound > positive_above:
        return "positive"
    return "neutral"
