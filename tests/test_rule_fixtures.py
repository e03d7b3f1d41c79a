"""Fixtures by rule: each `tests/rules/<rule-id>/` input, linted with only that rule, prints its `.expected` text.

Every finding's span reads back as its excerpt, and every built-in rule has a folder with an input it flags and an
input it leaves clean. `python -m pytest --update-expected` rewrites the expected files from the current output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, assert_spans_match, run_cli

from linter.readers import EXTENSIONS
from linter.run.config import load_config

RULES_DIR = ROOT / "tests" / "rules"
BUILT_IN = sorted(load_config(None).rules)
# Rules whose findings need an outside server: their inputs are the cases that send nothing, and their folder's
# README says which tests cover the rest.
NEEDS_SERVER = {"languagetool"}
INPUTS = sorted(
    path
    for folder in RULES_DIR.iterdir()
    if folder.is_dir()
    for path in folder.iterdir()
    if path.suffix in EXTENSIONS and path.name != "README.md"
)


def expected_path(path: Path) -> Path:
    return path.with_name(path.name + ".expected")


@pytest.fixture(autouse=True)
def _no_server(monkeypatch):
    """No LanguageTool server: the fixtures run offline."""
    monkeypatch.delenv("COPYDESK_LANGUAGETOOL_URL", raising=False)


def run_rule(path: Path, *extra: str):
    """`copydesk check --select <folder name>` on one input, from its folder, with the folder's config.yml."""
    folder = path.parent
    config = ["--config", "config.yml"] if (folder / "config.yml").is_file() else []
    args = ["check", "--select", folder.name, "--no-cache", "-j", "1", "-q", "--no-color", *config, *extra, path.name]
    result = run_cli(*args, cwd=str(folder))
    assert result.exit_code in (0, 1), result.output
    return result


@pytest.mark.parametrize("path", INPUTS, ids=[f"{p.parent.name}/{p.name}" for p in INPUTS])
def test_rule_fixture(path, update_expected):
    output = run_rule(path).stdout
    expected = expected_path(path)
    if update_expected:
        expected.write_text(output, encoding="utf-8")
    assert expected.is_file(), f"{expected} is missing: run pytest with --update-expected and review it"
    assert output == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", INPUTS, ids=[f"{p.parent.name}/{p.name}" for p in INPUTS])
def test_rule_fixture_spans(path):
    findings = json.loads(run_rule(path, "--format", "json").stdout)["findings"]
    assert {f["rule"] for f in findings} <= {path.parent.name}
    assert_spans_match(path.read_text(encoding="utf-8"), findings)


@pytest.mark.parametrize("rule_id", BUILT_IN)
def test_every_rule_has_fixtures(rule_id):
    folder = RULES_DIR / rule_id
    assert folder.is_dir(), f"no fixture folder tests/rules/{rule_id}/"
    outputs = [expected_path(p).read_text(encoding="utf-8") for p in INPUTS if p.parent == folder]
    if rule_id in NEEDS_SERVER:
        assert (folder / "README.md").is_file(), f"tests/rules/{rule_id}/README.md must say which tests cover it"
    else:
        assert any(outputs), f"tests/rules/{rule_id}/ has no input that the rule flags"
    assert any(not out for out in outputs), f"tests/rules/{rule_id}/ has no input that the rule leaves clean"
