"""Load the demo state: geography from demo/geography (through the real importer), demo
officials for every role with a known password, and a few registered families."""

import random
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from geography.models import Area, District, LocalBody
from geography.services import geography_import
from officials.models import Designation, Official, Role
from registry.ids import random_family_id, random_member_id
from registry.models import Family, Gender, Member, Relation

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
            return
        report = geography_import(sorted(DEMO_DIR.glob("*.csv")))
        if report.rejected:
            raise CommandError("\n".join(str(r) for r in report.rejected))
        with transaction.atomic():
            self._officials()
            self._families()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))

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

    @staticmethod
    def logins() -> list[tuple[str, str]]:
        return [(o[0], str(Role(o[2]).label)) for o in OFFICIALS]
