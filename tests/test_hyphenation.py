"""copydesk's hyphenator finds pyphen's points, parsing patterns only as words need them."""

from __future__ import annotations

import pyphen
import pytest

from linter.analysis.hyphenation import Hyphenator
from linter.analysis.readability import _cmudict_text

HARD_WORDS = [
    "zorblax",
    "Zorblax",
    "ZORBLAX",
    "a",
    "",
    "hyphenation",
    "İstanbul",
    "straße",
    "naïve",
    "co-operate",
    "rock'n'roll",
    "x" * 40,
    "supercalifragilisticexpialidocious",
]


def test_the_parsed_patterns_are_pyphens():
    ours = Hyphenator("en_US")
    assert ours.pyphen is None  # the shipped en_US dictionary is read here, not by pyphen
    parsed = {letters: ours._pattern(letters) for letters in ours.unparsed}
    theirs = pyphen.Pyphen(lang="en_US").hd.patterns
    assert {k: v for k, v in parsed.items() if v} == {k: (start, tuple(v)) for k, (start, v) in theirs.items()}


def test_points_are_pyphens_for_a_sample_of_cmudict_and_hard_words():
    words = sorted({line.split()[0] for line in _cmudict_text().splitlines() if line.strip()})[::40]
    words += [w.capitalize() for w in words[::5]] + HARD_WORDS
    ours, theirs = Hyphenator("en_US"), pyphen.Pyphen(lang="en_US")
    assert len(words) > 3000
    assert [ours.positions(w) for w in words] == [list(theirs.positions(w)) for w in words]
    assert ours.positions("hyphenation") == [2, 6]


@pytest.mark.parametrize("pattern", ["1ff/f=f,1,2", "^^e9x1y", "a1b"])
def test_a_dictionary_read_otherwise_is_left_to_pyphen(tmp_path, monkeypatch, pattern):
    dictionary = tmp_path / "hyph_xx_TEST.dic"
    dictionary.write_text("UTF-8\nLEFTHYPHENMIN 2\na1b\nc1d\n" + pattern + "\n", encoding="utf-8")
    monkeypatch.setitem(pyphen.LANGUAGES, "xx_TEST", dictionary)
    monkeypatch.setitem(pyphen.LANGUAGES_LOWERCASE, "xx_test", "xx_TEST")
    ours = Hyphenator("xx_TEST")
    assert ours.pyphen is not None  # nonstandard hyphenation, an escaped character, a pattern given twice
    assert ours.positions("abcdab") == list(pyphen.Pyphen(lang="xx_TEST").positions("abcdab"))
