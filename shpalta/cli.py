"""The `shpalta` command: Django's management commands under the product's name
(`shpalta migrate`, `shpalta demo`, `shpalta serve`, ...)."""

import os
import sys

# Spellings operators type from the docs; Django command names cannot contain a hyphen.
ALIASES = {"publish-due": "publish_due"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shpalta.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["shpalta", *resolve(sys.argv[1:])])


def resolve(args: list[str]) -> list[str]:
    return [ALIASES.get(args[0], args[0]), *args[1:]] if args else []


if __name__ == "__main__":
    main()
