"""People for the duplicate tests: Ajay Verma of the Vermas (a1), registered again on his own
in b1 (the same local body, lb_a: carol's), and a stranger of another district."""

from datetime import date

from duplicates.models import CaseSource, DuplicateCase, Ground
from duplicates.services import deactivation_notice, duplicate_merge
from registry.models import Gender, Member, Relation
from tests import factories as f
from tests.conftest import World
from tests.updates.support import member, verma_family

AJAY_MOBILE = "9876500001"  # the Vermas' head (tests.updates.support)
AGAIN_MOBILE = "9876500002"


def twins(world: World) -> tuple[Member, Member]:
    """(Ajay, head of the Vermas in a1; the same Ajay registered again, alone, in b1)."""
    ajay = member(verma_family(world), "Ajay Verma")
    again = f.MemberFactory(
        family=f.FamilyFactory(area=world.b1),
        name_hi="अजय वर्मा",
        name_en="Ajay Verma",
        gender=Gender.MALE,
        relation=Relation.HEAD,
        date_of_birth=date(1980, 1, 15),
        mobile=AGAIN_MOBILE,
    )
    return ajay, again


def merged(world: World) -> tuple[DuplicateCase, Member, Member]:
    """The second Ajay merged into the first by carol: (case, retired, survivor)."""
    ajay, again = twins(world)
    case = duplicate_merge(
        actor=world.carol,
        member=again,
        survivor=ajay,
        source=CaseSource.SWEEP,
        reason="Same Aadhaar seen at the office",
    )
    again.refresh_from_db()
    return case, again, ajay


def noticed(world: World) -> tuple[DuplicateCase, Member]:
    """Ravi Verma (a1) under a deactivation notice given by carol: (case, Ravi)."""
    ravi = member(verma_family(world), "Ravi Verma")
    case = deactivation_notice(
        actor=world.carol,
        member=ravi,
        ground=Ground.NOT_EXISTING,
        source=CaseSource.OFFICIAL,
        reason="Nobody of that name lives at the house",
    )
    ravi.refresh_from_db()
    return case, ravi
