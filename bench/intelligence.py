"""Triage intelligence on real, labelled data: classification, sentiment, language, latency.

``python -m bench.intelligence OUT.json [--quick]`` (run by ``python -m bench`` in its own process,
like the engines). The datasets are read from ``../shared/datasets`` (``BENCH_DATASETS`` names
another folder) at bench time and never copied into the repository (quick mode samples them into a
  temporary folder): several are licensed for evaluation only.

- Classification runs ``caredesk intelligence evaluate --json`` (in this process), the command a team runs on its own
  export, once with caredesk's pipeline and once with ``--pipeline plain`` (TF-IDF words + logistic
  regression, library defaults) on the same split, next to the majority-class baseline and the
  balanced and unbalanced word+char SVMs that evaluate reports beside caredesk's chosen class
  weighting; one more history is built from banking77 to be imbalanced (``imbalanced_banking77``).
- Sentiment: VADER's compound mapped to negative/neutral/positive with two thresholds chosen on a
  stratified half of the tweets (seed 0) and scored on the other half.
- Language: lingua over subject + body of every ticket of the five-language file.
- Latency: language + sentiment + category/team/priority prediction for one ticket, in process,
  with models trained on the data above, and the routing decision for a team of 20 agents
  (``bench/routing.py``); training time: the product's fit (held-out split,
  evaluation, refit on all rows) on 20,000 IT tickets. ``--quick`` samples each file
  (bench/intelligence.py QUICK_ROWS) and trains on 5,000.
"""

import argparse
import csv
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench import routing

REPO = Path(__file__).resolve().parent.parent
DATASETS = Path(os.environ.get("BENCH_DATASETS") or REPO.parent / "shared" / "datasets")
HEADERS = (
    "figure", "split / rows", "caredesk", "plain TF-IDF+LR", "balanced SVM", "unbalanced SVM",
    "baseline",
)  # fmt: skip

# Quick mode evaluates each file on a seeded sample of this many rows (its official test file
# too): the figures are noisier, the pipeline and the split the same.
QUICK_ROWS = 4_000
QUICK_TRAINING_ROWS = 5_000

CLASSIFICATION = [
    # (name, --csv, extra arguments, --test-csv or None)
    (
        "it-service-tickets: category (Topic_group, 8)",
        "it-service-tickets/tickets.csv",
        ["--text-columns", "Document", "--label-column", "Topic_group"],
        None,
    ),
    (
        "multilang-tickets en-de: team (queue, 10)",
        "multilang-tickets/tickets-en-de.csv",
        ["--text-columns", "subject,body", "--label-column", "queue"],
        None,
    ),
    (
        "banking77: intent (77), official test",
        "banking77/train.csv",
        ["--text-columns", "text", "--label-column", "category"],
        "banking77/test.csv",
    ),
]


# Read by sentiment(), language(), latency_and_training() and imbalanced_banking77(), beside
# CLASSIFICATION's files.
OTHER_FILES = (
    "airline-sentiment/tweets.csv",
    "multilang-tickets/tickets-5-languages.csv",
    "banking77/train.csv",
    "banking77/test.csv",
)


def required_files() -> list[str]:
    named = {csv_path for _, csv_path, _, _ in CLASSIFICATION} | set(OTHER_FILES)
    return sorted(named | {test_csv for _, _, _, test_csv in CLASSIFICATION if test_csv})


def missing_datasets(folder: Path) -> str | None:
    """Why the section cannot run on ``folder``, in one line; None when every file is there.

    The datasets are an optional input (they are not in the repository): without them the
    section is skipped and the rest of the bench runs.
    """
    if not folder.is_dir():
        return f"no datasets at {folder}; set BENCH_DATASETS"
    missing = [name for name in required_files() if not (folder / name).is_file()]
    if missing:
        return f"no {missing[0]} in the datasets at {folder}; set BENCH_DATASETS"
    return None


IMBALANCED_NAME = "banking77 imbalanced: 73 intents, one (5 merged) 40 %"
IMBALANCED_ARGUMENTS = ["--text-columns", "text", "--label-column", "category"]


