"""Property tests: generated documents of every format through every rule never raise, every span lies inside
the file and reads back as its excerpt, and two runs give identical output."""

from __future__ import annotations

import pytest
from conftest import excerpt_at
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.run.config import load_config
from linter.run.engine import lint_text

pytestmark = pytest.mark.timeout(600)  # a hang in a reader fails the test instead of blocking CI

CONFIG = load_config(None)
# NLP rules are exercised on their own fixtures; here every rule whose check declares no spaCy analysis, so
# thousands of runs stay fast.
SETTINGS = [s for s in CONFIG.effective("x.md", select=list(CONFIG.rules)) if not s.rule.check_module.NEEDS]

PIECES = st.sampled_from(
    [
        "the the",
        "The The",
        "Mr. ",
        "U.S. ",
        "a.m. ",
        '"',
        "“",
        "”",
        "‘",
        "’",
        "'",
        ". ",
        "? ",
        "! ",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "# ",
        "## ",
        "> ",
        ">> > ",
        "- ",
        "* ",
        "1. ",
        "  • ",
        "| a | b |\n|---|---|\n| c | d |\n",
        "```\n",
        "`",
        "[link](http://x.y)",
        "![img](a.png)",
        "<p>",
        "</p>",
        "<article>",
        "</article>",
        "<script>",
        "</script>",
        "<!-- copydesk -->",
        "&amp;",
        "&#8217;",
        "&bogus",
        "---\n",
        "title: x\n",
        "\\*",
        "*",
        "_",
        "KEEP READING\n",
        "Advertisement\n",
        "By\n",
        "Jo Bloggs Avatar\n",
        "Share this article\n",
        "word ",
        "Ferry ",
        "\t",
        "\x0b",
        "\x00",
        "\u2028",
        "é",
        "😀",
        "\ufeff",
    ]
)
DOCUMENTS = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join)


def run(name: str, source: str):
    findings, _ = lint_text(name, source, SETTINGS)
    return [f.to_dict() for f in findings]


@pytest.mark.parametrize("name", ["doc.md", "doc.txt", "doc.html"])
@settings(max_examples=700, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=DOCUMENTS)
def test_any_document_lints_cleanly(name, source):
    first = run(name, source)
    assert first == run(name, source)
    for f in first:
        assert 1 <= f["line"] <= f["end_line"]
        assert excerpt_at(source, f["line"], f["column"], f["end_line"], f["end_column"]) == f["excerpt"]
        assert f["excerpt"]


@settings(max_examples=50, deadline=None)
@given(depth=st.integers(min_value=1, max_value=60))
def test_deep_markdown_nesting(depth):
    source = "".join("> " * i + "- " * (i % 3) + "At the the quay.\n" for i in range(depth))
    findings = run("deep.md", source)
    assert all(f["excerpt"] == "the the" for f in findings if f["rule"] == "repeated-word")
