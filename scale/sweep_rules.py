"""The sweep's own rules over the model it shares with the registration's duplicate check
(registry.matching): the check shows candidates to an official who is registering a family, the
sweep groups people without anyone having asked, so it asks for more.

- a birth that does not confirm the pair, a married person against a child, two full dates that
  differ, fathers of one surname and two given names, two given names on one date of birth in
  one family (twins), two local bodies with only a year of birth to agree on and a full date
  on one side, or two districts with only a year (``far_on_a_year``): two people
  (``kept_apart``);
- a mobile number two records share and no third family writes: one household's (``sweep_bits``);
- **namesakes** (``crowd_bits``): the model's odds hold for one pair of people alike; where many
  people of the register are alike (the same given name, the same father's given name, born
  within a year of each other, or not saying when), a pair of them is one of many such pairs
  and two of them agreeing says less. The register counts its namesakes itself, for each person
  (``CROWD_SQL``): a population drawn from few names (a tribal block, a community of few given
  names) has large crowds and the sweep asks more of a pair there; one of many names asks
  nothing more. No weight is learned from the register: it counts, it does not fit.
"""

import math
from functools import lru_cache
from typing import NamedTuple

from registry import matching
from registry.matching import Person
from registry.names import MATCH, Frequencies, is_joining, name_words, word_similarity

AGE_AGREES = 60  # registry.matching's birth agreement from a year apart on
AGE_SAME_YEAR = 80  # and from the same year (or a full date with its year mistyped) on
PLACE_SAME = 100  # registry.matching's place agreement of one village or area
PLACE_NEAR = 60  # and of one local body
PLACE_OTHER_DISTRICT = 0  # and of two districts
DATE_SLIP = 80  # registry.matching's birth agreement of a slip (year mistyped) and closer

# A mobile number two records share and no third family writes: one household's phone. Two
# namesakes of different families rarely share one, a person registered twice often keeps it
# (matching counts 2 bits for any shared number, the kiosk's too; here the rest of its weight).
MOBILE_OWN = 3.0
# A mobile number in this many families or more is not one household's: an operator's, a
# kiosk's or a shopkeeper's number written for whoever came without one.
MOBILE_SHARED_FAMILIES = 3

# Bits a pair loses for each doubling of the people alike to one of them (crowd_bits). One bit
# a doubling is what counting says (a pair among 2^k alike is one of 2^k candidates); measured
# on both labelled sets (README, "Finding duplicates").
CROWD_WEIGHT = 1.0
CROWD_YEARS = 1  # born this many years apart or closer (or not saying) counts as alike

# The people a person lives with whom two records of one person name alike: the spouse (of the
# head, or the head's; of the father, or the mother's) and the mother (of a son or daughter of
# the head, or the head's own). One word and birth year each, from the table ``people``; a
# family with two heads, two wives… says nothing (NULL).
HOME_RELATIONS = ("HEAD", "SPOUSE", "FATHER", "MOTHER")


def _household_columns() -> str:
    columns = []
    for relation in HOME_RELATIONS:
        one = f"count(*) FILTER (WHERE relation = '{relation}') = 1"
        for column, source in (
            ("word", "NULLIF(given_word, '')"),
            ("year", "birth_year"),
            ("gender", "gender"),
        ):
            columns.append(
                f"CASE WHEN {one} THEN max({source}) FILTER (WHERE relation = '{relation}') "
                f"END AS {relation.lower()}_{column}"
            )
    return ",\n        ".join(columns)


