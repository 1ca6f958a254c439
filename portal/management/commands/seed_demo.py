"""Load the demo state: geography from demo/geography (through the real importer), demo
officials for every role with a known password, and a few registered families."""

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from geography.models import Area, District, LocalBody
from geography.services import geography_import
from officials.models import Designation, Official, Role
from registration.data import AddressData, MemberData
from registration.models import Application
from registration.services import application_save_draft, application_submit
from registration.verification import application_return_for_correction
from registry.ids import random_family_id, random_member_id
from registry.models import CasteCategory, Family, Gender, MaritalStatus, Member, Relation
from scale.services import demo_clusters

DEMO_PASSWORD = "Samagra-Demo-2026"  # noqa: S105 (published on purpose: demo only)
DEMO_DIR = Path(settings.BASE_DIR) / "demo" / "geography"

# (user ID, name, role, designation, district code, local body code, area codes, mobile)
OFFICIALS = [
    (
        "demo.state",
        "Anita Verma",
        Role.STATE_ADMIN,
        Designation.MISSION_OFFICER,
        None,
        None,
        [],
        "9826000001",
    ),
    (
        "demo.district.bhopal",
        "Rakesh Tiwari",
        Role.DISTRICT_OFFICER,
        Designation.COLLECTOR,
        "413",
        None,
        [],
        "9826000002",
    ),
    (
        "demo.district.sehore",
        "Meena Patel",
        Role.DISTRICT_OFFICER,
        Designation.CEO_ZILA_PANCHAYAT,
        "441",
        None,
        [],
        "9826000003",
    ),
    (
        "demo.lb.phanda",
        "Suresh Yadav",
        Role.LOCAL_BODY_OFFICER,
        Designation.CEO_JANPAD_PANCHAYAT,
        "413",
        "6701",
        [],
        "9826000004",
    ),
    (
        "demo.lb.bhopalnn",
        "Kavita Sharma",
        Role.LOCAL_BODY_OFFICER,
        Designation.CHIEF_MUNICIPAL_OFFICER,
        "413",
        "248101",
        [],
        "9826000005",
    ),
    (
        "demo.lb.sehore",
        "Imran Khan",
        Role.LOCAL_BODY_OFFICER,
        Designation.CEO_JANPAD_PANCHAYAT,
        "441",
        "6801",
        [],
        "9826000006",
    ),
    (
        "demo.gp.secretary",
        "Ramesh Kushwaha",
        Role.FIELD_OFFICIAL,
        Designation.GP_SECRETARY,
        "413",
        "6701",
        ["130001", "130002"],
        "9826000007",
    ),
    (
        "demo.grs",
        "Sunita Ahirwar",
        Role.FIELD_OFFICIAL,
        Designation.GRAM_ROZGAR_SAHAYAK,
        "413",
        "6701",
        ["130003"],
        "9826000008",
    ),
    (
        "demo.ward",
        "Mohan Lal Saxena",
        Role.FIELD_OFFICIAL,
        Designation.WARD_INCHARGE,
        "413",
        "248101",
        ["900101", "900102"],
        "9826000009",
    ),
    (
        "demo.ward.sehore",
        "Pooja Rathore",
        Role.FIELD_OFFICIAL,
        Designation.WARD_INCHARGE,
        "441",
        "248201",
        ["900201"],
        "9826000010",
    ),
]

# A one-page PDF: the demo migration request's proof of address. Well formed (a cross-reference
# table at the offsets it names), as an upload must be (documents/pdf_checks.py).
DEMO_PROOF_PDF = b"".join(
    [
        b"%PDF-1.4\n",
        b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n",
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n",
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n",
        b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n",
        b"0000000052 00000 n \n0000000101 00000 n \n",
        b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n",
    ]
)

