"""Create a personal API token for a user and print its key (shown this once).

For integrations set up by an administrator, and for trying the API against `make demo`:

    DEBUG=1 .venv/bin/python manage.py api_token_create coordinatie --name curl
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from uwvkms.models import User
from uwvkms.services import api_token_create


class Command(BaseCommand):
    help = "Maak een persoonlijk API-token voor een gebruiker en toon de sleutel (eenmalig)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="opdrachtregel", help="naam van het token")
        parser.add_argument(
            "--days", type=int, default=None, help="geldig zoveel dagen (standaard 90)"
        )

    def handle(self, *args, username: str, name: str, days: int | None, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Geen actieve gebruiker met gebruikersnaam {username!r}.")
        expires_at = None
        if days is not None:
            expires_at = timezone.now() + datetime.timedelta(days=days)
        try:
            token, key = api_token_create(user=user, name=name, expires_at=expires_at)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stderr.write(
            f"Token {token.name!r} voor {user.username}, geldig tot "
            f"{timezone.localtime(token.expires_at):%Y-%m-%d %H:%M}. De sleutel (alleen nu):"
        )
        self.stdout.write(key)
