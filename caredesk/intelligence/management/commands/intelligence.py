"""``caredesk intelligence train|evaluate|versions|activate|rollback``."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from caredesk.intelligence.choices import Target
from caredesk.intelligence.classifier import PIPELINES, NotEnoughData
from caredesk.intelligence.evaluation_report import (
    evaluate_export,
    format_report,
    weighting_summary,
)
from caredesk.intelligence.history_csv import UnreadableExport
from caredesk.intelligence.models import ModelVersion
from caredesk.intelligence.selectors import model_versions
from caredesk.intelligence.services.training import activate_version, rollback, train


def _columns(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


class Command(BaseCommand):
    help = "Train, evaluate and roll back the ticket classifiers."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)

        train_parser = commands.add_parser("train", help="train on solved tickets")
        train_parser.add_argument(
            "--target", choices=[*Target.values, "all"], default="all", help="default: all"
        )
        train_parser.add_argument(
            "--no-activate", action="store_true", help="keep the new version for review"
        )

        evaluate = commands.add_parser("evaluate", help="measure on an exported ticket history")
        evaluate.add_argument("--csv", required=True, help="the export (any encoding)")
        evaluate.add_argument("--text-columns", required=True, type=_columns, help="A,B")
        evaluate.add_argument("--label-column", required=True)
        evaluate.add_argument("--test-size", type=float, default=0.2)
        evaluate.add_argument("--seed", type=int, default=0)
        evaluate.add_argument("--test-csv", help="an official test split instead of a drawn one")
        evaluate.add_argument("--pipeline", choices=PIPELINES, default="caredesk")
        evaluate.add_argument("--json", action="store_true", help="print JSON")

        listing = commands.add_parser("versions", help="list model versions and their scores")
        listing.add_argument("--target", choices=Target.values)

        activate = commands.add_parser("activate", help="make one version live")
        activate.add_argument("version", type=int)

        back = commands.add_parser("rollback", help="make the previous version live again")
        back.add_argument("--target", choices=Target.values, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['subcommand']}")(options)

    def _train(self, options: dict[str, Any]) -> None:
        targets = Target.values if options["target"] == "all" else [options["target"]]
        for target in targets:
            try:
                version = train(target, activate=False if options["no_activate"] else None)
            except NotEnoughData as error:
                self.stdout.write(f"{target}: not trained: {error}")
                continue
            self.stdout.write(f"{target}: {self._describe(version)}")

    def _evaluate(self, options: dict[str, Any]) -> None:
        if not 0 < options["test_size"] < 1:
            raise CommandError("--test-size must be between 0 and 1.")
        try:
            evaluation, encoding = evaluate_export(
                options["csv"],
                text_columns=options["text_columns"],
                label_column=options["label_column"],
                test_size=options["test_size"],
                seed=options["seed"],
                test_path=options["test_csv"],
                pipeline=options["pipeline"],
            )
        except (OSError, UnreadableExport, NotEnoughData) as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps({"encoding": encoding, **evaluation.as_dict()}))
        else:
            self.stdout.write(format_report(evaluation, encoding=encoding))

    def _versions(self, options: dict[str, Any]) -> None:
        for version in model_versions(options["target"]):
            self.stdout.write(f"{version.target}: {self._describe(version)}")

    def _activate(self, options: dict[str, Any]) -> None:
        version = model_versions().filter(pk=options["version"]).first()
        if version is None:
            raise CommandError(f"No model version {options['version']}.")
        activate_version(version)
        self.stdout.write(f"{version.target}: {self._describe(version)}")

    def _rollback(self, options: dict[str, Any]) -> None:
        version = rollback(options["target"])
        if version is None:
            self.stdout.write(f"{options['target']}: no model live; keyword rules until retrained")
        else:
            self.stdout.write(f"{options['target']}: {self._describe(version)}")

    @staticmethod
    def _describe(version: ModelVersion) -> str:
        metrics = version.metrics
        state = "live" if version.is_active else "kept"
        return (
            f"v{version.pk} ({state}) on {version.trained_on} tickets: "
            f"accuracy {metrics.get('accuracy')}, macro-F1 {metrics.get('macro_f1')}, "
            f"majority baseline {metrics.get('baseline_accuracy')}; {weighting_summary(metrics)}"
        )
