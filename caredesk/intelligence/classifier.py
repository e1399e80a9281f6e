"""The one text classifier, used by the product (``services/training.py``) and by
``caredesk intelligence evaluate``, so what a team measures on its export is what it will run.

Pipeline: text normalisation, TF-IDF over word 1-2-grams and character 3-5-grams within word
boundaries (they survive typos, inflections and mixed languages), and a linear SVM whose class
weights each model version chooses by cross-validation on its training rows
(``class_weighting.py``: imbalanced histories). The SVM's scores are not probabilities; the
confidence that decides "apply or suggest" is the probability that the top label is right, learnt
on the held-out split from the top score and its lead over the runner-up. Everything is seeded, so the same rows give the same model and the same numbers.
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
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer

from caredesk.intelligence.class_weighting import (
    DEFAULT_WEIGHTING,
    WeightingChoice,
    choose_weighting,
    linear_model,
)
from caredesk.intelligence.fast_scoring import scores_together
from caredesk.intelligence.labelled_rows import prepare_rows, split_rows

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


def build_features() -> Pipeline:
    """Normalisation and TF-IDF over word and character n-grams: the product's features."""
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
    return Pipeline([("normalise", FunctionTransformer(normalise_all)), ("features", features)])


def build_pipeline(
    seed: int = 0,
    *,
    kind: str = "caredesk",
    labels: Sequence[str] = (),
    weighting: str = DEFAULT_WEIGHTING,
) -> Pipeline:
    """``caredesk``: the product's pipeline, its SVM weighing the ``labels`` it will learn as
    ``weighting`` says (``class_weighting``). ``plain``: TF-IDF words + logistic regression with
    library defaults, the reference the product must beat."""
    if kind == "plain":
        return Pipeline(
            [
                ("features", TfidfVectorizer()),
                ("model", LogisticRegression(max_iter=1000, random_state=seed)),
            ]
        )
    return Pipeline(
        [*build_features().steps, ("model", linear_model(labels, weighting, seed=seed))]
    )


def _scores(pipeline: Pipeline, texts: Sequence[str]) -> np.ndarray:
    """Per-class scores, one column per ``pipeline.classes_`` (binary models give one column)."""
    model = pipeline.named_steps["model"]
    if hasattr(model, "predict_proba"):
        return np.asarray(pipeline.predict_proba(list(texts)))
    return _per_class(pipeline.decision_function(list(texts)))


