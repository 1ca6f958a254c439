"""The synthetic state's vocabulary: a few thousand given names and a couple of hundred surnames,
each in both scripts with the variant spellings registers hold, and how common each is.

The curated names of ``synth_names`` (with their hand-written variants) are the commonest; the
long tail is composed from attested parts (``synth_names.*_PARTS``, ``*_SUFFIXED``) and its
variants are made by the spelling changes clerks make (ee/i, sh/s, v/b, -endra/-ender in Latin;
ी/ि, श/स, व/ब, ं/न् in Devanagari). Frequencies fall off as in real registers, by a
Zipf-Mandelbrot law over the rank: a few names are very common, most are rare.

Everything here is fixed: the same lists, in the same order, on every run and for every seed.
"""

import random
import re
from functools import cache
from itertools import accumulate

from scale import synth_names as parts
from scale.synth_names import Name

# (pattern, replacement) on a lowercase Latin word; each variant applies one or two, once.
LATIN_CHANGES = [
    ("ee", "i"),
    ("oo", "u"),
    ("sh", "s"),
    ("w", "v"),
    ("v", "w"),
    ("^v", "b"),
    ("endra$", "ender"),
    ("endra$", "inder"),
    ("ai", "ay"),
    ("ay$", "ai"),
    ("au", "ou"),
    ("ksh", "x"),
    ("(?<=[^aeiou])i(?=[^aeiouy])", "ee"),
    ("(?<=[^aeiou])u(?=[^aeiou])", "oo"),
    ("(?<=[^aeiou])a(?=[^aeiouy])", "aa"),
    ("th", "t"),
    ("dh", "d"),
    ("ph", "f"),
    ("i$", "y"),
    ("y$", "i"),
    ("(?<=dr)a$", ""),
    ("e$", "ey"),
    ("ey$", "e"),
    ("ch", "chh"),
    ("(?<=[^aeiou])a$", "aa"),
    ("(?<=[^aeiou])u$", "oo"),
    ("(?<=[^aeiou])o$", "ou"),
    ("(?<=[aeiou])([bdgklmnprt])$", r"\1\1"),
]
DEVANAGARI_CHANGES = [
    ("ी", "ि"),
    ("ि", "ी"),
    ("ू", "ु"),
    ("ु", "ू"),
    ("श", "स"),
    ("ष", "स"),
    ("^व", "ब"),
    ("ण", "न"),
    ("ं(?=[तथदधन])", "न्"),
    ("ं(?=[पफबभम])", "म्"),
    ("ै", "े"),
    ("ौ", "ो"),
    ("\u093c", ""),  # nukta
    ("े(?=.)", "ै"),
    ("ो", "ौ"),
    ("(?<=.)ा(?=.)", ""),
    ("ई$", "ी"),
    ("े$", "ै"),
]
# Zipf-Mandelbrot: weight 1 / (rank + q). A larger q flattens the head: the commonest given name
# is about 1 % of people of its gender, the commonest surname about 4 %.
GIVEN_Q = 20
SURNAME_Q = 5


def _changed(word: str, changes: list[tuple[str, str]], rng: random.Random, count: int) -> str:
    applicable = [(p, r) for p, r in changes if re.sub(p, r, word, count=1) != word]
    for pattern, replacement in rng.sample(applicable, min(count, len(applicable))):
        word = re.sub(pattern, replacement, word, count=1)
    return word


def latin_variants(name: str) -> tuple[str, ...]:
    """Up to two other Latin spellings of a one-word name (Surendra → Surender, Surendr)."""
    rng = random.Random(name)  # noqa: S311 - seeded by the name: the same variants every run
    found: list[str] = []
    for count in (1, 2, 1, 2):
        variant = _changed(name.lower(), LATIN_CHANGES, rng, count).capitalize()
        if variant != name and variant not in found:
            found.append(variant)
    return tuple(found[:2])


def devanagari_variants(name: str) -> tuple[str, ...]:
    """Up to two other Devanagari spellings (सुनीता → सुनिता)."""
    rng = random.Random(name)  # noqa: S311
    found = {_changed(name, DEVANAGARI_CHANGES, rng, 1) for _ in range(3)} - {name}
    return tuple(sorted(found))[:2]


def _name(latin: str, hindi: str) -> Name:
    return (latin, hindi, latin_variants(latin), devanagari_variants(hindi))


def _composed(
    curated: list[Name],
    first: list[tuple[str, str]],
    second: list[tuple[str, str]],
    suffixed: dict[tuple[str, str], list[tuple[str, str]]],
) -> list[Name]:
    seen = {n[0] for n in curated}
    tail: list[Name] = []

    def add(latin: str, hindi: str) -> None:
        if latin not in seen:
            seen.add(latin)
            tail.append(_name(latin, hindi))

    for a_en, a_hi in first:
        for b_en, b_hi in second:
            if a_en.lower() != b_en:  # not Ramram
                add(a_en + b_en, a_hi + b_hi)
    for (suffix_en, suffix_hi), stems in suffixed.items():
        for stem_en, stem_hi in stems:
            add(stem_en + suffix_en, stem_hi + suffix_hi)
    # Which composed names are common is not a matter of the alphabet: a fixed shuffle.
    random.Random(0).shuffle(tail)  # noqa: S311
    return curated + tail


def _cumulative(count: int, q: int) -> list[float]:
    return list(accumulate(1 / (rank + q) for rank in range(count)))


@cache
def male() -> tuple[list[Name], list[float]]:
    """Men's given names, commonest first, with cumulative weights for ``random.choices``."""
    names = _composed(
        parts.MALE, parts.MALE_FIRST_PARTS, parts.MALE_SECOND_PARTS, parts.MALE_SUFFIXED
    )
    return names, _cumulative(len(names), GIVEN_Q)


@cache
def female() -> tuple[list[Name], list[float]]:
    names = _composed(
        parts.FEMALE, parts.FEMALE_FIRST_PARTS, parts.FEMALE_SECOND_PARTS, parts.FEMALE_SUFFIXED
    )
    return names, _cumulative(len(names), GIVEN_Q)


@cache
def surnames() -> tuple[list[Name], list[float]]:
    seen = {n[0] for n in parts.SURNAMES}
    names = list(parts.SURNAMES)
    for latin, hindi in parts.MORE_SURNAMES:
        if latin not in seen:
            seen.add(latin)
            names.append(_name(latin, hindi))
    return names, _cumulative(len(names), SURNAME_Q)


@cache
def variants() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Every word of the vocabulary → its other spellings, Latin and Devanagari."""
    every = male()[0] + female()[0] + surnames()[0]
    return {n[0]: n[2] for n in every}, {n[1]: n[3] for n in every}
