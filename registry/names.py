"""Names as the register writes them: the one set of name rules of the portal (the duplicate
check, the sweep, the name search, the bulk import and the e-KYC comparison all use it).

1. **Spelling** (``spell``): either script to one rough Latin spelling, so that रमेश, रामेश,
   Ramesh and Rames, or Kumari and Kumaari, come out close. Devanagari goes through IAST (which
   keeps the inherent vowel and long vowels apart, so the unspoken final "a" can be dropped),
   then both scripts lose what spellings vary in: diacritics, aspiration (bh → b), long vowels
   written double (aa, ee, oo), sh/s, w/v, x/ks, doubled letters.
2. **Words** (``name_words``): what clerks add and drop is taken off or marked. Honorifics before
   a name (Shri, Smt, Sushri, Km, Late, Sw., Mr, Mrs, Dr; श्री, श्रीमती, स्व.) are dropped; joining
   words and suffixes (Kumar, Kumari, Devi, Bai, Ben, Bi, Md/Mohd, Singh in the middle of a name)
   are kept but weigh little, also when written joined (Kamlabai = Kamla Bai); single letters
   are initials (R. K. Sharma).
3. **Comparison** (``name_similarity``): word by word, each word with its best counterpart in the
   other name, weighted by how rare the word is in the register (``NameWord``): a name that is
   the other plus or minus a common word scores high (Yogendra / Yogendra Kumar), one whose
   given name differs scores low (Ramesh Yadav / Suresh Yadav). Words that differ only in their
   vowels are spellings of one name (Kamla/Kamala, Chouhan/Chauhan, matra slips); two common
   names that differ in a consonant are two names (Ramesh/Rajesh), a rare one is a typo.
4. **Keys** (``member_keys``, ``name_keys``): the first letters of the words that carry the name,
   for blocking: candidates share at least one key.
"""

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

from indic_transliteration import sanscript
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

DEVANAGARI = re.compile(r"[\u0900-\u097F]")
# Anusvara sounds as m before a labial and as n elsewhere (संजय Sanjay, चंपा Champa).
ANUSVARA_LABIAL = re.compile(r"ṃ(?=[pbm])")
# The inherent vowel at the end of a word is not spoken (रमेश is Ramesh, not Ramesha).
FINAL_SCHWA = re.compile(r"(?<=[^aāiīuūṛeo\s])a\b")
NOT_LETTER = re.compile(r"[^a-z\s]")
LATIN_RULES = [
    ("chh", "c"),
    ("ch", "c"),
    ("sh", "s"),
    ("x", "ks"),
    ("ph", "f"),
    ("w", "v"),
    ("q", "k"),
    ("z", "j"),
    ("ee", "i"),
    ("oo", "u"),
    ("f", "p"),
]
ASPIRATE = re.compile(r"([kgcjtdpb])h")
DOUBLE = re.compile(r"([a-z])\1+")
KEY_LENGTH = 3


def _from_devanagari(text: str) -> str:
    iast = sanscript.transliterate(text, sanscript.DEVANAGARI, sanscript.IAST)
    iast = FINAL_SCHWA.sub("", iast)
    iast = ANUSVARA_LABIAL.sub("m", iast).replace("ṃ", "n").replace("ṛ", "ri")
    return iast


# Names repeat a great deal (a state has millions of people and far fewer distinct names), and
# the duplicate check, the bulk import and the sweep normalize the same ones again and again.
# Words repeat far more than whole names (a few thousand given names and surnames make millions
# of combinations), so the work is done and remembered a word at a time: every step below acts
# within a word, so a name's spelling is its words' spellings joined.
def spell(text: str) -> str:
    """A rough Latin spelling of a name in either script, for comparing, never for showing."""
    text = text or ""
    devanagari = DEVANAGARI.search(text) is not None
    words = [_normalize_word(word, devanagari) for word in text.split()]
    return " ".join([word for word in words if word])


# The same, remembered for the names seen most (the bulk import keeps its own, larger memory).
normalize_name = lru_cache(maxsize=100_000)(spell)


