"""``caredesk intelligence evaluate``: a ticket-history export in, the figures a team needs to
decide whether to switch classification on. Trains through ``classifier.fit_and_evaluate``, the
code path of the product's own training."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from caredesk.intelligence.classifier import Evaluation, fit_and_evaluate
from caredesk.intelligence.history_csv import Export, read_export


def _texts(export: Export, text_columns: Sequence[str]) -> list[str]:
    return [
        "\n".join(row[column].strip() for column in text_columns if row[column].strip())
        for row in export.rows
    ]


def evaluate_export(
    path: str | Path,
    *,
    text_columns: Sequence[str],
    label_column: str,
    test_size: float = 0.2,
    seed: int = 0,
    test_path: str | Path | None = None,
    pipeline: str = "caredesk",
) -> tuple[Evaluation, str]:
    """The evaluation and the encoding the file was read with."""
    export = read_export(path)
    test_export = read_export(test_path) if test_path is not None else None
    evaluation = evaluate_loaded_export(
        export,
        text_columns=text_columns,
        label_column=label_column,
        test_size=test_size,
        seed=seed,
        test_export=test_export,
        pipeline=pipeline,
    )
    return evaluation, export.encoding


def evaluate_loaded_export(
    export: Export,
    *,
    text_columns: Sequence[str],
    label_column: str,
    test_size: float = 0.2,
    seed: int = 0,
    test_export: Export | None = None,
    pipeline: str = "caredesk",
) -> Evaluation:
    """``evaluate_export`` on a file already read (an upload): the same split, model and figures.

    Raises ``UnreadableExport`` for a missing column, ``NotEnoughData`` for fewer than two labels.
    """
    export.require([*text_columns, label_column])
    test_texts = test_labels = None
    if test_export is not None:
        test_export.require([*text_columns, label_column])
        test_texts = _texts(test_export, text_columns)
        test_labels = [row[label_column] for row in test_export.rows]
    _, evaluation = fit_and_evaluate(
        _texts(export, text_columns),
        [row[label_column] for row in export.rows],
        test_size=test_size,
        seed=seed,
        refit=False,
        kind=pipeline,
        test_texts=test_texts,
        test_labels=test_labels,
    )
    return evaluation


@dataclass(frozen=True)
class LabelRow:
    """One label's held-out figures, read off the confusion matrix (rows: true, columns: predicted)."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int  # held-out rows that truly carry the label


def per_label_rows(evaluation: Evaluation) -> list[LabelRow]:
    """Precision, recall and F1 per label, as scikit-learn's ``classification_report`` gives them
    (zero where undefined), so their F1s average to the evaluation's macro-F1."""
    rows = []
    matrix = evaluation.confusion
    for index, label in enumerate(evaluation.labels):
        right = matrix[index][index]
        support = sum(matrix[index])
        predicted = sum(row[index] for row in matrix)
        precision = right / predicted if predicted else 0.0
        recall = right / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append(LabelRow(label, round(precision, 4), round(recall, 4), round(f1, 4), support))
    return rows


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def format_report(evaluation: Evaluation, *, encoding: str) -> str:
    e = evaluation
    split = {
        "stratified": f"stratified {e.test_size:.0%} held out, seed {e.seed}",
        "shuffled": f"shuffled {e.test_size:.0%} held out (too few rows per label to stratify), seed {e.seed}",
        "test file": "the given test file (its texts also in training dropped)",
        "none": "none (too few rows to hold any out)",
    }[e.split]
    lines = [
        f"read {e.rows_read} rows ({encoding}); dropped {e.empty_rows_dropped} without text or label "
        f"and {e.duplicates_dropped} duplicate texts",
        f"labels: {e.label_count}, of which {e.single_row_labels} with a single row (training only)",
        f"split: {split}: {e.train_rows} train / {e.test_rows} test rows",
    ]
    if e.accuracy is None:
        lines.append("no test rows: too little data to measure anything")
        return "\n".join(lines)
    lines += [
        "",
        f"{'':24}{'accuracy':>10}{'macro-F1':>10}",
        f"{e.pipeline + ' model':24}{_figure(e.accuracy):>10}{_figure(e.macro_f1):>10}",
        f"{'majority baseline':24}{_figure(e.baseline_accuracy):>10}"
        f"{_figure(e.baseline_macro_f1):>10}  (always {e.baseline_label!r})",
        "",
        f"{'per label (held out)':24}{'precision':>10}{'recall':>10}{'F1':>10}{'rows':>8}",
    ]
    lines += [
        f"{row.label[:23]:24}{_figure(row.precision):>10}{_figure(row.recall):>10}"
        f"{_figure(row.f1):>10}{row.support:>8}"
        for row in per_label_rows(e)
    ]
    return "\n".join(lines)