def imbalanced_banking77(scratch: Path) -> Path:
    """A real, imbalanced history (docs/adr/0003, "Imbalanced histories"): banking77's train and
    test questions, 5 intents merged into ``general``, the other 72 thinned to
    ``round(180 / rank ** 0.9)`` rows, ``general`` sampled to 40 % of the rows (seed 0)."""
    by_intent: dict[str, list[str]] = {}
    for name in ("banking77/train.csv", "banking77/test.csv"):
        for row in _rows(name):
            by_intent.setdefault(row["category"], []).append(row["text"])
    rng = random.Random(0)  # noqa: S311 - bench input
    intents = sorted(by_intent)
    rng.shuffle(intents)
    rows: list[tuple[str, str]] = []
    for rank, intent in enumerate(intents[5:], start=1):
        size = min(max(1, round(180 / rank**0.9)), len(by_intent[intent]))
        rows += [(text, intent) for text in rng.sample(by_intent[intent], size)]
    merged = [text for intent in intents[:5] for text in by_intent[intent]]
    rows += [(text, "general") for text in rng.sample(merged, round(len(rows) * 0.4 / 0.6))]
    rng.shuffle(rows)
    path = scratch / "banking77-imbalanced.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([("text", "category"), *rows])
    return path


def _rows(relative: str) -> list[dict[str, str]]:
    with (DATASETS / relative).open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def _sample(relative: str, rows: int, scratch: Path) -> Path:
    """A seeded random sample of a CSV file's rows, header kept, written under ``scratch``."""
    with (DATASETS / relative).open(newline="", encoding="utf-8") as file:
        reader = csv.reader(file)
        header, body = next(reader), list(reader)
    picked = random.Random(0).sample(body, min(rows, len(body)))  # noqa: S311 - bench input
    path = scratch / relative.replace("/", "-")
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([header, *picked])
    return path


def _evaluate(csv_path: Path, arguments: list[str], pipeline: str) -> dict[str, Any]:
    """``caredesk intelligence evaluate`` run in this process (no interpreter start per run)."""
    from django.core.management import call_command

    out = io.StringIO()
    started = time.perf_counter()
    call_command(
        "intelligence", "evaluate", "--csv", str(csv_path), *arguments,
        "--pipeline", pipeline, "--json", stdout=out,
    )  # fmt: skip
    report = dict(json.loads(out.getvalue().strip().splitlines()[-1]))
    report["wall_seconds"] = round(time.perf_counter() - started, 1)
    report.pop("confusion", None)
    return report


def classification(data_dir: str, quick: bool) -> list[dict[str, Any]]:
    def source(relative: str) -> Path:
        return _sample(relative, QUICK_ROWS, Path(data_dir)) if quick else DATASETS / relative

    runs = [
        (name, source(csv_path), arguments + (["--test-csv", str(source(test))] if test else []))
        for name, csv_path, arguments, test in CLASSIFICATION
    ]
    # Small enough (1,613 rows) to run whole in quick mode too.
    runs.append((IMBALANCED_NAME, imbalanced_banking77(Path(data_dir)), IMBALANCED_ARGUMENTS))
    results = []
    for name, train, arguments in runs:
        print(f"   {name}", flush=True)
        results.append(
            {
                "name": name,
                "caredesk": _evaluate(train, arguments, "caredesk"),
                "plain": _evaluate(train, arguments, "plain"),
            }
        )
    return results


def _label_accuracy(labels: list[str], predicted: list[str]) -> tuple[float, float]:
    from sklearn.metrics import accuracy_score, f1_score

    return (
        round(float(accuracy_score(labels, predicted)), 4),
        round(float(f1_score(labels, predicted, average="macro", zero_division=0)), 4),
    )


def sentiment(quick: bool) -> dict[str, Any]:
    from sklearn.model_selection import train_test_split

    from caredesk.intelligence.sentiment import analyse_sentiment, sentiment_label

    rows = [row for row in _rows("airline-sentiment/tweets.csv") if row["text"].strip()]
    if quick:
        rows = random.Random(0).sample(rows, min(QUICK_ROWS, len(rows)))  # noqa: S311 - bench input
    labels = [row["airline_sentiment"] for row in rows]
    compounds = [analyse_sentiment(row["text"]).compound for row in rows]
    tune, test = train_test_split(
        list(range(len(rows))), test_size=0.5, random_state=0, stratify=labels
    )
    grid = [round(-0.8 + step * 0.05, 2) for step in range(33)]
    best = (-1.0, 0.0, 0.0)
    for negative_below in grid:
        for positive_above in (value for value in grid if value >= negative_below):
            predicted = [
                sentiment_label(
                    compounds[i], negative_below=negative_below, positive_above=positive_above
                )
                for i in tune
            ]
            macro = _label_accuracy([labels[i] for i in tune], predicted)[1]
            if macro > best[0]:
                best = (macro, negative_below, positive_above)
    _, negative_below, positive_above = best
    test_labels = [labels[i] for i in test]
    predicted = [
        sentiment_label(compounds[i], negative_below=negative_below, positive_above=positive_above)
        for i in test
    ]
    majority = Counter(labels[i] for i in tune).most_common(1)[0][0]
    accuracy, macro_f1 = _label_accuracy(test_labels, predicted)
    baseline_accuracy, baseline_f1 = _label_accuracy(test_labels, [majority] * len(test))
    default_accuracy, default_f1 = _label_accuracy(
        test_labels,
        [sentiment_label(compounds[i], negative_below=-0.05, positive_above=0.05) for i in test],
    )
    return {
        "rows": len(rows),
        "test_rows": len(test),
        "thresholds": {"negative_below": negative_below, "positive_above": positive_above},
        "accuracy": accuracy,
        "macro_f1": macro_f1,
        "vader_default_thresholds": {"accuracy": default_accuracy, "macro_f1": default_f1},
        "baseline_label": majority,
        "baseline_accuracy": baseline_accuracy,
        "baseline_macro_f1": baseline_f1,
    }


