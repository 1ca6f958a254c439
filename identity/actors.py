"""Who acts in identity's services: an official, a citizen signed in to their own family, or
the system (None: commands, key rotation)."""

from dataclasses import dataclass

from officials.models import Official


@dataclass(frozen=True)
class Citizen:
    """A citizen signed in to one family (citizen sign-in). Not a user account: audit rows
    name them by member ID, and ``pk`` is None so that no official is recorded as the actor."""

    family_id: str
    member_id: str
    pk: None = None

    def __str__(self) -> str:
        return f"Citizen (member {self.member_id})"


Actor = Official | Citizen | None