@lru_cache(maxsize=200_000)
def _normalize_word(word: str, devanagari: bool) -> str:
    """One word of a name (no whitespace in it); ``devanagari`` when the name has any."""
    if devanagari:
        word = _from_devanagari(word)
    word = unicodedata.normalize("NFKD", word.lower())
    word = "".join(ch for ch in word if not unicodedata.combining(ch))
    word = NOT_LETTER.sub(" ", word)
    for old, new in LATIN_RULES:
        word = word.replace(old, new)
    word = ASPIRATE.sub(r"\1", word)
    word = DOUBLE.sub(r"\1", word)
    return " ".join(word.split())


# What clerks write before a name and what it means nothing for the person: dropped when it
# comes first (also several: "Late Shri"). In both scripts, spelled as ``spell`` spells them.
_HONORIFICS = (
    "shri sri shree shrimati srimati shreemati smt sushri km kum kumari late lt sw swa swargiya "
    "swargiy swargeey mr mrs ms miss dr mst musammat shriman sriman "
    "श्री श्रीमती श्रीमति सुश्री कु कुमारी स्व स्वर्गीय स्वर्गीया स्वर्गिय डॉ डा श्रीमान सुश्री मुसम्मात"
)
# Joining words and suffixes: part of how a name is written, not of who it is; they weigh little.
_JOINING = "kumar kumari devi debi bai ben behen bi begum bano kunvar कुमार कुमारी देवी बाई बेन बी बेगम"
# Abbreviations written for one word.
_ABBREVIATIONS = {
    "md": "mohamad",
    "mohd": "mohamad",
    "mohamed": "mohamad",
    "mohammed": "mohamad",
    "muhamad": "mohamad",
    "mohmad": "mohamad",
    "mo": "mohamad",
    "debi": "devi",
    "sinh": "sing",  # सिंह, Singh
}
# Written joined to the name before them (Kamlabai, Vinodkumar, Sitadevi).
_JOINED_SUFFIXES = ("kumari", "kumar", "devi", "bai", "ben")
_MIDDLE_ONLY = {"sing"}  # Singh in the middle of a name (Ram Singh Yadav), spelled
KEY_WORD_MIN = 2  # a word of one letter is an initial and has no key


@lru_cache(maxsize=1)
def _honorifics() -> frozenset[str]:
    return frozenset(w for raw in _HONORIFICS.split() for w in spell(raw).split())


@lru_cache(maxsize=1)
def _joining() -> frozenset[str]:
    return frozenset([*(w for raw in _JOINING.split() for w in spell(raw).split()), "mohamad"])


@lru_cache(maxsize=200_000)
def _split_joined(word: str) -> tuple[str, ...]:
    word = _ABBREVIATIONS.get(word, word)
    for suffix in _JOINED_SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3:
            return (_ABBREVIATIONS.get(stem, stem), suffix)
    return (word,)


# Devanagari letter names written for an initial (आर. पी. उइके is R. P. Uikey), spelled.
_LETTER_NAMES = {
    "ar": "r", "pi": "p", "es": "s", "en": "n", "ke": "k", "di": "d", "je": "j", "em": "m",
    "el": "l", "ef": "f", "ti": "t", "vi": "v", "si": "c", "ji": "g", "eks": "x",
}  # fmt: skip
_INITIALS = re.compile(r"[^aeiou]{2,3}")  # RP, SN, SSK: initials written together


@lru_cache(maxsize=200_000)
def _abbreviated(raw: str) -> tuple[str, ...]:
    """One written word's words: an abbreviation with a dot (Su., एस.) is an initial, letters
    written together without a vowel (RP, SN) are initials; joined suffixes apart."""
    parts = [part for word in spell(raw).split() for part in _split_joined(word)]
    if "." in raw and len(parts) == 1 and len(parts[0]) <= 3 and parts[0] not in _honorifics():
        word = parts[0]
        if word not in _ABBREVIATIONS.values() and word not in _joining():
            return (_LETTER_NAMES.get(word, word[0]),)
    honorifics = _honorifics()
    return tuple(
        letter
        for part in parts
        for letter in (
            tuple(part) if _INITIALS.fullmatch(part) and part not in honorifics else (part,)
        )
    )


