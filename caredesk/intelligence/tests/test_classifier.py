import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from caredesk.intelligence.classifier import (
    NotEnoughData,
    fit_and_evaluate,
    normalise_text,
    predict_together,
)
from caredesk.intelligence.fast_scoring import char_wb_ngrams, scores_together
from caredesk.intelligence.labelled_rows import prepare_rows, split_rows
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
    binary, _ = fit_and_evaluate(texts, [str("billing" in label) for label in labels], seed=0)
    pipelines = [classifier.pipeline, binary.pipeline]
    probe = ["Mein Paket ist nicht angekommen", "REFUND me now!!", "app crash on login 500"]

    together = [scores_together(pipelines, normalise_text(text)) for text in probe]
    alone = [scores_together([classifier.pipeline], normalise_text(text))[0] for text in probe]

    expected = classifier.pipeline.decision_function(probe)
    expected_binary = binary.pipeline.decision_function(probe)
    assert np.vstack([scores[0] for scores in together]) == pytest.approx(expected, abs=1e-6)
    assert np.vstack(alone) == pytest.approx(expected, abs=1e-6)
    assert np.vstack([scores[1] for scores in together]) == pytest.approx(
        np.column_stack([-expected_binary, expected_binary]), abs=1e-6
    )


def test_predicting_together_gives_what_each_model_gives_alone():
    texts, labels = _texts_and_labels()
    category, _ = fit_and_evaluate(texts, labels, seed=0)
    other, _ = fit_and_evaluate(texts[:40], ["x" if i % 2 else "y" for i in range(40)], seed=1)
    plain, _ = fit_and_evaluate(texts, labels, seed=0, kind="plain")
    text = "I was charged twice for my invoice"

    together = predict_together([category, other, plain], text)

    assert together == [category.predict([text])[0], other.predict([text])[0]] + plain.predict(
        [text]
    )
    assert together[0].label == "billing"


@pytest.mark.parametrize(
    "text",
    [
        "i was charged twice for my invoice 0 !!",
        "a ok üb straße  naïve\tmix 日本語 x",
        "",
        "supercalifragilistic",
    ],
)
def test_character_ngrams_are_scikit_learns(text):
    analyzer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=False)

    assert char_wb_ngrams(text, (3, 5)) == analyzer.build_analyzer()(text)
