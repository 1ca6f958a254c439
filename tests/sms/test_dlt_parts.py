"""Counting SMS parts (what the operator charges) and cutting values between graphemes."""

import pytest

from sms.dlt import cut, encoding, graphemes, sms_parts


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("x" * 160, 1),
        ("x" * 161, 2),
        ("x" * 306, 2),
        ("x" * 307, 3),
        ("क" * 70, 1),
        ("क" * 71, 2),
        ("क" * 134, 2),
        ("क" * 135, 3),
        ("Samagra" + "क", 1),
        ("x" * 69 + "क", 1),  # one Devanagari letter makes the whole text UCS-2
        ("x" * 70 + "क", 2),
    ],
)
def test_it_counts_parts_in_gsm7_and_ucs2(text: str, parts: int) -> None:
    assert sms_parts(text) == parts


def test_an_extension_character_counts_twice_in_gsm7() -> None:
    assert encoding("x" * 158 + "€") == "GSM-7"
    assert sms_parts("x" * 158 + "€") == 1  # 160 septets
    assert sms_parts("x" * 159 + "€") == 2  # 161 septets
    assert sms_parts("{" * 80) == 1
    assert sms_parts("{" * 81) == 2


def test_an_escape_pair_is_not_split_between_parts() -> None:
    # 152 plain + "€" (2 septets) do not fit 153 in part one: the pair starts part two
    assert sms_parts("x" * 152 + "€" + "x" * 152) == 3
    assert sms_parts("x" * 151 + "€" + "x" * 153) == 2


def test_a_character_outside_gsm7_makes_it_ucs2() -> None:
    assert encoding("Samagra portal: ok") == "GSM-7"
    assert encoding("Samagra\u2019s portal") == "UCS-2"  # a typographic apostrophe
    assert encoding("समग्र") == "UCS-2"


def test_a_character_beyond_the_bmp_counts_two_ucs2_units() -> None:
    assert sms_parts("😀" * 35) == 1
    assert sms_parts("😀" * 36) == 2


def test_graphemes_keep_vowel_signs_and_conjuncts_with_their_letter() -> None:
    assert graphemes("कि") == ["कि"]
    assert graphemes("क्ष") == ["क्ष"]
    assert graphemes("पं") == ["पं"]
    assert graphemes("समग्र") == ["स", "म", "ग्र"]


def test_it_never_cuts_a_vowel_sign_from_its_letter() -> None:
    # "परिवार": cutting at 3 characters would leave "परि" whole, at 2 "प" alone, never "पर" + "ि"
    assert cut("परिवार", 2) == "प"
    assert cut("परिवार", 3) == "परि"
    assert cut("समग्र", 4) == "सम"  # "ग्र" is three characters and does not fit


def test_it_cuts_at_a_word_when_one_is_near_the_cap() -> None:
    assert cut("Gram Panchayat Secretary, Rampur Khurd", 30) == "Gram Panchayat Secretary"
    assert cut("Panchayatsecretaryoframpurkhurd", 30) == "Panchayatsecretaryoframpurkhur"
    assert cut("  short   value ", 30) == "short value"


@pytest.mark.parametrize(
    "value", ["अपने परिवार के पंजीयन के आवेदन हेतु प्रयोग", "प्रवास अनुरोध की स्थिति देखने के लिए"]
)
def test_a_cut_hindi_value_ends_on_a_whole_grapheme(value: str) -> None:
    kept = cut(value, 30)

    assert len(kept) <= 30
    assert value.startswith(kept)
    assert graphemes(value)[: len(graphemes(kept))] == graphemes(kept)
