"""Sentence boundaries after a decimal number (found while measuring readability on BBC News)."""

from __future__ import annotations

from linter.readers import parse


def sentences(text: str) -> list[str]:
    return [s.text for block in parse("article.md", text).blocks for s in block.sentences]


def test_a_decimal_number_ends_a_sentence_like_any_word():
    assert sentences("One euro was worth $1.3218. Concerns over oil rose.") == [
        "One euro was worth $1.3218.",
        "Concerns over oil rose.",
    ]
    assert sentences("He scored 9.5. Judges agreed.") == ["He scored 9.5.", "Judges agreed."]


def test_dotted_abbreviations_and_decimals_inside_a_sentence_stay_whole():
    assert sentences("The U.S. Senate voted 52.5 to 47.5 on the bill. It passed.") == [
        "The U.S. Senate voted 52.5 to 47.5 on the bill.",
        "It passed.",
    ]
