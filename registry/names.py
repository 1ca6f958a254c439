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
# the duplicate check and the sweep normalize the same ones again and again.
@lru_cache(maxsize=100_000)
def normalize_name(text: str) -> str:
    """A rough Latin spelling of a name in either script, for comparing, never for showing."""
    text = " ".join((text or "").split())
    if DEVANAGARI.search(text):
        text = _from_devanagari(text)
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = NOT_LETTER.sub(" ", text)
    for old, new in LATIN_RULES:
        text = text.replace(old, new)
    text = ASPIRATE.sub(r"\1", text)
    text = DOUBLE.sub(r"\1", text)
    return " ".join(text.split())


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
        words = [w for w in normalize_name(name).split() if len(w) >= 2]
        if words:
            return words[0][:KEY_LENGTH]
    return ""
