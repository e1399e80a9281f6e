from collections import Counter

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from caredesk.intelligence import classifier
from caredesk.intelligence.class_weighting import (
    WEIGHTINGS,
    CandidateScore,
    choose,
    choose_weighting,
    class_weights,
    cross_validation_rows,
)
from caredesk.intelligence.classifier import build_features, fit_and_evaluate
from caredesk.intelligence.labelled_rows import prepare_rows, split_rows
from caredesk.intelligence.tests.history import imbalanced_rows


def _imbalanced(seed=0):
    rows = imbalanced_rows(seed)
    return [text for text, _ in rows], [label for _, label in rows]


@pytest.fixture
def cross_validated(monkeypatch):
    """What reached the cross-validation: each call's labels and feature matrix."""
    calls = []

    def spy(features, labels, **kwargs):
        calls.append((features.copy(), list(labels)))
        return choose_weighting(features, labels, **kwargs)

    monkeypatch.setattr(classifier, "choose_weighting", spy)
    return calls


def test_the_weighting_is_chosen_on_the_training_rows_only(cross_validated):
    texts, labels = _imbalanced()
    prepared = prepare_rows(texts, labels)
    train, test, _ = split_rows(prepared.labels, test_size=0.2, seed=0)

    _, evaluation = fit_and_evaluate(texts, labels, seed=0, refit=True)

    [(features, cv_labels)] = cross_validated
    assert cv_labels == [prepared.labels[index] for index in train]
    assert features.shape[0] == evaluation.train_rows == len(train)
    # The features of exactly the training texts: no held-out text reached the vocabulary either.
    expected = build_features().fit_transform([prepared.texts[index] for index in train])
    assert features.shape == expected.shape
    assert abs(features - expected).max() == 0
    assert evaluation.test_rows == len(test) > 0


def test_with_a_test_file_the_cross_validation_sees_the_training_file_only(cross_validated):
    texts, labels = _imbalanced()

    _, evaluation = fit_and_evaluate(
        texts[:300], labels[:300], seed=0, test_texts=texts[300:], test_labels=labels[300:]
    )

    [(features, cv_labels)] = cross_validated
    assert cv_labels == prepare_rows(texts[:300], labels[:300]).labels
    assert features.shape[0] == evaluation.train_rows == 300
    assert evaluation.split == "test file"


def test_where_balancing_helps_the_choice_beats_both_baselines():
    texts, labels = _imbalanced()

    _, evaluation = fit_and_evaluate(texts, labels, seed=0, refit=False)

    assert evaluation.class_weighting == "balanced"
    # Balancing helps here: the unbalanced model misses the rare labels.
    assert evaluation.balanced_linear_macro_f1 > evaluation.unbalanced_linear_macro_f1 + 0.1
    assert evaluation.macro_f1 >= evaluation.balanced_linear_macro_f1
    assert evaluation.accuracy >= evaluation.unbalanced_linear_accuracy
    assert (evaluation.accuracy, evaluation.macro_f1) == (0.9275, 0.7738)
    assert (evaluation.unbalanced_linear_accuracy, evaluation.unbalanced_linear_macro_f1) == (
        0.8696,
        0.5769,
    )
    selection = evaluation.model_selection
    assert (selection["chosen"], selection["folds"]) == ("balanced", 3)
    assert [c["weighting"] for c in selection["candidates"]] == [
        "unbalanced",
        "balanced^0.75",
        "balanced",
    ]
    # rare-9 (3 rows) keeps 2 for training; rare-10..12 have 2 or 1: never scored in the folds.
    assert selection["unscored_labels"] == 4
    assert selection["scored_rows"] == evaluation.train_rows - 2 - 2 - 1 - 1


def test_the_final_model_learns_every_row_with_the_chosen_weighting():
    texts, labels = _imbalanced()

    trained, evaluation = fit_and_evaluate(texts, labels, seed=0, refit=True)

    model = trained.pipeline.named_steps["model"]
    assert model.class_weight == "balanced"
    assert len(model.classes_) == evaluation.label_count == 16


