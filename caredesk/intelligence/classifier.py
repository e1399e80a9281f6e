"""The one text classifier, used by the product (``services/training.py``) and by
``caredesk intelligence evaluate``, so what a team measures on its export is what it will run.

Pipeline: text normalisation, TF-IDF over word 1-2-grams and character 3-5-grams within word
boundaries (they survive typos, inflections and mixed languages), and a linear SVM. The SVM's
scores are not probabilities; the confidence that decides "apply or suggest" is the probability
that the top label is right, learnt on the held-out split from the top score and its lead over
the runner-up. Everything is seeded, so the same rows give the same model and the same numbers.
"""

import re
import time
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.svm import LinearSVC

from caredesk.intelligence.fast_scoring import scores_together

PIPELINES = ("caredesk", "plain")
# A ticket's first lines say what it is about; quoted threads and signatures after them add noise
# and time.
MAX_CHARACTERS = 1500
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"https?://\S+|www\.\S+")
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
# Single-letter words count too ("i", "a", "ü"): short support texts have few words to spare.
WORD_TOKENS = r"(?u)\b\w+\b"


class NotEnoughData(ValueError):
    """Fewer than two labels, or no rows: nothing to learn."""


def normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text[:MAX_CHARACTERS]).lower()
    text = _EMAIL.sub(" emailaddress ", text)
    text = _URL.sub(" webaddress ", text)
    text = _DIGITS.sub("0", text)
    return _SPACE.sub(" ", text).strip()


def normalise_all(texts: Sequence[str]) -> list[str]:
    return [normalise_text(text) for text in texts]


def build_pipeline(seed: int = 0, *, kind: str = "caredesk") -> Pipeline:
    """``caredesk``: the product's pipeline. ``plain``: TF-IDF words + logistic regression with
    library defaults, the reference the product must beat."""
    if kind == "plain":
        return Pipeline(
            [
                ("features", TfidfVectorizer()),
                ("model", LogisticRegression(max_iter=1000, random_state=seed)),
            ]
        )
    features = FeatureUnion(
        [
            (
                "words",
                TfidfVectorizer(
                    ngram_range=(1, 2),
                    lowercase=False,
                    sublinear_tf=True,
                    token_pattern=WORD_TOKENS,
                    max_features=200_000,
                    dtype=np.float32,
                ),
            ),
            (
                "characters",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(3, 5),
                    lowercase=False,
                    sublinear_tf=True,
                    min_df=2,
                    max_features=200_000,
                    dtype=np.float32,
                ),
            ),
        ]
    )
    return Pipeline(
        [
            ("normalise", FunctionTransformer(normalise_all)),
            ("features", features),
            ("model", LinearSVC(C=0.5, random_state=seed)),
        ]
    )


def _scores(pipeline: Pipeline, texts: Sequence[str]) -> np.ndarray:
    """Per-class scores, one column per ``pipeline.classes_`` (binary models give one column)."""
    model = pipeline.named_steps["model"]
    if hasattr(model, "predict_proba"):
        return np.asarray(pipeline.predict_proba(list(texts)))
    decision = np.asarray(pipeline.decision_function(list(texts)))
    if decision.ndim == 1:
        decision = np.column_stack([-decision, decision])
    return decision


def _confidence_features(scores: np.ndarray) -> np.ndarray:
    ordered = np.sort(scores, axis=1)
    top = ordered[:, -1]
    runner_up = ordered[:, -2] if scores.shape[1] > 1 else np.zeros_like(top)
    return np.column_stack([top, top - runner_up])


@dataclass
class ConfidenceCalibrator:
    """P(the top label is right) from the top score and its lead, fitted on held-out predictions.

    With too few held-out rights and wrongs to fit a curve, every prediction gets the held-out
    accuracy, smoothed towards one half (no held-out rows: one half, below any sane threshold).
    """

    model: LogisticRegression | None = None
    constant: float = 0.5

    @classmethod
    def fit(cls, scores: np.ndarray, correct: np.ndarray, *, seed: int) -> "ConfidenceCalibrator":
        rights = int(correct.sum())
        wrongs = len(correct) - rights
        if rights >= 5 and wrongs >= 5:
            model = LogisticRegression(random_state=seed)
            model.fit(_confidence_features(scores), correct.astype(int))
            return cls(model=model)
        return cls(constant=(rights + 1) / (len(correct) + 2))

    def confidence(self, scores: np.ndarray) -> np.ndarray:
        if self.model is None:
            return np.full(scores.shape[0], self.constant)
        # predict_proba's own checks cost more than the arithmetic: the sigmoid, written out.
        z = _confidence_features(scores) @ self.model.coef_[0] + self.model.intercept_[0]
        return np.asarray(1 / (1 + np.exp(-z)))


@dataclass(frozen=True)
class Prediction:
    label: str
    confidence: float


@dataclass
class TextClassifier:
    pipeline: Pipeline
    calibrator: ConfidenceCalibrator

    @property
    def labels(self) -> list[str]:
        return [str(label) for label in self.pipeline.classes_]

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        return [predict_together([self], text)[0] for text in texts]

    def _prediction(self, scores: np.ndarray) -> Prediction:
        """The top label of one row of scores, and the calibrated chance that it is right."""
        confidence = self.calibrator.confidence(scores.reshape(1, -1))[0]
        label = self.pipeline.classes_[int(scores.argmax())]
        return Prediction(label=str(label), confidence=round(float(confidence), 4))


