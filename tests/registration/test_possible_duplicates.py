from datetime import date

from registration.duplicates import TOP_N, family_candidates, find_candidates
from registration.models import PossibleDuplicate
from registry.models import Member, MemberStatus
from registry.word_counts import forget_word_counts
from tests import factories as f
from tests.registration.builders import head, son, submitted, wife


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
    assert found.details["age"] == 40  # another day, a year apart


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


def _found(application) -> set[Member]:
    """The registered people found (the world's own Ramesh Kumars, with no date and no father,
    may be among them: they may be anyone called Ramesh)."""
    return {d.member for d in application.possible_duplicates.all()}


def test_it_ignores_another_gender_and_a_distant_age(world):
    woman = _registered(world.b1, gender="F")
    older = _registered(world.b1, date_of_birth=date(1976, 1, 1))

    application = submitted(world.alice, world.a1, [_yadav()])

    assert not {woman, older} & _found(application)


def test_it_finds_the_same_person_registered_in_another_district(world):
    # given Rames Yadav, son of Shyam Lal Yadav, registered in another district
    registered = _registered(world.x1)

    # when Ramesh Yadav, son of Shyam Lal Yadav, a year apart, is submitted
    application = submitted(world.alice, world.a1, [_yadav()])

    # then the state-wide keys (name, relative and year) find him
    found = PossibleDuplicate.objects.get(application=application, member=registered)
    assert found.details["place"] == 0


def test_a_namesake_in_another_district_with_another_father_is_not_looked_for(world):
    namesake = _registered(
        world.x1, father_or_husband_name="Mohan Prasad", date_of_birth=date(1975, 1, 1)
    )

    application = submitted(world.alice, world.a1, [_yadav()])

    assert namesake not in _found(application)


def test_it_ignores_a_different_person_of_the_same_age_and_place(world):
    other = _registered(world.a1, name_en="Suresh Verma", name_hi="सुरेश वर्मा")
    application = submitted(world.alice, world.a1, [_yadav()])
    assert other not in _found(application)


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


def test_it_searches_with_three_bounded_queries_whatever_the_register_holds(
    world, django_assert_max_num_queries
):
    # given many people in the district, a few of them look-alikes
    for i in range(40):
        _registered(world.b1, name_en=f"Person{chr(65 + i % 26)} Yadav", name_hi="कोई यादव")
    for _ in range(3):
        _registered(world.b1)
    application = submitted(world.alice, world.a1, [_yadav(), wife()])
    applicant = application.members.select_related("application__area__local_body").first()

    # the local body and the state's strong keys, the pending applications, the words' counts
    with django_assert_max_num_queries(3):
        found = find_candidates(applicant)

    assert len(found) == 3


def _elsewhere_in_the_district(world):
    """A Gram Panchayat of another local body of alice's district."""
    return f.AreaFactory(local_body=f.LocalBodyFactory(district=world.d_a))


def test_it_finds_a_look_alike_in_another_local_body_of_the_district(world):
    # given Rames Yadav registered in another local body of the same district
    registered = _registered(_elsewhere_in_the_district(world))

    # when Ramesh Yadav is submitted (nobody like him in his own local body)
    application = submitted(world.alice, world.a1, [_yadav()])

    # then he is found, the place scoring as the district only
    found = PossibleDuplicate.objects.get(application=application)
    assert found.member == registered
    assert found.details["place"] == 30


def test_it_finds_a_surname_spelt_with_another_letter(world):
    registered = _registered(
        world.b1,
        name_en="Sunil Barma",
        name_hi="सुनील बर्मा",
        father_or_husband_name="Mohan Barma",
    )
    application = submitted(
        world.alice,
        world.a1,
        [
            _yadav(
                name_en="Sunil Verma",
                name_hi="सुनील वर्मा",
                father_or_husband_name="मोहन वर्मा",
                date_of_birth=date(1981, 2, 2),
            )
        ],
    )

    found = PossibleDuplicate.objects.get(application=application)
    assert found.member == registered
    assert found.details["name"] >= 80 and found.details["relative"] >= 80


def test_a_strong_look_alike_in_the_local_body_spares_the_district(
    world, django_assert_num_queries
):
    # given the same person registered in alice's local body, and a namesake of the same age
    # with another father in another local body of the district
    same = _registered(world.b1, date_of_birth=date(1980, 5, 1))
    _registered(
        _elsewhere_in_the_district(world),
        date_of_birth=date(1980, 5, 1),
        father_or_husband_name="Ram Prasad Yadav",
    )
    application = submitted(world.alice, world.a1, [_yadav()])
    applicant = application.members.select_related("application__area__local_body").get()

    # when the check runs in a process that has not read the words' counts yet: the local body
    # (and the state's strong keys), the pending applications, the words' counts; nothing else
    forget_word_counts()
    with django_assert_num_queries(3):
        found = find_candidates(applicant)

    # then the strong one is listed first, the namesake (found by the state's key of date and
    # name) is not likely the same person
    assert found[0].member == same and found[0].is_likely
    assert not any(c.is_likely for c in found[1:])


def test_it_reads_the_district_once_for_the_whole_family(world, django_assert_num_queries):
    # given nobody like the family anywhere, and a second local body in the district
    _elsewhere_in_the_district(world)
    application = submitted(world.alice, world.a1, [_yadav(), wife(), son()])
    members = list(application.members.select_related("application__area__local_body"))

    # when the whole family is checked: the local body (and the state's strong keys), the
    # pending applications, the words' counts, the district's local bodies, their members,
    # whatever the family's size
    forget_word_counts()
    with django_assert_num_queries(5):
        found = family_candidates(members)

    assert found == [[], [], []]


def test_a_moved_family_is_looked_for_in_its_new_local_body(world):
    # given Rames Yadav registered in another district, whose family then moves to b1
    registered = _registered(world.x1)
    family = registered.family
    family.area = world.b1
    family.save(update_fields=["area"])

    application = submitted(world.alice, world.a1, [_yadav()])

    best = PossibleDuplicate.objects.filter(application=application).order_by("-score").first()
    assert best is not None and best.member == registered


def test_a_candidate_comes_with_the_member_as_registered(world):
    registered = _registered(world.b1)
    application = submitted(world.alice, world.a1, [_yadav()])
    applicant = application.members.select_related("application__area__local_body").get()

    found, *_others = find_candidates(applicant)  # the world's Ramesh Kumars come after him

    assert found.member == registered
    assert found.member.date_of_birth == date(1981, 2, 2)
    assert found.member.member_id == registered.member_id  # loaded when first used


def test_a_retired_member_id_is_not_a_candidate_the_one_it_went_to_is(world):
    # given Rames Yadav registered twice, the second merged into the first
    kept = _registered(world.b1)
    retired = _registered(world.b1, status=MemberStatus.MERGED, merged_into=kept)

    # when Ramesh Yadav is submitted
    application = submitted(world.alice, world.a1, [_yadav()])

    # then the surviving Member ID is found, not the retired one
    assert kept in _found(application)
    assert retired not in _found(application)