@lru_cache(maxsize=100_000)
def name_words(text: str) -> tuple[str, ...]:
    """The words of a name as compared: spelled, honorifics before it dropped, abbreviations
    written out and joined suffixes apart (Smt. Kamlabai → kamla bai)."""
    words = [part for raw in text.split() for part in _abbreviated(raw)]
    if len(words) > 2 and words[1] == "o" and words[0] in "svdc":  # S/O, W/O (v/o), D/O, C/O
        del words[:2]
    honorifics = _honorifics()
    while len(words) > 1 and words[0] in honorifics:
        words.pop(0)
    return tuple(words)


def is_joining(word: str, position: int = 0, length: int = 1) -> bool:
    """A word that weighs little: a joining word or suffix, or Singh inside a name."""
    if word in _joining():
        return True
    return word in _MIDDLE_ONLY and 0 < position < length - 1


def _key_words(words: Sequence[str]) -> list[str]:
    """The words that carry a name: not initials, not joining words (when others are there)."""
    full = [w for w in words if len(w) >= KEY_WORD_MIN]
    carrying = [w for i, w in enumerate(full) if not is_joining(w, i, len(full))]
    return carrying or full


VOWELS = re.compile(r"[aeiou]")
_CONSONANT_FOLDS = str.maketrans({"b": "v", "y": "j"})


@lru_cache(maxsize=200_000)
def _skeleton(word: str) -> str:
    """The consonants of a word, the first letter kept (vowels are what spellings vary most)."""
    folded = word.translate(_CONSONANT_FOLDS)
    return folded[:1] + VOWELS.sub("", folded[1:])


def _key(word: str) -> str:
    """The word's first letter and the consonants after it: a vowel or matra slip (Chouhan,
    Chauhan; सुनीता, सुनिता) keeps the key."""
    return _skeleton(word)[:KEY_LENGTH]


def name_keys(*names: str) -> set[str]:
    """The blocking keys of the words that carry the names, and of the first two written as one
    (Ram Prakash, Ramprakash): candidates share at least one."""
    keys: set[str] = set()
    for name in names:
        words = _key_words(name_words(name))
        keys.update(_key(w) for w in words)
        if len(words) > 1:
            keys.add(_key(words[0] + words[1]))
    return keys


class MemberKeys(NamedTuple):
    """The keys stored with a person for the duplicate check's blocks."""

    name_key: str  # of the first word carrying the name
    surname_key: str  # of the last one, when the name has two or more
    relative_key: str  # of the first word carrying the father's or husband's name


def _first_and_last(*names: str) -> tuple[str, str]:
    for name in names:
        words = _key_words(name_words(name))
        if words:
            return _key(words[0]), _key(words[-1]) if len(words) > 1 else ""
    return "", ""


def member_keys(name_en: str, name_hi: str, relative: str) -> MemberKeys:
    """The name, surname and relative keys (the Latin-script name first, else the Devanagari)."""
    first, last = _first_and_last(name_en, name_hi)
    return MemberKeys(first, last, _first_and_last(relative)[0])


def first_name_key(*names: str) -> str:
    """The blocking key stored with a person: that of the first word carrying the first name
    given."""
    return _first_and_last(*names)[0]


# Comparing words and names.
MATCH = 0.75  # a word at least this alike to another counts as found in it
INITIAL = 0.9  # an initial and a word it begins
COMMON = 20  # a word this frequent in the register is a name of its own (NameWord)
SAME_NAME_SPELLED_OTHERWISE = 0.9
JOINING_WEIGHT = 0.15
INITIAL_WEIGHT = 0.4
Frequencies = Mapping[str, int]


class WordCounts(dict[str, int]):
    """The register's word counts for one check or one sweep: hashable by identity, so that the
    comparisons made with them are remembered (names repeat: a few thousand words make millions
    of names)."""

    __hash__ = object.__hash__  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        return self is other


