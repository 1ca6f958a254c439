"""The bulk import fills the duplicate check's columns as Member.save does."""

from pathlib import Path

import pytest
from django.utils import translation

from registry.models import Member
from scale.importer import run_import

pytestmark = pytest.mark.django_db

COLUMNS = ("name_latin", "name_hi_latin", "relative_latin", "local_body_id")


def test_imported_members_carry_the_duplicate_check_columns(geography: None, state: Path):
    with translation.override("en"):
        run_import(state / "families.csv", state / "members.csv", batch_size=50)

    for member in Member.objects.select_related("family__area").order_by("pk")[:80]:
        stored = tuple(getattr(member, c) for c in COLUMNS)
        assert stored[0] and stored[3] == member.family.area.local_body_id
        member.save()  # Member.save derives them again
        member.refresh_from_db()
        assert stored == tuple(getattr(member, c) for c in COLUMNS)
