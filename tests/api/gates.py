"""What the API's gates share (schemathesis, the authorisation matrix, the Aadhaar scan): the
served schema's operations, a register with records of every kind, and an e-KYC'd member."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.cache import cache

from api.main import api
from identity.ekyc import OtpProof, member_ekyc_complete, member_ekyc_request_otp
from identity.uidai.residents import Resident
from registry.models import Family, Member, MemberStatus
from tests import factories as f
from tests.conftest import World
from tests.identity_vault.support import member_like
from tests.uidai.support import otp_sent_to, resident


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # as served, e.g. /api/v1/members/{member_id}/status
    spec: dict[str, Any] = field(repr=False, hash=False, compare=False)

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def secured(self) -> bool:
        return bool(self.spec.get("security"))

    @property
    def scopes(self) -> list[str]:
        """The scopes of which the operation needs one (its ``x-scope``)."""
        needed = self.spec.get("x-scope", [])
        return [needed] if isinstance(needed, str) else list(needed)

    def parameters(self, where: str) -> list[dict[str, Any]]:
        return [p for p in self.spec.get("parameters", []) if p["in"] == where]

    def body_schema(self) -> dict[str, Any] | None:
        content = self.spec.get("requestBody", {}).get("content", {})
        found = content.get("application/json", {}).get("schema")
        return resolve(found) if found else None


def served_schema() -> dict[str, Any]:
    schema: dict[str, Any] = api.get_openapi_schema(path_prefix="/api/v1")
    return schema


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """A component's schema for a ``$ref`` (one level, as ninja writes request bodies)."""
    ref = node.get("$ref")
    if not ref:
        return node
    name = ref.rsplit("/", 1)[-1]
    found: dict[str, Any] = served_schema()["components"]["schemas"][name]
    return found


def operations() -> Iterator[Operation]:
    for path, item in served_schema()["paths"].items():
        for method, spec in item.items():
            yield Operation(method=method, path=path, spec=spec)


def fresh_rate_limits() -> None:
    """Rate-limit counters live in the cache, keyed by client pk: a rolled-back test's pk comes
    back in the next one, and must not find its predecessor's count."""
    cache.clear()


@dataclass
class Register:
    """Records of every kind a department may meet, with their IDs."""

    active: Member
    retired: Member
    deceased: Member
    ekyc: Member
    aadhaar: str
    retired_family_id: str

    def member_ids(self) -> list[str]:
        return [m.member_id for m in (self.active, self.retired, self.deceased, self.ekyc)]

    def family_ids(self) -> list[str]:
        in_use = sorted({m.family.family_id for m in (self.active, self.ekyc)})
        return [*in_use, self.retired_family_id]


def ekyc_done(
    world: World, person: Resident | None = None, *, outside: bool = False
) -> tuple[Member, str]:
    """A member of family_a1 (of family_x1 when ``outside``) e-KYC'd by OTP with the UIDAI
    sandbox (needs the development vault and the sandbox:
    tests.identity_vault.conftest.development_vault_and_sandbox)."""
    person = person or resident("Ramesh Kumar")
    family, actor = (world.family_x1, world.dave) if outside else (world.family_a1, world.alice)
    member = member_like(family, person)
    started = member_ekyc_request_otp(actor=actor, member=member, aadhaar=person.aadhaar)
    member_ekyc_complete(
        actor=actor,
        member=member,
        proof=OtpProof(txn=started.txn, otp=otp_sent_to(person.mobile)),
        vault_token=started.vault_token,
    )
    return member, person.aadhaar


def register_of(world: World) -> Register:
    active = world.family_b1.members.get()
    retired: Member = f.MemberFactory(  # type: ignore[assignment]
        family=world.family_b1, status=MemberStatus.MERGED, merged_into=active, relation="SON"
    )
    deceased: Member = f.MemberFactory(  # type: ignore[assignment]
        family=world.family_b1,
        relation="FATHER",
        is_deceased=True,
        date_of_death=date(2024, 3, 1),
        mother=active,
    )
    merged_family: Family = f.FamilyFactory(  # type: ignore[assignment]
        area=world.b1, status="MERGED", merged_into=world.family_b1
    )
    ekyc, number = ekyc_done(world)
    return Register(
        active=active,
        retired=retired,
        deceased=deceased,
        ekyc=ekyc,
        aadhaar=number,
        retired_family_id=merged_family.family_id,
    )
