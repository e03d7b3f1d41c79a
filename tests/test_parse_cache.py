"""The on-disk parse store (COPYDESK_PARSE_CACHE): a rerun reads unchanged paragraphs' parses instead of parsing."""

from __future__ import annotations

import json
import subprocess
import sys

from linter.analysis import nlp
from linter.readers import parse

SOURCE = "The company said they would appeal.\n\nThe the council met on Monday.\n\nResidents were angry.\n"


def parsed_docs(source: str) -> list:
    doc = parse("a.md", source)
    doc.nlp_components = frozenset({"parser"})
    return [spacy_doc for _, spacy_doc in nlp.parsed(doc)]


def stored(folder) -> list:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def test_a_second_parse_is_read_from_disk(tmp_path, monkeypatch):
    monkeypatch.setenv(nlp.PARSE_CACHE_VARIABLE, str(tmp_path))
    first = parsed_docs(SOURCE)
    assert len(stored(tmp_path)) == 3

    def no_parsing(*args, **kwargs):
        raise AssertionError("a stored block was parsed again")

    monkeypatch.setattr(nlp.load_model(), "pipe", no_parsing)
    second = parsed_docs(SOURCE)
    assert [d.to_json() for d in second] == [d.to_json() for d in first]
    assert second[0] is not first[0]


def test_an_unreadable_entry_is_parsed_again_and_rewritten(tmp_path, monkeypatch):
    monkeypatch.setenv(nlp.PARSE_CACHE_VARIABLE, str(tmp_path))
    first = parsed_docs(SOURCE)
    for path in stored(tmp_path):
        path.write_bytes(b"not a spaCy doc")
    second = parsed_docs(SOURCE)
    assert [d.to_json() for d in second] == [d.to_json() for d in first]
    assert all(path.read_bytes() != b"not a spaCy doc" for path in stored(tmp_path))


def test_without_the_variable_nothing_is_stored(tmp_path, monkeypatch):
    monkeypatch.delenv(nlp.PARSE_CACHE_VARIABLE, raising=False)
    monkeypatch.chdir(tmp_path)
    parsed_docs(SOURCE)
    assert stored(tmp_path) == []


def test_findings_are_the_same_read_from_the_store(tmp_path):
    article = tmp_path / "story.md"
    article.write_text(SOURCE + "\nHe said the pilot boats she runs are new.\n", encoding="utf-8")
    command = [sys.executable, "-m", "linter", "check", "--format", "json", "--no-cache", str(article)]
    plain = subprocess.run(command, capture_output=True, text=True, env={"PATH": ""}).stdout
    store = {"PATH": "", nlp.PARSE_CACHE_VARIABLE: str(tmp_path / "parses")}
    outputs = [subprocess.run(command, capture_output=True, text=True, env=store).stdout for _ in range(2)]
    assert json.loads(plain)["findings"]
    assert outputs == [plain] * 2
    assert stored(tmp_path / "parses")
