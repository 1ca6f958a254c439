from django.core.cache import cache
from django.db import models
from django.db.models.functions import Coalesce

from audit.models import AuditEvent
from geography.models import Area
from officials import jurisdiction
from officials.models import Official, Role
from registry.models import Family, FamilyStatus, Member, MemberStatus, Relation

# Members who count in their family: alive, and with a Member ID in use (a member under a
# deactivation notice still counts until the notice ends; a retired or inactive one does not).
COUNTED_STATUSES = (MemberStatus.ACTIVE, MemberStatus.TO_BE_DEACTIVATED)
LIVING = models.Q(is_deceased=False, status__in=COUNTED_STATUSES)


def is_living(member: Member) -> bool:
    """The one notion of a living member of a family (LIVING, for querysets)."""
    return not member.is_deceased and member.status in COUNTED_STATUSES


class MemberIdRetired(Exception):
    """A retired (merged) Member ID was used where a member in use is needed: the page says
    which ID it went to (registry.middleware) instead of acting on it or calling it missing."""

    def __init__(self, member_id: str, into: str) -> None:
        super().__init__(member_id)
        self.member_id, self.into = member_id, into


def _survivor(record: Member | Family, id_field: str, merged: str) -> str | None:
    """The ID in use a retired member or family was merged into, following a chain of merges
    (20 at most), else None. Members and families are retired alike (status ``merged``,
    merged_into)."""
    model = type(record)
    current = record
    for _step in range(20):
        if current.status != merged or not current.merged_into_id:
            break
        current = model.objects.only(id_field, "status", "merged_into").get(  # type: ignore[attr-defined]
            pk=current.merged_into_id
        )
    return getattr(current, id_field) if current is not record else None


def surviving_id(member: Member) -> str | None:
    """For a retired member, the Member ID in use it was merged into, else None."""
    return _survivor(member, "member_id", MemberStatus.MERGED)


def refuse_retired(member: Member) -> Member:
    """The member, if its ID is in use; MemberIdRetired naming the survivor otherwise. Call it
    after the jurisdiction check, so that the survivor is told only to who may see the member."""
    if member.status == MemberStatus.MERGED:
        raise MemberIdRetired(member.member_id, surviving_id(member) or "")
    return member


def retired_member_answer(member_id: str, family_id: str) -> str | None:
    """For a retired Member ID of that family (the citizen's sign-in), the ID it went to."""
    member = (
        Member.objects.filter(
            member_id=member_id, family__family_id=family_id, status=MemberStatus.MERGED
        )
        .only("member_id", "status", "merged_into")
        .first()
    )
    return surviving_id(member) if member is not None else None


class FamilyIdRetired(Exception):
    """A retired Family ID (merged into another family: updates.kinds.merge_families) was used
    where a family in use is needed: the page says which Family ID it went to
    (registry.middleware), as for a retired Member ID."""

    def __init__(self, family_id: str, into: str) -> None:
        super().__init__(family_id)
        self.family_id, self.into = family_id, into


def surviving_family_id(family: Family) -> str | None:
    """For a retired family, the Family ID in use it was merged into, else None."""
    return _survivor(family, "family_id", FamilyStatus.MERGED)


def refuse_retired_family(family: Family) -> Family:
    """The family, if its ID is in use; FamilyIdRetired naming the survivor otherwise. Call it
    after the jurisdiction check, so that the survivor is told only to who may see the family."""
    if family.status == FamilyStatus.MERGED:
        raise FamilyIdRetired(family.family_id, surviving_family_id(family) or "")
    return family


def retired_family_answer(family_id: str) -> str | None:
    """For a retired Family ID (the citizen's sign-in, the public status page), the Family ID
    it went to; None for an ID in use or unknown."""
    family = (
        Family.objects.filter(family_id=family_id, status=FamilyStatus.MERGED)
        .only("family_id", "status", "merged_into")
        .first()
    )
    return surviving_family_id(family) if family is not None else None


def retired_family_answer_for_member(family_id: str, member_id: str) -> str | None:
    """For the citizen's sign-in with the card of a retired family: the Family ID it went to,
    only when that Member ID is in that family now (told, as for a retired Member ID, only to
    someone who holds both IDs of the card)."""
    into = retired_family_answer(family_id)
    if (
        into is None
        or not Member.objects.filter(member_id=member_id, family__family_id=into).exists()
    ):
        return None
    return into


def retired_family_for_official(official: Official, family_id: str) -> tuple[str, str] | None:
    """A retired Family ID within the official's jurisdiction, with the one it went to (the
    search by Family ID): None for an ID in use, unknown or outside it."""
    family = (
        jurisdiction.scope(official, Family.objects.filter(status=FamilyStatus.MERGED))
        .only("family_id", "status", "merged_into")
        .filter(family_id=family_id)
        .first()
    )
    if family is None:
        return None
    return family.family_id, surviving_family_id(family) or ""


