"""The sandbox's test residents. Their Aadhaar numbers are made up (UIDAI's test numbers also
begin with 9999) with a correct Verhoeff check digit; most match members of the demo families
(portal/management/commands/seed_demo.py), some spelled the way UIDAI might have them."""

from dataclasses import dataclass
from datetime import date

from stdnum import verhoeff

from identity.uidai.port import EkycData, UidaiCode


def sandbox_aadhaar(serial: int) -> str:
    body = f"99992{serial:06d}"
    return body + verhoeff.calc_check_digit(body)


@dataclass(frozen=True)
class Resident:
    key: str
    aadhaar: str
    name: str
    name_local: str
    gender: str
    mobile: str  # registered with UIDAI: where the sandbox sends its OTP
    year_of_birth: int
    dob: date | None = None
    address: str = "Phanda, Bhopal, Madhya Pradesh 462001"
    address_local: str = "फंदा, भोपाल, मध्य प्रदेश 462001"
    biometrics_locked: bool = False
    biometric_never_matches: bool = False  # worn fingerprints, say
    times_out: bool = False
    fails_with: str = ""

    def ekyc_data(self) -> EkycData:
        return EkycData(
            name=self.name,
            name_local=self.name_local,
            gender=self.gender,
            dob=self.dob,
            year_of_birth=None if self.dob else self.year_of_birth,
            address=self.address,
            address_local=self.address_local,
        )


RESIDENTS: tuple[Resident, ...] = (
    Resident("R01", sandbox_aadhaar(1), "Ramesh Kumar", "रमेश कुमार", "M", "9826100001", 1978),
    Resident("R02", sandbox_aadhaar(2), "Sita Devi", "सीता देवी", "F", "9826100002", 1982),
    Resident("R03", sandbox_aadhaar(3), "Puja Kumaari", "पूजा कुमारी", "F", "9826100003", 2006),
    Resident(
        "R04",
        sandbox_aadhaar(4),
        "Mohan Singh",
        "मोहन सिंह",
        "M",
        "9826100004",
        1965,
        biometrics_locked=True,
    ),
    Resident(
        "R05",
        sandbox_aadhaar(5),
        "Kamla Bai",
        "कमला बाई",
        "F",
        "9826100005",
        1969,
        biometric_never_matches=True,
    ),
    Resident("R06", sandbox_aadhaar(6), "Fatima Bi", "फातिमा बी", "F", "9826100006", 1958),
    Resident(
        "R07",
        sandbox_aadhaar(7),
        "Govind Prasad Ahirwar",
        "गोविंद प्रसाद अहिरवार",
        "M",
        "9826100007",
        1985,
    ),
    Resident(
        "R08", sandbox_aadhaar(8), "Lakshmi Ahirwar", "लक्ष्मी अहिरवार", "F", "9826100008", 1988
    ),
    Resident(
        "R09",
        sandbox_aadhaar(9),
        "Sunil Verma",
        "सुनील वर्मा",
        "M",
        "9826100009",
        1990,
        dob=date(1990, 5, 14),
        address="Ward 12, Bhopal, Madhya Pradesh 462003",
        address_local="वार्ड 12, भोपाल, मध्य प्रदेश 462003",
    ),
    Resident(
        "R10",
        sandbox_aadhaar(10),
        "Rajesh Singh",
        "राजेश सिंह",
        "M",
        "9826100010",
        1992,
        times_out=True,
    ),
    Resident(
        "R11",
        sandbox_aadhaar(11),
        "Anjali Ahirwar",
        "अंजलि अहिरवार",
        "F",
        "9826100011",
        2015,
        fails_with=UidaiCode.INTERNAL_ERROR,
    ),
)


def resident_by_aadhaar(aadhaar: str) -> Resident | None:
    return next((r for r in RESIDENTS if r.aadhaar == aadhaar), None)


def resident_by_key(key: str) -> Resident | None:
    return next((r for r in RESIDENTS if r.key == key), None)
