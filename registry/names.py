"""Names in either script reduced to one rough Latin spelling, so that रमेश, रामेश, Ramesh and
Rames, or Kumari and Kumaari, come out close enough to compare.

Devanagari goes through IAST (which keeps the inherent vowel and long vowels apart, so the
unspoken final "a" can be dropped), then both scripts lose what spellings vary in: diacritics,
aspiration (bh → b), long vowels written double (aa, ee, oo), sh/s, w/v, x/ks, doubled letters.
"""

import re
import unicodedata
from functools import lru_cache

from indic_transliteration import sanscript

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


def name_keys(*names: str) -> set[str]:
    """The blocking keys of every word of the names: candidates share at least one."""
    return {
        word[:KEY_LENGTH]
        for name in names
        for word in normalize_name(name).split()
        if len(word) >= 2
    }


def first_name_key(*names: str) -> str:
    """The blocking key stored with a person: that of the first word of the first name given."""
    for name in names:
        key = spelling_key(normalize_name(name))
        if key:
            return key
    return ""


def spelling_key(spelling: str) -> str:
    """The key of a spelling normalize_name gave: its first word of two letters or more."""
    for word in spelling.split():
        if len(word) >= 2:
            return word[:KEY_LENGTH]
    return ""
