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
