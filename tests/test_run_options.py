"""RunOptions: the command's flags and the configuration, resolved once into the value the engine receives."""

from __future__ import annotations

import os

from linter.model.findings import Finding
from linter.run.config import load_config
from linter.run.options import RunOptions

CONFIG = load_config(None)


def _finding(severity: str) -> Finding:
    return Finding("a.md", 1, 1, 1, 2, "repeated-word", "repetition", severity, "m", "x")


def test_flags_resolve_jobs_cache_and_colour():
    options = RunOptions.from_flags(CONFIG, jobs=None, cache=False, color=True, output_format="json", select=["x"])
    assert (options.jobs, options.cache, options.color, options.select) == (os.cpu_count() or 1, None, False, ("x",))
    options = RunOptions.from_flags(CONFIG, jobs=3, cache=True, color=True, output_format="text")
    assert (options.jobs, options.color, options.cache is not None) == (3, True, True)


def test_severity_thresholds_decide_what_is_shown_and_what_fails():
    options = RunOptions(CONFIG, min_severity="warning", fail_on="error")
    assert [options.shows(_finding(s)) for s in ("info", "warning", "error")] == [False, True, True]
    assert [options.fails(_finding(s)) for s in ("info", "warning", "error")] == [False, False, True]
    assert not RunOptions(CONFIG, fail_on="never").fails(_finding("error"))


def test_the_rules_in_force_follow_select_and_ignore():
    options = RunOptions(CONFIG, select=("repetition",), ignore=("echo-word",))
    rules = {s.rule.id for s in options.settings("a.md")}
    assert rules == {"duplicate-sentence", "repeated-opening", "repeated-phrase", "repeated-word"}
