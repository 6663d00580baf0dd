from django.core.management.base import BaseCommand, CommandError

from shpalta.api.tokens import api_token_create, user_by_username


class Command(BaseCommand):
    help = "Створити API-токен для користувача. Токен показується один раз."

    def add_arguments(self, parser):
        parser.add_argument("username", help="ім’я користувача в адмінці")
        parser.add_argument("--name", default="", help="для чого токен, напр. «верстка додатку»")

    def handle(self, *args, username, name, **options):
        user = user_by_username(username)
        if user is None:
            raise CommandError(f"Користувача «{username}» немає.")
        if not user.is_active:
            raise CommandError(f"Користувач «{username}» вимкнений: токен не працюватиме.")
        _row, token = api_token_create(user=user, name=name[:100])
        self.stdout.write(token)
        self.stderr.write("Збережіть токен зараз: показати його ще раз неможливо.")
