"""Grievances for tests: a citizen of a family, and a grievance filed by them."""

from grievances.models import Grievance
from grievances.services import grievance_file
from identity.actors import Citizen
from registry.models import Family


def citizen_of(family: Family) -> Citizen:
    member = family.members.order_by("pk").first()
    assert member is not None
    return Citizen(family_id=family.family_id, member_id=member.member_id)


def filed(family: Family, category: str = "no_action", **kwargs: object) -> Grievance:
    """A grievance filed by the family's citizen (the head), with a mobile to tell."""
    head = family.members.order_by("pk").first()
    assert head is not None
    if not head.mobile:
        head.mobile = "9876543210"
        head.save(update_fields=["mobile"])
    kwargs.setdefault("description", "The field official has not acted on our application.")
    return grievance_file(
        actor=citizen_of(family),
        family=family,
        category=category,
        **kwargs,  # type: ignore[arg-type]
    )
