import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from shpalta.news.demo import demo_load

DEMO_EDITOR = "redaktor"


class Command(BaseCommand):
    help = "Load the demo newsroom and (re)create the demo editor account with a fresh password."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-editor", action="store_true", help="do not touch the editor account"
        )

    def handle(self, *args, no_editor=False, **options):
        counts = demo_load()
        self.stdout.write(
            f"Демо-вміст: {counts['articles']} статей у {counts['sections']} розділах."
        )
        if not no_editor:
            password = secrets.token_urlsafe(12)
            user, _ = get_user_model().objects.get_or_create(username=DEMO_EDITOR)
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
            self.stdout.write(
                f"Вхід до редакції: /admin/  логін: {DEMO_EDITOR}  пароль: {password}"
            )
