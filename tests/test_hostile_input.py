"""Hostile input never runs away: the regular expressions that read article text on long runs of their worst
characters, whole articles made of such runs, pathological HTML, and random documents through every reader."""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.checks.incomplete_sentence import DATELINE_MAX_CHARS
from linter.readers import parse

TEXT_PACKAGES = ("linter.model", "linter.readers", "linter.analysis", "linter.analysis.people", "linter.checks")
# Runs that make a backtracking pattern slow: letters, capitals, spaces, dots, dashes, quotes, digits and mixes.
UNITS = [
    "a", "A", " ", ".", "a ", "A ", "I ", "a.", "A.", "-", "a-", "'", "’", '"', "“", "1", "1.", "1,", "aA",
    "a a", "Aa ", "the ", "said ", "Mr ", "http://", "www.", "<", "<a ", "\n", "\r\n", "\t", "—", "a—", "*", "#",
    "_", ", ", "(", ")", "[", "]", "!", "?", "…", ";", ":", "/", "&", "=", "a's ", "A's ", "A, ",
]  # fmt: skip
RUN_CHARS = 20_000
PATTERN_BUDGET = 0.5  # seconds for one pattern on one run: linear patterns take a few milliseconds
# Patterns that backtrack on long input, and the most characters their check gives them.
BOUNDED = {"linter.checks.incomplete_sentence.DATELINE": DATELINE_MAX_CHARS}


def text_patterns() -> dict[str, re.Pattern]:
    """Every compiled pattern at the top level of the modules that read article text."""
    patterns = {}
    for package in TEXT_PACKAGES:
        for info in pkgutil.iter_modules(importlib.import_module(package).__path__):
            module = importlib.import_module(f"{package}.{info.name}")
            for name, value in vars(module).items():
                values = (
                    value.values() if isinstance(value, dict) else value if isinstance(value, list | tuple) else [value]
                )
                for item in values:
                    if isinstance(item, re.Pattern) and isinstance(item.pattern, str):
                        patterns[f"{module.__name__}.{name}"] = item
    return patterns


PATTERNS = text_patterns()


def test_the_patterns_are_found():
    assert len(PATTERNS) >= 25
    assert "linter.checks.incomplete_sentence.DATELINE" in PATTERNS


@pytest.mark.timeout(600)
@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_no_pattern_backtracks_on_long_runs(name):
    """Each pattern, anchored at the start of a 20,000-character run of each worst-case unit (as `match` and as
    the checks call most patterns, on a sentence or a block), ends in well under a second; a pattern that its
    check gives only a bounded prefix gets that prefix."""
    pattern, limit = PATTERNS[name], BOUNDED.get(name, RUN_CHARS)
    slow = []
    for unit in UNITS:
        run = (unit * (RUN_CHARS // len(unit) + 1))[:RUN_CHARS]
        started = time.perf_counter()
        pattern.match(run[:limit])
        pattern.match((run + "\u2003x")[-limit:])
        elapsed = time.perf_counter() - started
        if elapsed > PATTERN_BUDGET:
            slow.append((unit, round(elapsed, 2)))
    assert slow == []


def copydesk(*args, cwd, timeout):
    env = dict(os.environ, XDG_CACHE_HOME=str(Path(cwd) / ".xdg-cache"), COPYDESK_PARSE_CACHE="")
    return subprocess.run(
        [sys.executable, "-m", "linter", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.mark.timeout(400)
def test_articles_of_hostile_runs_are_linted_in_bounded_time(tmp_path):
    """Articles of 4,000-character runs (capitals, one long word, stops, dashes, quotes, doubled words, initials)
    go through every default rule within the time limit, and none is refused. (At 12,000 characters, runs of "I"
    and of quotation marks still take over a minute: person-shift and a quote rule are quadratic in a block's
    length; see docs/reliability.md.)"""
    runs = {
        "capitals": "THE COUNCIL SAID NO " * 200,
        "initials": "I " * 2000,
        "one-word": "a" * 4000,
        "stops": ". " * 2000,
        "dots": "A." * 2000,
        "dashes": "- " * 2000,
        "quotes": "“" * 2000 + "”" * 2000,
        "doubled": "the " * 1000,
        "possessives": "Smith's " * 500,
    }
    for name, run in runs.items():
        (tmp_path / f"{name}.txt").write_text(f"Headline\n\n{run.strip()}\n\nThe end came.\n", encoding="utf-8")
    done = copydesk("check", "--no-cache", "--jobs", "1", "--format", "json", ".", cwd=tmp_path, timeout=380)
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr


HTML_CASES = {
    "nested.html": "<html><body>" + "<div>" * 20000 + "<p>The council met on Monday.</p>" + "</div>" * 20000,
    "attribute.html": '<html><body><p title="' + "x" * 5_000_000 + '">The council met on Monday.</p></body></html>',
    "comment.html": "<html><body><p>The council met on Monday.</p><!-- " + "never closed " * 20000,
    "script.html": "<html><body><script>" + "var a = '<p>not prose</p>';\n" * 40000 + "</script><p>Text.</p>",
}


@pytest.mark.timeout(600)
def test_pathological_html_is_linted_in_bounded_time(tmp_path):
    for name, html in HTML_CASES.items():
        (tmp_path / name).write_text(html, encoding="utf-8")
    (tmp_path / ".copydesk.yml").write_text("limits: {max_file_mb: 10}\n")
    for name in HTML_CASES:
        started = time.monotonic()
        done = copydesk("check", "--no-cache", "--format", "json", name, cwd=tmp_path, timeout=280)
        assert "Traceback" not in done.stderr, (name, done.stderr)
        assert done.returncode in (0, 1, 2), (name, done.stderr)
        print(name, f"{time.monotonic() - started:.1f} s")


MARKUP = st.sampled_from(
    ["\n", "\n\n", "# ", "> ", "- ", "1. ", "*", "_", "`", "<p>", "</p>", "<div>", "<!--", "-->", "<script>", "&amp;",
     "---\n", "title: x\n", "| a | b |\n", "[a](http://x.y)", "“", "”", "’", "\r\n", "\t", "\u00a0", "\ufeff"]
)  # fmt: skip
DOCUMENTS = st.lists(st.one_of(MARKUP, st.text(max_size=12)), max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=DOCUMENTS, name=st.sampled_from(["a.md", "a.txt", "a.html"]))
def test_every_reader_maps_every_character_of_its_blocks_into_the_source(source, name):
    doc = parse(name, source)
    for block in doc.blocks:
        assert len(block.starts) == len(block.ends) == len(block.text)
        assert all(0 <= a <= b <= len(source) for a, b in zip(block.starts, block.ends))
        assert list(block.starts) == sorted(block.starts)
