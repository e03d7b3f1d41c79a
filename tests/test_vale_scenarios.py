"""Vale's own acceptance scenarios run with `copydesk vale` in place of `vale`, compared line for line.

The scenarios live in `../shared/vale/testdata/features/` (Vale's test suite, MIT); `tests/vale_scenarios.py` reads
them and runs each the way Vale's `steps.rb` does. `NOT_PASSING` lists every scenario that does not pass here, with
the reason; those are strict xfails, so one that starts passing must be taken off the list. Run this file as a script
(`python tests/test_vale_scenarios.py`) for the count passed per feature file.
"""

from __future__ import annotations

import collections
import os
import shutil
import sys
from pathlib import Path

import pytest

from linter.vale.convert import DITA_MISSING, dita_command

sys.path.insert(0, str(Path(__file__).resolve().parent))

from vale_scenarios import DOCBOOK_XSL, VALE, command_for, extensions, run, scenarios, verdict  # noqa: E402

# Reasons a scenario does not pass here.
DICTIONARY = (
    "Vale's own en_US-web dictionary (not packaged anywhere) knows words that the default here, the spylls"
    " package's en_US, does not"
)


def _dictionary(words: str) -> str:
    return f"{DICTIONARY} ({words}); it passes with COPYDESK_VALE_DICTIONARY naming Vale's en_US-web.dic"


def _sync(package: str) -> str:
    return f"`vale sync` downloads {package} from Vale's package library (network)"


NOT_PASSING = {
    "checks.feature::Spelling": _dictionary("'Webhooks', 'stylesheet', 'quickstart', 'minified'"),
    "fragments.feature::Code -> Markup": _dictionary("'destructor', 'gitignore', 'instantiations'"),
    "misc.feature::Duplicate matches": _dictionary("'ok'"),
    "misc.feature::infostrings": _dictionary("'Tessera'"),
    "patterns.feature::MDX": _dictionary("'backtick'"),
    "patterns.feature::Markdown": _dictionary("'backtick'"),
    "patterns.feature::Ignored Classes on inline elements": _dictionary("'dropdown'"),
    "pkg.feature::Sync a complete, v3 package": _sync("'Google'"),
    "pkg.feature::Sync a style-only package": _sync("'write-good'"),
    "pkg.feature::Sync a config-only package": _sync("'Hugo'"),
}


SCENARIOS = scenarios() if VALE.is_dir() else []
NO_ASCIIDOCTOR = shutil.which("asciidoctor") is None and not os.environ.get("CI")  # CI installs it: fail there
NO_DITA = dita_command("test.dita", ".") is None and not os.environ.get("CI")


def _param(scenario):
    reason = NOT_PASSING.get(scenario.id)
    if reason and reason.startswith(DICTIONARY) and os.environ.get("COPYDESK_VALE_DICTIONARY"):
        reason = None  # Vale's own dictionary is named: the scenario must pass
    if command_for(scenario) is None:
        return pytest.param(scenario, id=scenario.id, marks=pytest.mark.skip(reason=reason))
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    if not reason and ".adoc" in extensions(scenario) and NO_ASCIIDOCTOR:
        marks = [pytest.mark.skip(reason="asciidoctor is not on PATH (Debian: apt-get install asciidoctor)")]
    if not reason and ".dita" in extensions(scenario) and NO_DITA:
        marks = [pytest.mark.skip(reason=DITA_MISSING)]
    if not reason and ".xml" in extensions(scenario) and not DOCBOOK_XSL.is_dir() and not os.environ.get("CI"):
        marks = [
            pytest.mark.skip(
                reason=f"the DocBook XSL stylesheets are not at {DOCBOOK_XSL} (apt-get install docbook-xsl)"
            )
        ]
    return pytest.param(scenario, id=scenario.id, marks=marks)


@pytest.mark.skipif(not VALE.is_dir(), reason=f"Vale's test data is not at {VALE}")
@pytest.mark.parametrize("scenario", [_param(s) for s in SCENARIOS])
def test_vale_scenario(scenario):
    output, status = run(scenario)
    problem = verdict(scenario, output, status)
    assert not problem, problem


def test_every_listed_scenario_exists():
    if not VALE.is_dir():
        pytest.skip(f"Vale's test data is not at {VALE}")
    assert set(NOT_PASSING) <= {s.id for s in SCENARIOS}


def report() -> str:
    """Scenarios passed per feature file and those that do not pass, as the tables in docs/vale.md."""
    total, passed = collections.Counter(), collections.Counter()
    for scenario in SCENARIOS:
        total[scenario.feature] += 1
        if scenario.id not in NOT_PASSING:
            passed[scenario.feature] += 1
    rows = [f"| {f} | {passed[f]} | {total[f]} |" for f in sorted(total)]
    rows.append(f"| **total** | **{sum(passed.values())}** | **{sum(total.values())}** |")
    table = "\n".join(["| feature file | passed | scenarios |", "|---|---|---|", *rows])
    failing = [f"| `{s.id}` | {NOT_PASSING[s.id]} |" for s in SCENARIOS if s.id in NOT_PASSING]
    return table + "\n\n" + "\n".join(["| scenario | reason |", "|---|---|", *failing])


if __name__ == "__main__":
    print(report())
