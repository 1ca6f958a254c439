"""Whether two records are one person: the model the duplicate check (registration.duplicates)
and the statewide sweep (scale.sweep) share.

Each part's agreement is evidence for or against one person, in log2-odds. The weights are set
by hand from what clerks do to a record (README, "One person, one Samagra ID"), not learned from
the register: a model that learns them from the register by itself turns round on a population
unlike the one it was built on (fewer distinct names, fewer exact dates). What the register does
teach, it teaches through the names' rarity (registry.names, NameWord).

- name: word by word, weighted by each word's rarity (registry.names.words_similarity); for a
  woman also her given names alone, as her surname may be her father's in one record and her
  husband's in the other;
- father's or husband's name: for a woman it counts little against (father in one record,
  husband in the other), for a man much;
- birth: the same date, day and month swapped, the year mistyped, the same year, ±1 … ±4;
- place (village or area, local body, district) and mobile.

The sum becomes a probability 1 / (1 + 2^-(PRIOR + evidence)), shown as 0 to 100.
"""

import math
import time
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from registry.names import TOTAL, Frequencies, given_names, surprise, words_similarity

LIKELY = 90  # a score from which the two are likely the same person
PRIOR = -6.0  # log2 odds of one person before any evidence (a block holds many people)
SAME_NAME = 0.95  # names this alike are one name
SAME_FAMILY = -6.0  # two members of one family, their names not one name
RELATIVE_SAME = 0.85  # relatives' names this alike are one name
MARRIAGE_AGE = 15  # younger than this, a woman's surname has not changed by marriage
TYPICAL_BITS = 14.0  # what a common given name and surname shared by chance are worth


@dataclass(frozen=True)
class Person:
    """The parts of a person the comparison looks at; names as registry.names' words."""

    names: tuple[tuple[str, ...], ...]
    relative: tuple[str, ...]
    gender: str
    date_of_birth: date | None
    birth_year: int | None
    mobile: str
    district_id: int
    local_body_id: int
    area_id: int
    village_id: int | None
    family_id: int | None = None  # a registered member's family
    relation: str = ""  # to the head of that family (registry.models.Relation), "" unknown
    # True when the record says so (married, widowed…, or the wife or daughter-in-law of the
    # head), False when it says never married, None when it does not say.
    married: bool | None = None


def _name_agreement(a: Person, b: Person, counts: Frequencies | None) -> tuple[float, float | None]:
    """0 to 1: the closest pair of the two people's names, and the bits their shared words are
    worth (registry.names.surprise); for a woman, also her given names alone (her surname may
    be her father's in one record and her husband's in the other)."""
    # Her surname changes with her father for her husband: not when the relative is the same.
    married_since = _may_have_married(a, b) and not _same_relative(a, b, counts)
    # The father's surname is the family's: a name written with or without it is one name.
    family = frozenset(r[-1] for r in (a.relative, b.relative) if len(r) > 1)
    best: tuple[float, float | None] = (0.0, None)
    for x in a.names:
        for y in b.names:
            pair = (words_similarity(x, y, counts, family), x, y)
            if married_since and len(x) > 1 and len(y) > 1 and x[-1] != y[-1]:
                given = given_names(x), given_names(y)
                alone = 0.95 * words_similarity(*given, counts)
                if alone > pair[0]:
                    pair = (alone, *given)
            if pair[0] > best[0]:
                best = (pair[0], surprise(pair[1], pair[2], counts))
    return best


def _same_relative(a: Person, b: Person, counts: Frequencies | None) -> bool:
    return bool(a.relative and b.relative) and (
        words_similarity(a.relative, b.relative, counts) >= RELATIVE_SAME
    )


def _may_have_married(a: Person, b: Person) -> bool:
    """Whether two records of a woman may be from before and after her marriage: she is old
    enough, and one of them does not say she never married."""
    if a.gender != "F" or (a.married is False and b.married is False):
        return False
    years = [y for y in (a.birth_year, b.birth_year) if y is not None]
    return not years or min(years) <= _this_year() - MARRIAGE_AGE


_year_read: tuple[float, int] = (-1e9, 0)


def _this_year() -> int:
    """The current year, read again at most once a minute: the check asks it for thousands of
    pairs a family, and reading the clock each time was a tenth of the comparison's cost."""
    global _year_read
    now = time.monotonic()
    if now - _year_read[0] > 60:
        _year_read = (now, timezone.now().year)
    return _year_read[1]


def _name_evidence(similarity: float, bits: float | None) -> float:
    """A name shared by many says less than a rare one: around TYPICAL_BITS (a common given
    name and surname) the level's evidence as it is, two Geetas less, two Kashidularis more."""
    if similarity >= 0.95:
        evidence = 7.0
    elif similarity >= 0.85:
        evidence = 5.0
    elif similarity >= 0.75:
        return 2.0
    elif similarity >= 0.6:
        return -2.0
    else:
        return -7.0
    if bits is None:
        return evidence
    return evidence + min(2.0, max(-3.0, 0.4 * (bits - TYPICAL_BITS)))


def _relative_evidence(
    a: Person, b: Person, counts: Frequencies | None
) -> tuple[float, int | None]:
    if not (a.relative and b.relative):
        return 0.0, None
    similarity = words_similarity(a.relative, b.relative, counts)
    if similarity >= RELATIVE_SAME:
        # A father called Salim says less than one called Hembala (as for the name).
        bits = surprise(a.relative, b.relative, counts)
        adjust = 0.0 if bits is None else min(1.5, max(-2.5, 0.3 * (bits - TYPICAL_BITS)))
        return 4.0 + adjust, round(similarity * 100)
    if similarity >= 0.7:
        return 1.5, round(similarity * 100)
    # A woman's father in one record may be her husband in the other.
    return (-1.5 if a.gender == "F" else -5.0), round(similarity * 100)


