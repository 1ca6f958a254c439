import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from audit.services import audit_record
from core.validators import normalize_indian_mobile
from officials.models import Designation, Official, Role


class Command(BaseCommand):
    help = (
        "Create a state admin (the first account of a new installation). Prints a one-time "
        "password that must be changed at the first sign-in."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user-id", required=True)
        parser.add_argument("--name", required=True)
        parser.add_argument("--mobile", required=True)

    def handle(self, *args: Any, user_id: str, name: str, mobile: str, **options: Any) -> None:
        try:
            mobile = normalize_indian_mobile(mobile)
        except ValidationError as exc:
            raise CommandError(" ".join(str(m) for m in exc.messages)) from None
        if Official.objects.filter(user_id__iexact=user_id).exists():
            raise CommandError(f"The user ID {user_id} is taken.")
        if Official.objects.filter(mobile=mobile).exists():
            raise CommandError("This mobile number is already registered to another official.")
        password = secrets.token_urlsafe(12)
        with transaction.atomic():
            official = Official(
                user_id=user_id,
                name=name,
                mobile=mobile,
                role=Role.STATE_ADMIN,
                designation=Designation.MISSION_OFFICER,
                must_change_password=True,
            )
            official.set_password(password)
            official.save()
            audit_record(
                actor=None,
                event_type="official.registered",
                subject=official,
                changes={"user_id": [None, user_id], "role": [None, Role.STATE_ADMIN]},
            )
        self.stdout.write(f"State admin {user_id} created. One-time password: {password}")
