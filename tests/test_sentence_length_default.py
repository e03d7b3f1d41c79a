"""sentence-length's default, checked against BBC News: more than 40 words."""

from __future__ import annotations

from conftest import lint


def sentence(words: int) -> str:
    return " ".join(["word"] * (words - 1)) + " end."


def test_forty_words_pass_and_forty_one_are_flagged():
    assert lint(sentence(40) + "\n", "sentence-length") == []
    [finding] = lint(sentence(41) + "\n", "sentence-length")
    assert finding.message == "sentence is 41 words long (more than 40)"
