"""The triage section's datasets are optional: without them the section is skipped in one line."""

import pytest

from bench import intelligence


def write_datasets(folder, names):
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("text,category\n")


def test_an_absent_datasets_folder_is_named_with_the_setting(tmp_path):
    absent = tmp_path / "datasets"

    assert intelligence.missing_datasets(absent) == (f"no datasets at {absent}; set BENCH_DATASETS")


def test_a_folder_missing_one_file_names_that_file(tmp_path):
    names = intelligence.required_files()
    write_datasets(tmp_path, [name for name in names if name != "banking77/test.csv"])

    assert intelligence.missing_datasets(tmp_path) == (
        f"no banking77/test.csv in the datasets at {tmp_path}; set BENCH_DATASETS"
    )


def test_a_folder_with_every_file_is_not_missing_anything(tmp_path):
    write_datasets(tmp_path, intelligence.required_files())

    assert intelligence.missing_datasets(tmp_path) is None


def test_without_datasets_the_section_is_skipped_without_starting_its_process(
    tmp_path, monkeypatch, capsys
):
    absent = tmp_path / "datasets"
    monkeypatch.setattr(intelligence, "DATASETS", absent)

    def no_process(*args, **kwargs):
        pytest.fail(f"started {args[0]}")

    monkeypatch.setattr(intelligence.subprocess, "run", no_process)

    assert intelligence.run(quick=True) is None
    assert capsys.readouterr().out == (
        f"skipped: intelligence: no datasets at {absent}; set BENCH_DATASETS\n"
    )


def test_every_file_the_section_reads_is_required():
    assert intelligence.required_files() == [
        "airline-sentiment/tweets.csv",
        "banking77/test.csv",
        "banking77/train.csv",
        "it-service-tickets/tickets.csv",
        "multilang-tickets/tickets-5-languages.csv",
        "multilang-tickets/tickets-en-de.csv",
    ]
