"""Hostile input never runs away: the regular expressions that read article text on long runs of their worst
characters, whole articles made of such runs, pathological HTML, and random documents through every reader."""

from __future__ import annotations

import importlib
import json
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

from linter.checks.incomplete_sentence import DATELINE, DATELINE_MAX_CHARS
from linter.readers import parse

TEXT_PACKAGES = ("linter.model", "linter.readers", "linter.analysis", "linter.analysis.people", "linter.checks")
ROOT = Path(__file__).resolve().parent.parent
# Runs that make a backtracking pattern slow: letters, capitals, spaces, dots, dashes, quotes, digits and mixes.
UNITS = [
    "a", "A", " ", ".", "a ", "A ", "I ", "a.", "A.", "-", "a-", "'", "’", '"', "“", "1", "1.", "1,", "aA",
    "a a", "Aa ", "the ", "said ", "Mr ", "http://", "www.", "<", "<a ", "\n", "\r\n", "\t", "—", "a—", "*", "#",
    "_", ", ", "(", ")", "[", "]", "!", "?", "…", ";", ":", "/", "&", "=", "a's ", "A's ", "A, ",
]  # fmt: skip
RUN_CHARS = 20_000  # anchored at the start: a pattern that backtracks at one position
SEARCH_CHARS = 2_000  # searched from every position: a pattern that costs the length of the text at each one
PATTERN_BUDGET = 0.5  # seconds for one pattern on one run: linear patterns take a few milliseconds
pytestmark = pytest.mark.timeout(900)  # the tests without a limit of their own (the recording takes minutes)
# Patterns that backtrack on long input, and the most characters their check gives them.
BOUNDED = {DATELINE.pattern: DATELINE_MAX_CHARS}

# Runs `copydesk check` with every pattern that copydesk's own code compiles (`re.compile`, `re.search`, ... all go
# through `re._compile`) written down, with the place that compiled it, into a JSON file.
RECORDER = """
import atexit, importlib.util, json, os, re, sys
linter = importlib.util.find_spec("linter").submodule_search_locations[0] + os.sep
out = sys.argv[1]
seen = {}
compile_pattern = re._compile
def recording(pattern, flags):
    if isinstance(pattern, str):
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_filename == re.__file__:
            frame = frame.f_back
        if frame is not None and frame.f_code.co_filename.startswith(linter):
            where = frame.f_code.co_filename[len(linter):] + ":" + str(frame.f_lineno)
            seen.setdefault((pattern, int(flags)), where)
    return compile_pattern(pattern, flags)
re._compile = recording
atexit.register(lambda: json.dump([[p, f, w] for (p, f), w in seen.items()], open(out, "w")))
sys.argv = ["copydesk", *sys.argv[2:]]
from linter.cli import main
main()
"""
HOUSE_RULES = {
    "house-terms.yml": """id: house-terms
category: style
level: warning
check: existence
message: 'avoid "{match}"'
description: Words the desk avoids.
options: {tokens: [allegedly, "in order to"], patterns: ['\\b[Vv]ery \\w+ly\\b', '\\d+ per ?cent'], ignorecase: true,
  exceptions: [], kinds: [paragraph]}
examples: {bad: [It was allegedly stolen.], good: [It was stolen.]}
""",
    "house-swaps.yml": """id: house-swaps
category: style
level: warning
check: substitution
message: 'use "{preferred}" instead of "{match}"'
description: Plain words over officialese.
options: {swap: {utilise: use, "in order to": to}, ignorecase: true, kinds: [paragraph, heading]}
examples: {bad: [The council will utilise the land.], good: [The council will use the land.]}
""",
}
RECORDED_CONFIG = """rules:
  passive-voice: info
  scrape-residue: {lines: {promo: '^(?:Sponsored|Promoted) by [A-Z]\\w+'}}
rules-dir: house-rules
limits: {max_file_mb: 10}
"""


