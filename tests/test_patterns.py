"""Users' patterns in bounded time: RE2 gives exactly the matches of Python's `re` where it runs a pattern, `regex`
runs the others under a time budget, and a pattern neither compiles is an error that names where it comes from."""

from __future__ import annotations

import re
import time
import unicodedata

import pytest

from linter.analysis.patterns import BUDGET_CHARS, TIME_BUDGET, Pattern, PatternError, PatternTimeout, budget, to_re2
from linter.run.rules import builtin_rule, builtin_rules_dir, load_rules

# Every character Python's Unicode database assigns (the engines' tables may know newer ones).
ASSIGNED = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and unicodedata.category(chr(c)) != "Cn")
TEXTS = [
    "The council said Mr Ng's plan, at 12 per cent, was “very, very” costly.\nKEEP READING\n",
    "İstanbul's İssue: STRASSE, straße, Kelvin \u212a and ſ — 5\u00a0km, ٣ days\u2003later",
    "Sponsored by Acme\nRead more:\nMore stories from the BBC:\nrelated\n",
    "aaaa ab a\tb\r\nx\x0by\u2028z",
]
# Patterns as users write them: for each, whether RE2 can run it with `re`'s meaning.
PATTERNS = {
    r"\d+ per ?cent": True,
    r"^(?:Sponsored|Promoted) by [A-Z]\w+": True,
    r"(?m)^[A-Z ]+$": True,
    r"[^\s,]+": True,
    r"\S+": True,
    r"\s+\W": True,
    r"[\s\W]+": False,  # \W beside another class member: RE2 has no Unicode complement to join
    r"very,? (?:very )?\w+": True,
    r"(?i)kelvin|strasse|stra(?:ss|ß)e|issue": False,  # ß is a cased non-ASCII letter under ignore-case
    r"(?i)kelvin|strasse|issue|[a-z]{3,}": True,
    r"(?i:MR)\s\w+": True,
    r"(?s)council.*plan": True,
    r"a{2,3}?": True,
    r"[^a-z]+": True,
    r"\bvery\b": False,  # RE2's \b is ASCII-only
    r"(?<=\$)\d+": False,
    r"(\w)\1": False,
    r"x*": False,  # can match the empty string, which RE2 iterates over differently
    r"costly\.$": True,
    r"later$": True,
    r"\n$": True,
}


def spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


@pytest.mark.parametrize("source", sorted(PATTERNS))
def test_a_pattern_matches_what_re_matches_on_either_engine(source):
    pattern = Pattern(source)
    assert pattern.linear is PATTERNS[source]
    for text in [*TEXTS, "\n".join(TEXTS), "\n".join(TEXTS) + "\n", "costly."]:
        assert spans(pattern.finditer(text)) == spans(re.finditer(source, text)), text
        assert bool(pattern.search(text)) == bool(re.search(source, text))
        assert bool(pattern.fullmatch(text.strip())) == bool(re.fullmatch(source, text.strip()))


def test_the_residue_headers_run_on_re2_with_re_s_meaning():
    headers = builtin_rule("scrape-residue").options["headers"]
    lines = ["KEEP READING", "Keep reading:", "more from The Times & Co:", "Related stories", "Most viewed", "kEEP"]
    for source in headers:
        pattern = Pattern(source, flags=re.IGNORECASE)
        assert pattern.linear, source
        for line in lines:
            assert bool(pattern.fullmatch(line)) == bool(re.fullmatch(source, line, re.IGNORECASE)), (source, line)


def test_every_pattern_of_the_built_in_rule_modules_compiles():
    """The built-in modules' patterns are not compiled as the rules load (that is for the user's): here they are."""
    count = 0
    for rule in load_rules().values():
        assert rule.source.startswith(str(builtin_rules_dir()))
        for name, option in rule.option_schema.items():
            value = rule.options.get(name) if option.pattern else None
            for source in value.values() if isinstance(value, dict) else value or []:
                Pattern(source, flags=re.IGNORECASE)  # raises PatternError when it cannot be compiled
                count += 1
    assert count >= 11


@pytest.mark.parametrize("source", [r"\w", r"\W", r"\d", r"\D", r"\s", r"\S", r"[\w\s]", r"[^\d\s]", r"[.\w-]"])
def test_the_unicode_classes_agree_with_re_on_every_assigned_character(source):
    runs = f"(?:{source})+"  # runs of the class: few matches to compare, however many characters
    assert to_re2(source) is not None
    assert spans(Pattern(runs).finditer(ASSIGNED)) == spans(re.finditer(runs, ASSIGNED))


@pytest.mark.parametrize("letter", "abcdefghijklmnopqrstuvwxyzIKS")
def test_ignore_case_agrees_with_re_on_every_assigned_character(letter):
    """`re` matches "i" to İ and ı, "k" to the Kelvin sign and "s" to the long s: so does the RE2 form."""
    for source in (letter, f"[{letter}]", f"(?:[^{letter}])+", f"[{letter}-z]"):
        pattern = Pattern(source, flags=re.IGNORECASE)
        assert pattern.linear, source
        assert spans(pattern.finditer(ASSIGNED)) == spans(re.finditer(source, ASSIGNED, re.IGNORECASE)), source


def test_the_backtracking_engine_differs_from_re_on_the_dotless_i_alone():
    """`regex` folds case as Unicode does: under ignore-case it does not match "ı" to "i", as `re` does."""
    pattern = Pattern(r"(?i)\bissue", flags=re.IGNORECASE)
    assert not pattern.linear
    text = "İssue, ıssue, ISSUE, iſſue"
    assert [m.group() for m in re.finditer(pattern.source, text, re.IGNORECASE)] == ["İssue", "ıssue", "ISSUE", "iſſue"]
    assert [m.group() for m in pattern.finditer(text)] == ["İssue", "ISSUE", "iſſue"]


def test_a_dollar_before_a_final_line_break_matches_as_in_re():
    pattern = Pattern("later$")
    assert pattern.linear
    for text in ["much later", "much later\n", "later\nlater\n", "later\n\n"]:
        assert spans(pattern.finditer(text)) == spans(re.finditer("later$", text)), text


def test_nested_repeats_run_in_linear_time_on_re2():
    pattern = Pattern(r"(a+)+$")
    assert pattern.linear
    started = time.perf_counter()
    assert list(pattern.finditer("a" * 1_000_000 + "!")) == []
    assert time.perf_counter() - started < 5  # exponential in `re`: it would never end
    assert spans(pattern.finditer("baaa")) == [(1, 4)]


def test_a_backtracking_search_is_stopped_by_its_budget():
    pattern = Pattern(r"(?<![b])(a|aa)+$", name="the house pattern")
    assert not pattern.linear
    assert spans(pattern.finditer("xaa")) == [(1, 3)]
    with pytest.raises(PatternTimeout) as stopped:
        list(pattern.finditer("a" * 5_000 + "!"))
    assert str(stopped.value) == f"the house pattern was stopped after {TIME_BUDGET:g} s"


def test_the_budget_grows_with_the_text():
    assert budget("short") == TIME_BUDGET
    assert budget("a" * BUDGET_CHARS * 4) == 4 * TIME_BUDGET


def test_a_pattern_neither_engine_compiles_names_where_it_comes_from():
    with pytest.raises(PatternError) as error:
        Pattern("(unclosed", "house/bad.yml: patterns")
    assert str(error.value).startswith("house/bad.yml: patterns: cannot compile '(unclosed': missing )")
