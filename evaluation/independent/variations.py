"""How clerks write the same person's name and date of birth differently, written for the
independent set alone: its own Devanagari → Latin romaniser (with the choices clerks make
differently: aa or a, ee or i, w or v, s or sh, a kept or dropped …), its own naive Latin →
Devanagari typing, variant spellings, typing slips, vowel-sign slips, honorifics, Kumar and
Kumari, Bai and Devi, surnames left out or put first, initials, and the dates' slips.

A name is a tuple of ``Tok``: each word in both scripts with its role, so a variation can act
on one part (the surname, a given name) and both renderings stay aligned. Every variation
returns the changed name, or None when it cannot change this name (the caller picks another
person)."""

import random
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from evaluation.independent import vocab

# Roles of a name's words.
HON = "hon"  # honorific (Shri, Smt.)
GIVEN = "given"  # given name
MID = "mid"  # Kumar, Singh between the given name and the surname
SFX = "sfx"  # Bai, Devi, Ben, Bi, Kumari after a woman's given name
END = "end"  # Bano, Begum, Khatoon: part of a Muslim woman's name
SUR = "sur"  # surname
INIT = "init"  # an initial (R., के.)


@dataclass(frozen=True)
class Tok:
    lat: str
    dev: str
    role: str
    glue: bool = False  # written joined to the word before it (Kamlabai, कमलाबाई)


Name = tuple[Tok, ...]


def render_lat(name: Name) -> str:
    out = ""
    for tok in name:
        if not tok.lat:
            continue  # a word written in Devanagari only
        if tok.glue and out:
            out += tok.lat.lower()
        else:
            out += (" " if out else "") + tok.lat
    return out


def render_dev(name: Name) -> str:
    out = ""
    for tok in name:
        if tok.dev:
            out += tok.dev if tok.glue and out else (" " if out else "") + tok.dev
    return out


def words(name: Name, *roles: str) -> list[int]:
    return [i for i, tok in enumerate(name) if tok.role in roles]


# ---------------------------------------------------------------------------------------------
# Devanagari → Latin, with the choices a clerk makes

VIRAMA = "\u094d"
NUKTA = "\u093c"
ANUSVARA = "\u0902"
CANDRABINDU = "\u0901"
VISARGA = "\u0903"
CONSONANTS = {
    "क": "k",
    "ख": "kh",
    "ग": "g",
    "घ": "gh",
    "ङ": "n",
    "च": "ch",
    "छ": "chh",
    "ज": "j",
    "झ": "jh",
    "ञ": "n",
    "ट": "t",
    "ठ": "th",
    "ड": "d",
    "ढ": "dh",
    "ण": "n",
    "त": "t",
    "थ": "th",
    "द": "d",
    "ध": "dh",
    "न": "n",
    "प": "p",
    "फ": "ph",
    "ब": "b",
    "भ": "bh",
    "म": "m",
    "य": "y",
    "र": "r",
    "ल": "l",
    "व": "v",
    "श": "sh",
    "ष": "sh",
    "स": "s",
    "ह": "h",
}
WITH_NUKTA = {"ड": "r", "ढ": "rh", "ज": "z", "फ": "f", "क": "q", "ख": "kh", "ग": "g"}
MATRAS = {
    "ा": "aa",
    "ि": "i",
    "ी": "ii",
    "ु": "u",
    "ू": "uu",
    "ृ": "ri",
    "े": "e",
    "ै": "ai",
    "ो": "o",
    "ौ": "au",
    "ॉ": "o",
    "ॅ": "e",
}
INDEPENDENT = {
    "अ": "a",
    "आ": "aa",
    "इ": "i",
    "ई": "ii",
    "उ": "u",
    "ऊ": "uu",
    "ऋ": "ri",
    "ए": "e",
    "ऐ": "ai",
    "ओ": "o",
    "औ": "au",
    "ऑ": "o",
}
LABIALS = {"प", "फ", "ब", "भ", "म"}


@dataclass(frozen=True)
class Unit:
    """One written syllable: a consonant cluster, its vowel (None: the inherent a, "": none,
    written with a virama) and the nasal or visarga after it; or a single other character."""

    cluster: tuple[str, ...]
    vowel: str | None
    nasal: str = ""
    literal: str = ""
    text: str = ""  # the Devanagari it was read from


def units(word: str) -> list[Unit]:
    word = unicodedata.normalize("NFD", word)
    out: list[Unit] = []
    i, n = 0, len(word)
    while i < n:
        start = i
        ch = word[i]
        if ch in CONSONANTS:
            cluster = []
            while True:
                c = word[i]
                i += 1
                if i < n and word[i] == NUKTA:
                    c += NUKTA
                    i += 1
                cluster.append(c)
                if i + 1 < n and word[i] == VIRAMA and word[i + 1] in CONSONANTS:
                    i += 1
                    continue
                break
            vowel: str | None = None
            if i < n and word[i] == VIRAMA:
                vowel = ""
                i += 1
            elif i < n and word[i] in MATRAS:
                vowel = MATRAS[word[i]]
                i += 1
            nasal = ""
            while i < n and word[i] in (ANUSVARA, CANDRABINDU, VISARGA):
                nasal += word[i]
                i += 1
            out.append(Unit(tuple(cluster), vowel, nasal, text=word[start:i]))
        elif ch in INDEPENDENT:
            i += 1
            nasal = ""
            while i < n and word[i] in (ANUSVARA, CANDRABINDU, VISARGA):
                nasal += word[i]
                i += 1
            out.append(Unit((), INDEPENDENT[ch], nasal, text=word[start:i]))
        else:
            i += 1
            out.append(Unit((), None, literal=ch, text=ch))
    return out


