import pytest

from registration.duplicates import NAME_THRESHOLD, similarity
from registry.names import first_name_key, member_keys, name_keys, name_similarity, normalize_name


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Ramesh", "Rames"),
        ("Ramesh", "रमेश"),
        ("Ramesh", "रामेश"),
        ("रमेश", "रामेश"),
        ("Rames", "रामेश"),
        ("Kumari", "Kumaari"),
        ("Kumari", "कुमारी"),
        ("Lakshmi", "लक्ष्मी"),
        ("Laxmi", "Lakshmi"),
        ("Pooja", "पूजा"),
        ("Deepak", "दीपक"),
        ("Ramesh Kumar", "कुमार रमेश"),
        ("Sanjay", "संजय"),
        ("Sunil Verma", "Sunil Barma"),
        ("Sunil Verma", "Sunil Varma"),
        ("सुनील वर्मा", "Sunil Barma"),
        ("Verma Sunil", "Sunil Barma"),
        ("Ramesh Yadav", "Rames Yadaw"),
        # what clerks add and drop
        ("Ramesh", "Ramesh Kumar"),
        ("Yogendra", "Yogendra Kumar"),
        ("Anju", "Anju Devi"),
        ("Akhilesh Kumar Dohare", "Akhilesh Dohare"),
        ("Smt. Kamlabai", "Kamla Bai"),
        ("श्रीमती कमला बाई", "Kamla"),
        ("Late Shri Mohan Lal", "Mohan Lal"),
        ("स्व. मोहन लाल", "Mohan Lal"),
        ("R. K. Sharma", "Ram Kumar Sharma"),
        ("Md. Salim", "Mohammad Salim"),
        ("Ramprakash", "Ram Prakash"),
        ("Ram Singh Yadav", "Ram Yadav"),
        ("Chouhan", "Chauhan"),
        ("Kamla", "Kamala"),
        ("सुनीता", "सुनिता"),
    ],
)
def test_it_finds_spellings_of_one_name_alike(first, second):
    assert similarity([first], [second]) >= NAME_THRESHOLD
    assert first_name_key(first) in name_keys(second) or name_keys(first) & name_keys(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Ramesh", "Suresh"),
        ("Geeta", "Rahul"),
        ("रमेश", "महेश"),
        ("Kumari", "Kamla"),
        ("Ramesh Yadav", "Suresh Yadav"),
    ],
)
def test_it_tells_different_names_apart(first, second):
    assert similarity([first], [second]) < NAME_THRESHOLD


def test_two_common_names_a_letter_apart_are_two_names():
    # Ramesh and Rajesh are both names the register has often: not a slip of one another
    counts = {"rames": 500, "rajes": 400}
    assert name_similarity("Ramesh", "Rajesh") >= 0.75
    assert name_similarity("Ramesh", "Rajesh", counts) < 0.75
    # a rare spelling of a common name is a slip
    assert name_similarity("Ramesh", "Rsmesh", counts) >= 0.75


def test_a_rare_word_weighs_more_than_a_common_one():
    counts = {"yadav": 5000, "rames": 500, "dohare": 3}
    assert name_similarity("Ramesh Yadav", "Ramesh", counts) > name_similarity(
        "Ramesh Dohare", "Ramesh", counts
    )


def test_the_keys_skip_honorifics_initials_and_joining_words():
    assert member_keys("Smt. Kamla Bai", "", "W/O Late Ram Prasad") == ("kml", "", "rm")
    assert member_keys("R. K. Sharma", "", "") == ("srm", "", "")
    assert member_keys("Sharma Ramesh Kumar", "", "") == ("srm", "rms", "")
    assert name_keys("Shri Mohan Singh Yadav") == {"mhn", "jdv"}  # y and j are one key
    assert name_keys("Chouhan") == name_keys("Chauhan") == name_keys("चौहान")


def test_it_drops_the_unspoken_final_vowel_of_devanagari():
    assert normalize_name("रमेश कुमार") == normalize_name("Ramesh Kumar") == "rames kumar"


def test_it_compares_the_closest_pair_of_scripts():
    # a wrong Latin spelling is rescued by the Devanagari one
    assert similarity(["Rmsh", "रमेश"], ["Ramesh"]) == 100


def test_one_letter_wrong_in_the_surname_costs_little():
    # Sorting the words first (as token_sort_ratio does) put "barma" before "sunil" and
    # "verma" after it, and the two names scored 45.
    assert similarity(["Sunil Verma"], ["Sunil Barma"]) >= 80
    assert similarity(["Sunil Verma"], ["Sunil Varma"]) >= 90


def test_the_words_may_come_in_any_order():
    assert similarity(["Yadav Ramesh Kumar"], ["Ramesh Kumar Yadav"]) == 100
