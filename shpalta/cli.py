"""The `shpalta` command: Django's management commands under the product's name
(`shpalta migrate`, `shpalta demo`, `shpalta serve`, ...)."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shpalta.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["shpalta", *sys.argv[1:]])


if __name__ == "__main__":
    main()