def test_single_row_labels_and_too_few_rows_to_cross_validate_do_not_crash():
    texts = ["refund my invoice", "invoice wrong", "app crashes", "login broken", "parcel lost"]
    labels = ["billing", "billing", "technical", "technical", "shipping"]

    trained, evaluation = fit_and_evaluate(texts, labels, seed=0)

    assert evaluation.class_weighting == "unbalanced"
    assert evaluation.model_selection == {
        "chosen": "unbalanced",
        "folds": 0,
        "scored_rows": 0,
        "unscored_labels": 3,
        "candidates": [],
        "rule": evaluation.model_selection["rule"],
        "note": "no cross-validation: fewer than two labels have 3 training rows",
    }
    assert trained.predict(["my invoice is wrong"])[0].label == "billing"


def test_labels_with_fewer_rows_than_folds_are_learnt_in_every_fold_but_not_scored():
    features = csr_matrix(np.eye(8, dtype=np.float32))
    labels = ["a", "a", "a", "b", "b", "b", "c", "d"]

    choice = choose_weighting(features, labels, seed=0)

    assert (choice.folds, choice.scored_rows, choice.unscored_labels) == (3, 6, 2)
    assert len(choice.candidates) == 3


def test_a_long_history_is_cross_validated_on_a_sample_that_keeps_each_label():
    labels = ["big"] * 900 + ["mid"] * 90 + ["small"] * 8 + ["one"]

    rows = cross_validation_rows(labels, limit=100, seed=0)

    assert Counter(labels[index] for index in rows) == {"big": 90, "mid": 9, "small": 3, "one": 1}
    assert rows == sorted(set(rows))
    assert rows == cross_validation_rows(labels, limit=100, seed=0)
    assert cross_validation_rows(labels, limit=999, seed=0) == list(range(999))


def test_a_sampled_cross_validation_says_so():
    features = csr_matrix(np.eye(40, dtype=np.float32))
    labels = ["a"] * 20 + ["b"] * 20

    choice = choose_weighting(features, labels, seed=0, limit=10)

    assert (choice.scored_rows, choice.note) == (10, "folds drawn from 10 of the 40 training rows")


def _candidate(weighting, accuracy, macro_f1, error=0.01):
    return CandidateScore(
        weighting, accuracy, macro_f1, 0.0 if weighting == "unbalanced" else error
    )


@pytest.mark.parametrize(
    ("candidates", "chosen"),
    [
        # balanced loses 0.02 accuracy, more than its standard error of 0.01; balanced^0.75
        # loses 0.005, within it, and has the better macro-F1 of the rest.
        ([(0.80, 0.40), (0.795, 0.52), (0.78, 0.55)], "balanced^0.75"),
        ([(0.80, 0.40), (0.795, 0.52), (0.79, 0.55)], "balanced"),
        # Equal figures: the less balanced.
        ([(0.80, 0.50), (0.80, 0.50), (0.80, 0.50)], "unbalanced"),
        # Nothing beats the unbalanced model's macro-F1.
        ([(0.80, 0.50), (0.81, 0.48), (0.79, 0.49)], "unbalanced"),
    ],
)
def test_the_rule_takes_the_best_macro_f1_whose_accuracy_is_within_noise(candidates, chosen):
    scores = [
        CandidateScore(name, accuracy, macro_f1, 0.0 if name == "unbalanced" else 0.01)
        for name, (accuracy, macro_f1) in zip(WEIGHTINGS, candidates, strict=True)
    ]

    assert choose(scores) == chosen


def test_class_weights_go_from_none_to_balanced():
    labels = ["a"] * 6 + ["b"] * 2

    assert class_weights(labels, "unbalanced") is None
    assert class_weights(labels, "balanced") == "balanced"
    assert class_weights(labels, "balanced^0.75") == pytest.approx(
        {"a": (4 / 6) ** 0.75, "b": 2**0.75}
    )
