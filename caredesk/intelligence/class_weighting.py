"""Choosing how much the classifier weighs rare labels, per model version, by cross-validation.

A real history is imbalanced: one label often holds 40 % of the tickets and dozens hold a handful
each. An unweighted SVM learns the big label well and misses the small ones (high accuracy, low
macro-F1); "balanced" class weights (rows of the label inversely weighted) find the small ones
and cost some accuracy on the big one. Between the two, the weight of a label is
``(rows / (labels × rows of the label)) ** power`` for ``power`` in ``WEIGHTINGS``.

The choice is made on the training rows only (the held-out test split never reaches it), by
stratified ``CV_FOLDS``-fold cross-validation over the features already extracted from those rows
(beyond ``CV_MAX_ROWS`` of them, over a sample that keeps each label's share):

- Labels with fewer rows than folds cannot be in every fold; their rows are learnt in every fold
  and never scored. With fewer than two labels left to score there is no cross-validation, and
  the version is ``DEFAULT_WEIGHTING``, the weighting caredesk used before the choice existed.
- The rule: the candidate with the highest pooled out-of-fold macro-F1 among those whose accuracy
  is no more than one standard error of the paired difference (per scored row: right with the
  candidate minus right without weights) below the unweighted candidate's. Ties go to the smaller
  power, the one closer to the unweighted model.
"""

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from scipy.sparse import spmatrix
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

# name -> power of the inverse label frequency; "balanced" is scikit-learn's own.
WEIGHTINGS = {"unbalanced": 0.0, "balanced^0.75": 0.75, "balanced": 1.0}
DEFAULT_WEIGHTING = "unbalanced"
CV_FOLDS = 3
# Beyond this many training rows the folds are drawn from a sample (every label keeps its share,
# and at least as many rows as folds): a choice among three weightings needs no more, and the
# cost of the choice stays bounded (about 15 s of one core) however long the history is.
CV_MAX_ROWS = 12_000
SVM_C = 0.5
RULE = (
    "highest out-of-fold macro-F1 among the weightings whose accuracy is at most one standard "
    "error (paired, per row) below the unbalanced one's; ties to the less balanced"
)

ClassWeight = str | dict[str, float] | None


def class_weights(labels: Sequence[str], weighting: str) -> ClassWeight:
    """The ``class_weight`` of a ``LinearSVC`` learning ``labels`` with ``weighting``."""
    power = WEIGHTINGS[weighting]
    if power == 0:
        return None
    if power == 1:
        return "balanced"
    counts = Counter(labels)
    scale = len(labels) / len(counts)
    return {label: (scale / count) ** power for label, count in counts.items()}


def linear_model(labels: Sequence[str], weighting: str, *, seed: int) -> LinearSVC:
    return LinearSVC(C=SVM_C, random_state=seed, class_weight=class_weights(labels, weighting))


@dataclass(frozen=True)
class CandidateScore:
    weighting: str
    accuracy: float
    macro_f1: float
    # Of the paired accuracy difference from the unbalanced candidate: the noise the rule allows.
    accuracy_standard_error: float


@dataclass
class WeightingChoice:
    """What a model version stores about how its weighting was chosen."""

    chosen: str
    folds: int
    scored_rows: int  # training rows that were scored out of fold
    unscored_labels: int  # labels with fewer rows than folds: learnt in every fold, never scored
    candidates: list[CandidateScore] = field(default_factory=list)
    rule: str = RULE
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def choose(candidates: Sequence[CandidateScore]) -> str:
    """The rule of this module's docstring, on candidates in ``WEIGHTINGS`` order."""
    reference = next(c for c in candidates if c.weighting == DEFAULT_WEIGHTING).accuracy
    admissible = [c for c in candidates if c.accuracy >= reference - c.accuracy_standard_error]
    best = max(c.macro_f1 for c in admissible)
    return next(c.weighting for c in admissible if c.macro_f1 == best)


def cross_validation_rows(labels: Sequence[str], *, limit: int, seed: int) -> list[int]:
    """The indexes of the rows the folds are drawn from: all of them up to ``limit``, beyond it a
    seeded sample of each label in proportion, keeping at least ``CV_FOLDS`` rows of each."""
    if len(labels) <= limit:
        return list(range(len(labels)))
    rng = np.random.default_rng(seed)
    share = limit / len(labels)
    by_label: dict[str, list[int]] = {}
    for index, label in enumerate(labels):
        by_label.setdefault(label, []).append(index)
    kept: list[int] = []
    for rows in by_label.values():
        keep = min(len(rows), max(CV_FOLDS, round(len(rows) * share)))
        kept += rng.choice(rows, size=keep, replace=False).tolist()
    return sorted(kept)


def choose_weighting(
    features: spmatrix, labels: Sequence[str], *, seed: int, limit: int = CV_MAX_ROWS
) -> WeightingChoice:
    """Cross-validate every weighting on these training rows (``features``: one row per label)."""
    rows = cross_validation_rows(labels, limit=limit, seed=seed)
    sampled = len(rows) < len(labels)
    note = f"folds drawn from {len(rows)} of the {len(labels)} training rows" if sampled else ""
    if sampled:
        features, labels = features[rows], [labels[index] for index in rows]
    counts = Counter(labels)
    scored = [index for index, label in enumerate(labels) if counts[label] >= CV_FOLDS]
    always_learnt = [index for index, label in enumerate(labels) if counts[label] < CV_FOLDS]
    unscored = sum(1 for count in counts.values() if count < CV_FOLDS)
    if len({labels[index] for index in scored}) < 2:
        return WeightingChoice(
            chosen=DEFAULT_WEIGHTING,
            folds=0,
            scored_rows=0,
            unscored_labels=unscored,
            note=f"no cross-validation: fewer than two labels have {CV_FOLDS} training rows",
        )
    truth = np.array([labels[index] for index in scored], dtype=object)
    predicted = {name: np.empty(len(scored), dtype=object) for name in WEIGHTINGS}
    splitter = StratifiedKFold(n_splits=CV_FOLDS, shuffle=True, random_state=seed)
    for fit_part, score_part in splitter.split(np.zeros(len(scored)), truth):
        fit_rows = always_learnt + [scored[position] for position in fit_part]
        score_rows = [scored[position] for position in score_part]
        fit_labels = [labels[index] for index in fit_rows]
        for name in WEIGHTINGS:
            model = linear_model(fit_labels, name, seed=seed).fit(features[fit_rows], fit_labels)
            predicted[name][score_part] = model.predict(features[score_rows])
    right = {name: predicted[name] == truth for name in WEIGHTINGS}
    candidates = [
        CandidateScore(
            weighting=name,
            accuracy=round(float(right[name].mean()), 4),
            macro_f1=round(
                float(f1_score(truth, predicted[name], average="macro", zero_division=0)), 4
            ),
            accuracy_standard_error=round(
                _paired_standard_error(right[name], right[DEFAULT_WEIGHTING]), 4
            ),
        )
        for name in WEIGHTINGS
    ]
    return WeightingChoice(
        chosen=choose(candidates),
        folds=CV_FOLDS,
        scored_rows=len(scored),
        unscored_labels=unscored,
        candidates=candidates,
        note=note,
    )


def _paired_standard_error(right: np.ndarray, reference: np.ndarray) -> float:
    """The standard error of the accuracy difference of two models scored on the same rows."""
    difference = right.astype(float) - reference.astype(float)
    if len(difference) < 2:
        return 0.0
    return float(difference.std(ddof=1) / math.sqrt(len(difference)))
