import pytest

from registration.duplicates import NAME_THRESHOLD, similarity
from registry.names import first_name_key, name_keys, normalize_name


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
        ("Ramesh", "Ramesh Kumar"),
    ],
)
def test_it_tells_different_names_apart(first, second):
    assert similarity([first], [second]) < NAME_THRESHOLD


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
