"""Shared test helpers: lint a text with chosen rules, run the CLI, and check that spans match excerpts."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.run.config import load_config
from linter.run.engine import lint_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Runs without a configuration file cache in the user cache folder: keep the tests' entries out of it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))


@pytest.fixture(scope="session")
def default_config():
    return load_config(None, start=str(FIXTURES))


def lint(text: str, rules, name: str = "article.md", options: dict | None = None, config=None):
    """Findings of the named rules (ids) on text read as the format of name; options override per rule id."""
    config = config or load_config(None, start=str(FIXTURES))
    rules = [rules] if isinstance(rules, str) else list(rules)
    settings = config.effective(name, select=rules)
    for setting in settings:
        setting.options.update((options or {}).get(setting.rule.id, {}))
    findings, _ = lint_text(name, text, settings)
    return findings


def excerpt_at(source: str, line: int, column: int, end_line: int, end_column: int) -> str:
    """The text of source between two 1-based (line, column) positions, computed independently of the linter."""
    import re

    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", source)]
    return source[starts[line - 1] + column - 1 : starts[end_line - 1] + end_column - 1]


def assert_spans_match(source: str, findings) -> None:
    """Every finding's span, read back from the source by line and column, equals its excerpt."""
    for f in findings:
        get = f.get if isinstance(f, dict) else lambda k: getattr(f, k)
        assert excerpt_at(source, get("line"), get("column"), get("end_line"), get("end_column")) == get("excerpt"), f


def run_cli(*args, input: str | bytes | None = None, cwd: str | None = None):
    """Run `copydesk ARGS` in-process; returns the click Result (exit_code, stdout, stderr)."""
    runner = CliRunner()
    old = os.getcwd()
    try:
        if cwd:
            os.chdir(cwd)
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)
    finally:
        os.chdir(old)


def cli_json(*args, **kwargs) -> dict:
    result = run_cli(*args, "--format", "json", **kwargs)
    return json.loads(result.stdout)


def pytest_addoption(parser):
    parser.addoption(
        "--update-expected",
        action="store_true",
        help="Rewrite the expected outputs of tests/rules/ from the current findings (review them as a git diff).",
    )


@pytest.fixture
def update_expected(request) -> bool:
    return request.config.getoption("--update-expected")
