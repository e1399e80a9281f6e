"""The labelled rows a classifier learns and is measured on: cleaned, then split into training
and held-out rows the same way for the product's training and for ``intelligence evaluate``."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sklearn.model_selection import train_test_split


@dataclass
class PreparedRows:
    texts: list[str]
    labels: list[str]
    rows_read: int
    empty_rows_dropped: int
    duplicates_dropped: int


def prepare_rows(texts: Sequence[str], labels: Sequence[str]) -> PreparedRows:
    """Drop rows without text or label, then exact duplicate texts (the first row stays)."""
    kept_texts: list[str] = []
    kept_labels: list[str] = []
    seen: set[str] = set()
    empty = duplicates = 0
    for text, label in zip(texts, labels, strict=True):
        text, label = text.strip(), label.strip()
        if not text or not label:
            empty += 1
        elif text in seen:
            duplicates += 1
        else:
            seen.add(text)
            kept_texts.append(text)
            kept_labels.append(label)
    return PreparedRows(kept_texts, kept_labels, len(texts), empty, duplicates)


def split_rows(
    labels: Sequence[str], *, test_size: float, seed: int
) -> tuple[list[int], list[int], bool]:
    """Train and test row indexes, stratified where the counts allow it.

    A label seen once cannot be both learnt and tested: its row goes to training. When a
    stratified split is impossible (fewer test rows than labels), the split is a plain shuffle.
    """
    counts = Counter(labels)
    single = [index for index, label in enumerate(labels) if counts[label] == 1]
    rest = [index for index, label in enumerate(labels) if counts[label] > 1]
    if len(rest) < 2 or int(len(rest) * test_size) < 1:
        return sorted(single + rest), [], False
    rest_labels = [labels[index] for index in rest]
    try:
        train, test = train_test_split(
            rest, test_size=test_size, random_state=seed, stratify=rest_labels
        )
        stratified = True
    except ValueError:
        train, test = train_test_split(rest, test_size=test_size, random_state=seed)
        stratified = False
    return sorted(single + list(train)), sorted(test), stratified
