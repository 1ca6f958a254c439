from datetime import date

from registration.duplicates import TOP_N, find_candidates
from registration.models import PossibleDuplicate
from registry.models import Member
from tests import factories as f
from tests.registration.builders import head, submitted, wife


def _registered(area, **fields) -> Member:
    family = f.FamilyFactory(area=area)
    values = {
        "name_en": "Rames Yadav",
        "name_hi": "रामेश यादव",
        "gender": "M",
        "date_of_birth": date(1981, 2, 2),
        "relation": "HEAD",
        "father_or_husband_name": "Shyam Lal Yadav",
        **fields,
    }
    return f.MemberFactory(family=family, **values)


def _yadav(**changes):
    values = {
        "name_en": "Ramesh Yadav",
        "name_hi": "रमेश यादव",
        "father_or_husband_name": "श्याम लाल यादव",
        **changes,
    }
    return head(**values)


def test_it_finds_a_registered_member_spelt_differently_in_either_script(world):
    # given Rames Yadav registered in another Gram Panchayat of the same district
    registered = _registered(world.b1)

    # when Ramesh Yadav, a year apart, is submitted
    application = submitted(world.alice, world.a1, [_yadav()])

    # then he is kept as a possible duplicate, with its part scores
    found = PossibleDuplicate.objects.get(application=application, member=registered)
    assert found.decision == PossibleDuplicate.Decision.UNDECIDED
    assert found.details["name"] >= 80 and found.details["relative"] >= 80
    assert found.details["age"] == 70


def test_it_finds_a_member_of_another_pending_application(world):
    # given bob's pending application for Rames Yadav
    other = submitted(
        world.bob, world.b1, [_yadav(name_en="Rames Yadav", name_hi="रामेश यादव", mobile="")]
    )

    # when alice submits Ramesh Yadav
    application = submitted(world.alice, world.a1, [_yadav()])

    # then bob's applicant is a possible duplicate
    found = PossibleDuplicate.objects.get(application=application)
    assert found.pending == other.members.get()


def test_it_ignores_another_gender_a_distant_age_and_another_district(world):
    _registered(world.b1, gender="F")
    _registered(world.b1, date_of_birth=date(1976, 1, 1))
    _registered(world.x1)

    application = submitted(world.alice, world.a1, [_yadav()])

    assert not application.possible_duplicates.exists()


def test_it_ignores_a_different_person_of_the_same_age_and_place(world):
    _registered(world.a1, name_en="Suresh Verma", name_hi="सुरेश वर्मा")
    application = submitted(world.alice, world.a1, [_yadav()])
    assert not application.possible_duplicates.exists()


def test_it_keeps_the_best_few_best_first(world):
    # given more look-alikes than are kept, the closest one in the same village area
    closest = _registered(world.a1, date_of_birth=date(1980, 5, 1))
    for year in (1979, 1981, 1982, 1978, 1982, 1979):
        _registered(world.b1, date_of_birth=date(year, 1, 1))
    application = submitted(world.alice, world.a1, [_yadav()])

    found = list(application.possible_duplicates.order_by("-score", "pk"))

    assert len(found) == TOP_N
    assert found[0].member == closest
    assert [d.score for d in found] == sorted((d.score for d in found), reverse=True)


def test_it_searches_with_two_bounded_queries_whatever_the_register_holds(
    world, django_assert_max_num_queries
):
    # given many people in the district, a few of them look-alikes
    for i in range(40):
        _registered(world.b1, name_en=f"Person{chr(65 + i % 26)} Yadav", name_hi="कोई यादव")
    for _ in range(3):
        _registered(world.b1)
    application = submitted(world.alice, world.a1, [_yadav(), wife()])
    applicant = application.members.select_related("application__area__local_body").first()

    with django_assert_max_num_queries(2):
        found = find_candidates(applicant)

    assert len(found) == 3
