"""The ``caredesk`` command: Django's management commands with caredesk's settings.

``caredesk demo``, ``caredesk serve``, ``caredesk token create --user EMAIL``, ``caredesk migrate``...
Every command finds the embedded database at ``var/caredesk.sqlite3`` under the working directory
unless ``DATABASE_URL`` names another.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caredesk.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