# (Hindi, Latin, gender, relation, year of birth)
FAMILIES = [
    [
        ("रमेश कुमार", "Ramesh Kumar", Gender.MALE, Relation.HEAD, 1978),
        ("सीता देवी", "Seeta Devi", Gender.FEMALE, Relation.SPOUSE, 1982),
        ("पूजा कुमारी", "Pooja Kumari", Gender.FEMALE, Relation.DAUGHTER, 2006),
    ],
    [
        ("मोहन सिंह", "Mohan Singh", Gender.MALE, Relation.HEAD, 1965),
        ("कमला बाई", "Kamla Bai", Gender.FEMALE, Relation.SPOUSE, 1969),
        ("राजेश सिंह", "Rajesh Singh", Gender.MALE, Relation.SON, 1992),
    ],
    [("फातिमा बी", "Fatima Bi", Gender.FEMALE, Relation.HEAD, 1958)],
    [
        ("गोविंद प्रसाद अहिरवार", "Govind Prasad Ahirwar", Gender.MALE, Relation.HEAD, 1985),
        ("लक्ष्मी अहिरवार", "Laxmi Ahirwar", Gender.FEMALE, Relation.SPOUSE, 1988),
        ("अमन अहिरवार", "Aman Ahirwar", Gender.MALE, Relation.SON, 2012),
        ("अंजलि अहिरवार", "Anjali Ahirwar", Gender.FEMALE, Relation.DAUGHTER, 2015),
    ],
]