def predict_together(classifiers: Sequence[TextClassifier], text: str) -> list[Prediction]:
    """Each classifier's prediction for one text. The category, team and priority models read the
    same new ticket, so it is normalised once and its n-grams are extracted and looked up once
    (``fast_scoring``); a pipeline that path does not cover is scored by scikit-learn."""
    fast = scores_together(
        [classifier.pipeline for classifier in classifiers], normalise_text(text)
    )
    return [
        classifier._prediction(
            _scores(classifier.pipeline, [text])[0] if scores is None else scores
        )
        for classifier, scores in zip(classifiers, fast, strict=True)
    ]


@dataclass
class Evaluation:
    """What ``evaluate`` prints and what each model version stores."""

    pipeline: str
    seed: int
    test_size: float
    rows_read: int
    empty_rows_dropped: int
    duplicates_dropped: int
    label_count: int
    single_row_labels: int
    split: str  # stratified, shuffled, test file, or none (too few rows to hold any out)
    train_rows: int
    test_rows: int
    accuracy: float | None
    macro_f1: float | None
    baseline_label: str
    baseline_accuracy: float | None
    baseline_macro_f1: float | None
    train_seconds: float
    labels: list[str] = field(default_factory=list)
    confusion: list[list[int]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


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


def _fit(texts: Sequence[str], labels: Sequence[str], *, seed: int, kind: str) -> Pipeline:
    if len(set(labels)) < 2:
        raise NotEnoughData("At least two different labels are needed to learn anything.")
    pipeline = build_pipeline(seed, kind=kind)
    pipeline.fit(list(texts), list(labels))
    return pipeline


def fit_and_evaluate(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    test_size: float = 0.2,
    seed: int = 0,
    refit: bool = True,
    kind: str = "caredesk",
    test_texts: Sequence[str] | None = None,
    test_labels: Sequence[str] | None = None,
) -> tuple[TextClassifier, Evaluation]:
    """Learn from a held-out split, score it, then (``refit``) learn again from every row.

    ``test_texts``/``test_labels`` give an official test split instead of the drawn one; test rows
    whose text is also in training are dropped from the test.
    """
    started = time.perf_counter()
    prepared = prepare_rows(texts, labels)
    if not prepared.texts:
        raise NotEnoughData("No row has both a text and a label.")
    if test_texts is not None and test_labels is not None:
        train_texts, train_labels = prepared.texts, prepared.labels
        held_out = prepare_rows(test_texts, test_labels)
        known = set(train_texts)
        pairs = [
            (text, label)
            for text, label in zip(held_out.texts, held_out.labels, strict=True)
            if text not in known
        ]
        eval_texts = [text for text, _ in pairs]
        eval_labels = [label for _, label in pairs]
        split = "test file"
    else:
        train_index, test_index, stratified = split_rows(
            prepared.labels, test_size=test_size, seed=seed
        )
        split = "stratified" if stratified else ("shuffled" if test_index else "none")
        train_texts = [prepared.texts[i] for i in train_index]
        train_labels = [prepared.labels[i] for i in train_index]
        eval_texts = [prepared.texts[i] for i in test_index]
        eval_labels = [prepared.labels[i] for i in test_index]

    pipeline = _fit(train_texts, train_labels, seed=seed, kind=kind)
    counts = Counter(train_labels)
    # Ties go to the label that sorts first, so the baseline does not depend on row order.
    baseline_label = min(counts, key=lambda label: (-counts[label], label))
    accuracy = macro_f1 = baseline_accuracy = baseline_macro_f1 = None
    labels_shown: list[str] = []
    confusion: list[list[int]] = []
    calibrator = ConfidenceCalibrator()
    if eval_texts:
        scores = _scores(pipeline, eval_texts)
        predicted = [str(label) for label in pipeline.classes_[scores.argmax(axis=1)]]
        calibrator = ConfidenceCalibrator.fit(
            scores, np.array(predicted) == np.array(eval_labels), seed=seed
        )
        baseline = [baseline_label] * len(eval_labels)
        accuracy = round(float(accuracy_score(eval_labels, predicted)), 4)
        macro_f1 = round(
            float(f1_score(eval_labels, predicted, average="macro", zero_division=0)), 4
        )
        baseline_accuracy = round(float(accuracy_score(eval_labels, baseline)), 4)
        baseline_macro_f1 = round(
            float(f1_score(eval_labels, baseline, average="macro", zero_division=0)), 4
        )
        labels_shown = sorted(set(eval_labels) | set(predicted))
        confusion = confusion_matrix(eval_labels, predicted, labels=labels_shown).tolist()
    if refit and eval_texts:
        pipeline = _fit(train_texts + eval_texts, train_labels + eval_labels, seed=seed, kind=kind)
    evaluation = Evaluation(
        pipeline=kind,
        seed=seed,
        test_size=test_size,
        rows_read=prepared.rows_read,
        empty_rows_dropped=prepared.empty_rows_dropped,
        duplicates_dropped=prepared.duplicates_dropped,
        label_count=len(set(prepared.labels)),
        single_row_labels=sum(1 for count in Counter(prepared.labels).values() if count == 1),
        split=split,
        train_rows=len(train_texts),
        test_rows=len(eval_texts),
        accuracy=accuracy,
        macro_f1=macro_f1,
        baseline_label=baseline_label,
        baseline_accuracy=baseline_accuracy,
        baseline_macro_f1=baseline_macro_f1,
        train_seconds=round(time.perf_counter() - started, 2),
        labels=labels_shown,
        confusion=confusion,
    )
    return TextClassifier(pipeline=pipeline, calibrator=calibrator), evaluation
