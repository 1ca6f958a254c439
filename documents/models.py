"""An uploaded file, stored under a random name outside the web root. Which record it belongs
to is said by that record's app (an application's documents, a migration's proof of address);
whoever may see that record may download the file, nobody else."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(16)


class DocumentKind(models.TextChoices):
    SUPPORTING = "supporting", _("Supporting document")
    PROOF_OF_ADDRESS = "address", _("Proof of address")
    DEATH_CERTIFICATE = "death", _("Death certificate")
    BIRTH_CERTIFICATE = "birth", _("Birth certificate")
    MARRIAGE_CERTIFICATE = "marriage", _("Marriage certificate")
    OTHER = "other", _("Other document")


class Document(models.Model):
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    kind = models.CharField(_("kind of document"), max_length=10, choices=DocumentKind.choices)
    # Where the bytes are, in the "documents" storage: a random name, never the uploaded one.
    storage_name = models.CharField(max_length=200, unique=True, editable=False)
    content_type = models.CharField(max_length=30, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64, editable=False)
    # The name the uploader's file had, checked (no path, no control characters); shown only.
    original_name = models.CharField(_("file name"), max_length=100)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    # A citizen has no account: their member ID says who uploaded.
    uploaded_by_member_id = models.CharField(max_length=9, blank=True)

    class Meta:
        verbose_name = _("document")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.original_name})"

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