def language() -> dict[str, Any]:
    from caredesk.intelligence.language import detect_language

    rows = _rows("multilang-tickets/tickets-5-languages.csv")
    labels = [row["language"] for row in rows]
    started = time.perf_counter()
    predicted = [detect_language(f"{row['subject']}\n{row['body']}") or "?" for row in rows]
    elapsed = time.perf_counter() - started
    majority = Counter(labels).most_common(1)[0][0]
    accuracy, macro_f1 = _label_accuracy(labels, predicted)
    baseline_accuracy, baseline_f1 = _label_accuracy(labels, [majority] * len(labels))
    return {
        "rows": len(rows),
        "accuracy": accuracy,
        "macro_f1": macro_f1,
        "undetected": predicted.count("?"),
        "baseline_label": majority,
        "baseline_accuracy": baseline_accuracy,
        "baseline_macro_f1": baseline_f1,
        "ms_per_ticket": round(elapsed * 1000 / len(rows), 2),
    }


def latency_and_training(quick: bool) -> dict[str, Any]:
    from caredesk.intelligence.classifier import fit_and_evaluate, predict_together
    from caredesk.intelligence.language import detector
    from caredesk.intelligence.sentiment import analyse_sentiment

    it_rows = _rows("it-service-tickets/tickets.csv")[: QUICK_TRAINING_ROWS if quick else 20_000]
    started = time.perf_counter()
    category, category_evaluation = fit_and_evaluate(
        [row["Document"] for row in it_rows], [row["Topic_group"] for row in it_rows], refit=True
    )
    training_seconds = time.perf_counter() - started

    team_rows = _rows("multilang-tickets/tickets-en-de.csv")
    texts = [f"{row['subject']}\n{row['body']}" for row in team_rows]
    team, _ = fit_and_evaluate(texts, [row["queue"] for row in team_rows])
    priority, _ = fit_and_evaluate(texts, [row["priority"] for row in team_rows])

    from caredesk.intelligence.language import _detect, detect_language
    from caredesk.intelligence.sentiment import tone_of

    detector()  # the once-per-process load is not a per-ticket cost
    probes = [
        f"{row['subject']}\n{row['body']}"
        for row in _rows("multilang-tickets/tickets-5-languages.csv")
    ][: 200 if quick else 1000]
    models = (category, team, priority)
    # Warm-up, and the once-per-set-of-live-models merged vocabulary, as in a running worker.
    for text in probes[:20]:
        detect_language(text)
        analyse_sentiment(text)
        predict_together(models, text)
    timings, cpu_timings = [], []
    for text in probes:
        # A new ticket's text is read before its transaction and again inside it (the second
        # read is a cache hit); what is timed here is the first, uncached read.
        _detect.cache_clear()
        tone_of.cache_clear()
        started, cpu_started = time.perf_counter(), time.thread_time()
        detect_language(text)
        analyse_sentiment(text)
        predict_together(models, text)  # what services/classification.py calls per new ticket
        cpu_timings.append((time.thread_time() - cpu_started) * 1000)
        timings.append((time.perf_counter() - started) * 1000)
    quantiles = statistics.quantiles(timings, n=100)
    # CPU time of this thread: on a shared machine the wall clock also counts other processes.
    cpu_quantiles = statistics.quantiles(cpu_timings, n=100)
    return {
        "training_rows": len(it_rows),
        "training_seconds": round(training_seconds, 1),
        "training_split": {
            "train_rows": category_evaluation.train_rows,
            "test_rows": category_evaluation.test_rows,
        },
        "per_ticket_samples": len(timings),
        "per_ticket_p50_ms": round(quantiles[49], 2),
        "per_ticket_p95_ms": round(quantiles[94], 2),
        "per_ticket_cpu_p50_ms": round(cpu_quantiles[49], 2),
        "per_ticket_cpu_p95_ms": round(cpu_quantiles[94], 2),
    }


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def table(result: dict[str, Any]) -> str:
    rows: list[tuple[str, ...]] = [HEADERS]
    for item in result["classification"]:
        ours, plain = item["caredesk"], item["plain"]
        split = f"{ours['split']} {ours['train_rows']:,}/{ours['test_rows']:,}"
        for metric, label in (("accuracy", "accuracy"), ("macro_f1", "macro-F1")):
            rows.append((
                f"{item['name']} {label}", split, _figure(ours[metric]), _figure(plain[metric]),
                _figure(ours.get(f"balanced_linear_{metric}")),
                _figure(ours.get(f"unbalanced_linear_{metric}")),
                _figure(ours[f"baseline_{metric}"]),
            ))  # fmt: skip
    sentiment_result = result["sentiment"]
    for metric, label in (("accuracy", "accuracy"), ("macro_f1", "macro-F1")):
        rows.append((
            f"airline-sentiment: VADER 3-way {label}",
            f"tuned on half, test {sentiment_result['test_rows']:,}",
            _figure(sentiment_result[metric]), "", "", "",
            _figure(sentiment_result[f"baseline_{metric}"]),
        ))  # fmt: skip
    language_result = result["language"]
    rows.append((
        "multilang-tickets: language accuracy (lingua, 5)", f"all {language_result['rows']:,}",
        _figure(language_result["accuracy"]), "", "", "",
        _figure(language_result["baseline_accuracy"]),
    ))  # fmt: skip
    timing = result["timing"]
    rows.append((
        "one ticket: language+sentiment+3 predictions p50 / p95 (ms)",
        f"{timing['per_ticket_samples']} tickets",
        f"{timing['per_ticket_p50_ms']:.2f} / {timing['per_ticket_p95_ms']:.2f}", "", "", "", "",
    ))  # fmt: skip
    if "routing" in result:
        rows.append((*routing.row(result["routing"]), "", ""))  # no SVM columns
    rows.append((
        "  the same, CPU time of the thread p50 / p95 (ms)", f"{timing['per_ticket_samples']} tickets",
        f"{timing['per_ticket_cpu_p50_ms']:.2f} / {timing['per_ticket_cpu_p95_ms']:.2f}", "", "", "",
        "",
    ))  # fmt: skip
    rows.append((
        f"training time, {timing['training_rows']:,} IT tickets (split, evaluate, refit) (s)",
        f"{timing['training_rows']:,}", f"{timing['training_seconds']:.1f}", "", "", "", "",
    ))  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS))]
    lines = []
    for index, row in enumerate(rows):
        cells = [
            cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def run(quick: bool) -> dict[str, Any] | None:
    """Run the section in its own process (Django settings are per process); returns the result,
    or None when it is skipped for want of its datasets."""
    reason = missing_datasets(DATASETS)
    if reason is not None:
        print(f"skipped: intelligence: {reason}", flush=True)
        return None
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "intelligence.json"
        command = [sys.executable, "-m", "bench.intelligence", str(out)] + (
            ["--quick"] if quick else []
        )
        subprocess.run(command, check=True, cwd=REPO)
        return dict(json.loads(out.read_text()))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.intelligence")
    parser.add_argument("out")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    reason = missing_datasets(DATASETS)
    if reason is not None:
        sys.exit(reason)
    with tempfile.TemporaryDirectory() as data_dir:
        os.environ["CAREDESK_DATA_DIR"] = data_dir
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caredesk.settings")
        import django

        django.setup()
        print("== intelligence: classification (caredesk intelligence evaluate)", flush=True)
        result: dict[str, Any] = {"classification": classification(data_dir, args.quick)}
        print("== intelligence: sentiment, language, latency, training time", flush=True)
        result["sentiment"] = sentiment(args.quick)
        result["language"] = language()
        result["timing"] = latency_and_training(args.quick)
        result["routing"] = routing.decision_latency(args.quick)
    Path(args.out).write_text(json.dumps(result, indent=2))
    print(table(result))


if __name__ == "__main__":
    main()