@dataclass(frozen=True)
class Romanisation:
    """The choices that make two clerks romanise the same Devanagari differently."""

    aa: str = "a"  # ा: "a" | "aa" (not at the end of a word)
    ii: str = "i"  # ी: "i" | "ee" | "ee-medial"
    uu: str = "u"  # ू: "u" | "oo"
    au: str = "au"  # ौ: "au" | "ou"
    sh: str = "sh"  # श: "sh" | "s"
    ssa: str = "sh"  # ष: "sh" | "s"
    v: str = "v"  # व: "v" | "w" | "b"
    chh: str = "chh"  # छ: "chh" | "ch"
    ksh: str = "ksh"  # क्ष: "ksh" | "x" | "chh"
    ph: str = "ph-initial"  # फ: "ph-initial" (Phool, but Yusuf) | "ph" | "f"
    z: str = "z"  # ज़: "z" | "j"
    flap: str = "r"  # ड़: "r" | "d"
    ri: str = "ri"  # ृ: "ri" | "ru"
    labial_nasal: str = "n"  # ं before p, b, m: "n" | "m"
    schwa: str = "hindi"  # "hindi": the a dropped where Hindi drops it | "kept"
    final_y: str = "y"  # -अय at the end: "y" | "i"
    geminate: bool = True  # ड्ड as "dd" (Guddi) or "d" (Gudi)


CHOICES: dict[str, tuple[str | bool, ...]] = {
    "aa": ("a", "aa"),
    "ii": ("i", "ee", "ee-medial"),
    "uu": ("u", "oo"),
    "au": ("au", "ou"),
    "sh": ("sh", "s"),
    "ssa": ("sh", "s"),
    "v": ("v", "w", "b"),
    "chh": ("chh", "ch"),
    "ksh": ("ksh", "x", "chh"),
    "ph": ("ph-initial", "ph", "f"),
    "z": ("z", "j"),
    "flap": ("r", "d"),
    "ri": ("ri", "ru"),
    "labial_nasal": ("n", "m"),
    "schwa": ("hindi", "kept"),
    "final_y": ("y", "i"),
    "geminate": (True, False),
}


def random_romanisation(rng: random.Random, changes: int = 3) -> Romanisation:
    """A clerk's habits: the usual choices but for a few."""
    fields = rng.sample(sorted(CHOICES), changes)
    habits: dict[str, Any] = {f: rng.choice(CHOICES[f][1:]) for f in fields}
    return replace(Romanisation(), **habits)


def _consonant(c: str, opts: Romanisation, initial: bool = False) -> str:
    if c.endswith(NUKTA):
        base = c[0]
        if base == "ज":
            return opts.z
        if base == "ड":
            return opts.flap
        if base == "ढ":
            return opts.flap + "h"
        if base == "फ":
            return "f"
        return WITH_NUKTA.get(base, CONSONANTS[base])
    if c == "श":
        return opts.sh
    if c == "ष":
        return opts.ssa
    if c == "व":
        return opts.v
    if c == "छ":
        return opts.chh
    if c == "फ":
        if opts.ph == "ph-initial":
            return "ph" if initial else "f"
        return opts.ph
    return CONSONANTS[c]


def _cluster(cluster: tuple[str, ...], opts: Romanisation, initial: bool = False) -> str:
    out = ""
    i = 0
    while i < len(cluster):
        c = cluster[i]
        nxt = cluster[i + 1] if i + 1 < len(cluster) else None
        if c == "क" and nxt == "ष":
            out += opts.ksh
            i += 2
            continue
        if c == "ज" and nxt == "ञ":
            out += "gy"
            i += 2
            continue
        if c == nxt and not opts.geminate:
            i += 1
            continue
        roman = _consonant(c, opts, initial and i == 0)
        if c == "व" and out and opts.v == "v":
            roman = "w"  # after a consonant व is w (Dwivedi, Swaroop)
        out += roman
        i += 1
    return out


def _vowel(code: str, opts: Romanisation, final: bool) -> str:
    if code == "aa":
        return "a" if final or opts.aa == "a" else "aa"
    if code == "ii":
        if opts.ii == "ee" or (opts.ii == "ee-medial" and not final):
            return "ee"
        return "i"
    if code == "uu":
        return opts.uu
    if code == "au":
        return opts.au
    if code == "ri":
        return opts.ri
    return code