def families_for_list(official: Official, area: Area | None = None) -> models.QuerySet[Family]:
    """The active families of the official's jurisdiction (or of ``area``), by Family ID, with
    what the family list shows and nothing more: the area's name, ``heads`` (the members who
    are the head, usually one) and ``member_count`` (every member of the family, as before).

    A local body officer's families are also asked by their areas (``area_id IN (areas of the
    local body)``, the same rows): with the join on the area alone PostgreSQL walks the Family
    ID index of the whole state and throws away what is not the local body's (at 5 M members
    75 to 315 ms a page, 30 to 90 k rows read); by the areas it reads the local body's ~3 k families
    from (area, family_id) and sorts them (2 to 3 ms)."""
    # A retired Family ID is not a family any more: looked up, it says where it went.
    qs = jurisdiction.scope(official, Family.objects.filter(status=FamilyStatus.ACTIVE))
    if official.role == Role.LOCAL_BODY_OFFICER:
        qs = qs.filter(area__in=jurisdiction.areas(official).values("pk"))
    if area is not None:
        qs = qs.filter(area=area)
    heads = models.Prefetch(
        "members",
        queryset=Member.objects.filter(relation=Relation.HEAD)
        .only("family_id", "name_en", "name_hi")
        .order_by("pk"),
        to_attr="heads",
    )
    member_count = (
        Member.objects.filter(family=models.OuterRef("pk"))
        .order_by()
        .values("family")
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    return (
        qs.select_related("area")
        .only("family_id", "area__name_en", "area__name_hi")
        .annotate(member_count=Coalesce(models.Subquery(member_count), 0))
        .prefetch_related(heads)
        .order_by("family_id")
    )


FAMILY_LIST_COUNT_SECONDS = 300


def family_list_count(
    official: Official, area: Area | None, families: models.QuerySet[Family]
) -> int:
    """How many families ``families`` (families_for_list of the official and area) holds, for
    the list's "Page n of N" only: counted at most once in FAMILY_LIST_COUNT_SECONDS per
    jurisdiction and area (a local body's is ~3 k rows, the state's ~1.2 M), so a few minutes
    old at worst. Never used to choose rows."""
    scopes: dict[str, str] = {
        Role.STATE_ADMIN: "state",
        Role.DISTRICT_OFFICER: f"d{official.district_id}",
        Role.LOCAL_BODY_OFFICER: f"lb{official.local_body_id}",
    }
    scope = scopes.get(str(official.role), f"o{official.pk}")
    key = f"registry:family-count:{scope}:{area.pk if area else '-'}"
    found = cache.get(key)
    if found is None:
        found = families.order_by().count()
        cache.set(key, found, FAMILY_LIST_COUNT_SECONDS)
    return int(found)


def family_for_official(official: Official, family_id: str) -> Family:
    """The family within the official's jurisdiction (else 404); a retired one answers where
    it went (FamilyIdRetired)."""
    family = jurisdiction.get_or_404(
        jurisdiction.scope(
            official,
            Family.objects.select_related(
                "area__local_body__district", "village", "application__created_by"
            ),
        ),
        family_id=family_id,
    )
    return refuse_retired_family(family)


# What the family page shows (registry/family_detail.html and its parts), and nothing more: the
# page is the register's most read one, and each column the ORM need not select, compile and
# turn into an attribute is time off every view. A field left out here and used by the page
# costs a query a view: tests/registration_views/test_family_page.py counts them.
FAMILY_PAGE_FIELDS = (
    "family_id",
    "house_number",
    "locality",
    "pin_code",
    "registered_at",
    "status",
    "merged_into",
    "area__name_en",
    "area__name_hi",
    "area__local_body__name_en",
    "area__local_body__name_hi",
    "area__local_body__district__name_en",
    "area__local_body__district__name_hi",
    "village__name_en",
    "village__name_hi",
    "application__number",
    "application__created_by__name",
    "application__created_by__name_hi",  # Official.display_name on Hindi pages
)
MEMBER_PAGE_FIELDS = (
    "member_id",
    "family_id",
    "name_hi",
    "name_en",
    "relation",
    "gender",
    "date_of_birth",
    "is_deceased",
    "date_of_death",
    "ekyc__id",
    "status",
    "merged_into__member_id",
)


def family_page(official: Official, family_id: str) -> tuple[Family, list[Member]]:
    """The family for its page, within the official's jurisdiction (else 404; a retired one
    answers where it went), and its members with whether each has done e-KYC: two queries,
    only the columns the page shows."""
    family = jurisdiction.get_or_404(
        jurisdiction.scope(
            official,
            Family.objects.select_related(
                "area__local_body__district", "village", "application__created_by"
            ).only(*FAMILY_PAGE_FIELDS),
        ),
        family_id=family_id,
    )
    refuse_retired_family(family)
    members = list(
        Member.objects.filter(family=family)
        .select_related("ekyc", "merged_into")
        .only(*MEMBER_PAGE_FIELDS)
        .order_by("pk")
    )
    return family, members


def has_living_head(members: list[Member]) -> bool:
    """Whether a living member heads the family (after the head's death or retirement, until
    another member's relation is corrected to head, none does)."""
    return any(m.is_head and is_living(m) for m in members)


def family_events(
    family: Family, members: list[Member] | None = None
) -> models.QuerySet[AuditEvent]:
    """The family's full history, newest first: its own events, its members' and those of the
    application it came from (one indexed query on subject; pages bound what is read). Pass the
    members when the page has read them already."""
    if members is None:
        members = list(family.members.only("pk"))
    subjects = models.Q(subject_type=Family._meta.label, subject_id=str(family.pk)) | models.Q(
        subject_type=Member._meta.label, subject_id__in=[str(m.pk) for m in members]
    )
    application = getattr(family, "application", None)
    if application is not None:
        subjects |= models.Q(subject_type=application._meta.label, subject_id=str(application.pk))
    return AuditEvent.objects.filter(subjects).order_by("-created_at", "-id")
