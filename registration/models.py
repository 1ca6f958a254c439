"""Temporary registrations: a left-out family as a field official entered it, before the local
body verifies it and the register gives it Samagra IDs."""

from typing import Any

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from documents.models import Document
from geography.models import Address, Area, Village
from officials.models import HeldWork, Official
from registry.matching import LIKELY
from registry.models import CasteCategory, Family, Gender, MaritalStatus, Member, Relation
from registry.names import first_name_key
from sms.reasons import SmsReason


class ApplicationStatus(models.TextChoices):
    DRAFT = "DRAFT", _("Draft")
    SUBMITTED = "SUBMITTED", _("Waiting for verification")
    RETURNED = "RETURNED", _("Returned for correction")
    APPROVED = "APPROVED", _("Approved")
    REJECTED = "REJECTED", _("Rejected")
    # A family's own application that the field official could not take up (no such family
    # at the address, not in this area…): closed with the reason the family sees.
    SENT_BACK = "SENT_BACK", _("Returned to the family")


class ApplicationSource(models.TextChoices):
    OFFICIAL = "OFFICIAL", _("Entered by a field official")
    FAMILY = "FAMILY", _("Applied by the family")


# An application still open: a family may have one of its own open at a time.
OPEN_STATUSES = (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, ApplicationStatus.RETURNED)


