import json

from django.core.management import call_command

from caredesk.intelligence.class_weighting import RULE
from caredesk.intelligence.tests.history import imbalanced_rows, synthetic_rows

# Windows-1252 spreadsheet export: accents, a euro sign, a semicolon-free comma CSV with quoted
# commas, an empty subject, an empty label, two exact duplicates and a label seen once.
EXTRA_ROWS = [
    ("Facture erronée", "Le montant est incorrect: 120€ au lieu de 100€", "billing"),
    ("", "Café machine in the office is broken again", "facilities"),
    ("Passwort", "Ich habe mein Passwort vergessen, bitte zurücksetzen", ""),
]


def _export(tmp_path):
    rows = synthetic_rows(per_label=10, seed=5)
    rows += EXTRA_ROWS + rows[:2]
    lines = ["Subject,Body,Team"]
    for subject, body, label in rows:
        lines.append(f'"{subject}","{body}",{label}')
    path = tmp_path / "export.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def _evaluate(path, *extra, columns=("Subject,Body", "Team")):
    text_columns, label_column = columns
    call_command(
        "intelligence",
        "evaluate",
        "--csv",
        str(path),
        "--text-columns",
        text_columns,
        "--label-column",
        label_column,
        *extra,
    )


def test_evaluate_prints_the_figures_next_to_the_baseline(tmp_path, capsys):
    path = _export(tmp_path)

    _evaluate(path)

    assert capsys.readouterr().out == (
        "read 35 rows (cp1252); dropped 1 without text or label and 2 duplicate texts\n"
        "labels: 4, of which 1 with a single row (training only)\n"
        "split: stratified 20% held out, seed 0: 25 train / 7 test rows\n"
        "\n"
        "                          accuracy  macro-F1\n"
        "caredesk model               1.000     1.000  (class weighting balanced^0.75)\n"
        "balanced TF-IDF SVM          1.000     1.000  (word+char, class weighting balanced)\n"
        "unbalanced TF-IDF SVM        1.000     1.000  (word+char, no class weights)\n"
        "majority baseline            0.429     0.200  (always 'billing')\n"
        "\n"
        "class weighting chosen by 3-fold cross-validation on the training rows only: 24 rows "
        "scored; 1 label with fewer than 3 rows learnt in every fold, never scored\n"
        "                          accuracy  macro-F1    ± acc.\n"
        "unbalanced                   0.667     0.665     0.000\n"
        "balanced^0.75                0.667     0.667     0.000  chosen\n"
        "balanced                     0.667     0.665     0.000\n"
        f"rule: {RULE}\n"
        "\n"
        "per label (held out)     precision    recall        F1    rows\n"
        "billing                      1.000     1.000     1.000       3\n"
        "service                      1.000     1.000     1.000       2\n"
        "technical                    1.000     1.000     1.000       2\n"
    )


def test_evaluate_as_json_for_scripts(tmp_path, capsys):
    path = _export(tmp_path)

    _evaluate(path, "--seed", "0", "--test-size", "0.2", "--json")

    report = json.loads(capsys.readouterr().out)
    assert report["encoding"] == "cp1252"
    assert (report["accuracy"], report["macro_f1"]) == (1.0, 1.0)
    assert (report["baseline_accuracy"], report["baseline_label"]) == (0.4286, "billing")
    assert report["labels"] == ["billing", "service", "technical"]
    assert report["confusion"] == [[3, 0, 0], [0, 2, 0], [0, 0, 2]]
    assert (report["train_rows"], report["test_rows"], report["single_row_labels"]) == (25, 7, 1)


def test_evaluate_reports_the_balanced_and_unbalanced_baselines_as_json(tmp_path, capsys):
    path = tmp_path / "imbalanced.csv"
    lines = ["Text;Label", *(f"{text};{label}" for text, label in imbalanced_rows(seed=0))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    _evaluate(path, "--json", columns=("Text", "Label"))

    report = json.loads(capsys.readouterr().out)
    assert (report["class_weighting"], report["accuracy"], report["macro_f1"]) == (
        "balanced",
        0.9275,
        0.7738,
    )
    assert (report["balanced_linear_accuracy"], report["balanced_linear_macro_f1"]) == (
        0.9275,
        0.7738,
    )
    assert (report["unbalanced_linear_accuracy"], report["unbalanced_linear_macro_f1"]) == (
        0.8696,
        0.5769,
    )
    assert report["model_selection"]["chosen"] == "balanced"
    assert report["model_selection"]["folds"] == 3
    assert (report["label_count"], report["single_row_labels"]) == (16, 2)


def test_the_plain_pipeline_has_no_weighting_to_choose(tmp_path, capsys):
    path = _export(tmp_path)

    _evaluate(path, "--pipeline", "plain", "--json")

    report = json.loads(capsys.readouterr().out)
    assert (report["class_weighting"], report["model_selection"]) == ("unbalanced", {})
    assert report["balanced_linear_accuracy"] is None
    assert report["unbalanced_linear_macro_f1"] is None
