"""A family that can ask to move, and a quick way to a submitted request.

family_a1 (area a1 of lb_a, district d_a) has an e-KYC'd head with a linked mobile. Places:
a2 (same local body), b1 (same local body, has alice's colleague bob), y1 in lb_y (another local
body of d_a, with a village), x1 (district d_x)."""

import io
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from documents.models import Document
from geography.models import Area, LocalBody, Village
from identity.actors import Citizen
from identity.ekyc import OtpProof
from migration.eauth import migration_eauth_complete, migration_eauth_request_otp
from migration.models import AadhaarAuthentication, MigrationRequest, MigrationType
from migration.services import MigrationDetails, migration_proof_upload, migration_request_submit
from officials.models import Official
from registry.models import Family
from tests import factories as f
from tests.citizen.support import ekyc_with_linked_mobile
from tests.conftest import World
from tests.documents.pdfs import PDF_BODY
from tests.uidai.support import otp_sent_to, resident

CITIZEN_MOBILE = "9876543210"
UIDAI_MOBILE = resident("Ramesh Kumar").mobile


def pdf_upload(name: str = "bijli-bill.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BODY, content_type="application/pdf")


def png_upload(name: str = "proof.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


@dataclass
class Mig:
    world: World
    family: Family
    citizen: Citizen
    lb_y: LocalBody
    y1: Area
    y1_village: Village
    yuri: Official  # field official of y1
    yasmin: Official  # local body officer of lb_y


def make_mig(world: World) -> Mig:
    member = ekyc_with_linked_mobile(world.family_a1.members.get(), CITIZEN_MOBILE)
    lb_y = f.LocalBodyFactory(district=world.d_a)
    y1 = f.AreaFactory(local_body=lb_y)
    return Mig(
        world=world,
        family=world.family_a1,
        citizen=Citizen(family_id=world.family_a1.family_id, member_id=member.member_id),
        lb_y=lb_y,
        y1=y1,
        y1_village=f.VillageFactory(area=y1),
        yuri=f.field_official(y1, user_id="yuri"),
        yasmin=f.local_body_officer(lb_y, user_id="yasmin"),
    )


def eauth(citizen: Citizen) -> AadhaarAuthentication:
    """Aadhaar e-authentication by the sandbox OTP, read from the SMS outbox."""
    txn = migration_eauth_request_otp(citizen=citizen)
    return migration_eauth_complete(
        citizen=citizen, proof=OtpProof(txn=txn, otp=otp_sent_to(UIDAI_MOBILE))
    )


def details(area: Area, village: Village | None = None, **changes: object) -> MigrationDetails:
    values: dict[str, object] = {
        "type": MigrationType.WITHIN_LOCAL_BODY,
        "to_area_id": area.pk,
        "to_village_id": village.pk if village else None,
        "house_number": "12",
        "locality": "Shivaji Nagar",
        "pin_code": "462016",
        "remarks": "Moved for work",
    }
    values.update(changes)
    return MigrationDetails(**values)  # type: ignore[arg-type]


def proof(citizen: Citizen) -> list[Document]:
    return [migration_proof_upload(citizen=citizen, upload=pdf_upload())]


def submit(mig: Mig, area: Area | None = None, **changes: object) -> MigrationRequest:
    """A pending request of family_a1 to b1 (within the local body, bob's area)."""
    return migration_request_submit(
        citizen=mig.citizen,
        details=details(area or mig.world.b1, **changes),
        documents=proof(mig.citizen),
        authentication=eauth(mig.citizen),
        language="en",
    )