class Application(HeldWork, Address):
    number = models.CharField(_("application number"), max_length=20, unique=True)
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("Gram Panchayat or Ward"),
    )
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("village"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    language = models.CharField(_("language for SMS"), max_length=2, default="hi")
    # The field official who entered it; for a family's own application, the one who completed
    # and submitted it (empty until then).
    created_by = models.ForeignKey(
        Official,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    source = models.CharField(
        _("started by"),
        max_length=10,
        choices=ApplicationSource.choices,
        default=ApplicationSource.OFFICIAL,
    )
    # The mobile a family applying by itself proved with an OTP (its status and SMS go there).
    applicant_mobile = models.CharField(_("applicant's mobile"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # holder, held_since: officials.models.HeldWork
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_by = models.ForeignKey(
        Official,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    # Why it was rejected or returned; shown to the field official and the applicant.
    decision_reason = models.TextField(_("reason"), blank=True)
    # The reason its SMS named (sms.reasons); decision_reason keeps the official's words.
    sms_reason = models.CharField(
        _("reason told by SMS"), max_length=20, choices=SmsReason.choices, blank=True
    )
    family = models.OneToOneField(
        Family,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="application",
        verbose_name=_("family"),
    )

    class Meta:
        verbose_name = _("application")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["area", "status", "submitted_at"]),
            models.Index(fields=["holder", "status", "held_since"]),
        ]
        constraints = [
            # One open application of its own per mobile, even when two arrive at once.
            models.UniqueConstraint(
                fields=["applicant_mobile"],
                condition=models.Q(source="FAMILY", status__in=OPEN_STATUSES),
                name="one_open_self_application_per_mobile",
            )
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def by_family(self) -> bool:
        return self.source == ApplicationSource.FAMILY

    @property
    def head(self) -> "ApplicationMember | None":
        return next((m for m in self.members.all() if m.is_head), None)


class ApplicationMember(models.Model):
    JURISDICTION_AREA_PATH = "application__area"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="members")
    name_hi = models.CharField(_("name (Devanagari)"), max_length=150, blank=True)
    name_en = models.CharField(_("name (Latin script)"), max_length=150, blank=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    age_years = models.PositiveSmallIntegerField(_("age in years"), null=True, blank=True)
    relation = models.CharField(
        _("relation to the head"), max_length=12, choices=Relation.choices, blank=True
    )
    father_or_husband_name = models.CharField(
        _("father's or husband's name"), max_length=150, blank=True
    )
    marital_status = models.CharField(
        _("marital status"), max_length=10, blank=True, choices=MaritalStatus.choices
    )
    mobile = models.CharField(_("mobile number"), max_length=10, blank=True)
    caste_category = models.CharField(
        _("caste category"), max_length=3, blank=True, choices=CasteCategory.choices
    )
    has_disability = models.BooleanField(_("person with disability"), default=False)
    disability_kind = models.CharField(_("kind of disability"), max_length=100, blank=True)
    # From the date of birth, or estimated from the age when the date is unknown.
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    name_key = models.CharField(max_length=8, blank=True, default="", editable=False)
    # The Aadhaar vault's token of an entry already holding the number typed for this person
    # (identity.vault.vault_token_for): the entry of a registered member's e-KYC, so a certain
    # duplicate. Never the number, and no entry is made for a number the vault does not hold.
    aadhaar_token = models.ForeignKey(
        "identity.AadhaarVaultEntry",
        on_delete=models.SET_NULL,
        to_field="token",
        db_column="aadhaar_token",
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # The register's member this person became on approval.
    member = models.OneToOneField(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="application_member"
    )

    class Meta:
        verbose_name = _("applicant member")
        ordering = ["application", "pk"]
        indexes = [
            models.Index(
                fields=["name_key", "gender", "birth_year"], name="appmember_duplicate_search"
            )
        ]

    def __str__(self) -> str:
        return self.name or str(self.pk)

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The same derived search key as registry.Member, so that both are searched alike.
        self.name_key = first_name_key(self.name_en, self.name_hi)
        super().save(*args, **kwargs)

    @property
    def is_head(self) -> bool:
        return self.relation == Relation.HEAD

    @property
    def name(self) -> str:
        return (self.name_hi if get_language() == "hi" else self.name_en) or self.name_en


class PossibleDuplicate(models.Model):
    """A person already registered or pending who may be the same as an applicant member."""

    class Decision(models.TextChoices):
        UNDECIDED = "UNDECIDED", _("Not yet looked at")
        NOT_DUPLICATE = "NOT_DUP", _("Not a duplicate")
        DUPLICATE = "DUPLICATE", _("Duplicate")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="possible_duplicates"
    )
    applicant = models.ForeignKey(
        ApplicationMember, on_delete=models.CASCADE, related_name="possible_duplicates"
    )
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered member"),
    )
    pending = models.ForeignKey(
        ApplicationMember,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member of a pending application"),
    )
    score = models.PositiveSmallIntegerField(_("similarity"))
    # The part scores (name, father's/husband's name, age, place), for the side-by-side view.
    details = models.JSONField(default=dict, blank=True)
    found_at = models.DateTimeField(default=timezone.now)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.UNDECIDED
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        Official, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("possible duplicate")
        ordering = ["applicant", "-score", "pk"]
        constraints = [
            models.CheckConstraint(
                name="possible_duplicate_is_one_person",
                condition=models.Q(member__isnull=False, pending__isnull=True)
                | models.Q(member__isnull=True, pending__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["applicant", "member"], name="possible_duplicate_member_once"
            ),
            models.UniqueConstraint(
                fields=["applicant", "pending"], name="possible_duplicate_pending_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.applicant} ~ {self.member or self.pending} ({self.score})"

    @property
    def is_likely(self) -> bool:
        """Likely the same person (registry.matching.LIKELY), not only someone to compare."""
        return self.score >= LIKELY

    @property
    def same_aadhaar(self) -> bool:
        """The registered member's e-KYC holds the Aadhaar typed for the applicant: certain."""
        return "aadhaar" in (self.details or {})


class ApplicationDocument(models.Model):
    """A supporting document attached to an application (and so shown with its family)."""

    JURISDICTION_AREA_PATH = "application__area"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    document = models.OneToOneField(
        Document, on_delete=models.PROTECT, related_name="application_document"
    )
    # None: the family attached it to its own application.
    added_by = models.ForeignKey(
        Official, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("application document")
        ordering = ["application", "added_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application} — {self.document}"

    @property
    def url(self) -> str:
        return reverse("registration:document", args=[self.application.number, self.pk])

    @property
    def label(self) -> str:
        return f"{self.document} — {timezone.localtime(self.added_at):%d-%m-%Y}"