class Command(BaseCommand):
    help = "Load the demo state (only into an empty register)."

    def handle(self, *args: Any, **options: Any) -> None:
        if Official.objects.exists():
            self.stdout.write("Demo data is already loaded.")
            self._citizen_sign_in_help()
            return
        report = geography_import(sorted(DEMO_DIR.glob("*.csv")))
        if report.rejected:
            raise CommandError("\n".join(str(r) for r in report.rejected))
        with transaction.atomic():
            self._officials()
            self._families()
            self._applications()
            self._migration_request()
            self._change_requests()
            self._ekyc()
            # Groups of possible duplicates for the local body officers to review (scale app).
            demo_clusters()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self._citizen_sign_in_help()

    def _officials(self) -> None:
        for user_id, name, role, designation, district, lb, areas, mobile in OFFICIALS:
            official = Official(
                user_id=user_id,
                name=name,
                role=role,
                designation=designation,
                mobile=mobile,
                must_change_password=False,
                district=District.objects.get(lgd_code=district) if district else None,
                local_body=LocalBody.objects.get(lgd_code=lb) if lb else None,
            )
            official.set_password(DEMO_PASSWORD)
            official.save()
            official.areas.set(Area.objects.filter(lgd_code__in=areas))

    def _families(self) -> None:
        rng = random.Random(23)  # noqa: S311 (demo layout, not security)
        for area in Area.objects.select_related("local_body").order_by("lgd_code"):
            for number, members in enumerate(FAMILIES[: 2 + area.pk % 3]):
                family = Family.objects.create(
                    family_id=random_family_id(),
                    area=area,
                    village=area.villages.order_by("lgd_code").first(),
                    house_number=str(rng.randint(1, 400)),
                    locality="" if area.kind == Area.Kind.GRAM_PANCHAYAT else f"Mohalla {number}",
                    pin_code="462001",
                )
                for hi, en, gender, relation, year in members:
                    Member.objects.create(
                        member_id=random_member_id(),
                        family=family,
                        name_hi=hi,
                        name_en=en,
                        gender=gender,
                        relation=relation,
                        date_of_birth=date(year, rng.randint(1, 12), rng.randint(1, 28)),
                    )

    def _applications(self) -> None:
        """Registrations to try the pages with: a draft, a submission with a possible duplicate
        of a registered member, a returned one, and one waiting long enough to be overdue."""
        secretary = Official.objects.get(user_id="demo.gp.secretary")
        officer = Official.objects.get(user_id="demo.lb.phanda")
        area = Area.objects.get(lgd_code="130001")
        village = area.villages.order_by("lgd_code").first()

        def member(hi: str, en: str, gender: str, relation: str, year: int, **more: Any) -> Any:
            return MemberData(
                name_hi=hi,
                name_en=en,
                gender=gender,
                relation=relation,
                date_of_birth=date(year, 7, 1),
                marital_status=MaritalStatus.MARRIED,
                caste_category=CasteCategory.OBC,
                **more,
            )

        def save(members: list[Any], house: str) -> Application:
            return application_save_draft(
                actor=secretary,
                address=AddressData(area=area, village=village, house_number=house),
                members=members,
            )

        draft = save(
            [member("हरिराम मीणा", "Hariram Meena", Gender.MALE, Relation.HEAD, 1970)], "7"
        )
        # रामेश कुमार, born 1978, is very likely Ramesh Kumar already registered in 130001.
        duplicate = save(
            [
                member(
                    "रामेश कुमार",
                    "Rames Kumar",
                    Gender.MALE,
                    Relation.HEAD,
                    1978,
                    mobile="9826100001",
                ),
                member("सुनीता", "Sunita", Gender.FEMALE, Relation.SPOUSE, 1983),
            ],
            "41",
        )
        application_submit(actor=secretary, application=duplicate)
        returned = save(
            [
                member(
                    "भगवान दास",
                    "Bhagwan Das",
                    Gender.MALE,
                    Relation.HEAD,
                    1960,
                    mobile="9826100002",
                )
            ],
            "",
        )
        application_submit(actor=secretary, application=returned)
        application_return_for_correction(
            actor=officer,
            application=returned,
            reason="House number is missing. Add it and resubmit.",
        )
        waiting = save(
            [
                member(
                    "कमलेश पटेल",
                    "Kamlesh Patel",
                    Gender.MALE,
                    Relation.HEAD,
                    1975,
                    mobile="9826100003",
                )
            ],
            "88",
        )
        application_submit(actor=secretary, application=waiting)
        long_ago = timezone.now() - timedelta(days=10)
        Application.objects.filter(pk__in=[draft.pk, waiting.pk]).update(held_since=long_ago)

    def _migration_request(self) -> None:
        """A pending request, into demo.ward's ward 900102, of a family from another district,
        for the field official to review (the Migration SOP's steps 7-10)."""
        from django.core.files.uploadedfile import SimpleUploadedFile

        from documents.models import DocumentKind
        from documents.services import document_store
        from migration.models import MigrationRequest, MigrationType
        from migration.services import address_line

        destination = Area.objects.get(lgd_code="900102")
        family = Family.objects.filter(area__lgd_code="900201").order_by("pk").first()
        if family is None:
            return
        head = family.members.order_by("pk").first()
        proof = document_store(
            actor=None,
            upload=SimpleUploadedFile("bijli-bill.pdf", DEMO_PROOF_PDF, "application/pdf"),
            kind=DocumentKind.PROOF_OF_ADDRESS,
        )
        now = timezone.now()
        request = MigrationRequest.objects.create(
            number="MIG-2026-DEMO2345",
            family=family,
            requested_by_member_id=head.member_id if head else "",
            type=MigrationType.INTER_DISTRICT,
            from_area=family.area,
            from_village=family.village,
            from_address=address_line(
                family.house_number, family.locality, family.village, family.pin_code
            ),
            to_area=destination,
            house_number="27",
            locality="Gandhi Nagar",
            pin_code="462036",
            remarks="Moved for work; electricity bill attached.",
            auth_method="otp",
            auth_txn="SBXdemo",
            auth_at=now - timedelta(days=2),
            holder=Official.objects.get(user_id="demo.ward"),
            held_since=now - timedelta(days=2),
            created_at=now - timedelta(days=2),
        )
        request.documents.add(proof)

    def _change_requests(self) -> None:
        """Two change requests of Phanda waiting for demo.lb.phanda: a correction of a head's
        mobile and a daughter's birth, both proposed by demo.gp.secretary."""
        from updates.models import ChangeKind
        from updates.services import change_request_submit

        official = Official.objects.get(user_id="demo.gp.secretary")
        family = Family.objects.filter(area__in=official.areas.all()).order_by("pk").first()
        if family is None:
            return
        head = family.members.get(relation=Relation.HEAD)
        wife = family.members.get(relation=Relation.SPOUSE)
        person = {
            "name_hi": head.name_hi,
            "name_en": head.name_en,
            "gender": head.gender,
            "date_of_birth": head.date_of_birth.isoformat() if head.date_of_birth else "",
            "relation": head.relation,
            "marital_status": "MARRIED",
            "caste_category": "OBC",
            "mobile": "9826011111",
        }
        change_request_submit(
            actor=official, family=family, kind=ChangeKind.CORRECT_MEMBER, member=head, data=person
        )
        birth = {
            "name_hi": "नन्ही कुमारी",
            "name_en": "Nanhi Kumari",
            "gender": Gender.FEMALE,
            "date_of_birth": date(2025, 8, 15).isoformat(),
            "relation": Relation.DAUGHTER,
            "caste_category": "OBC",
            "father_or_husband_name": head.name_en,
            "mother": wife.member_id,
        }
        change_request_submit(actor=official, family=family, kind=ChangeKind.BIRTH, data=birth)

    def _ekyc(self) -> None:
        """The head of the GP Secretary's first family is e-KYC'd against the UIDAI sandbox's
        Ramesh Kumar, with his mobile linked: a citizen can sign in. His wife (the sandbox's
        Sita Devi) is not: an official can try e-KYC on her."""
        if settings.UIDAI_ADAPTER != "sandbox":
            return
        from identity.ekyc import BiometricProof, member_ekyc_complete
        from identity.models import MobileLink
        from identity.uidai.residents import RESIDENTS
        from identity.uidai.sandbox import SandboxUidai

        official = Official.objects.get(user_id="demo.gp.secretary")
        family = Family.objects.filter(area__lgd_code="130001").order_by("pk").first()
        assert family is not None  # noqa: S101 (the demo geography has this GP)
        head = family.members.get(relation=Relation.HEAD)
        ramesh = next(r for r in RESIDENTS if r.key == "R01")
        member_ekyc_complete(
            actor=official,
            member=head,
            aadhaar=ramesh.aadhaar,
            proof=BiometricProof("finger", SandboxUidai.enrolled_capture(ramesh.aadhaar, "finger")),
        )
        MobileLink.objects.create(member=head, mobile=ramesh.mobile, linked_by=official)

    def _citizen_sign_in_help(self) -> None:
        from identity.models import MobileLink
        from identity.uidai.residents import sandbox_aadhaar

        link = (
            MobileLink.objects.filter(member__ekyc__isnull=False)
            .select_related("member__family")
            .order_by("pk")
            .first()
        )
        if link is None:
            return
        member = link.member
        spouse = member.family.members.filter(relation=Relation.SPOUSE).first()
        self.stdout.write(
            f"Citizen sign-in (/citizen/sign-in/): Family ID {member.family.family_id}, "
            f"Member ID {member.member_id}; the OTP goes to ******{link.mobile[-4:]} "
            "(see the SMS outbox as demo.state, or the worker log)."
        )
        if spouse is not None:
            self.stdout.write(
                f"e-KYC to try (as demo.gp.secretary, family {member.family.family_id}): "
                f"{spouse.name_en}, Member ID {spouse.member_id}, with the UIDAI sandbox's "
                f"made-up Aadhaar {sandbox_aadhaar(2)} (its OTP goes to the SMS outbox)."
            )

    @staticmethod
    def logins() -> list[tuple[str, str]]:
        return [(o[0], str(Role(o[2]).label)) for o in OFFICIALS]
