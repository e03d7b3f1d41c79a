"""The README stays true: it links every rule, its commands are the CI's, its example output is copydesk's."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, run_cli

from linter.run.rules import load_rules

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_links_every_rule_page():
    linked = set(re.findall(r"\(docs/rules/([a-z-]+)\.md\)", README)) - {"index"}
    assert linked == set(load_rules())


@pytest.mark.parametrize("page", [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").rglob("*.md"))])
def test_relative_links_point_to_files_that_exist(page):
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    targets = [t.split("#")[0] for t in re.findall(r"\]\(([^)\s]+)\)", text) if "://" not in t]
    missing = [t for t in targets if t and not (page.parent / t).exists()]
    assert not missing, f"{page.relative_to(ROOT)} links to missing files: {missing}"


def test_ci_runs_the_readme_test_command():
    test_command = re.search(r"Install and run the tests:\n\n```sh\n(.*?)\n```", README, re.S).group(1)
    assert "pip install '.[test]'" in test_command and "-m pytest" in test_command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install --quiet '.[test]' && python -m pytest" in ci


def test_example_output_is_what_copydesk_prints():
    block = re.search(r"```text\n\$ copydesk check (examples/\S*)\n(.*?)```", README, re.S)
    result = run_cli("check", "--no-color", block.group(1), cwd=str(ROOT))
    assert result.stdout == block.group(2)
