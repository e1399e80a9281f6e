import pytest

from caredesk.intelligence.classifier import (
    NotEnoughData,
    _fast_scores,
    fit_and_evaluate,
    normalise_text,
    prepare_rows,
    split_rows,
)
from caredesk.intelligence.tests.history import synthetic_rows


def _texts_and_labels(per_label=20, seed=1):
    rows = synthetic_rows(per_label, seed)
    return [f"{subject}\n{body}" for subject, body, _ in rows], [label for *_, label in rows]


def test_normalisation_hides_addresses_and_numbers():
    assert normalise_text("Mail ME at a.b@example.com, see https://x.io/a?b=1 order 12345") == (
        "mail me at emailaddress , see webaddress order 0"
    )


def test_same_rows_and_seed_give_the_same_model_and_numbers():
    texts, labels = _texts_and_labels()

    first, first_evaluation = fit_and_evaluate(texts, labels, seed=3)
    second, second_evaluation = fit_and_evaluate(texts, labels, seed=3)

    assert first_evaluation.as_dict() | {"train_seconds": 0} == second_evaluation.as_dict() | {
        "train_seconds": 0
    }
    probe = ["I was charged twice", "the app crashes", "where is my parcel"]
    assert first.predict(probe) == second.predict(probe)
    assert [prediction.label for prediction in first.predict(probe)] == [
        "billing",
        "technical",
        "service",
    ]


def test_the_product_pipeline_learns_the_synthetic_history():
    texts, labels = _texts_and_labels()

    _, evaluation = fit_and_evaluate(texts, labels, seed=0)

    assert evaluation.split == "stratified"
    assert (evaluation.train_rows, evaluation.test_rows) == (48, 12)
    assert (evaluation.accuracy, evaluation.baseline_accuracy) == (0.9167, 0.3333)
    assert evaluation.labels == ["billing", "service", "technical"]
    assert evaluation.confusion == [[3, 1, 0], [0, 4, 0], [0, 0, 4]]


def test_duplicates_and_empty_rows_are_dropped_first():
    prepared = prepare_rows(["a", " a ", "", "b", "c"], ["x", "x", "y", "", "z"])

    assert (prepared.texts, prepared.labels) == (["a", "c"], ["x", "z"])
    assert (prepared.empty_rows_dropped, prepared.duplicates_dropped) == (2, 1)


def test_single_row_labels_train_only_and_small_splits_shuffle():
    labels = ["a"] * 4 + ["b"] * 4 + ["c"] * 2 + ["d"]

    train, test, stratified = split_rows(labels, test_size=0.2, seed=0)

    assert 10 in train
    assert 10 not in test
    assert len(test) == 2
    assert stratified is False


def test_one_label_is_nothing_to_learn():
    with pytest.raises(NotEnoughData):
        fit_and_evaluate(["a b", "c d", "e f"], ["x", "x", "x"])


def test_the_fast_prediction_path_scores_exactly_like_the_pipeline():
    texts, labels = _texts_and_labels()
    classifier, _ = fit_and_evaluate(texts, labels, seed=0)
    probe = ["Mein Paket ist nicht angekommen", "REFUND me now!!", "app crash on login 500"]

    fast = _fast_scores(classifier.pipeline, probe)

    assert fast == pytest.approx(classifier.pipeline.decision_function(probe), abs=1e-6)
