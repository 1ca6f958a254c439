"""The register: families and their members, each with a Samagra ID."""

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.choices import choice_label
from geography.models import Address, Area, LocalBody, Village
from registry.names import member_keys
from registry.search_columns import member_name_columns


class Gender(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    OTHER = "T", _("Transgender")


class Relation(models.TextChoices):
    HEAD = "HEAD", _("Head of family")
    SPOUSE = "SPOUSE", _("Wife/Husband")
    SON = "SON", _("Son")
    DAUGHTER = "DAUGHTER", _("Daughter")
    FATHER = "FATHER", _("Father")
    MOTHER = "MOTHER", _("Mother")
    DAUGHTER_IN_LAW = "DIL", _("Daughter-in-law")
    GRANDCHILD = "GRANDCHILD", _("Grandchild")
    OTHER = "OTHER", _("Other relative")


class MaritalStatus(models.TextChoices):
    NEVER_MARRIED = "NEVER", _("Never married")
    MARRIED = "MARRIED", _("Married")
    WIDOWED = "WIDOWED", _("Widowed")
    DIVORCED = "DIVORCED", _("Divorced")
    SEPARATED = "SEPARATED", _("Separated")


class CasteCategory(models.TextChoices):
    GENERAL = "GEN", _("General")
    OBC = "OBC", _("Other Backward Class")
    SC = "SC", _("Scheduled Caste")
    ST = "ST", _("Scheduled Tribe")


class MemberStatus(models.TextChoices):
    """Whether a Member ID is in use (duplicates app): a retired (merged) or inactive member
    stays in the register, never deleted."""

    ACTIVE = "ACTIVE", _("Active")
    TO_BE_DEACTIVATED = "NOTICE", _("To be deactivated (notice given)")
    INACTIVE = "INACTIVE", _("Inactive")
    MERGED = "MERGED", _("Merged into another Member ID")


class FamilyStatus(models.TextChoices):
    """Whether a Family ID is in use (updates.kinds.merge_families): a family merged into
    another stays in the register with its ID retired, never deleted or given again."""

    ACTIVE = "ACTIVE", _("Active")
    MERGED = "MERGED", _("Merged into another Family ID")


class Family(Address):
    # Unique through Meta.constraints, not unique=True: on PostgreSQL a unique CharField also
    # gets a varchar_pattern_ops twin index for LIKE, which nothing here queries and which every
    # insert (the bulk import's millions) would pay for.
    family_id = models.CharField(_("Samagra Family ID"), max_length=8)
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        related_name="families",
        verbose_name=_("Gram Panchayat or Ward"),
        # Served by the (area, family_id) index of Meta: a second index on area alone would
        # only cost every insert (and the bulk import's rebuild) without serving a query more.
        db_index=False,
    )
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="families",
        verbose_name=_("village"),
    )
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    # A family merged into another (updates.kinds.merge_families): its members moved to the
    # family that survives, and every lookup of its ID names that one (registry.selectors).
    status = models.CharField(
        _("status"), max_length=8, choices=FamilyStatus.choices, default=FamilyStatus.ACTIVE
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("merged into"),
        db_index=False,  # read from the retired family only, never searched by
    )

    class Meta:
        verbose_name = _("family")
        verbose_name_plural = _("families")
        indexes = [models.Index(fields=["area", "family_id"])]
        constraints = [
            models.UniqueConstraint(fields=["family_id"], name="family_family_id_unique")
        ]

    def __str__(self) -> str:
        return self.family_id

    def save(self, *args: Any, **kwargs: Any) -> None:
        moved = self.pk is not None and (
            kwargs.get("update_fields") is None or "area" in kwargs["update_fields"]
        )
        super().save(*args, **kwargs)
        if moved:
            # The members' copy of the local body (Member.local_body) follows a family that
            # moves, in the same transaction.
            local_body = Area.objects.filter(pk=self.area_id).values("local_body_id")[:1]
            self.members.exclude(local_body_id=models.Subquery(local_body)).update(
                local_body_id=models.Subquery(local_body)
            )


