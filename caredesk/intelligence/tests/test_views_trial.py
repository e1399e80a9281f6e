"""Admins' "Try triage on your history": an uploaded export scored as the CLI scores it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from caredesk.intelligence.evaluation_report import evaluate_export
from caredesk.intelligence.tests.history import synthetic_rows
from caredesk.intelligence.ui import forms as triage_forms

pytestmark = pytest.mark.django_db

TRIAL = reverse("web:triage_trial")
COLUMNS = reverse("web:triage_trial_columns")


def export_bytes(rows=None, encoding="cp1252"):
    rows = rows if rows is not None else synthetic_rows(per_label=10, seed=5)
    lines = ["Subject;Body;Team"]
    lines += [f'"{subject}";"{body} – café";{label}' for subject, body, label in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def upload(data, name="export.csv"):
    return SimpleUploadedFile(name, data, content_type="text/csv")


def trial(client, data, **fields):
    form = {
        "export": upload(data),
        "text_columns": ["Subject", "Body"],
        "label_column": "Team",
        "test_percent": "20",
        "seed": "0",
    }
    return client.post(TRIAL, {**form, **fields})


@pytest.mark.parametrize(
    ("role", "status"),
    [("agent", 403), ("supervisor", 403), ("admin", 200), ("customer", 302), ("anonymous", 302)],
)
def test_only_admins_open_the_trial(client_as, role, status):
    response = client_as(role).get(TRIAL)

    assert response.status_code == status
    if status == 403:
        assert "Only admins may change these settings." in response.text


@pytest.mark.parametrize("role", ["agent", "supervisor", "customer", "anonymous"])
def test_nobody_else_runs_a_trial(client_as, role):
    response = trial(client_as(role), export_bytes())

    assert response.status_code in (302, 403)
    assert "result" not in (response.context or {})


def test_the_figures_are_those_of_intelligence_evaluate(client_as, tmp_path):
    data = export_bytes()
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    expected, encoding = evaluate_export(
        path, text_columns=["Subject", "Body"], label_column="Team", test_size=0.2, seed=0
    )

    response = trial(client_as("admin"), data)

    assert response.status_code == 200
    result = response.context["result"]
    assert result["evaluation"] == expected.as_dict() | {
        "train_seconds": result["evaluation"]["train_seconds"]
    }
    assert result["encoding"] == encoding == "cp1252"
    assert [(row.label, row.precision, row.recall, row.f1, row.support) for row in
            result["per_label"]] == [
        ("billing", 0.6667, 1.0, 0.8, 2),
        ("service", 0.5, 0.5, 0.5, 2),
        ("technical", 1.0, 0.5, 0.6667, 2),
    ]  # fmt: skip
    assert round(sum(row.f1 for row in result["per_label"]) / 3, 4) == expected.macro_f1
    assert result["confusion"] == [
        ("billing", [2, 0, 0]),
        ("service", [1, 1, 0]),
        ("technical", [0, 1, 1]),
    ]
    assert "<td>0.667</td><td>0.656</td>" in response.text
    assert "Majority baseline (always “billing”)" in response.text
    assert '<td class="diagonal">2</td>' in response.text


def test_another_seed_and_test_size_change_the_split(client_as):
    response = trial(client_as("admin"), export_bytes(), test_percent="40", seed="7")

    evaluation = response.context["result"]["evaluation"]
    assert (evaluation["seed"], evaluation["test_size"]) == (7, 0.4)
    assert (evaluation["train_rows"], evaluation["test_rows"]) == (18, 12)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "The file is not a CSV export"),
        (b"Subject;Body;Team\r\n", "The file has a header row but no tickets under it."),
    ],
)
def test_a_file_that_is_not_an_export_is_a_form_error(client_as, data, message):
    response = trial(client_as("admin"), data)

    assert response.status_code == 422
    assert message in response.text
    assert "Select a valid choice" not in response.text
    assert "result" not in response.context


def test_a_column_the_file_lacks_is_refused(client_as):
    response = trial(client_as("admin"), export_bytes(), label_column="Queue")

    assert response.status_code == 422
    assert "Label column: Select a valid choice. Queue is not one of the available choices." in (
        response.text
    )
    assert '<option value="Team">Team</option>' in response.text


def test_a_label_column_with_one_label_only_is_refused(client_as):
    rows = [(subject, body, "billing") for subject, body, _ in synthetic_rows(5)]

    response = trial(client_as("admin"), export_bytes(rows))

    assert response.status_code == 422
    assert "At least two different labels are needed to learn anything." in response.text


def test_texts_without_words_are_a_form_error(client_as):
    lines = ["Subject;Body;Team"]
    lines += [f"{'!' * (index + 1)};?;{['billing', 'service'][index % 2]}" for index in range(12)]

    response = trial(client_as("admin"), "\r\n".join(lines).encode())

    assert response.status_code == 422
    assert "Text columns: Nothing to learn from these columns: empty vocabulary" in response.text


def test_the_label_cannot_be_a_text_column(client_as):
    response = trial(client_as("admin"), export_bytes(), text_columns=["Body", "Team"])

    assert response.status_code == 422
    assert "The label column cannot also be a text column" in response.text


def test_no_file_and_no_columns_say_what_is_missing(client_as):
    response = client_as("admin").post(TRIAL, {"test_percent": "20", "seed": "0"})

    assert response.status_code == 422
    assert "Choose the CSV file of your ticket history." in response.text


def test_too_big_and_too_many_rows_are_refused_before_training(client_as, monkeypatch):
    client = client_as("admin")
    monkeypatch.setattr(triage_forms, "MAX_TRIAL_BYTES", 1024)

    too_big = trial(client, export_bytes())

    monkeypatch.setattr(triage_forms, "MAX_TRIAL_BYTES", 5 * 1024 * 1024)
    monkeypatch.setattr(triage_forms, "MAX_TRIAL_ROWS", 10)
    too_long = trial(client, export_bytes())

    assert (too_big.status_code, too_long.status_code) == (422, 422)
    assert "this page reads at most 1.0\xa0KB" in too_big.text
    assert "The file has 30 rows; this page trains on at most 10." in too_long.text


def test_the_columns_of_a_chosen_file_come_back_as_choices(client_as):
    response = client_as("admin").post(COLUMNS, {"export": upload(export_bytes(encoding="utf-8"))})

    assert response.status_code == 200
    assert "30 rows read (utf-8)." in response.text
    assert 'value="Subject"' in response.text
    assert '<option value="Team">Team</option>' in response.text


def test_columns_already_chosen_stay_chosen(client_as):
    data = {"export": upload(export_bytes()), "text_columns": ["Body"], "label_column": "Team"}

    response = client_as("admin").post(COLUMNS, data)

    assert response.context["form"]["text_columns"].value() == ["Body"]
    assert '<option value="Team" selected>Team</option>' in response.text


def test_the_columns_of_an_unreadable_file_are_an_error(client_as):
    response = client_as("admin").post(COLUMNS, {"export": upload(b"")})

    assert response.status_code == 422
    assert "The file is empty." in response.text
