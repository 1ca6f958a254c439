"""A change request of family_x1 (outside every persona's jurisdiction) for the matrix."""

from documents.models import Document
from tests import factories as f
from tests.conftest import World
from updates.models import ChangeKind, ChangeRequest, ChangeStatus


def pending_change_with_document(world: World) -> ChangeRequest:
    """Made once per test (the same one for every parameter of the URL)."""
    existing = ChangeRequest.objects.filter(family=world.family_x1).first()
    if existing is not None:
        return existing
    member = world.family_x1.members.get()
    change = ChangeRequest.objects.create(
        number="CR999999000001",
        family=world.family_x1,
        member=member,
        kind=ChangeKind.DEATH,
        payload={"date_of_death": "2025-01-01"},
        conflict_key=f"member:{member.pk}",
        status=ChangeStatus.PENDING,
        created_by=f.field_official(world.x1),
    )
    # Only the row: every request in the matrix is refused before the file would be opened.
    change.documents.add(
        Document.objects.create(
            kind="death",
            storage_name="matrix/never-opened.pdf",
            content_type="application/pdf",
            size=10,
            sha256="0" * 64,
            original_name="certificate.pdf",
        )
    )
    return change
