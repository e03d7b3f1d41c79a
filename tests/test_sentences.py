"""Rule-based sentences keep abbreviations inside and know their quoted spans."""

from __future__ import annotations

import pytest

from linter.model.document import BlockBuilder
from linter.model.quotes import quoted_spans


def sentences(text: str) -> list[str]:
    builder = BlockBuilder("paragraph")
    builder.add(text, 0)
    return [s.text for s in builder.build().sentences]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Brandt met Dr. Okafor at 6 p.m. on Tuesday.",
        "The U.N. agency said U.S. officials had left.",
        "Sen. Ruiz and Gov. Lee spoke on Jan. 5 at St. Mary's.",
        "J. K. Rowling signed books at the store.",
        "Acme Corp. and Globex Inc. said shares rose.",
        '"Not now," she said.',
        '"Food?" she asked. ',
    ],
)
def test_one_sentence(text):
    assert sentences(text) == [text.strip()]


def test_dotted_abbreviation_before_a_sentence_opener_ends_the_sentence():
    assert sentences("The deal, which was backed by the U.S. These funds will go to ports.") == [
        "The deal, which was backed by the U.S.",
        "These funds will go to ports.",
    ]


def test_time_abbreviation_then_new_sentence():
    assert sentences("The gates opened at 6 a.m. The crowd was calm. Nobody was hurt!") == [
        "The gates opened at 6 a.m.",
        "The crowd was calm.",
        "Nobody was hurt!",
    ]


def test_closing_quote_after_the_stop():
    assert sentences('He said, "It is over." She left. Was it? Yes.') == [
        'He said, "It is over."',
        "She left.",
        "Was it?",
        "Yes.",
    ]


def test_quoted_spans_straight_and_curly():
    text = '“We held,” she said. He said "no" twice, and ‘it’s fine’ was heard.'
    spans = [text[a:b] for a, b in quoted_spans(text)]
    assert spans == ["“We held,”", '"no"', "‘it’s fine’"]


def test_apostrophes_are_not_quotes():
    assert quoted_spans("The board’s report and the workers' union didn't agree.") == []


def test_unclosed_quote_runs_to_the_end_of_the_paragraph():
    text = "“We will keep going until the end. Nobody can stop us."
    assert quoted_spans(text) == [(0, len(text))]


def test_sentence_knows_its_quoted_spans():
    builder = BlockBuilder("paragraph")
    builder.add("He left. “Not now,” she said. Fine.", 0)
    block = builder.build()
    second = block.sentences[1]
    assert second.text == "“Not now,” she said."
    assert [block.text[a:b] for a, b in second.quoted_spans] == ["“Not now,”"]
    assert second.in_quote(second.start + 1, second.start + 4)
    assert not second.in_quote(second.end - 5, second.end - 1)
