"""Quoted spans when a quotation runs on into a new paragraph whose opening mark follows an unclosed one."""

from __future__ import annotations

from linter.model.quotes import quoted_spans


def quoted(text):
    return [text[a:b] for a, b in quoted_spans(text)]


def test_an_opening_mark_inside_an_open_quote_continues_it():
    text = 'Mr Cole said: "Ada Rusk will lead. "They were wrong about Rusk." Mr Hart agreed.'
    assert quoted(text) == ['"Ada Rusk will lead. "They were wrong about Rusk."']


def test_ordinary_quotes_still_pair_up():
    assert quoted('"Hi," he said. "Bye." She left.') == ['"Hi,"', '"Bye."']
    assert quoted('He said "yes" and "no" twice.') == ['"yes"', '"no"']


def test_a_quotation_inside_one_written_with_the_same_marks_does_not_end_it():
    text = 'She said: "He was the "Grand Old Man" then and took an interest in my work." I agreed.'
    assert quoted(text) == ['"He was the "Grand Old Man" then and took an interest in my work."']


def test_two_apostrophes_open_before_a_word_and_close_elsewhere():
    text = "The club said. ''We want answers. ''It is sad. If we lose, we appeal.'' He left."
    assert quoted(text) == ["''We want answers. ''It is sad. If we lose, we appeal.''"]
    assert quoted("''Hi,'' he said.") == ["''Hi,''"]
