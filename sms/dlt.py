"""What India's DLT rules ask of an SMS: variables of at most 30 characters, and texts whose
length decides how many parts (and how many charges) a message takes.

- An operator registers each template's fixed text with `{#var#}` where a value goes, and
  refuses a message whose variable is longer than VAR_MAX characters; values are capped here,
  never left to the operator.
- A text wholly in the GSM 7-bit alphabet fits 160 characters in one part and 153 in each part
  of a longer message (the extension characters ^{}[]~|€\\ and form feed take two); any other
  character (all Devanagari) makes the whole message UCS-2: 70 in one part, 67 in each.
"""

import math
import unicodedata

VAR_MAX = 30  # the operators' limit for one {#var#}
DLT_VAR = "{#var#}"

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")
GSM7_SINGLE, GSM7_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67

VIRAMAS = frozenset("\u094d\u09cd\u0a4d\u0acd\u0b4d\u0bcd\u0c4d\u0ccd\u0d4d")  # Indic halants
JOINERS = frozenset("\u200c\u200d")  # ZWNJ, ZWJ


def is_gsm7(text: str) -> bool:
    return all(c in GSM7_BASIC or c in GSM7_EXTENSION for c in text)


def encoding(text: str) -> str:
    """ "GSM-7" or "UCS-2": the encoding the whole message is sent in."""
    return "GSM-7" if is_gsm7(text) else "UCS-2"


def sms_parts(text: str) -> int:
    """How many SMS parts the text takes (the number an operator charges for)."""
    if is_gsm7(text):
        return _gsm7_parts(text)
    units = len(text.encode("utf-16-le")) // 2  # a character beyond the BMP takes two
    return 1 if units <= UCS2_SINGLE else math.ceil(units / UCS2_PART)


def _gsm7_parts(text: str) -> int:
    septets = [2 if c in GSM7_EXTENSION else 1 for c in text]
    if sum(septets) <= GSM7_SINGLE:
        return 1
    # An extension character (escape + character) is never split between two parts.
    parts, used = 1, 0
    for size in septets:
        if used + size > GSM7_PART:
            parts, used = parts + 1, 0
        used += size
    return parts


def _joins_previous(previous: str, char: str) -> bool:
    """Whether `char` belongs to the same grapheme as the character before it: a combining mark
    (a vowel sign, nukta, anusvara), a joiner, or a consonant after a halant (a conjunct)."""
    if unicodedata.category(char) in ("Mn", "Mc", "Me") or char in JOINERS:
        return True
    return previous in VIRAMAS or previous in JOINERS


def graphemes(text: str) -> list[str]:
    """The text split into user-perceived characters (enough of Unicode's rules for the Indic
    scripts and Latin the portal writes: a mark or conjunct stays with its base)."""
    clusters: list[str] = []
    for char in text:
        if clusters and _joins_previous(clusters[-1][-1], char):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def cut(value: str, cap: int) -> str:
    """``value`` (spaces squeezed) in at most ``cap`` characters, cut between graphemes, and
    at a space when one falls in the last third, so that no vowel sign is parted from its
    letter and, where it can be, no word is cut in two."""
    value = " ".join(value.split())
    if len(value) <= cap:
        return value
    kept, length = "", 0
    for cluster in graphemes(value):
        if length + len(cluster) > cap:
            break
        kept, length = kept + cluster, length + len(cluster)
    space = kept.rfind(" ")
    if space >= cap * 2 // 3:
        kept = kept[:space]
    return kept.rstrip(" ,;:-(")
