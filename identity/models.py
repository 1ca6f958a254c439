from django.db import models
from django.utils import timezone


class OtpChallenge(models.Model):
    """One OTP sent to a mobile. The code is kept only as a keyed hash."""

    token = models.CharField(max_length=64, unique=True)
    purpose = models.CharField(max_length=30)
    # What the OTP proves control of (an official's pk, a member ID...); blank when the
    # requested subject does not exist, so that the answer looks the same either way.
    subject = models.CharField(max_length=40, blank=True)
    mobile = models.CharField(max_length=10, blank=True, db_index=True)
    client_address = models.CharField(max_length=45, blank=True, db_index=True)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["mobile", "created_at"])]

    def __str__(self) -> str:
        return f"OTP {self.purpose} {self.created_at:%Y-%m-%d %H:%M}"