class Member(models.Model):
    JURISDICTION_AREA_PATH = "family__area"

    # Unique and indexed through Meta (see Family.family_id: no LIKE twin indexes).
    member_id = models.CharField(_("Samagra Member ID"), max_length=9)
    # Indexed by member_family_name_key (family, name_key), whose first column serves every
    # lookup by family: no second index on family alone.
    family = models.ForeignKey(
        Family, on_delete=models.PROTECT, related_name="members", db_index=False
    )
    name_hi = models.CharField(_("name (Devanagari)"), max_length=150)
    name_en = models.CharField(_("name (Latin script)"), max_length=150)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    relation = models.CharField(_("relation to the head"), max_length=12, choices=Relation.choices)
    mobile = models.CharField(_("mobile number"), max_length=10, blank=True)
    father_or_husband_name = models.CharField(
        _("father's or husband's name"), max_length=150, blank=True
    )
    marital_status = models.CharField(
        _("marital status"), max_length=10, blank=True, choices=MaritalStatus.choices
    )
    caste_category = models.CharField(
        _("caste category"), max_length=3, blank=True, choices=CasteCategory.choices
    )
    has_disability = models.BooleanField(_("person with disability"), default=False)
    disability_kind = models.CharField(_("kind of disability"), max_length=100, blank=True)
    # From the date of birth, or estimated from the age given when the date was unknown.
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    # Blocking keys for the duplicate search (registry.names.member_keys), kept in step by save():
    # of the first and the last word carrying the name, and of the father's or husband's name.
    name_key = models.CharField(max_length=8, blank=True, default="", editable=False)
    surname_key = models.CharField(max_length=8, blank=True, default="", editable=False)
    relative_key = models.CharField(max_length=8, blank=True, default="", editable=False)
    # For the duplicate check of new registrations (registration.duplicates), kept in step by
    # save() like name_key: the names in one rough Latin spelling (registry.search_columns), and
    # a copy of the family's local body so that one index finds look-alikes of a place.
    name_latin = models.CharField(max_length=300, blank=True, default="", editable=False)
    name_hi_latin = models.CharField(max_length=300, blank=True, default="", editable=False)
    relative_latin = models.CharField(max_length=300, blank=True, default="", editable=False)
    local_body = models.ForeignKey(
        LocalBody,
        on_delete=models.DO_NOTHING,  # local bodies are never deleted while areas refer to them
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        db_index=False,  # served by member_duplicate_search
        db_constraint=False,  # a copy: family.area.local_body is the one that is checked
    )
    # A born member's mother, when she is a member of the register (births, updates app).
    mother = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("mother"),
        db_index=False,  # member_mother: the few members with a mother in the register
    )
    # A member who dies stays in the register, marked; rows are never deleted.
    is_deceased = models.BooleanField(_("deceased"), default=False)
    date_of_death = models.DateField(_("date of death"), null=True, blank=True)
    death_recorded_at = models.DateTimeField(_("death recorded"), null=True, blank=True)
    # A confirmed duplicate (duplicates app): a retired Member ID points to the one that survives.
    status = models.CharField(
        _("status"), max_length=8, choices=MemberStatus.choices, default=MemberStatus.ACTIVE
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("merged into"),
        db_index=False,  # read from the retired member only, never searched by
    )

    class Meta:
        verbose_name = _("member")
        ordering = ["family", "pk"]
        indexes = [
            # The duplicate check: equal name key, gender and local body (one or the district's
            # few), a range of birth years. Leading name_key still serves name searches.
            models.Index(
                fields=["name_key", "gender", "local_body", "birth_year"],
                name="member_duplicate_search",
            ),
            # Name search within a local body: the families of its areas, then their members
            # with the name key, without reading every member of every family.
            models.Index(fields=["family", "name_key"], name="member_family_name_key"),
            # The duplicate check's other blocks (registration.duplicates), so that no single
            # slip in a name hides a pair: the surname's key, the father's or husband's name's,
            # the date of birth (in the district, and with the name key anywhere in the state),
            # and the name and relative keys with the year anywhere in the state.
            models.Index(
                fields=["surname_key", "gender", "local_body", "birth_year"],
                name="member_surname_search",
            ),
            models.Index(
                fields=["relative_key", "gender", "local_body", "birth_year"],
                name="member_relative_search",
            ),
            models.Index(
                fields=["date_of_birth", "gender", "local_body", "name_key"],
                name="member_birth_search",
            ),
            models.Index(
                fields=["name_key", "relative_key", "birth_year"], name="member_state_search"
            ),
            models.Index(fields=["mobile"], name="member_mobile"),
            # Most members have no mother in the register (only births recorded here do): a
            # partial index holds the few that do, not millions of empty entries.
            models.Index(
                fields=["mother"], name="member_mother", condition=models.Q(mother__isnull=False)
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["member_id"], name="member_member_id_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.member_id})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Derived search columns, set here so that no writer (registration, births, corrections)
        # can leave them stale.
        self.name_key, self.surname_key, self.relative_key = member_keys(
            self.name_en, self.name_hi, self.father_or_husband_name
        )
        self.name_latin, self.name_hi_latin, self.relative_latin = member_name_columns(
            self.name_en, self.name_hi, self.father_or_husband_name
        )
        if self.date_of_birth is not None:
            self.birth_year = self.date_of_birth.year
        derived = [
            "name_key",
            "surname_key",
            "relative_key",
            "birth_year",
            "name_latin",
            "name_hi_latin",
            "relative_latin",
        ]
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "family" in update_fields:
            self.local_body_id = self._family_local_body_id()
            derived.append("local_body")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *derived}
        super().save(*args, **kwargs)

    def _family_local_body_id(self) -> int:
        family = self.family
        if Family.area.is_cached(family):  # type: ignore[attr-defined]
            return family.area.local_body_id
        return Area.objects.values_list("local_body_id", flat=True).get(pk=family.area_id)

    @property
    def is_head(self) -> bool:
        return self.relation == Relation.HEAD

    # Django's own get_FOO_display is kept for fields no page shows a row at a time.
    def get_relation_display(self) -> str:  # type: ignore[no-redef]
        return choice_label(Relation, self.relation)

    def get_gender_display(self) -> str:  # type: ignore[no-redef]
        return choice_label(Gender, self.gender)

    @property
    def name(self) -> str:
        return self.name_hi if get_language() == "hi" else self.name_en


class NameWord(models.Model):
    """How often a word of a name occurs in the register (registry.names.name_words), so that a
    rare name weighs more than a common one when names are compared. Counted again by
    ``manage.py name_words`` (after a bulk import, and nightly); a word not here is rare."""

    word = models.CharField(max_length=60, primary_key=True)
    count = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.word} {self.count}"


