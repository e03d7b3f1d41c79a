"""The README stays true: its rule table is `copydesk rules --format markdown`, its commands are the CI's."""

from __future__ import annotations

import re

from conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_rule_table_matches_copydesk_rules():
    table = re.search(r"<!-- rules table[^\n]*-->\n(.*?)<!-- end rules table -->", README, re.S).group(1)
    assert table == run_cli("rules", "--format", "markdown").stdout


def test_ci_runs_the_readme_test_command():
    test_command = re.search(r"Install and run the tests:\n\n```sh\n(.*?)\n```", README, re.S).group(1)
    assert "pip install '.[test]'" in test_command and "-m pytest" in test_command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install --quiet '.[test]' && python -m pytest" in ci


def test_example_output_is_what_copydesk_prints():
    block = re.search(r"```text\n\$ copydesk check (examples/\S+)\n(.*?)```", README, re.S)
    result = run_cli("check", "--no-color", block.group(1), cwd=str(ROOT))
    assert result.stdout == block.group(2)
