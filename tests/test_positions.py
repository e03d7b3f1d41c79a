"""Over every fixture and example article, with every rule on: the text at each reported span is its excerpt."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, ROOT, assert_spans_match, lint
from docx_fixtures import build_story, build_table

from linter.readers.files import decode, is_article, read_article

ARTICLES = sorted(p for folder in (FIXTURES, ROOT / "examples") for p in folder.rglob("*") if is_article(p.name))


def test_there_are_fixtures_of_every_format():
    assert {p.suffix for p in ARTICLES} >= {".md", ".txt", ".html"}


@pytest.mark.parametrize("path", ARTICLES, ids=[str(p.relative_to(ROOT)) for p in ARTICLES])
def test_spans_read_back_as_excerpts(path, default_config):
    source, _ = decode(path.read_bytes())
    findings = lint(source, list(default_config.rules), name=path.name, config=default_config)
    assert_spans_match(source, findings)
    for f in findings:
        assert (f.line, f.column) < (f.end_line, f.end_column), f


@pytest.mark.parametrize("build", [build_story, build_table], ids=["story.docx", "table.docx"])
def test_spans_in_word_documents_read_back_as_excerpts(build, tmp_path, default_config):
    path = tmp_path / "article.docx"
    build(path)
    source, _ = read_article(str(path))
    findings = lint(source, list(default_config.rules), name=path.name, config=default_config)
    assert findings  # the fixtures hold a doubled word at least
    assert_spans_match(source, findings)
    paragraphs = source.split("\n")
    for f in findings:
        assert (f.line, f.column) < (f.end_line, f.end_column), f
        if f.line == f.end_line:
            assert paragraphs[f.line - 1][f.column - 1 : f.end_column - 1] == f.excerpt, f