def module_patterns() -> dict[str, re.Pattern]:
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


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> dict[tuple[str, int], str]:
    """(pattern, flags) -> where copydesk compiled it, for every pattern compiled while linting the rule fixtures
    and the other test fixtures (Markdown, text, HTML, .docx) with every built-in rule but LanguageTool on, a
    house rule of each declarative kind and a residue line pattern of the user's."""
    folder = tmp_path_factory.mktemp("recorded")
    (folder / "house-rules").mkdir()
    for name, text in HOUSE_RULES.items():
        (folder / "house-rules" / name).write_text(text, encoding="utf-8")
    (folder / ".copydesk.yml").write_text(RECORDED_CONFIG, encoding="utf-8")
    out = folder / "patterns.json"
    command = [sys.executable, "-c", RECORDER, str(out), "check", "--no-cache", "--jobs", "1", "--quiet"]
    command += ["--format", "json", str(ROOT / "tests" / "rules"), str(ROOT / "tests" / "fixtures")]
    env = dict(os.environ, XDG_CACHE_HOME=str(folder / ".xdg-cache"), COPYDESK_PARSE_CACHE="")
    done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=500)
    assert "Traceback" not in done.stderr, done.stderr
    assert json.loads(done.stdout)["summary"]["files_linted"] >= 50
    return {(pattern, flags): where for pattern, flags, where in json.loads(out.read_text(encoding="utf-8"))}


def test_the_recording_finds_the_patterns_compiled_in_functions_rules_and_the_configuration(recorded):
    """The recorded patterns include every module-level pattern and patterns compiled inside functions; those from
    rule modules and the configuration are not compiled by `re`."""
    patterns = {pattern for pattern, _ in recorded}
    modules = module_patterns()
    assert len(modules) >= 25 and DATELINE.pattern in patterns
    assert not {name for name, compiled in modules.items() if compiled.pattern not in patterns}
    # Vale's and the user's patterns (a house rule's, a residue line's, scrape-residue's headers) go to RE2 or
    # `regex` with a time limit (tests/test_patterns.py, and the tests below), not here
    assert r"(?:^|\b|_)" not in patterns
    assert not any(r"\b[Vv]ery \w+ly\b" in pattern for pattern in patterns)
    assert r"^(?:Sponsored|Promoted) by [A-Z]\w+" not in patterns and "keep reading:?" not in patterns
    assert r"[A-Z][a-z][\w'-]+" in patterns  # compiled inside name-variant's check
    assert any(pattern.endswith(r"\bthe\s+$") for pattern in patterns)  # a pattern passed to re.search directly