def romanise_word(word: str, opts: Romanisation) -> str:
    us = units(word)
    n = len(us)
    keep: list[bool] = []  # whether each unit's inherent a is written
    for k, u in enumerate(us):
        if u.vowel is not None or u.literal:
            keep.append(True)
            continue
        last = k == n - 1 or bool(us[k + 1].literal)
        if last:
            keep.append(len(u.cluster) > 1 or bool(u.nasal))
            continue
        if opts.schwa == "kept" or k == 0 or u.nasal or len(u.cluster) > 1:
            keep.append(True)
            continue
        prev_has_vowel = us[k - 1].vowel != "" and keep[k - 1] and not us[k - 1].literal
        nxt = us[k + 1]
        nxt_last = k + 1 == n - 1 or (k + 2 < n and bool(us[k + 2].literal))
        nxt_sounds = nxt.vowel not in (None, "") or (
            nxt.vowel is None and not nxt_last and not nxt.literal
        )
        geminate = len(nxt.cluster) > 1 and nxt.cluster[0] == nxt.cluster[1]
        keep.append(not (prev_has_vowel and nxt_sounds and not geminate))
    out = ""
    for k, u in enumerate(us):
        if u.literal:
            out += u.literal
            continue
        final = k == n - 1 or bool(us[k + 1].literal)
        out += _cluster(u.cluster, opts, initial=k == 0)
        if u.vowel is None:
            if keep[k]:
                out += "a"
        elif u.vowel:
            out += _vowel(u.vowel, opts, final)
        if final and u.vowel is None and not keep[k] and u.cluster == ("य",) and out.endswith("ay"):
            out = out[:-1] + opts.final_y if opts.final_y == "i" else out
        for mark in u.nasal:
            if mark == VISARGA:
                out += "h"
            else:
                following = us[k + 1].cluster[:1] if k + 1 < n else ()
                if following and following[0] in LABIALS:
                    out += opts.labial_nasal
                elif following == ("ह",):
                    out += "ng"  # सिंह: Singh
                else:
                    out += "n"
    if not out:
        return out
    return out[0].upper() + out[1:]


def romanise(text: str, opts: Romanisation) -> str:
    return " ".join(romanise_word(w, opts) for w in text.split())


# ---------------------------------------------------------------------------------------------
# Latin → Devanagari as a careless phonetic typing would give it


@dataclass(frozen=True)
class Typing:
    final_i: str = "ी"  # i at the end of a word
    short_i: str = "ि"  # i inside a word
    u: str = "ु"  # u
    t: str = "त"  # t: त | ट
    d: str = "द"  # d: द | ड
    nasal: str = "ं"  # n or m before a consonant: ं | न्
    clusters: str = "halant"  # two consonants: "halant" (कम्ला) | "loose" (कमला)
    final_a: str = "ा"  # a at the end: ा | "" (the inherent a)
    sh: str = "श"  # sh: श | ष


TYPING_CHOICES: dict[str, tuple[str, ...]] = {
    "final_i": ("ी", "ि"),
    "short_i": ("ि", "ी"),
    "u": ("ु", "ू"),
    "t": ("त", "ट"),
    "d": ("द", "ड"),
    "nasal": ("ं", "न्"),
    "clusters": ("halant", "loose"),
    "final_a": ("ा", ""),
    "sh": ("श", "ष"),
}

LAT_CONSONANTS = {
    "ksh": "क्ष",
    "chh": "छ",
    "kh": "ख",
    "gh": "घ",
    "ch": "च",
    "jh": "झ",
    "th": "थ",
    "dh": "ध",
    "ph": "फ",
    "bh": "भ",
    "sh": "श",
    "k": "क",
    "g": "ग",
    "c": "क",
    "j": "ज",
    "t": "त",
    "d": "द",
    "n": "न",
    "p": "प",
    "f": "फ़",
    "b": "ब",
    "m": "म",
    "y": "य",
    "r": "र",
    "l": "ल",
    "v": "व",
    "w": "व",
    "s": "स",
    "h": "ह",
    "x": "क्स",
    "z": "ज़",
    "q": "क",
}
LAT_VOWELS = {
    "aa": ("आ", "ा"),
    "ai": ("ऐ", "ै"),
    "au": ("औ", "ौ"),
    "ou": ("औ", "ौ"),
    "ee": ("ई", "ी"),
    "oo": ("ऊ", "ू"),
    "a": ("अ", ""),
    "i": ("इ", "ि"),
    "u": ("उ", "ु"),
    "e": ("ए", "े"),
    "o": ("ओ", "ो"),
}


# n and m written as the anusvara before these consonants (Sanjay संजय, Champa चंपा).
NASAL_BEFORE = {
    "n": ("k", "kh", "g", "gh", "ch", "chh", "j", "jh", "t", "th", "d", "dh", "s", "sh"),
    "m": ("p", "ph", "b", "bh"),
}


