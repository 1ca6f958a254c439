"""Comparing a person's name as the register has it with the name UIDAI has, in either script.

Both names are brought to one plain Latin key (Devanagari transliterated, with the silent final
vowel dropped, and the usual spelling variants folded: Ramesh/Rames, Kumari/Kumaari,
Laxmi/Lakshmi, Pooja/Puja, Ahirwar/Ahirvar), then compared with rapidfuzz. Every word must find
a close counterpart, so Rakesh is not Ramesh even though the rest of the name agrees."""

import re
import unicodedata

from indic_transliteration import sanscript
from rapidfuzz import fuzz

DEVANAGARI = re.compile(r"[\u0900-\u097F]")
CONSONANT = "\u0915-\u0939\u0958-\u095f"
VIRAMA = "\u094d"
LABIALS = "पफबभम"
# Applied in order to the plain Latin form of both names.
LATIN_FOLDS = (
    (r"x", "ks"),
    (r"q", "k"),
    (r"z", "j"),
    (r"w", "v"),
    (r"ph", "f"),
    (r"([bcdfgjklmnprstvy])h", r"\1"),  # aspiration and sh: bh, dh, kh, sh, th...
    (r"ng\b", "n"),  # Singh / सिंह
    (r"ee", "i"),
    (r"oo", "u"),
    (r"(.)\1+", r"\1"),  # doubled letters and long vowels: aa, ii, kk
)


def _from_devanagari(text: str) -> str:
    text = text.replace("\u093c", "").replace("\u0903", "")  # nukta, visarga
    # The inherent vowel of a word's last consonant is not spoken (रमेश is Ramesh), unless
    # the consonant ends a cluster (कृष्ण is Krishna).
    text = re.sub(f"(?<!{VIRAMA})([{CONSONANT}])(?=[^\u0900-\u097f]|$)", r"\1" + VIRAMA, text)
    # An anusvara sounds m before a labial, n elsewhere (Champa, Govind).
    text = re.sub(f"[\u0901\u0902](?=[{LABIALS}])", "म" + VIRAMA, text)
    text = re.sub("[\u0901\u0902]", "न" + VIRAMA, text)
    return str(sanscript.transliterate(text, sanscript.DEVANAGARI, sanscript.IAST))


def name_key(name: str) -> str:
    """The comparable Latin form of a name in either script."""
    if DEVANAGARI.search(name):
        name = _from_devanagari(name)
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    plain = re.sub(r"[^a-z]+", " ", plain)
    for pattern, replacement in LATIN_FOLDS:
        plain = re.sub(pattern, replacement, plain)
    return " ".join(plain.split())


def _weakest_word(words: list[str], others: list[str]) -> float:
    return min(max(fuzz.ratio(w, o) for o in others) for w in words)


def name_match_score(first: str, second: str) -> int:
    """0 to 100: how well two names agree, whatever the script of each."""
    a, b = name_key(first), name_key(second)
    if not a or not b:
        return 0
    words_a, words_b = a.split(), b.split()
    score = min(
        fuzz.token_sort_ratio(a, b),
        _weakest_word(words_a, words_b),
        _weakest_word(words_b, words_a),
    )
    return round(score)
