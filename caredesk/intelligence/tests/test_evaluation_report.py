from sklearn.metrics import precision_recall_fscore_support

from caredesk.intelligence.classifier import fit_and_evaluate
from caredesk.intelligence.evaluation_report import LabelRow, per_label_rows
from caredesk.intelligence.tests.history import synthetic_rows


def test_per_label_rows_are_scikit_learns_and_average_to_the_macro_f1():
    rows = synthetic_rows(per_label=10, seed=5)
    texts = [f"{subject}\n{body}" for subject, body, _ in rows]
    labels = [label for _, _, label in rows]
    _, evaluation = fit_and_evaluate(texts, labels, seed=3, test_size=0.4, refit=False)
    truth = [
        label
        for label, counts in zip(evaluation.labels, evaluation.confusion, strict=True)
        for count in counts
        for _ in range(count)
    ]
    predicted = [
        evaluation.labels[column]
        for counts in evaluation.confusion
        for column, count in enumerate(counts)
        for _ in range(count)
    ]

    shown = per_label_rows(evaluation)

    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predicted, labels=evaluation.labels, zero_division=0
    )
    assert shown == [
        LabelRow(label, round(p, 4), round(r, 4), round(f, 4), int(s))
        for label, p, r, f, s in zip(evaluation.labels, precision, recall, f1, support, strict=True)
    ]
    assert round(sum(row.f1 for row in shown) / len(shown), 4) == evaluation.macro_f1