def is_placeholder(day: date | None) -> bool:
    """1 January: what a register writes for a date it does not know (a fifth of its full dates
    in places); it says the year, not the day."""
    return day is not None and day.month == 1 and day.day == 1


def _birth_evidence(a: Person, b: Person) -> tuple[float, int | None]:
    da, db = a.date_of_birth, b.date_of_birth
    if da and db and not (is_placeholder(da) or is_placeholder(db)):
        if da == db:
            return 6.0, 100
        if da.year == db.year and (da.month, da.day) == (db.day, db.month):
            return 4.5, 90  # day and month swapped
        years = abs(da.year - db.year)
        if years == 1 and (da.month, da.day) == (db.month, db.day):
            return 2.5, 80  # the year mistyped
        if years == 0:
            return -1.0, 60
        if years == 1:
            return -3.0, 40
        return (-3.0, 20) if years == 2 else (-8.0, 0)
    if a.birth_year is None or b.birth_year is None:
        return 0.0, None
    years = abs(a.birth_year - b.birth_year)
    return {0: (2.0, 80), 1: (0.0, 60), 2: (-2.0, 40), 3: (-4.0, 20), 4: (-4.0, 20)}.get(
        years, (-8.0, 0)
    )


def _place_evidence(a: Person, b: Person) -> tuple[float, int]:
    """Most people are registered again where they live: another local body, and more so
    another district, says they are two namesakes, unless she is a woman who may have married
    (a bride goes to live in her husband's village, often in another district)."""
    if (a.village_id and a.village_id == b.village_id) or a.area_id == b.area_id:
        return 1.0, 100
    if a.local_body_id == b.local_body_id:
        return 0.5, 60
    moves = _may_have_married(a, b)
    if a.district_id == b.district_id:
        return (0.0 if moves else -1.0), 30
    return (-0.5 if moves else -3.0), 0


def evidence(
    a: Person, b: Person, counts: Frequencies | None = None
) -> tuple[float, dict[str, int]]:
    """The evidence that the two are one person (log2 odds, the prior included) and the parts'
    agreement (0 to 100; parts unknown on either side are left out)."""
    name, bits = _name_agreement(a, b, counts)
    relative, relative_agreement = _relative_evidence(a, b, counts)
    birth, age_agreement = _birth_evidence(a, b)
    place, place_agreement = _place_evidence(a, b)
    mobile = 2.0 if a.mobile and a.mobile == b.mobile else 0.0
    total = PRIOR + _name_evidence(name, bits) + relative + birth + place + mobile
    if a.family_id is not None and a.family_id == b.family_id:
        # One family shares its father, place and mobile: two of its members whose names differ
        # are brothers and sisters (twins share the date too), not one person twice; two it
        # records in two places (a mother and the granddaughter named after her) even less so.
        if _two_places_in_family(a, b):
            total += 2 * SAME_FAMILY
        elif name < SAME_NAME:
            total += SAME_FAMILY
    details = {"name": round(name * 100)}
    if relative_agreement is not None:
        details["relative"] = relative_agreement
    if age_agreement is not None:
        details["age"] = age_agreement
    details["place"] = place_agreement
    return total, details


def name_bits_bound(a: Person, counts: Frequencies | None) -> float | None:
    """At least the bits any name of ``a`` can share with anyone's (registry.names.surprise
    counts each of a's words once at most, at no more than its own rarity)."""
    if not counts or not counts.get(TOTAL):
        return None
    total = counts[TOTAL]
    return max(
        (
            sum(math.log2(total / max(counts.get(w, 0), 1)) for w in words if len(w) > 1)
            for words in a.names
        ),
        default=0.0,
    )


def evidence_bound(
    a: Person, b: Person, counts: Frequencies | None, name_bits: float | None
) -> float:
    """At least ``evidence(a, b)``: every part but the name as it is, the name at its best (the
    same name, as rare as a's can be: ``name_bits_bound``). Cheap: it compares no names but
    the relatives', so that the check scores only the rows that may be shown."""
    relative, _agreement = _relative_evidence(a, b, counts)
    birth, _age = _birth_evidence(a, b)
    place, _place = _place_evidence(a, b)
    mobile = 2.0 if a.mobile and a.mobile == b.mobile else 0.0
    return PRIOR + _name_evidence(1.0, name_bits) + relative + birth + place + mobile


def bits_of(score: float) -> float:
    """The evidence (log2 odds) from which a pair's score rounds to ``score`` (0 < score < 100)."""
    p = (score - 0.5) / 100
    return math.log2(p / (1 - p))


def _two_places_in_family(a: Person, b: Person) -> bool:
    """Whether the family records the two as two people: each has a relation to its head, and
    they differ (a member entered twice is entered with one relation, or as "other")."""
    known = {a.relation, b.relation} - {"", "OTHER"}
    return len(known) == 2


def probability(bits: float) -> float:
    return 1 / (1 + math.pow(2, -bits))


def score(a: Person, b: Person, counts: Frequencies | None = None) -> tuple[int, dict[str, int]]:
    """The score (0 to 100, the probability of one person) and the parts' agreement."""
    bits, details = evidence(a, b, counts)
    return round(100 * probability(bits)), details


MARRIED_STATUSES = frozenset({"MARRIED", "WIDOWED", "DIVORCED", "SEPARATED"})
MARRIED_RELATIONS = frozenset({"SPOUSE", "DIL"})


def married(marital_status: str, relation: str) -> bool | None:
    """What a record says of whether the person ever married (Person.married)."""
    if marital_status in MARRIED_STATUSES or relation in MARRIED_RELATIONS:
        return True
    return False if marital_status == "NEVER" else None
