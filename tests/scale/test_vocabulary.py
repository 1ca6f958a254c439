import subprocess
import sys
from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz

from registry.names import DEVANAGARI, normalize_name
from scale import synth_vocab as vocab
from tests.scale.conftest import read

ROOT = Path(__file__).resolve().parents[2]
DIGEST = (
    "import hashlib; from scale import synth_vocab as v; "
    "print(hashlib.sha256(repr((v.male(), v.female(), v.surnames())).encode()).hexdigest())"
)


def test_the_vocabulary_is_state_sized() -> None:
    men, women, surnames = vocab.male()[0], vocab.female()[0], vocab.surnames()[0]
    assert len(men) > 1_000 and len(women) > 500 and len(surnames) > 200
    assert len({n[0] for n in men + women}) > 2_000  # distinct given names
    for names in (men, women, surnames):
        assert len({n[0] for n in names}) == len(names)


def test_every_name_is_written_in_both_scripts_with_variants() -> None:
    every = vocab.male()[0] + vocab.female()[0] + vocab.surnames()[0]
    for latin, hindi, latin_variants, hindi_variants in every:
        assert latin.isalpha() and latin.isascii() and latin[0].isupper()
        assert DEVANAGARI.search(hindi) and not any(c.isascii() for c in hindi)
        assert latin_variants and latin not in latin_variants
        assert hindi not in hindi_variants
    # The two scripts say the same name (read as registry.names reads them).
    agree = [fuzz.ratio(normalize_name(n[0]), normalize_name(n[1])) >= 70 for n in every]
    assert sum(agree) >= 0.98 * len(every)


def test_a_few_names_are_common_and_most_are_rare(small_state: Path) -> None:
    _names, weights = vocab.male()
    share = [(b - a) / weights[-1] for a, b in zip([0.0, *weights], weights, strict=False)]
    assert 0.005 < share[0] < 0.02  # the commonest, about 1 % of men
    assert share[0] > 20 * share[-1]
    members = read(small_state / "members.csv")[1:]
    firsts = Counter(row[3].split()[0] for row in members)
    assert len(firsts) > 0.5 * len(members)  # a village, not ten names repeated


def test_the_vocabulary_is_the_same_in_every_process() -> None:
    digests = {
        subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-c", DIGEST],
            cwd=ROOT,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1 and len(digests.pop().strip()) == 64