def _per_class(decision: np.ndarray) -> np.ndarray:
    """Decision scores with one column per class, also for a binary model's single column."""
    decision = np.asarray(decision)
    return np.column_stack([-decision, decision]) if decision.ndim == 1 else decision


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
    # The class weighting the model learnt with, and how cross-validation on the training rows
    # chose it (``WeightingChoice.as_dict()``; empty for the plain pipeline, which has no choice).
    class_weighting: str = DEFAULT_WEIGHTING
    model_selection: dict[str, Any] = field(default_factory=dict)
    # The product's word+char TF-IDF SVM with fixed weightings, on the same split: what the
    # choice must match on macro-F1 (balanced) and on accuracy (unbalanced). None for plain.
    balanced_linear_accuracy: float | None = None
    balanced_linear_macro_f1: float | None = None
    unbalanced_linear_accuracy: float | None = None
    unbalanced_linear_macro_f1: float | None = None
    labels: list[str] = field(default_factory=list)
    confusion: list[list[int]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _require_two_labels(labels: Sequence[str]) -> None:
    if len(set(labels)) < 2:
        raise NotEnoughData("At least two different labels are needed to learn anything.")


def _fit(
    texts: Sequence[str], labels: Sequence[str], *, seed: int, kind: str, weighting: str
) -> Pipeline:
    _require_two_labels(labels)
    pipeline = build_pipeline(seed, kind=kind, labels=labels, weighting=weighting)
    pipeline.fit(list(texts), list(labels))
    return pipeline


def _figures(truth: Sequence[str], predicted: Sequence[str]) -> tuple[float, float]:
    """(accuracy, macro-F1), rounded as stored."""
    return (
        round(float(accuracy_score(truth, predicted)), 4),
        round(float(f1_score(truth, predicted, average="macro", zero_division=0)), 4),
    )


@dataclass
class _Trained:
    """The model learnt from the training rows, and what the held-out rows make of it."""

    pipeline: Pipeline
    selection: WeightingChoice | None = None
    eval_scores: np.ndarray | None = None
    # weighting -> (accuracy, macro-F1) on the held-out rows of the fixed-weighting SVMs.
    linear_baselines: dict[str, tuple[float, float]] = field(default_factory=dict)


def _train_product(
    train_texts: Sequence[str],
    train_labels: Sequence[str],
    eval_texts: Sequence[str],
    eval_labels: Sequence[str],
    *,
    seed: int,
) -> _Trained:
    """The product pipeline with the weighting cross-validation on the training rows chose, and
    the balanced and unbalanced SVMs beside it. The features are extracted once for all of them
    (and for the folds: the TF-IDF vocabulary sees no label, and no held-out row)."""
    _require_two_labels(train_labels)
    features = build_features()
    train_matrix = features.fit_transform(list(train_texts))
    selection = choose_weighting(train_matrix, train_labels, seed=seed)
    eval_matrix = features.transform(list(eval_texts)) if eval_texts else None
    trained = _Trained(pipeline=features, selection=selection)
    for weighting in dict.fromkeys([selection.chosen, DEFAULT_WEIGHTING, "balanced"]):
        model = linear_model(train_labels, weighting, seed=seed).fit(train_matrix, train_labels)
        if weighting == selection.chosen:
            trained.pipeline = Pipeline([*features.steps, ("model", model)])
        if eval_matrix is None:
            continue
        scores = _per_class(model.decision_function(eval_matrix))
        if weighting == selection.chosen:
            trained.eval_scores = scores
        predicted = [str(label) for label in model.classes_[scores.argmax(axis=1)]]
        trained.linear_baselines[weighting] = _figures(eval_labels, predicted)
    return trained


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
    """Learn from a held-out split, score it, then (``refit``) learn again from every row, with
    the class weighting chosen on the training rows.

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

    if kind == "plain":
        trained = _Trained(
            _fit(train_texts, train_labels, seed=seed, kind=kind, weighting=DEFAULT_WEIGHTING)
        )
        if eval_texts:
            trained.eval_scores = _scores(trained.pipeline, eval_texts)
    else:
        trained = _train_product(train_texts, train_labels, eval_texts, eval_labels, seed=seed)
    weighting = trained.selection.chosen if trained.selection else DEFAULT_WEIGHTING
    pipeline = trained.pipeline
    counts = Counter(train_labels)
    # Ties go to the label that sorts first, so the baseline does not depend on row order.
    baseline_label = min(counts, key=lambda label: (-counts[label], label))
    accuracy = macro_f1 = baseline_accuracy = baseline_macro_f1 = None
    labels_shown: list[str] = []
    confusion: list[list[int]] = []
    calibrator = ConfidenceCalibrator()
    if trained.eval_scores is not None:
        scores = trained.eval_scores
        predicted = [str(label) for label in pipeline.classes_[scores.argmax(axis=1)]]
        calibrator = ConfidenceCalibrator.fit(
            scores, np.array(predicted) == np.array(eval_labels), seed=seed
        )
        accuracy, macro_f1 = _figures(eval_labels, predicted)
        baseline_accuracy, baseline_macro_f1 = _figures(
            eval_labels, [baseline_label] * len(eval_labels)
        )
        labels_shown = sorted(set(eval_labels) | set(predicted))
        confusion = confusion_matrix(eval_labels, predicted, labels=labels_shown).tolist()
    if refit and eval_texts:
        pipeline = _fit(
            train_texts + eval_texts,
            train_labels + eval_labels,
            seed=seed,
            kind=kind,
            weighting=weighting,
        )
    balanced = trained.linear_baselines.get("balanced", (None, None))
    unbalanced = trained.linear_baselines.get(DEFAULT_WEIGHTING, (None, None))
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
        class_weighting=weighting,
        model_selection=trained.selection.as_dict() if trained.selection else {},
        balanced_linear_accuracy=balanced[0],
        balanced_linear_macro_f1=balanced[1],
        unbalanced_linear_accuracy=unbalanced[0],
        unbalanced_linear_macro_f1=unbalanced[1],
        labels=labels_shown,
        confusion=confusion,
    )
    return TextClassifier(pipeline=pipeline, calibrator=calibrator), evaluation