@lru_cache(maxsize=500_000)
def _word_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:
        return INITIAL if a[0] == b[0] else 0.0
    similarity = OSA.normalized_similarity(a, b)  # a swap of two letters is one edit
    if _skeleton(a) == _skeleton(b):
        return max(similarity, SAME_NAME_SPELLED_OTHERWISE)
    return similarity


def word_similarity(a: str, b: str, counts: Frequencies | None = None) -> float:
    """0 to 1. Two words the register has often (two names of their own) that differ in more
    than their vowels are two names, however alike (Ramesh/Rajesh); a rare one is a slip."""
    similarity = _word_similarity(a, b)
    if (
        counts
        and similarity < SAME_NAME_SPELLED_OTHERWISE
        and min(len(a), len(b)) > 1
        and counts.get(a, 0) >= COMMON
        and counts.get(b, 0) >= COMMON
    ):
        return similarity - 0.2
    return similarity


def word_weight(word: str, position: int, length: int, counts: Frequencies | None) -> float:
    """How much a word says about who someone is: joining words and initials little, a rare
    word more than a common one (1.2 for a word seen once, 0.4 for one seen 10,000 times)."""
    if len(word) == 1:
        return INITIAL_WEIGHT
    if is_joining(word, position, length):
        return JOINING_WEIGHT
    if not counts:
        return 1.0
    return min(1.2, max(0.4, 1.2 - 0.2 * math.log10(max(counts.get(word, 0), 1))))


def _remembered(counts: Frequencies | None) -> bool:
    """Whether what is computed with these counts may be remembered (see WordCounts)."""
    return counts is None or isinstance(counts, WordCounts)


def _weights(
    words: Sequence[str], counts: Frequencies | None, light: frozenset[str] = frozenset()
) -> tuple[float, ...]:
    if _remembered(counts):
        return _remembered_weights(tuple(words), counts, light)
    return _word_weights(words, counts, light)


def _word_weights(
    words: Sequence[str], counts: Frequencies | None, light: frozenset[str] = frozenset()
) -> tuple[float, ...]:
    # Tuples, not lists, for what is remembered: the garbage collector stops scanning a tuple
    # of strings and numbers, and hundreds of thousands of remembered lists made its pauses
    # the slowest checks' time.
    return tuple(
        JOINING_WEIGHT if w in light else word_weight(w, i, len(words), counts)
        for i, w in enumerate(words)
    )


_remembered_weights = lru_cache(maxsize=200_000)(_word_weights)


def _matched(
    a: Sequence[str], b: Sequence[str], counts: Frequencies | None
) -> tuple[tuple[float, int, int], ...]:
    """Pairs of words (similarity, index in a, index in b), each word in one pair at most, the
    most alike first."""
    if _remembered(counts):
        return _remembered_matched(tuple(a), tuple(b), counts)
    return _pairs(a, b, counts)


