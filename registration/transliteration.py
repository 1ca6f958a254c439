"""A first guess at a name in the other script, for the official to check and correct.

Names are not spelled by rule in either direction (पटेल is Patel, not Patela; Geeta is गीता), so
this only saves typing: Devanagari goes through IAST with the silent final vowel dropped and the
diacritics spelled the way names usually are (ś → sh, ī → ee inside a word); Latin goes through
ITRANS with the usual spellings of long vowels (ee, oo, a final a or i) made long."""

import re
import unicodedata

from indic_transliteration import sanscript

from registry.names import DEVANAGARI

CONSONANT = "\u0915-\u0939\u0958-\u095f"
VIRAMA = "\u094d"
LABIALS = "पफबभम"
IAST_SPELLINGS = [
    ("ch", "\x00"),  # छ, before च takes "c"
    ("c", "ch"),
    ("\x00", "chh"),
    ("ś", "sh"),
    ("ṣ", "sh"),
    ("ṛ", "ri"),
    ("ṃ", "n"),
]
LONG_INSIDE = [("ī", "ee"), ("ū", "oo")]
LATIN_WORD = re.compile(r"[a-z]+")
LATIN_SPELLINGS = [("ee", "ii"), ("oo", "uu"), ("w", "v"), ("x", "kSh"), ("q", "k")]


def _iast_word(word: str) -> str:
    for long, spelled in LONG_INSIDE:
        word = word[:-1].replace(long, spelled) + word[-1:]
    for old, new in IAST_SPELLINGS:
        word = word.replace(old, new)
    plain = unicodedata.normalize("NFKD", word)
    return "".join(c for c in plain if not unicodedata.combining(c))


def to_latin(name: str) -> str:
    """रमेश कुमार → Ramesh Kumar (a guess)."""
    text = name.replace("\u093c", "").replace("\u0903", "")  # nukta, visarga
    # The inherent vowel of a word's last consonant is not spoken (रमेश is Ramesh) unless the
    # consonant ends a cluster (कृष्ण is Krishna).
    text = re.sub(f"(?<!{VIRAMA})([{CONSONANT}])(?=[^\u0900-\u097f]|$)", r"\1" + VIRAMA, text)
    text = re.sub(f"[\u0901\u0902](?=[{LABIALS}])", "म" + VIRAMA, text)
    iast = str(sanscript.transliterate(text, sanscript.DEVANAGARI, sanscript.IAST))
    return " ".join(_iast_word(w).capitalize() for w in iast.split())


def _itrans_word(word: str) -> str:
    for old, new in LATIN_SPELLINGS:
        word = word.replace(old, new)
    # Names ending in a or i mostly end in the long vowel: Geeta गीता, Kumari कुमारी.
    if len(word) > 2 and word.endswith("a") and not word.endswith("aa"):
        word += "a"
    elif len(word) > 2 and word.endswith("i") and not word.endswith("ii"):
        word += "i"
    return word


def to_devanagari(name: str) -> str:
    """Ramesh Kumar → रमेश कुमार (a guess)."""
    words = LATIN_WORD.findall(name.lower())
    itrans = " ".join(_itrans_word(w) for w in words)
    text = str(sanscript.transliterate(itrans, sanscript.ITRANS, sanscript.DEVANAGARI))
    return re.sub(f"{VIRAMA}(?=\\s|$)", "", text)


def suggest_names(name_hi: str, name_en: str) -> tuple[str, str]:
    """Fill whichever of the two names is empty from the other; a filled one is kept."""
    name_hi, name_en = name_hi.strip(), name_en.strip()
    if name_hi and not name_en and DEVANAGARI.search(name_hi):
        name_en = to_latin(name_hi)
    elif name_en and not name_hi and not DEVANAGARI.search(name_en):
        name_hi = to_devanagari(name_en)
    return name_hi, name_en
