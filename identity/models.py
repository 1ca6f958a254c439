from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.ids import dated_number
from sms.reasons import SmsReason


class OtpChallenge(models.Model):
    """One OTP sent to a mobile. The code is kept only as a keyed hash."""

    token = models.CharField(max_length=64, unique=True)
    purpose = models.CharField(max_length=30)
    # What the OTP proves control of (an official's pk, a member ID...); blank when the
    # requested subject does not exist, so that the answer looks the same either way.
    subject = models.CharField(max_length=40, blank=True)
    mobile = models.CharField(max_length=10, blank=True, db_index=True)
    client_address = models.CharField(max_length=45, blank=True, db_index=True)
    # A keyed hash of the purpose and the identifiers the requester typed (identity.otp
    # asked_key), for real and unknown ones alike: what the waits and caps count by.
    asked_key = models.CharField(max_length=64, blank=True)
    # Empty until the worker draws the code (identity.otp.otp_send): nothing opens it till then.
    code_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["mobile", "created_at"]),
            models.Index(fields=["asked_key", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"OTP {self.purpose} {self.created_at:%Y-%m-%d %H:%M}"


class AadhaarVaultEntry(models.Model):
    """One Aadhaar number, encrypted (identity/vault.py). The only table that holds Aadhaar
    numbers; every other table refers to an entry by its random token."""

    token = models.CharField(max_length=64, unique=True)
    key_id = models.CharField(max_length=32, db_index=True)
    nonce = models.BinaryField(max_length=12)
    ciphertext = models.BinaryField()
    # A keyed hash of the number under the entry's key: finds the entry for a number (the same
    # Aadhaar offered for two members) without decrypting anything.
    lookup_hash = models.CharField(max_length=64, unique=True)
    # What UIDAI allows to be shown; kept so that masking never needs a decryption.
    last4 = models.CharField(max_length=4)
    created_at = models.DateTimeField(default=timezone.now)
    rekeyed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Aadhaar vault entry")
        verbose_name_plural = _("Aadhaar vault entries")

    def __str__(self) -> str:
        return f"Aadhaar XXXX-XXXX-{self.last4}"


class EkycMethod(models.TextChoices):
    OTP = "otp", _("Aadhaar OTP")
    BIOMETRIC = "biometric", _("Biometric (fingerprint or iris)")


class MemberEkyc(models.Model):
    """A member's identity confirmed against Aadhaar: when, how, by whom, and which Aadhaar
    (as a vault token). One Aadhaar belongs to one member of the register."""

    member = models.OneToOneField(
        "registry.Member", on_delete=models.PROTECT, related_name="ekyc", verbose_name=_("member")
    )
    vault_entry = models.OneToOneField(
        AadhaarVaultEntry,
        on_delete=models.PROTECT,
        to_field="token",
        db_column="aadhaar_token",
        related_name="member_ekyc",
    )
    method = models.CharField(_("how"), max_length=10, choices=EkycMethod.choices)
    verified_at = models.DateTimeField(_("verified"), default=timezone.now)
    # Empty when the citizen completed the e-KYC themselves.
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    uidai_txn = models.CharField(_("UIDAI transaction"), max_length=64, blank=True)
    name_score = models.PositiveSmallIntegerField(_("name match score"), default=0)

    class Meta:
        verbose_name = _("member e-KYC")
        verbose_name_plural = _("member e-KYCs")

    def __str__(self) -> str:
        return f"e-KYC of member {self.member_id}"


class UidaiSandboxOtp(models.Model):
    """An OTP sent by the UIDAI sandbox (identity/uidai/sandbox.py), which keeps its state in the
    database so that it behaves the same across web and worker processes. Refers to the test
    resident by its sandbox key, never by Aadhaar number."""

    txn = models.CharField(max_length=64, unique=True)
    resident_key = models.CharField(max_length=8)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Sandbox OTP {self.txn}"


class MobileLink(models.Model):
    """A member's own mobile number, confirmed by an OTP sent to it: the number citizen
    sign-in and migration send their OTPs to. Only a member whose e-KYC is complete can sign
    in with it."""

    member = models.OneToOneField(
        "registry.Member",
        on_delete=models.PROTECT,
        related_name="mobile_link",
        verbose_name=_("member"),
    )
    mobile = models.CharField(_("mobile number"), max_length=10, db_index=True)
    linked_at = models.DateTimeField(_("linked"), default=timezone.now)
    # Empty when the citizen linked it themselves.
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("linked by"),
    )

    class Meta:
        verbose_name = _("linked mobile number")

    def __str__(self) -> str:
        return f"mobile of member {self.member_id}"


def new_mobile_change_number() -> str:
    """MC, the date, and six random digits: not guessable in sequence, unique by the index."""
    return dated_number("MC")


class MobileChange(models.Model):
    """A member's linked mobile set or replaced (identity/mobile.py), and what proved it.

    A first number needs only the code sent to it. Replacing one needs the code sent to the old
    number as well (the citizen) or the verification, with a reason, of the family's local body
    officer (an official on the family's behalf: the request waits, PENDING, until then). The
    old number is told either way, so that nobody takes over a family's sign-in unseen."""

    JURISDICTION_AREA_PATH = "member__family__area"

    class Status(models.TextChoices):
        PENDING = "PENDING", _("Waiting for the local body officer's verification")
        APPLIED = "APPLIED", _("Made")
        REJECTED = "REJECTED", _("Rejected")

    class Proof(models.TextChoices):
        FIRST_LINK = "FIRST_LINK", _("First number: the code sent to it")
        OLD_NUMBER_OTP = "OLD_NUMBER_OTP", _("The codes sent to the old and the new number")
        OFFICER = "OFFICER", _("The local body officer's verification")

    number = models.CharField(_("request number"), max_length=20, unique=True)
    member = models.ForeignKey(
        "registry.Member",
        on_delete=models.PROTECT,
        related_name="mobile_changes",
        verbose_name=_("member"),
    )
    old_mobile = models.CharField(_("old number"), max_length=10, blank=True)
    new_mobile = models.CharField(_("new number"), max_length=10)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    proof = models.CharField(_("proved by"), max_length=16, choices=Proof.choices)
    # Empty when the citizen asked themselves.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    request_reason = models.CharField(_("why it is asked for"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.CharField(_("reason for the decision"), max_length=300, blank=True)
    # The reason its SMS named (sms.reasons); decision_reason keeps the official's words.
    sms_reason = models.CharField(
        _("reason told by SMS"), max_length=20, choices=SmsReason.choices, blank=True
    )

    class Meta:
        verbose_name = _("mobile number change")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One request waiting per member: a second could be verified on top of the first.
            models.UniqueConstraint(
                fields=["member"],
                condition=models.Q(status="PENDING"),
                name="one_pending_mobile_change_per_member",
            )
        ]

    def __str__(self) -> str:
        return self.number