class ChangeKind(models.TextChoices):
    """What happened to the register, as the change feed tells departments (registry.feed)."""

    FAMILY_REGISTERED = "family.registered", _("Family registered")
    BIRTH = "member.born", _("Birth")
    MEMBER_ADDED = "member.added", _("Member added")
    DEATH = "member.died", _("Death")
    MARRIAGE = "member.married", _("Marriage")
    CORRECTED = "member.corrected", _("Details corrected")
    MOVED = "member.moved", _("Member moved to another family")
    MIGRATED = "family.migrated", _("Family migrated to another area")
    FAMILY_MERGED = "family.merged", _("Family merged into another")
    MERGED = "member.merged", _("Member ID merged into another")
    MERGE_UNDONE = "member.merge_undone", _("Merge of Member IDs undone")
    DEACTIVATION_NOTICE = "member.notice", _("Notice of deactivation")
    DEACTIVATED = "member.deactivated", _("Member deactivated")
    REACTIVATED = "member.reactivated", _("Member reactivated")
    # Told only to clients with the scope of what they say (api.v1.feed.SCOPED_KINDS).
    EKYC_DONE = "member.ekyc_done", _("e-KYC done")
    MOBILE_LINKED = "member.mobile_linked", _("Mobile number linked")


class RegisterChange(models.Model):
    """One change to a family or member, in commit order of its id: the change feed's rows.
    Written by registry.feed.record_change inside the write's transaction; never changed."""

    kind = models.CharField(max_length=24, choices=ChangeKind.choices)
    family_id = models.CharField(max_length=8)
    member_id = models.CharField(max_length=9, blank=True)
    # Where it happened (for a migration: the new area), so that a client reads the changes of
    # its districts only: served by (district, id).
    district = models.ForeignKey(
        "geography.District", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+", db_index=False)
    # Kind-specific facts (date of death, the member ID merged into, the area left...), no
    # personal data beyond IDs and dates.
    details = models.JSONField(default=dict, blank=True)
    happened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["district", "id"], name="registerchange_district")]

    def __str__(self) -> str:
        return f"{self.pk} {self.kind} {self.family_id} {self.member_id}"
