"""``caredesk intelligence evaluate``: a ticket-history export in, the figures a team needs to
decide whether to switch classification on. Trains through ``classifier.fit_and_evaluate``, the
code path of the product's own training."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from caredesk.intelligence.class_weighting import DEFAULT_WEIGHTING
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


def weighting_summary(metrics: dict[str, Any]) -> str:
    """A model version's class weighting and the cross-validated figures that chose it, in one
    line. Versions trained before the choice existed learnt without weights."""
    selection = metrics.get("model_selection") or {}
    weighting = metrics.get("class_weighting", DEFAULT_WEIGHTING)
    chosen = next((c for c in selection.get("candidates", []) if c["weighting"] == weighting), None)
    if chosen is None:
        reason = selection.get("note") or "no cross-validation"
        return f"class weighting {weighting} ({reason})"
    return (
        f"class weighting {weighting} (chosen by {selection['folds']}-fold CV on the training "
        f"rows: accuracy {chosen['accuracy']}, macro-F1 {chosen['macro_f1']})"
    )


def _selection_lines(selection: dict[str, Any]) -> list[str]:
    """How the class weighting was chosen, from ``Evaluation.model_selection``."""
    if not selection:
        return []
    if not selection["candidates"]:
        return ["", f"class weighting {selection['chosen']}: {selection['note']}"]
    unscored = selection["unscored_labels"]
    lines = [
        "",
        f"class weighting chosen by {selection['folds']}-fold cross-validation on the training "
        f"rows only: {selection['scored_rows']} rows scored; {unscored} "
        f"label{'' if unscored == 1 else 's'} with fewer than {selection['folds']} rows learnt "
        "in every fold, never scored",
        f"{'':24}{'accuracy':>10}{'macro-F1':>10}{'± acc.':>10}",
    ]
    lines += [
        f"{candidate['weighting']:24}{_figure(candidate['accuracy']):>10}"
        f"{_figure(candidate['macro_f1']):>10}{_figure(candidate['accuracy_standard_error']):>10}"
        + ("  chosen" if candidate["weighting"] == selection["chosen"] else "")
        for candidate in selection["candidates"]
    ]
    return [*lines, f"rule: {selection['rule']}"]


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
    model = f"{_figure(e.accuracy):>10}{_figure(e.macro_f1):>10}"
    if e.model_selection:
        model += f"  (class weighting {e.class_weighting})"
    lines += ["", f"{'':24}{'accuracy':>10}{'macro-F1':>10}", f"{e.pipeline + ' model':24}{model}"]
    if e.balanced_linear_accuracy is not None:
        lines += [
            f"{'balanced TF-IDF SVM':24}{_figure(e.balanced_linear_accuracy):>10}"
            f"{_figure(e.balanced_linear_macro_f1):>10}  (word+char, class weighting balanced)",
            f"{'unbalanced TF-IDF SVM':24}{_figure(e.unbalanced_linear_accuracy):>10}"
            f"{_figure(e.unbalanced_linear_macro_f1):>10}  (word+char, no class weights)",
        ]
    lines += [
        f"{'majority baseline':24}{_figure(e.baseline_accuracy):>10}"
        f"{_figure(e.baseline_macro_f1):>10}  (always {e.baseline_label!r})",
        *_selection_lines(e.model_selection),
        "",
        f"{'per label (held out)':24}{'precision':>10}{'recall':>10}{'F1':>10}{'rows':>8}",
    ]
    lines += [
        f"{row.label[:23]:24}{_figure(row.precision):>10}{_figure(row.recall):>10}"
        f"{_figure(row.f1):>10}{row.support:>8}"
        for row in per_label_rows(e)
    ]
    return "\n".join(lines)
