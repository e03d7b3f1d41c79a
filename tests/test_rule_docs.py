"""Rule docs: docs/rules is what the renderer writes from the YAML, and `copydesk explain` prints the same text."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT, run_cli

from linter.reporters.rule_doc import GENERATED, expected_pages, rule_doc, yaml_comments
from linter.run.rules import builtin_rule, load_rules

DOCS_RULES = ROOT / "docs" / "rules"
PAGES = expected_pages()
REGENERATE = "regenerate with: python -m linter.reporters.rule_doc docs/rules"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_is_what_the_renderer_writes(name):
    page = DOCS_RULES / name
    assert page.exists(), f"docs/rules/{name} is missing; {REGENERATE}"
    assert page.read_text(encoding="utf-8") == PAGES[name], f"docs/rules/{name} is out of date; {REGENERATE}"


def test_no_page_for_a_rule_that_does_not_exist():
    assert sorted(p.name for p in DOCS_RULES.glob("*.md")) == sorted(PAGES)


@pytest.mark.parametrize("rule_id", sorted(load_rules()))
def test_explain_prints_the_page_without_its_note_and_links(rule_id):
    result = run_cli("explain", rule_id)
    assert result.exit_code == 0
    page = (DOCS_RULES / f"{rule_id}.md").read_text(encoding="utf-8")
    assert page.startswith(GENERATED.format(id=rule_id) + "\n\n" + result.stdout + "\n## See also\n")


@pytest.mark.parametrize("rule_id", sorted(load_rules()))
def test_configuration_block_sets_the_defaults(rule_id):
    rule = builtin_rule(rule_id)
    block = re.search(r"```yaml\n(.*?)```", rule_doc(rule), re.S).group(1)
    setting = yaml.safe_load(block)["rules"][rule_id]
    if not rule.options:
        assert setting == rule.level
    else:
        level = rule.level if rule.enabled else "off"
        assert setting == {"level": level, **rule.options}


def test_every_option_is_listed_with_its_type_range_allowed_values_and_default():
    doc = rule_doc(builtin_rule("sentence-length"))
    assert "- `max_words` (an integer, at least 1; default `40`): 40, not 35: over 35 words are 4.0% of the" in doc
    kinds = "- `kinds` (a list of strings, each one of `title`, `heading`, `paragraph`, `blockquote`, `list_item`, "
    assert kinds + "`table_cell`, `caption`; default `[paragraph, blockquote]`): The kinds of block checked" in doc


def test_page_says_model_fix_and_level():
    repeated_word = rule_doc(builtin_rule("repeated-word"))
    assert "- Needs the spaCy model: no\n" in repeated_word
    assert "- Fix: safe: --fix applies its suggestion" in repeated_word
    assert "- Level: warning (reported; does not fail the run unless `--fail-on warning`)\n" in repeated_word
    names = rule_doc(builtin_rule("name-variant"))
    assert "- Needs the spaCy model: yes: the tagger and lemmatizer, the parser, the entity recogniser\n" in names
    assert "- Fix: none" in names
    assert "\n- `min_confidence` (a number, at least 0.0, at most 1.0; default `0.0`)" in names
    passive = rule_doc(builtin_rule("passive-voice"))
    assert "- Level: off by default; when turned on (`--select passive-voice`" in passive


def test_examples_are_quoted_paragraph_by_paragraph():
    doc = rule_doc(builtin_rule("unresolved-pronoun"))
    assert "> Mr. Brandt, the harbour master, said the berth would reopen on Friday.\n>\n> She said" in doc


def test_yaml_comments_above_and_beside_options():
    source = (
        "id: x\n# Why the defaults.\nmessage: m\noptions:\n  # A note on all options.\n\n"
        "  # Words the house allows.\n  allow: [a]\n  kinds: [paragraph]   # prose only\n"
        '  pattern: "a # b"\n  plain: 1\nexamples: {}\n'
    )
    keys, options = yaml_comments(source)
    assert keys == {"message": "Why the defaults.", "options": "A note on all options."}
    assert options == {"allow": "Words the house allows.", "kinds": "prose only"}
