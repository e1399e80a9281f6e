import json

from django.core.management import call_command

from caredesk.intelligence.tests.history import synthetic_rows

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


def test_evaluate_prints_the_figures_next_to_the_baseline(tmp_path, capsys):
    path = _export(tmp_path)

    call_command(
        "intelligence",
        "evaluate",
        "--csv",
        str(path),
        "--text-columns",
        "Subject,Body",
        "--label-column",
        "Team",
    )

    assert capsys.readouterr().out == (
        "read 35 rows (cp1252); dropped 1 without text or label and 2 duplicate texts\n"
        "labels: 4, of which 1 with a single row (training only)\n"
        "split: stratified 20% held out, seed 0: 25 train / 7 test rows\n"
        "\n"
        "                          accuracy  macro-F1\n"
        "caredesk model               1.000     1.000\n"
        "majority baseline            0.429     0.200  (always 'billing')\n"
        "\n"
        "per label (held out)     precision    recall        F1    rows\n"
        "billing                      1.000     1.000     1.000       3\n"
        "service                      1.000     1.000     1.000       2\n"
        "technical                    1.000     1.000     1.000       2\n"
    )


def test_evaluate_as_json_for_scripts(tmp_path, capsys):
    path = _export(tmp_path)

    call_command(
        "intelligence",
        "evaluate",
        "--csv",
        str(path),
        "--text-columns",
        "Subject,Body",
        "--label-column",
        "Team",
        "--seed",
        "0",
        "--test-size",
        "0.2",
        "--json",
    )

    report = json.loads(capsys.readouterr().out)
    assert report["encoding"] == "cp1252"
    assert (report["accuracy"], report["macro_f1"]) == (1.0, 1.0)
    assert (report["baseline_accuracy"], report["baseline_label"]) == (0.4286, "billing")
    assert report["labels"] == ["billing", "service", "technical"]
    assert report["confusion"] == [[3, 0, 0], [0, 2, 0], [0, 0, 2]]
    assert (report["train_rows"], report["test_rows"], report["single_row_labels"]) == (25, 7, 1)