def _pairs(
    a: Sequence[str], b: Sequence[str], counts: Frequencies | None
) -> tuple[tuple[float, int, int], ...]:
    pairs = sorted(
        (
            (s, i, j)
            for i, x in enumerate(a)
            for j, y in enumerate(b)
            if (s := word_similarity(x, y, counts)) >= MATCH
        ),
        reverse=True,
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen = []
    for s, i, j in pairs:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            chosen.append((s, i, j))
    return tuple(chosen)


_remembered_matched = lru_cache(maxsize=500_000)(_pairs)


@lru_cache(maxsize=200_000)
def _joined(words: tuple[str, ...]) -> str:
    return "".join(w for i, w in enumerate(words) if not is_joining(w, i, len(words)))


def words_similarity(
    a: Sequence[str],
    b: Sequence[str],
    counts: Frequencies | None = None,
    light: frozenset[str] = frozenset(),
) -> float:
    """0 to 1: how alike two names given as ``name_words`` are (see ``_words_similarity``)."""
    if counts is None or isinstance(counts, WordCounts):
        return _remembered_similarity(tuple(a), tuple(b), counts, light)
    return _words_similarity(a, b, counts, light)


def _words_similarity(
    a: Sequence[str],
    b: Sequence[str],
    counts: Frequencies | None = None,
    light: frozenset[str] = frozenset(),
) -> float:
    """0 to 1: how alike two names given as ``name_words`` are, word by word.

    Each side's share of its own weight found in the other; the lighter name's share counts
    three times the heavier's, so that a word more or less (Kumar, a surname left out) costs
    little and a given name that differs costs much. Names written joined or apart
    (Ramprakash / Ram Prakash) are compared joined too. Words in ``light`` (the family's
    surname, which a clerk may leave out) weigh as little as a joining word."""
    if not a or not b:
        return 0.0
    weights_a, weights_b = _weights(a, counts, light), _weights(b, counts, light)
    found_a = found_b = 0.0
    for s, i, j in _matched(a, b, counts):
        found_a += s * weights_a[i]
        found_b += s * weights_b[j]
    share_a, share_b = found_a / sum(weights_a), found_b / sum(weights_b)
    lighter, heavier = (
        (share_a, share_b) if sum(weights_a) <= sum(weights_b) else (share_b, share_a)
    )
    score = 0.75 * lighter + 0.25 * heavier
    joined_a, joined_b = _joined(tuple(a)), _joined(tuple(b))
    if min(len(joined_a), len(joined_b)) >= 4 and (len(a) > 1 or len(b) > 1):
        joined = OSA.normalized_similarity(joined_a, joined_b)
        if joined >= 0.85:
            score = max(score, joined)
    return score


_remembered_similarity = lru_cache(maxsize=500_000)(_words_similarity)
TOTAL = "*"  # the NameWord row (no word has a "*") that holds how many words were counted


def surprise(a: Sequence[str], b: Sequence[str], counts: Frequencies | None) -> float | None:
    """See ``_surprise``."""
    if isinstance(counts, WordCounts):
        return _remembered_surprise(tuple(a), tuple(b), counts)
    return _surprise(a, b, counts)


def _surprise(a: Sequence[str], b: Sequence[str], counts: Frequencies | None) -> float | None:
    """How unlikely, in bits, two people of the register are to share by chance the words these
    two names share (each pair of words at its commoner spelling; joining words and initials
    say nothing): two Geetas share 7 bits, two Kashidularis 16. None without the counts."""
    if not counts or not counts.get(TOTAL):
        return None
    total = counts[TOTAL]
    bits = 0.0
    for _s, i, j in _matched(a, b, counts):
        x, y = a[i], b[j]
        if min(len(x), len(y)) == 1 or is_joining(x, i, len(a)) or is_joining(y, j, len(b)):
            continue
        bits += math.log2(total / max(counts.get(x, 0), counts.get(y, 0), 1))
    return bits


_remembered_surprise = lru_cache(maxsize=500_000)(_surprise)


def name_similarity(first: str, second: str, counts: Frequencies | None = None) -> float:
    """0 to 1: how alike two names are, whatever the script of each (see ``words_similarity``)."""
    return words_similarity(name_words(first), name_words(second), counts)


def given_names(words: Sequence[str]) -> tuple[str, ...]:
    """A name without its surname (the last word), for a woman whose surname changed on
    marriage; the name itself when it has one word."""
    return tuple(words[:-1]) if len(words) > 1 else tuple(words)


# The e-KYC comparison: the register's name against the one UIDAI holds.
def _weakest_word(words: Sequence[str], others: Sequence[str]) -> float:
    return min(max(fuzz.ratio(w, o) for o in others) for w in words)


def name_match_score(first: str, second: str) -> int:
    """0 to 100: how well two names agree, whatever the script of each; every word must find a
    close counterpart (Rakesh is not Ramesh even when the rest of the name agrees), honorifics
    before a name do not count."""
    words_a, words_b = name_words(first), name_words(second)
    if not words_a or not words_b:
        return 0
    score = min(
        fuzz.token_sort_ratio(" ".join(words_a), " ".join(words_b)),
        _weakest_word(words_a, words_b),
        _weakest_word(words_b, words_a),
    )
    return round(score)
