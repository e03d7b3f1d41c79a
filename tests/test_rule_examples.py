"""Every rule module's examples: each bad example is flagged by that rule, each good one is not."""

from __future__ import annotations

import pytest
from conftest import lint

from linter.run.config import load_config

RULES = load_config(None).rules
# LanguageTool's examples need its server: tests/test_languagetool.py runs them against recorded answers.
LOCAL_RULES = {rule_id: rule for rule_id, rule in RULES.items() if rule.check != "languagetool"}
CASES = [
    (rule_id, kind, example)
    for rule_id, rule in sorted(LOCAL_RULES.items())
    for kind in ("bad", "good")
    for example in rule.examples.get(kind, [])
]


def test_every_rule_has_good_and_bad_examples():
    for rule in RULES.values():
        assert rule.examples.get("bad") and rule.examples.get("good"), rule.id


@pytest.mark.parametrize("rule_id,kind,example", CASES, ids=[f"{r}-{k}-{i}" for i, (r, k, _) in enumerate(CASES)])
def test_example(rule_id, kind, example):
    findings = [f for f in lint(example, rule_id) if f.rule == rule_id]
    if kind == "bad":
        assert findings, f"{rule_id} did not flag its bad example: {example!r}"
    else:
        assert not findings, f"{rule_id} flagged its good example: {[f.message for f in findings]}"