# The people of the table ``people`` alike to each (crowd_bits): the same gender, the same first
# given word and the same first word of the father's or husband's name, and a birth year within
# CROWD_YEARS or unknown on either side. Counted per year and summed over the window, so that
# the cost is a GROUP BY, not a join of each crowd with itself. A query (DuckDB and Spark SQL
# alike) that each engine of scale.sweep_engines makes the table ``people`` again from.
CROWD_QUERY = f"""
WITH counts AS (
    SELECT gender, given_word, relative_word, birth_year, count(*) AS n
    FROM people GROUP BY ALL
), totals AS (
    SELECT gender, given_word, relative_word, sum(n) AS everyone,
           coalesce(sum(n) FILTER (WHERE birth_year IS NULL), 0) AS undated
    FROM counts GROUP BY ALL
), dated AS (
    SELECT c.gender, c.given_word, c.relative_word, y.birth_year, sum(c.n) AS near
    FROM (SELECT DISTINCT gender, given_word, relative_word, birth_year FROM people
          WHERE birth_year IS NOT NULL) y
    JOIN counts c ON c.gender = y.gender AND c.given_word = y.given_word
        AND c.relative_word = y.relative_word AND c.birth_year IS NOT NULL
        AND abs(c.birth_year - y.birth_year) <= {CROWD_YEARS}
    GROUP BY ALL
), households AS (
    SELECT family_id, {_household_columns()}
    FROM people GROUP BY family_id
)
SELECT p.*,
    CASE p.relation WHEN 'HEAD' THEN h.spouse_word WHEN 'SPOUSE' THEN h.head_word
        WHEN 'FATHER' THEN h.mother_word WHEN 'MOTHER' THEN h.father_word END AS spouse_word,
    CASE p.relation WHEN 'HEAD' THEN h.spouse_year WHEN 'SPOUSE' THEN h.head_year
        WHEN 'FATHER' THEN h.mother_year WHEN 'MOTHER' THEN h.father_year END AS spouse_year,
    CASE WHEN p.relation IN ('SON', 'DAUGHTER') THEN
            CASE WHEN h.head_gender = 'F' THEN h.head_word
                 WHEN h.spouse_gender = 'F' THEN h.spouse_word END
         WHEN p.relation = 'HEAD' THEN h.mother_word END AS mother_word,
    CASE WHEN p.relation IN ('SON', 'DAUGHTER') THEN
            CASE WHEN h.head_gender = 'F' THEN h.head_year
                 WHEN h.spouse_gender = 'F' THEN h.spouse_year END
         WHEN p.relation = 'HEAD' THEN h.mother_year END AS mother_year,
    CAST(CASE WHEN p.given_word = '' THEN 1
              WHEN p.birth_year IS NULL THEN t.everyone
              ELSE t.undated + d.near END AS INTEGER) AS crowd
FROM people p
JOIN totals t ON t.gender = p.gender AND t.given_word = p.given_word
    AND t.relative_word = p.relative_word
LEFT JOIN dated d ON d.gender = p.gender AND d.given_word = p.given_word
    AND d.relative_word = p.relative_word AND d.birth_year = p.birth_year
LEFT JOIN households h ON h.family_id = p.family_id
"""  # noqa: S608 - the module's own SQL, CROWD_YEARS a constant
CROWD_SQL = f"CREATE OR REPLACE TABLE people AS {CROWD_QUERY}"  # DuckDB's


@lru_cache(maxsize=200_000)
def first_word(text: str) -> str:
    """The first word that carries a name (not an initial, not Kumar, Bai…): what the crowd of
    namesakes is counted on."""
    return next((w for w in name_words(text) if len(w) > 1 and not is_joining(w)), "")


def crowd_bits(crowd_a: int, crowd_b: int) -> float:
    """What a pair loses because many people are alike to one of the two: log2 of the others
    alike (a pair whose people are alike to nobody else loses nothing)."""
    others = max(crowd_a, crowd_b) - 1
    return CROWD_WEIGHT * math.log2(others) if others > 1 else 0.0


def confirmed(details: dict[str, int]) -> bool:
    """Whether a pair may be grouped without anyone having asked: the births agree (a year
    apart or closer in one local body, the same year across local bodies), or, with a birth
    unknown, the same village or area. A common name with the same father's name and no date
    is many people in a state: the check shows them to the official who registers them; the
    sweep does not group them."""
    age = details.get("age")
    if age is None:
        return details["place"] == PLACE_SAME
    # A year apart does not contradict one person, nor does it confirm one: near home (the
    # same local body, where people move from ward to ward) the place does; in another local
    # body or district, where far more people share a common name, only a birth that agrees.
    return age >= AGE_AGREES if details["place"] >= PLACE_NEAR else age >= AGE_SAME_YEAR


def sweep_bits(a: Person, b: Person, shared_mobiles: frozenset[str]) -> float:
    """What the sweep adds to the model's evidence for a household's own mobile."""
    if a.mobile and a.mobile == b.mobile and a.mobile not in shared_mobiles:
        return MOBILE_OWN
    return 0.0


def life_stages_differ(a: Person, b: Person) -> bool:
    """One record says the person married (married, widowed, a spouse or daughter-in-law of the
    head), the other that they were born too recently to have: two people (a mother and her
    daughter of one name, a man and a boy named alike), however alike their names."""
    latest = matching._this_year() - matching.MARRIAGE_AGE
    for x, y in ((a, b), (b, a)):
        if x.married and y.birth_year is not None and y.birth_year > latest:
            return True
    return False


def relatives_differ(a: Person, b: Person, counts: Frequencies | None) -> bool:
    """The father's (or husband's) names share the family's surname and differ in the given
    name (Rajesh Sahu, Ramesh Sahu): two men, however alike the two names are written whole
    (registry.names compares names also joined, for Ram Prakash / Ramprakash), as the surname
    they share is the person's own and says nothing more of the relative."""
    x, y = a.relative, b.relative
    if len(x) < 2 or len(y) < 2 or x[-1] != y[-1] or len(x[0]) < 2 or len(y[0]) < 2:
        return False
    if is_joining(x[0]) or is_joining(y[0]):
        return False
    return word_similarity(x[0], y[0], counts) < MATCH


