"""Ticket text drawn from a Zipf-distributed vocabulary, so full-text queries have real selectivity.

A few hundred support words lead the ranking; synthetic pseudo-words fill the long tail. Word
ranks follow p(r) ∝ r^-s, as word frequencies in real text do, so the index holds very common
words (in most tickets), middling ones and rare ones (in a handful).
"""

import itertools
import math
from dataclasses import dataclass

import numpy as np

HEAD_TEXT = """
the i to my and a is it not you for of on in have this with can please order account help
thanks was be but when do are me we no get what from an at still error need as payment so
been again login password invoice refund email app page hi after working issue problem
update shipping delivery card subscription cancel charge price plan upgrade download install
screen button settings profile address phone number received sent today yesterday week month
customer support ticket reply question team access data export import report sync server
browser mobile android iphone windows mac version crash slow timeout failed missing wrong
broken locked reset verify code link expired receipt discount coupon billing tax renewal
contract trial license seat admin user role permission integration webhook api calendar
notification alert backup restore storage upload file attachment photo video audio camera
printer network wifi bluetooth battery charger warranty return exchange replacement damaged
package tracking courier warehouse stock size colour model serial firmware
"""
HEAD_WORDS = list(dict.fromkeys(HEAD_TEXT.split()))
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
VOCABULARY_SIZE = 50_000
ZIPF_EXPONENT = 1.1


def _pseudo_words(count: int, taken: set[str]) -> list[str]:
    words: list[str] = []
    for length in (2, 3, 4):
        for parts in itertools.product(SYLLABLES, repeat=length):
            word = "".join(parts)
            if word not in taken:
                words.append(word)
                if len(words) == count:
                    return words
    raise ValueError("not enough syllable combinations")


@dataclass(frozen=True)
class Frequency:
    label: str
    word: str
    expected_share: float  # of tickets whose text holds the word


class Vocabulary:
    def __init__(self, seed: int) -> None:
        head = HEAD_WORDS
        tail = _pseudo_words(VOCABULARY_SIZE - len(head), set(head))
        # Shuffle the tail so rare words are not alphabetically clustered.
        np.random.default_rng(seed).shuffle(tail)
        self.words = np.array(head + tail, dtype=object)
        weights = np.arange(1, VOCABULARY_SIZE + 1, dtype=float) ** -ZIPF_EXPONENT
        self.probabilities = weights / weights.sum()
        self.cumulative = np.cumsum(self.probabilities)
        self.rng = np.random.default_rng(seed)

    def texts(self, lengths: np.ndarray) -> list[str]:
        """One text per entry of ``lengths``, each that many words long."""
        total = int(lengths.sum())
        picks = np.searchsorted(self.cumulative, self.rng.random(total) * self.cumulative[-1])
        words = self.words[picks]
        ends = np.cumsum(lengths)
        starts = ends - lengths
        return [" ".join(words[start:end]) for start, end in zip(starts, ends, strict=True)]

    def lengths(self, count: int, low: int, high: int) -> np.ndarray:
        return self.rng.integers(low, high + 1, size=count)

    def query_words(self, words_per_ticket: float) -> list[Frequency]:
        """Words expected in about 10 %, 0.5 % and 0.02 % of tickets (high, medium, low)."""
        shares = 1 - np.exp(-self.probabilities * words_per_ticket)
        chosen = []
        for label, target in (("high", 0.10), ("medium", 0.005), ("low", 0.0002)):
            rank = int(np.argmin(np.abs(np.log(shares) - math.log(target))))
            chosen.append(Frequency(label, str(self.words[rank]), float(shares[rank])))
        return chosen