def _lat_tokens(word: str) -> list[tuple[str, str]]:
    """('c', consonant) and ('v', vowel) pieces of a lower-case Latin word."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(word):
        for size in (3, 2, 1):
            piece = word[i : i + size]
            if piece in LAT_CONSONANTS and len(piece) == size:
                out.append(("c", piece))
                break
            if piece in LAT_VOWELS and len(piece) == size:
                out.append(("v", piece))
                break
        else:
            out.append(("x", word[i]))
            size = 1
        i += size
    # A y after a consonant at the end is a vowel (Pinky); -ey at the end is e (Dubey).
    if len(out) >= 2 and out[-1] == ("c", "y") and out[-2][0] == "c":
        out[-1] = ("v", "ee")
    if len(out) >= 2 and out[-1] == ("c", "y") and out[-2] == ("v", "e"):
        out.pop()
    # A word of one short a (Ram, Das, Lal) is said long.
    vowels = [i for i, (kind, _p) in enumerate(out) if kind == "v"]
    if len(vowels) == 1 and out[vowels[0]][1] == "a" and vowels[0] > 0 and vowels[0] < len(out) - 1:
        out[vowels[0]] = ("v", "aa")
    return out


def type_devanagari_word(word: str, opts: Typing) -> str:
    pieces = _lat_tokens(word.lower())
    out = ""
    n = len(pieces)
    for k, (kind, piece) in enumerate(pieces):
        prev = pieces[k - 1] if k else None
        nxt = pieces[k + 1] if k + 1 < n else None
        if kind == "x":
            out += piece
        elif kind == "c":
            letter = LAT_CONSONANTS[piece]
            if piece == "t":
                letter = opts.t
            elif piece == "d":
                letter = opts.d
            elif piece == "sh":
                letter = opts.sh
            nasal_before = NASAL_BEFORE.get(piece, ())
            nasal_here = nxt is not None and nxt[0] == "c" and nxt[1] in nasal_before
            if nasal_here and prev is not None and prev[0] == "v":
                out += opts.nasal if opts.nasal == "ं" else letter + VIRAMA
                continue
            out += letter
            if nxt is not None and nxt[0] == "c":
                joined = (
                    opts.clusters == "halant"
                    or nxt[1] in ("r", "y", "v", "w")
                    or nxt[1] == piece
                    or prev is None
                    or prev[0] != "v"
                )
                if joined:
                    out += VIRAMA
        elif kind == "v":
            after_consonant = prev is not None and prev[0] == "c"
            final = nxt is None
            independent, sign = LAT_VOWELS[piece]
            if not after_consonant:
                if prev is not None and prev[1] in ("i", "ee") and piece in ("a", "aa"):
                    out += "य" + ("ा" if final or piece == "aa" else "")  # Bhuria: भुरिया
                else:
                    out += independent
                continue
            if piece == "a" and final:
                sign = opts.final_a
            elif piece == "i":
                sign = opts.final_i if final else opts.short_i
            elif piece == "u":
                sign = opts.u
            out += sign
    return out


def type_devanagari(text: str, opts: Typing) -> str:
    return " ".join(type_devanagari_word(w, opts) for w in text.split())


def random_typing(rng: random.Random, changes: int = 2) -> Typing:
    fields = rng.sample(sorted(TYPING_CHOICES), changes)
    return replace(Typing(), **{f: rng.choice(TYPING_CHOICES[f][1:]) for f in fields})


def _same_lat(a: str, b: str) -> bool:
    return a.lower() == b.lower()


def _name_parts(name: Name) -> list[int]:
    return words(name, GIVEN, SUR, MID, SFX, END)


def rescript(name: Name, rng: random.Random) -> Name | None:
    """The name written again from the other script: the Latin romanised afresh from the
    Devanagari by a clerk with other habits, or the Devanagari typed from the Latin."""
    mode = rng.choices(("lat", "dev", "both"), (55, 30, 15))[0]
    out = list(name)
    changed_lat = changed_dev = False
    for _attempt in range(6):
        out = list(name)
        changed_lat = changed_dev = False
        if mode in ("lat", "both"):
            opts = random_romanisation(rng, rng.choice((2, 3, 4)))
            for i in _name_parts(name):
                tok = out[i]
                new = romanise(tok.dev, opts)
                if tok.glue:
                    new = new.lower()
                if new and not _same_lat(new, tok.lat):
                    out[i] = replace(tok, lat=new)
                    changed_lat = True
        if mode in ("dev", "both"):
            typing = random_typing(rng, rng.choice((1, 2, 3)))
            for i in _name_parts(name):
                tok = out[i]
                new = type_devanagari(name[i].lat, typing)
                if new and new != tok.dev and DEVANAGARI_LETTER.search(new):
                    out[i] = replace(tok, dev=new)
                    changed_dev = True
        if (mode == "lat" and changed_lat) or (mode == "dev" and changed_dev):
            return tuple(out)
        if mode == "both" and (changed_lat or changed_dev):
            return tuple(out)
        mode = rng.choice(("lat", "dev"))
    return None


DEVANAGARI_LETTER = re.compile("[\u0900-\u097f]")


# ---------------------------------------------------------------------------------------------
# Variant spellings

# Spellings of one word that all occur in registers.
SPELLINGS = (
    ("Laxmi", "Lakshmi", "Luxmi", "Lachhmi"),
    ("Mohammad", "Mohd", "Mohammed", "Muhammad", "Mohamad"),
    ("Chauhan", "Chouhan"),
    ("Choudhary", "Chaudhary", "Chaudhari", "Choudhari"),
    ("Pandey", "Pande", "Pandy"),
    ("Dubey", "Dube", "Dubay"),
    ("Tiwari", "Tiwary", "Tewari"),
    ("Srivastava", "Shrivastava", "Shrivastav"),
    ("Agrawal", "Agarwal", "Agrwal"),
    ("Rathore", "Rathor", "Rathour"),
    ("Sheikh", "Shaikh", "Shekh"),
    ("Hussain", "Husain", "Hussein"),
    ("Qureshi", "Kureshi", "Quraishi"),
    ("Uikey", "Uike", "Uikay"),
    ("Dhurve", "Dhurvey", "Dhurwe"),
    ("Maravi", "Marawi", "Marvi"),
    ("Kushwaha", "Kushwah", "Kushvaha"),
    ("Raghuvanshi", "Raghuwanshi", "Raghubanshi"),
    ("Vishwakarma", "Vishvakarma", "Bishwakarma"),
    ("Jatav", "Jatao"),
    ("Ahirwar", "Ahirvar"),
    ("Bhuria", "Bhuriya"),
    ("Pooja", "Puja"),
    ("Geeta", "Gita"),
    ("Seema", "Sima"),
    ("Sita", "Seeta"),
    ("Shiv", "Shiva"),
    ("Krishna", "Krushna", "Krisna"),
    ("Vijay", "Bijay", "Vijai"),
    ("Sanjay", "Sanjai"),
    ("Ajay", "Ajai"),
    ("Kamla", "Kamala"),
    ("Vimla", "Vimala", "Bimla"),
    ("Nirmala", "Nirmla"),
    ("Sushila", "Susheela", "Sushilla"),
    ("Shakuntala", "Sakuntala", "Shakuntla"),
    ("Savitri", "Sabitri", "Savitry"),
    ("Kaushalya", "Kaushilya", "Koshalya"),
    ("Rukmini", "Rukmani"),
    ("Prakash", "Parkash"),
    ("Pradeep", "Pardeep", "Pradip"),
    ("Ramswaroop", "Ramsvaroop", "Ramsarup", "Ramswarup"),
    ("Shatrughan", "Shatrughna", "Satrughan"),
    ("Dropadi", "Draupadi", "Dropdi"),
    ("Yashoda", "Jashoda"),
    ("Iqbal", "Ikbal"),
    ("Farooq", "Faruk", "Farukh"),
    ("Mushtaq", "Mustak"),
    ("Shahnaz", "Sahnaj", "Shehnaz"),
    ("Zarina", "Jarina"),
    ("Noorjahan", "Nurjahan"),
    ("Rehana", "Rihana"),
    ("Ayesha", "Aisha"),
    ("Yasmin", "Yasmeen", "Jasmin"),
    ("Laxman", "Lakshman", "Lachhman"),
    ("Brijesh", "Brajesh", "Birjesh"),
    ("Raghvendra", "Raghavendra", "Raghwendra"),
    ("Jaswant", "Jasvant", "Jaswanth"),
    ("Yashwant", "Yashvant", "Jaswant"),
    ("Ranjeet", "Ranjit"),
    ("Ajeet", "Ajit"),
    ("Naveen", "Navin"),
    ("Sandeep", "Sandip"),
    ("Ramkishan", "Ramkrishna", "Ramkisan"),
    ("Tulsiram", "Tulsi Ram"),
    ("Bhagwati", "Bhagvati"),
    ("Phoolwati", "Phulwati", "Fulwati"),
    ("Ramwati", "Ramvati"),
    ("Kalawati", "Kalavati", "Kalwati"),
    ("Bhadoria", "Bhadauria", "Bhadoriya"),
    ("Chourasia", "Chaurasia", "Chourasiya"),
    ("Bajpai", "Vajpayee", "Bajpei"),
    ("Upadhyay", "Upadhyaya", "Upadhaya"),
    ("Sisodiya", "Sisodia"),
    ("Solanki", "Solankee"),
)
_SPELLING_OF = {s.lower(): group for group in SPELLINGS for s in group}

# Letter-level habits (a lower-case word, each applied at one place).
RULES = (
    (r"ee", "i"),
    (r"(?<=[^aeiou])i(?=[^aeiouy])", "ee"),
    (r"oo", "u"),
    (r"(?<=[^aeiou])u(?=[^aeiou])", "oo"),
    (r"ou", "au"),
    (r"au", "ou"),
    (r"^v", "b"),
    (r"^b", "v"),
    (r"w", "v"),
    (r"(?<=[aeiou])v", "w"),
    (r"sh", "s"),
    (r"(?<=[aeiou])s(?=[aeiou])", "sh"),
    (r"ksh", "x"),
    (r"x", "ksh"),
    (r"endra$", "inder"),
    (r"endra$", "ender"),
    (r"endra$", "indra"),
    (r"ph", "f"),
    (r"(?<!p)f", "ph"),
    (r"z", "j"),
    (r"q", "k"),
    (r"aa", "a"),
    (r"ay$", "ai"),
    (r"ai$", "ay"),
    (r"([bcdfgjklmnprstvz])\1", r"\1"),
    (r"(?<=[^aeiou][aiu])([lntdmkp])(?=[aeiou])", r"\1\1"),
    (r"chh", "ch"),
    (r"(?<=[aeiou])ch(?!h)", "chh"),
    (r"(?<=^[kbh])ri", "ru"),
    (r"i$", "ee"),
    (r"(?<=[aeiou])y(?=a)", ""),
    (r"(?<=[^aeiou])ya", "ia"),
    (r"ey$", "e"),
    (r"(?<=[^aeiou])e$", "ey"),
)


def _case_like(new: str, old: str) -> str:
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def respell_word(word: str, rng: random.Random) -> str | None:
    group = _SPELLING_OF.get(word.lower())
    if group is not None and rng.random() < 0.8:
        others = [s for s in group if s.lower() != word.lower()]
        return _case_like(rng.choice(others), word)
    low = word.lower()
    options = []
    for pattern, repl in RULES:
        for match in re.finditer(pattern, low):
            new = low[: match.start()] + match.expand(repl) + low[match.end() :]
            if new != low and len(new) >= 2:
                options.append(new)
    if not options:
        return None
    return _case_like(rng.choice(options), word)


DEV_SPELLINGS = (("श", "स"), ("ष", "श"), ("व", "ब"), ("ण", "न"), ("ड़", "ड"), ("ज़", "ज"), ("ृ", "रि"))


def respell_dev(word: str, rng: random.Random) -> str | None:
    word = unicodedata.normalize("NFC", word)
    options = []
    for a, b in DEV_SPELLINGS:
        a, b = unicodedata.normalize("NFC", a), unicodedata.normalize("NFC", b)
        for m in re.finditer(re.escape(a), word):
            options.append(word[: m.start()] + b + word[m.end() :])
    return rng.choice(options) if options else None


def respell(name: Name, rng: random.Random) -> Name | None:
    """Another spelling of a given name or the surname (Laxmi/Lakshmi, Chouhan/Chauhan,
    Surendra/Surinder, v/b, sh/s, doubled letters …), in Latin and sometimes in Devanagari."""
    targets = words(name, GIVEN, SUR, END)
    rng.shuffle(targets)
    out = list(name)
    done = 0
    for i in targets:
        new = respell_word(out[i].lat, rng)
        if new is None or _same_lat(new, out[i].lat):
            continue
        out[i] = replace(out[i], lat=new)
        done += 1
        if rng.random() < 0.3:
            dev = respell_dev(out[i].dev, rng)
            if dev:
                out[i] = replace(out[i], dev=dev)
        if done >= (2 if rng.random() < 0.2 else 1):
            break
    return tuple(out) if done else None


# ---------------------------------------------------------------------------------------------
# Typing slips

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
NEIGHBOURS: dict[str, str] = {}
for _r, _row in enumerate(_ROWS):
    for _c, _ch in enumerate(_row):
        near = ""
        for _dr in (-1, 0, 1):
            rr = _r + _dr
            if 0 <= rr < len(_ROWS):
                for _dc in (-1, 0, 1):
                    cc = _c + _dc
                    if (_dr or _dc) and 0 <= cc < len(_ROWS[rr]):
                        near += _ROWS[rr][cc]
        NEIGHBOURS[_ch] = near
DEV_NEAR = {
    "ब": "वभ",
    "व": "बप",
    "स": "शष",
    "श": "सष",
    "द": "डध",
    "ड": "दढ",
    "त": "टथ",
    "ट": "तठ",
    "न": "णम",
    "ण": "न",
    "प": "फय",
    "ग": "घ",
    "घ": "ग",
    "ध": "द",
    "थ": "त",
    "च": "छ",
    "छ": "च",
    "ज": "झ",
    "ख": "क",
    "क": "ख",
    "म": "न",
    "र": "ल",
    "ल": "र",
}


def typo_word(word: str, rng: random.Random) -> str:
    """One letter wrong, missing, doubled or swapped with the next; often near the start."""
    low = word.lower()
    n = len(low)
    if n < 3:
        return word
    pos = rng.randrange(0, 2) if rng.random() < 0.35 else rng.randrange(0, n)
    op = rng.choices(("sub", "del", "swap", "dup"), (40, 25, 25, 10))[0]
    if op == "swap" and pos < n - 1 and low[pos] != low[pos + 1]:
        new = low[:pos] + low[pos + 1] + low[pos] + low[pos + 2 :]
    elif op == "del":
        new = low[:pos] + low[pos + 1 :]
    elif op == "dup":
        new = low[: pos + 1] + low[pos] + low[pos + 1 :]
    else:
        near = NEIGHBOURS.get(low[pos], "aeiou")
        new = low[:pos] + rng.choice(near) + low[pos + 1 :]
    return new[:1].upper() + new[1:] if word[:1].isupper() else new


def typo_dev(word: str, rng: random.Random) -> str | None:
    chars = list(unicodedata.normalize("NFC", word))
    places = [i for i, c in enumerate(chars) if c in DEV_NEAR or c in MATRAS]
    if not places:
        return None
    i = rng.choice(places)
    if chars[i] in MATRAS and rng.random() < 0.6:
        del chars[i]
    elif chars[i] in DEV_NEAR:
        chars[i] = rng.choice(DEV_NEAR[chars[i]])
    else:
        return None
    new = "".join(chars)
    return new if new != word and DEVANAGARI_LETTER.search(new) else None


def typo(name: Name, rng: random.Random) -> Name | None:
    """A slip of the keyboard in a given name or the surname: mostly in the Latin name,
    sometimes in the Devanagari one (a consonant like its neighbour, a vowel sign left out)."""
    targets = words(name, GIVEN, SUR)
    weights = [3 if name[i].role == GIVEN else 1 for i in targets]
    if not targets:
        return None
    i = rng.choices(targets, weights)[0]
    out = list(name)
    where = rng.choices(("lat", "dev", "both"), (70, 20, 10))[0]
    changed = False
    if where in ("lat", "both") and len(out[i].lat) >= 3:
        for _ in range(4):
            new = typo_word(out[i].lat, rng)
            if new and not _same_lat(new, out[i].lat):
                out[i] = replace(out[i], lat=new)
                changed = True
                break
    if where in ("dev", "both") or not changed:
        dev = typo_dev(out[i].dev, rng)
        if dev:
            out[i] = replace(out[i], dev=dev)
            changed = True
    return tuple(out) if changed else None


# ---------------------------------------------------------------------------------------------
# Vowel-sign slips in Devanagari

MATRA_SWAPS = {
    "ि": "ी",
    "ी": "ि",
    "ु": "ू",
    "ू": "ु",
    "े": "ै",
    "ै": "े",
    "ो": "ौ",
    "ौ": "ो",
    "इ": "ई",
    "ई": "इ",
    "उ": "ऊ",
    "ऊ": "उ",
}


def matra_options(word: str) -> list[str]:
    """Every way of writing ``word`` with one vowel sign or nasal slipped."""
    word = unicodedata.normalize("NFC", word)
    options = []
    for i, c in enumerate(word):
        if c in MATRA_SWAPS:
            options.append(word[:i] + MATRA_SWAPS[c] + word[i + 1 :])
        following = word[i + 1] if i + 1 < len(word) else ""
        if c == ANUSVARA and following in CONSONANTS:
            half = "म" if following in LABIALS else "न"
            options.append(word[:i] + half + VIRAMA + word[i + 1 :])
        if c == ANUSVARA and i > 1:
            options.append(word[:i] + CANDRABINDU + word[i + 1 :])
        if (
            c in ("न", "म")
            and i + 2 < len(word)
            and word[i + 1] == VIRAMA
            and word[i + 2] in CONSONANTS
            and word[i + 2] != c
        ):
            options.append(word[:i] + ANUSVARA + word[i + 2 :])
    return options


def matra(name: Name, rng: random.Random) -> Name | None:
    """One or two vowel-sign slips in the Devanagari name: ि/ी, ु/ू, े/ै, ो/ौ, anusvara ं for
    न् or म् and back."""
    targets = [i for i in words(name, GIVEN, SUR, SFX, END) if matra_options(name[i].dev)]
    if not targets:
        return None
    out = list(name)
    for _ in range(2 if rng.random() < 0.25 else 1):
        i = rng.choice(targets)
        options = matra_options(out[i].dev)
        if options:
            out[i] = replace(out[i], dev=rng.choice(options))
    changed = render_dev(tuple(out)) != render_dev(name)
    return tuple(out) if changed else None


# ---------------------------------------------------------------------------------------------
# Structure: honorifics, Kumar/Kumari, Bai/Devi, surnames, initials


def add_honorific(
    name: Name, rng: random.Random, *, gender: str, married: bool, age: int, muslim: bool
) -> Name | None:
    """Shri, Smt., Km., Sushri, Late, Mr, Mrs, Md. written in the name field (in Latin, and
    mostly in Devanagari too)."""
    if words(name, HON):
        return drop_honorific(name)
    if age >= 65 and rng.random() < 0.15:
        pool = vocab.HONORIFIC_LATE
    elif gender == "M":
        pool = vocab.HONORIFIC_MUSLIM_MAN if muslim and rng.random() < 0.6 else vocab.HONORIFIC_MAN
    elif married or age >= 30:
        pool = vocab.HONORIFIC_WIFE
    else:
        pool = vocab.HONORIFIC_GIRL
    entry = rng.choice(pool)
    dev = entry.dev if rng.random() < 0.7 else ""
    if not dev:  # written in the Latin name only; the Devanagari keeps the name as it was
        return (Tok(entry.lat, "", HON), *name)
    return (Tok(entry.lat, dev, HON), *name)


def drop_honorific(name: Name) -> Name | None:
    out = tuple(t for t in name if t.role != HON)
    return out if out != name and out else None


def toggle_kumar(name: Name, rng: random.Random, *, gender: str) -> Name | None:
    """Kumar (a man) or Kumari (a woman) written or left out: "Yogendra" / "Yogendra Kumar"."""
    both = rng.random() < 0.8
    if gender == "M":
        mids = [i for i, t in enumerate(name) if t.role in (MID, GIVEN) and t.lat == "Kumar"]
        givens = words(name, GIVEN)
        if mids and len(givens) + len(words(name, MID)) > 1:
            i = mids[0]
            if both:
                return name[:i] + name[i + 1 :]
            return (*name[:i], replace(name[i], lat="", role=MID), *name[i + 1 :])
        if not givens or "Kumar" in name[givens[0]].lat:
            return None
        last = givens[-1]
        kumar = Tok(vocab.KUMAR.lat, vocab.KUMAR.dev if both else "", MID)
        return (*name[: last + 1], kumar, *name[last + 1 :])
    sfx = [i for i, t in enumerate(name) if t.role == SFX and t.lat == "Kumari"]
    if sfx:
        i = sfx[0]
        return name[:i] + name[i + 1 :]
    if words(name, SFX):
        return None
    givens = words(name, GIVEN)
    if not givens:
        return None
    last = givens[-1]
    kumari = Tok(vocab.KUMARI.lat, vocab.KUMARI.dev if both else "", SFX)
    return (*name[: last + 1], kumari, *name[last + 1 :])


def toggle_bai(name: Name, rng: random.Random, *, muslim: bool) -> Name | None:
    """Bai, Devi, Ben (Bi, Bee) added, dropped, swapped, or joined to the name or set apart
    ("Anju" / "Anju Devi", "Kamlabai" / "Kamla Bai")."""
    sfx = [i for i, t in enumerate(name) if t.role == SFX and t.lat != "Kumari"]
    if sfx:
        i = sfx[0]
        tok = name[i]
        move = rng.choices(("drop", "swap", "glue"), (40, 30, 30))[0]
        if move == "glue":
            return (*name[:i], replace(tok, glue=not tok.glue), *name[i + 1 :])
        if move == "swap":
            pool = vocab.MUSLIM_WOMAN_SUFFIXES if muslim else vocab.WOMAN_SUFFIXES
            others = [e for e in pool if e.dev != tok.dev]
            if others:
                e = rng.choice(others)
                return (*name[:i], replace(tok, lat=e.lat, dev=e.dev), *name[i + 1 :])
        return name[:i] + name[i + 1 :]
    if words(name, END):
        return None  # Shahnaz Bano: no Bi after a Bano
    givens = words(name, GIVEN)
    if not givens:
        return None
    pool = vocab.MUSLIM_WOMAN_SUFFIXES if muslim else vocab.WOMAN_SUFFIXES
    e = rng.choices(pool, (60, 30, 10) if len(pool) == 3 else (50, 50))[0]
    glue = e.lat in ("Bai", "Ben") and rng.random() < 0.35
    last = givens[-1]
    return (*name[: last + 1], Tok(e.lat, e.dev, SFX, glue), *name[last + 1 :])


def omit_surname(name: Name, rng: random.Random) -> Name | None:
    """The surname left out (mostly in both scripts)."""
    sur = words(name, SUR)
    if not sur or len(sur) == len(name):
        return None
    i = sur[0]
    if rng.random() < 0.85:
        return name[:i] + name[i + 1 :]
    return (*name[:i], replace(name[i], lat=""), *name[i + 1 :])


def surname_first(name: Name, rng: random.Random) -> Name | None:
    """ "Sharma Ramesh": the surname written first (in both scripts or in Latin only)."""
    sur = words(name, SUR)
    if not sur or sur[0] == 0 or not words(name, GIVEN):
        return None
    i = sur[0]
    tok = name[i]
    rest = name[:i] + name[i + 1 :]
    hon = len(words(rest, HON))
    if rng.random() < 0.6:
        return (*rest[:hon], tok, *rest[hon:])
    # Latin only: the surname's Latin word moves ahead, the Devanagari stays at the end.
    return (*rest[:hon], replace(tok, dev=""), *rest[hon:], replace(tok, lat=""))


def _first_akshara(dev: str) -> str:
    us = units(dev)
    return unicodedata.normalize("NFC", us[0].text) if us else dev[:1]


def initials(name: Name, rng: random.Random) -> Name | None:
    """The given names cut to initials: "R. K. Sharma", "R.K. Sharma", "RK Sharma"; the
    Devanagari as "आर. के. शर्मा", "रा. कु. शर्मा" or left in full."""
    givens = words(name, GIVEN, MID)
    if not givens or not words(name, SUR):
        return None
    lat_style = rng.choices(("dots", "tight", "bare", "keep-last"), (45, 20, 15, 20))[0]
    dev_style = rng.choices(("letters", "akshara", "full"), (40, 30, 30))[0]
    if len(givens) < 2 and lat_style == "keep-last":
        lat_style = "dots"
    cut = givens[:-1] if lat_style == "keep-last" else givens
    letters = [name[i].lat[:1].upper() for i in cut]
    if lat_style == "dots" or lat_style == "keep-last":
        lat_parts = [f"{x}." for x in letters]
    elif lat_style == "tight":
        lat_parts = [".".join(letters) + "."]
    else:
        lat_parts = ["".join(letters)] if rng.random() < 0.5 else letters
    if dev_style == "letters":
        dev_parts = [vocab.LETTER_NAMES.get(x, x) + "." for x in letters]
    elif dev_style == "akshara":
        dev_parts = [_first_akshara(name[i].dev) + "." for i in cut]
    else:
        dev_parts = [name[i].dev for i in cut]
    first = cut[0]
    out = list(name[:first])
    n = max(len(lat_parts), len(dev_parts))
    for k in range(n):
        out.append(
            Tok(
                lat_parts[k] if k < len(lat_parts) else "",
                dev_parts[k] if k < len(dev_parts) else "",
                INIT,
            )
        )
    out += [t for j, t in enumerate(name) if j > first and j not in cut]
    return tuple(out)


def clean(name: Name) -> Name:
    """Words left empty in one script are only placeholders; a name keeps both renderings."""
    return tuple(t for t in name if t.lat or t.dev)


# ---------------------------------------------------------------------------------------------
# Dates of birth


def dob_year_only(dob: str, year: str) -> tuple[str, str] | None:
    return ("", dob[:4]) if dob else None


def dob_missing(dob: str, year: str) -> tuple[str, str] | None:
    return ("", "") if dob or year else None


def dob_plus_minus_one(dob: str, year: str, rng: random.Random, latest: date) -> tuple[str, str]:
    """The year one off (an age counted at the wrong birthday)."""
    base = int(dob[:4]) if dob else int(year)
    step = rng.choice((-1, 1))
    if dob:
        d = date.fromisoformat(dob)
        for s in (step, -step):
            try:
                moved = d.replace(year=d.year + s)
            except ValueError:  # 29 February
                moved = date(d.year + s, 2, 28)
            if moved <= latest:
                return (moved.isoformat(), "")
        return (d.isoformat(), "")
    new = base + step if base + step <= latest.year else base - step
    return ("", str(new))


def dob_day_month_swapped(dob: str, year: str) -> tuple[str, str] | None:
    if not dob:
        return None
    y, m, d = dob.split("-")
    if int(d) > 12 or d == m:
        return None
    return (f"{y}-{d}-{m}", "")