def dates_differ(a: Person, b: Person, details: dict[str, int]) -> bool:
    """Two full dates of birth (neither the 1 January of a year only) that differ otherwise
    than by a clerk's slip (the day and month swapped, the year mistyped): registers that
    write a full date copy it from a document, and two documents of one person agree."""
    da, db = a.date_of_birth, b.date_of_birth
    if not (da and db) or matching.is_placeholder(da) or matching.is_placeholder(db):
        return False
    return details.get("age", 0) < DATE_SLIP


def far_on_a_year(a: Person, b: Person, details: dict[str, int]) -> bool:
    """Two records of two local bodies, with no mobile number shared, whose births agree on the
    year only: namesakes when one of them gives a full date (one person registered twice from
    their papers carries the date in both or in neither), or when they live in two districts
    (the state's people of one name, one father's name and one year are many, and nothing but
    the name and the year says these two are one). Within one local body, where people move
    from ward to ward and give their age to the next clerk, the model decides. The
    registration's check still shows such a pair to the official who registers the second."""
    place = details.get("place", PLACE_SAME)
    if place >= PLACE_NEAR or (a.mobile and a.mobile == b.mobile):
        return False
    full_a, full_b = (
        p.date_of_birth is not None and not matching.is_placeholder(p.date_of_birth) for p in (a, b)
    )
    if full_a and full_b:
        return False  # the dates agree (dates_differ keeps the others apart)
    return full_a or full_b or place == PLACE_OTHER_DISTRICT


# Two given names this alike or closer are one name written twice (Vijay / Bijay, a dropped
# letter); further apart, in one family on one date of birth, they are twins.
TWIN_NAMES_APART = 0.9


def _given_words(p: Person) -> set[str]:
    """The first word of each of the person's names that carries a name (not an initial)."""
    firsts = (next((w for w in name if len(w) > 1 and not is_joining(w)), "") for name in p.names)
    return {word for word in firsts if word}


def twins(a: Person, b: Person, counts: Frequencies | None) -> bool:
    """One family, one full date of birth (not the 1 January of a year only) and two given
    names that are not one name written twice (Mintu and Chintu, Sanjay and Ajay, Pinki and
    Rinki): twins, however much else of the two records agrees (the father, the home, the
    mobile). A child entered twice in one family carries one name, in whatever spelling
    (registry.names writes Laxmi, Lakshmi and लक्ष्मी alike)."""
    if a.family_id is None or a.family_id != b.family_id:
        return False
    da, db = a.date_of_birth, b.date_of_birth
    if da is None or da != db or matching.is_placeholder(da):
        return False
    words_a, words_b = _given_words(a), _given_words(b)
    if not words_a or not words_b:
        return False
    return all(word_similarity(x, y, counts) < TWIN_NAMES_APART for x in words_a for y in words_b)


def kept_apart(a: Person, b: Person, details: dict[str, int], counts: Frequencies | None) -> bool:
    """Whether the sweep keeps the pair out of any group, whatever its score."""
    return (
        not confirmed(details)
        or life_stages_differ(a, b)
        or dates_differ(a, b, details)
        or relatives_differ(a, b, counts)
        or twins(a, b, counts)
        or far_on_a_year(a, b, details)
    )


# Two records of one person name the same spouse and the same mother, give or take a slip of
# the name and this many years of the birth (ages told, rounded to five).
HOME_YEARS = 5


class Home(NamedTuple):
    """Whom a record shows the person living with (CROWD_QUERY): the spouse and the mother,
    each (first given word, birth year), None when the family does not show one."""

    spouse: tuple[str, int | None] | None
    mother: tuple[str, int | None] | None


def _other_person(
    x: tuple[str, int | None], y: tuple[str, int | None], counts: Frequencies | None
) -> bool:
    (word_x, year_x), (word_y, year_y) = x, y
    if word_similarity(word_x, word_y, counts) < MATCH:
        return True
    return year_x is not None and year_y is not None and abs(year_x - year_y) > HOME_YEARS


def homes_differ(a: Home, b: Home, counts: Frequencies | None) -> bool:
    """Both records show the person's spouse, or both their mother, and the two are two people
    (another name, or born years apart): namesakes, each in a household of their own. One
    person registered twice is one record in a full household and one where they moved to,
    married into or were entered alone, or the whole household twice, spouse and mother
    alike."""
    return any(
        x is not None and y is not None and _other_person(x, y, counts)
        for x, y in ((a.spouse, b.spouse), (a.mother, b.mother))
    )