def slow_runs(pattern: re.Pattern) -> list[tuple[str, str, float]]:
    """(unit, how, seconds) for each run of a unit on which the pattern takes over PATTERN_BUDGET: `match` at the
    start of a RUN_CHARS run and of one ending in a stray character, and `search` over a SEARCH_CHARS run."""
    limit = BOUNDED.get(pattern.pattern, RUN_CHARS)
    slow = []
    for unit in UNITS:
        run = (unit * (RUN_CHARS // len(unit) + 1))[:RUN_CHARS]
        for how, call in (
            ("match", lambda: pattern.match(run[:limit])),
            ("match", lambda: pattern.match((run + "\u2003x")[-limit:])),
            ("search", lambda: pattern.search(run[: min(limit, SEARCH_CHARS)] + "\u2003")),
        ):
            started = time.perf_counter()
            call()
            elapsed = time.perf_counter() - started
            if elapsed > PATTERN_BUDGET:
                slow.append((unit, how, round(elapsed, 2)))
    return slow


@pytest.mark.timeout(900)
def test_no_pattern_backtracks_on_long_runs(recorded):
    """Each recorded pattern ends in well under a second on long runs of each worst-case unit; a pattern that its
    check gives only a bounded prefix gets that prefix."""
    slow = {}
    for (pattern, flags), where in sorted(recorded.items()):
        found = slow_runs(re.compile(pattern, flags))
        if found:
            slow[f"{where}: {pattern[:80]}"] = found
    assert slow == {}


BACKTRACKING_RULE = """id: house-{name}
category: style
level: warning
check: existence
message: '{name}: "{{match}}"'
description: A pattern of the desk's.
options: {{tokens: [], patterns: ['{pattern}'], ignorecase: false, exceptions: [], kinds: [paragraph]}}
"""
BACKTRACKING_CONFIG = """rules-dir: house
limits: {max_file_mb: 5}
rules:
  scrape-residue: {lines: {loop: '(?<![b])(a|aa)+$'}}
"""
SHEEP = "The farmer said the flock had been calm all week, and then the old sheep said baaa"


@pytest.mark.timeout(300)
def test_user_patterns_that_backtrack_end_with_findings_or_a_clear_timeout(tmp_path):
    """`(a+)+$` runs on RE2: over a 1 MB line it ends at once, and still finds "aaa" in a sentence. A lookbehind
    variant runs on `regex`: as a house rule and as a residue line pattern it is stopped after its budget with an
    error naming it and the line, exit 2, and the other file's findings are reported."""
    (tmp_path / "house").mkdir()
    for name, pattern in (("nested", "(a+)+$"), ("behind", "(?<![b])(a|aa)+$")):
        rule = BACKTRACKING_RULE.format(name=name, pattern=pattern)
        (tmp_path / "house" / f"{name}.yml").write_text(rule, encoding="utf-8")
    (tmp_path / ".copydesk.yml").write_text(BACKTRACKING_CONFIG, encoding="utf-8")
    (tmp_path / "line.txt").write_text("Headline\n\n" + "a" * 1_000_000 + "!\n", encoding="utf-8")
    (tmp_path / "sheep.txt").write_text(f"Headline\n\n{SHEEP}\n", encoding="utf-8")
    select = ["--select", "house-nested", "--select", "house-behind", "--select", "scrape-residue"]
    done = copydesk("check", "--no-cache", *select, ".", cwd=tmp_path, timeout=280)
    assert done.returncode == 2, done.stderr
    assert done.stdout.splitlines() == [
        f'sheep.txt:3:1: error [scrape-residue] scraped page residue (loop): "{SHEEP}"',
        'sheep.txt:3:80: warning [house-nested] nested: "aaa"',
        'sheep.txt:3:81: warning [house-behind] behind: "aa"',
    ]
    stopped = "pattern '(?<![b])(a|aa)+$' was stopped after 2.5 s on line 3: it backtracks; simplify it"
    assert done.stderr.splitlines()[:2] == [
        f"copydesk: line.txt: rule scrape-residue did not run: scrape-residue lines: {stopped} "
        "(see docs/reliability.md)",
        f"copydesk: line.txt: rule house-behind did not run: {stopped} (see docs/reliability.md)",
    ]
    text = copydesk("text", "line.txt", "sheep.txt", cwd=tmp_path, timeout=200)  # the residue is left out there too
    assert (text.returncode, text.stdout) == (2, "Headline\n")  # sheep.txt without its "residue" line
    assert text.stderr == f"copydesk: line.txt: scrape-residue lines: {stopped} (see docs/reliability.md)\n"


@pytest.mark.timeout(120)
def test_a_user_pattern_that_cannot_compile_is_an_error_naming_the_file_and_the_rule(tmp_path):
    (tmp_path / "house").mkdir()
    rule = BACKTRACKING_RULE.format(name="bad", pattern="(unclosed")
    (tmp_path / "house" / "bad.yml").write_text(rule, encoding="utf-8")
    (tmp_path / "story.txt").write_text(f"Headline\n\n{SHEEP}\n", encoding="utf-8")
    (tmp_path / ".copydesk.yml").write_text("rules-dir: house\n", encoding="utf-8")
    done = copydesk("check", "story.txt", cwd=tmp_path, timeout=100)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"copydesk: {tmp_path / 'house' / 'bad.yml'}:7: rule 'house-bad': option 'patterns': "
        "cannot compile '(unclosed': missing ) at position 9\n"
    )
    (tmp_path / ".copydesk.yml").write_text("rules:\n  scrape-residue: {lines: {promo: '[unclosed'}}\n")
    done = copydesk("check", "story.txt", cwd=tmp_path, timeout=100)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"copydesk: {tmp_path / '.copydesk.yml'}:2: rule 'scrape-residue': option 'lines': "
        "cannot compile '[unclosed': unterminated character set at position 9\n"
    )


@pytest.mark.timeout(120)
def test_patterns_that_compile_alone_but_not_joined_are_a_rule_error(tmp_path):
    """A verbose pattern's comment swallows what follows it once the rule's patterns are joined into one."""
    (tmp_path / "house").mkdir()
    rule = BACKTRACKING_RULE.format(name="joined", pattern="(?x)sheep # the animal', 'flock")
    (tmp_path / "house" / "joined.yml").write_text(rule, encoding="utf-8")
    (tmp_path / ".copydesk.yml").write_text("rules-dir: house\n", encoding="utf-8")
    (tmp_path / "story.txt").write_text(f"Headline\n\n{SHEEP}\n", encoding="utf-8")
    done = copydesk("check", "--no-cache", "--select", "house-joined", "story.txt", cwd=tmp_path, timeout=100)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines()[0] == (
        "copydesk: story.txt: rule house-joined did not run: its tokens and patterns cannot be joined into one "
        "pattern: cannot compile '(?:(?x)sheep # the animal)|(?:flock)': missing ) at position 12"
    )


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
