"""Dates are India's (Asia/Kolkata), not UTC's: before 05:30 IST the UTC date is the day before.
A document attached at 00:30 IST on 11 January is shown as attached on 11 January."""

from datetime import UTC, datetime

import pytest

from api.v1.selectors import family_out
from documents.models import Document, DocumentKind
from registration.models import ApplicationDocument
from registry.models import Family
from tests import factories as f

# 00:30 on 11 January 2026 in India is 19:00 on 10 January in UTC.
HALF_PAST_MIDNIGHT_IST = datetime(2026, 1, 10, 19, 0, tzinfo=UTC)


def test_an_attached_documents_label_has_the_date_in_india() -> None:
    document = Document(kind=DocumentKind.SUPPORTING, original_name="ration-card.pdf")
    attached = ApplicationDocument(document=document, added_at=HALF_PAST_MIDNIGHT_IST)
    assert attached.label.endswith("11-01-2026"), attached.label


@pytest.mark.django_db
def test_the_read_apis_registration_date_is_the_date_in_india() -> None:
    family: Family = f.FamilyFactory(registered_at=HALF_PAST_MIDNIGHT_IST)  # type: ignore[assignment]
    out, _ids = family_out(family, [])
    assert out.registered_on.isoformat() == "2026-01-11"
