"""Scoring one new ticket with several product pipelines at once, without scikit-learn's call path.

scikit-learn's ``decision_function`` costs about 1 ms of input checks and sparse-matrix building
per step, per model. Here each analysis (word n-grams, character n-grams) reads the normalised text
once, and each distinct n-gram is looked up once in a vocabulary merged across the models (the
category, team and priority models learnt from the same tickets, so their vocabularies mostly
overlap); each model then gathers its own columns with numpy. A test pins the result to the
pipeline's own ``decision_function``.
"""

import functools
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import repeat

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

Analysis = tuple[str, tuple[int, int], str]
UNKNOWN = -1


def linear_parts(pipeline: Pipeline) -> tuple[list[TfidfVectorizer], LinearSVC] | None:
    """The vectorisers and SVM of a product pipeline; None for any other pipeline."""
    steps = pipeline.named_steps
    if set(steps) != {"normalise", "features", "model"} or not isinstance(
        steps["model"], LinearSVC
    ):
        return None
    vectorizers = [vectorizer for _, vectorizer in steps["features"].transformer_list]
    if any(vectorizer.lowercase for vectorizer in vectorizers):
        return None  # lowercasing happens in normalise_text; the fast path relies on it
    return vectorizers, steps["model"]


def _analysis(vectorizer: TfidfVectorizer) -> Analysis:
    return (vectorizer.analyzer, vectorizer.ngram_range, vectorizer.token_pattern)


def char_wb_ngrams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """scikit-learn's ``char_wb`` n-grams of an already normalised text, in one list
    comprehension per word and length instead of one ``append`` per n-gram (a third of the time;
    a test pins them to scikit-learn's)."""
    shortest, longest = ngram_range
    grams: list[str] = []
    for word in text.split():
        padded = f" {word} "
        length = len(padded)
        for size in range(shortest, longest + 1):
            if length <= size:
                grams.append(padded)  # a short word counts once, as itself
                break
            grams.extend([padded[start : start + size] for start in range(length - size + 1)])
    return grams


@functools.cache
def _analyzer(analysis: Analysis) -> Callable[[str], list[str]]:
    analyzer, ngram_range, token_pattern = analysis
    if analyzer == "char_wb":
        return functools.partial(char_wb_ngrams, ngram_range=ngram_range)
    vectorizer = TfidfVectorizer(
        analyzer=analyzer, ngram_range=ngram_range, token_pattern=token_pattern, lowercase=False
    )
    return vectorizer.build_analyzer()


def _term_counts(analysis: Analysis, text: str) -> tuple[list[str], np.ndarray]:
    """The distinct n-grams of one normalised text and how often each occurs."""
    counts = Counter(_analyzer(analysis)(text))
    return list(counts), np.fromiter(counts.values(), dtype=np.float64, count=len(counts))


@functools.lru_cache(maxsize=2)
def _merged_vocabulary(
    vectorizers: tuple[TfidfVectorizer, ...],
) -> tuple[dict[str, int], list[np.ndarray]]:
    """One index over the union of the vocabularies, and per vectoriser the column of each index
    (``UNKNOWN`` where it lacks the term; the last slot answers terms no model knows).

    Built once per set of live models (a second or so for three large vocabularies); two sets are
    kept so a version going live does not thrash the cache while requests still hold the old one.
    """
    merged: dict[str, int] = {}
    for vectorizer in vectorizers:
        for term in vectorizer.vocabulary_:
            merged.setdefault(term, len(merged))
    remaps = []
    for vectorizer in vectorizers:
        remap = np.full(len(merged) + 1, UNKNOWN, dtype=np.int64)
        vocabulary = vectorizer.vocabulary_
        remap[np.fromiter(map(merged.__getitem__, vocabulary), np.int64, len(vocabulary))] = (
            np.fromiter(vocabulary.values(), np.int64, len(vocabulary))
        )
        remaps.append(remap)
    return merged, remaps


def _columns(vectorizers: Sequence[TfidfVectorizer], terms: list[str]) -> list[np.ndarray]:
    """Each vectoriser's column for each term (``UNKNOWN`` where it has none)."""
    if len(vectorizers) == 1:
        lookup = vectorizers[0].vocabulary_.get
        return [np.fromiter(map(lookup, terms, repeat(UNKNOWN)), np.int64, len(terms))]
    merged, remaps = _merged_vocabulary(tuple(vectorizers))
    indexes = np.fromiter(map(merged.get, terms, repeat(len(merged))), np.int64, len(terms))
    return [remap[indexes] for remap in remaps]


def _weighted(
    vectorizer: TfidfVectorizer, columns: np.ndarray, counts: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The non-zero columns and values of ``vectorizer.transform([text])``."""
    known = columns >= 0
    columns, values = columns[known], counts[known]
    if vectorizer.sublinear_tf:
        values = np.log(values) + 1
    values = values * vectorizer.idf_[columns]
    norm = np.sqrt(np.dot(values, values))
    if norm:
        values /= norm
    return columns, values


def scores_together(pipelines: Sequence[Pipeline], normalised: str) -> list[np.ndarray | None]:
    """Each pipeline's SVM scores (one per class; binary models get two) for one normalised
    text, or None for a pipeline this path does not cover."""
    parts = [linear_parts(pipeline) for pipeline in pipelines]
    decisions: list[np.ndarray | None] = [
        None if part is None else part[1].intercept_.astype(np.float64) for part in parts
    ]
    # (pipeline index, vectoriser, column offset in the SVM's coefficients), grouped by analysis.
    groups: dict[Analysis, list[tuple[int, TfidfVectorizer, int]]] = {}
    for index, part in enumerate(parts):
        if part is None:
            continue
        offset = 0
        for vectorizer in part[0]:
            groups.setdefault(_analysis(vectorizer), []).append((index, vectorizer, offset))
            offset += len(vectorizer.vocabulary_)
    for analysis, members in groups.items():
        terms, counts = _term_counts(analysis, normalised)
        all_columns = _columns([vectorizer for _, vectorizer, _ in members], terms)
        for (index, vectorizer, offset), columns in zip(members, all_columns, strict=True):
            columns, values = _weighted(vectorizer, columns, counts)
            model = parts[index][1]  # type: ignore[index]
            decisions[index] = decisions[index] + model.coef_[:, columns + offset] @ values
    return [
        decision
        if decision is None or decision.shape[0] > 1
        else np.array([-decision[0], decision[0]])
        for decision in decisions
    ]
