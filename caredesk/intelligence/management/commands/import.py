"""``caredesk import tickets --csv FILE --map subject=Title,body=Text,team=Queue,...``."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from caredesk.intelligence.history_csv import read_export
from caredesk.intelligence.services.importing import FIELDS, import_tickets, parse_mapping


class Command(BaseCommand):
    help = "Load an exported ticket history as solved tickets (classifiers learn from them)."

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True)
        tickets = kinds.add_parser("tickets", help="solved tickets from a CSV export")
        tickets.add_argument("--csv", required=True, help="the export (any encoding)")
        tickets.add_argument(
            "--map", required=True, help=f"field=Column pairs; fields: {', '.join(FIELDS)}"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            mapping = parse_mapping(options["map"])
            export = read_export(options["csv"])
            export.require(list(mapping.values()))
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        result = import_tickets(export.rows, mapping)
        self.stdout.write(
            f"{result.created} tickets imported, {result.already_imported} already there, "
            f"{result.skipped_empty} empty rows skipped ({export.encoding})"
        )
