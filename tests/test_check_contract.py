"""The check contract: every check declares its category, options schema and analyses; config load validates every
option against the schema with the file and line; the engine runs only the analyses the enabled checks declare."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import run_cli

from linter.analysis import nlp
from linter.analysis.nlp import ANALYSES, components_for, needs_model
from linter.checks.base import Option, option_schema
from linter.model.findings import CATEGORIES
from linter.readers import parse
from linter.run.config import load_config
from linter.run.rules import available_checks, load_check

BAD_OPTIONS = [
    (
        "rules:\n  sentence-length: {max_wrds: 30}\n",
        "c.yml:2: rule 'sentence-length': unknown option 'max_wrds' (did you mean \"max_words\"?); "
        "options: kinds, max_words, min_confidence",
    ),
    (
        "rules:\n  sentence-length:\n    level: warning\n    max_words: forty\n",
        "c.yml:4: rule 'sentence-length': option 'max_words' must be an integer, not a string ('forty')",
    ),
    (
        "# house style\nrules:\n  repeated-word: {kinds: [paragraph, captoin]}\n",
        "c.yml:3: rule 'repeated-word': option 'kinds': 'captoin' is not one of title, heading, paragraph, "
        'blockquote, list_item, table_cell, caption (did you mean "caption"?)',
    ),
    (
        "rules:\n  echo-word:\n    parts_of_speech: [ADJ, VERBS]\n",
        "c.yml:3: rule 'echo-word': option 'parts_of_speech': 'VERBS' is not one of ADJ, ADP, ADV, AUX, CCONJ, DET, "
        'INTJ, NOUN, NUM, PART, PRON, PROPN, PUNCT, SCONJ, SYM, VERB, X (did you mean "VERB"?)',
    ),
    (
        "rules:\n  sentence-length:\n    max_words: 0\n",
        "c.yml:3: rule 'sentence-length': option 'max_words': 0 is below the minimum 1",
    ),
    (
        "overrides:\n  - files: [opinion/**]\n    rules:\n      echo-word: {max_zipf: 9.5}\n",
        "c.yml:4: overrides[0]: rule 'echo-word': option 'max_zipf': 9.5 is above the maximum 8",
    ),
]


@pytest.mark.parametrize("text,message", BAD_OPTIONS)
def test_a_bad_option_in_the_config_names_file_line_and_problem_and_exits_2(tmp_path, text, message):
    config = tmp_path / "c.yml"
    config.write_text(text, encoding="utf-8")
    (tmp_path / "a.txt").write_text("Headline\n\nA line.\n", encoding="utf-8")
    result = run_cli("check", "--no-cache", "--config", str(config), str(tmp_path / "a.txt"))
    assert result.exit_code == 2
    assert result.stderr == f"copydesk: {tmp_path}/{message}\n"


RULE_MODULE = (
    "id: house-words\ncategory: style\nlevel: warning\ncheck: existence\ndescription: x\nmessage: x\noptions:\n"
)
GOOD_OPTIONS = {
    "tokens": "[utilise]",
    "patterns": "[]",
    "ignorecase": "true",
    "exceptions": "[]",
    "kinds": "[paragraph]",
}


@pytest.mark.parametrize(
    "option,value,message",
    [
        ("kind", "[paragraph]", "rule 'house-words': unknown option 'kind' (did you mean \"kinds\"?); options: "),
        ("ignorecase", "yes please", "rule 'house-words': option 'ignorecase' must be a boolean, not a string"),
        ("kinds", "[paragraphs]", "rule 'house-words': option 'kinds': 'paragraphs' is not one of title, heading"),
    ],
)
def test_a_bad_option_in_a_rule_module_names_file_line_and_problem(tmp_path, option, value, message):
    options = dict(GOOD_OPTIONS, **{option: value})
    lines = "".join(f"  {name}: {text}\n" for name, text in options.items())
    (tmp_path / "house").mkdir()
    module = tmp_path / "house" / "words.yml"
    module.write_text(RULE_MODULE + lines, encoding="utf-8")
    (tmp_path / ".copydesk.yml").write_text("rules-dir: house\n", encoding="utf-8")
    line = RULE_MODULE.count("\n") + 1 + list(options).index(option)
    result = run_cli("check", "--no-cache", str(tmp_path), cwd=str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"copydesk: {module}:{line}: {message}")
    assert len(result.stderr.splitlines()) == 1


def test_a_range_error_in_a_rule_module_gives_the_line_of_the_option(tmp_path):
    (tmp_path / "house").mkdir()
    module = tmp_path / "house" / "short.yml"
    module.write_text(
        "id: short-sentences\ncategory: readability\nlevel: info\ncheck: sentence_length\ndescription: x\n"
        "message: x\noptions:\n  kinds: [paragraph]\n  max_words: -3\n",
        encoding="utf-8",
    )
    (tmp_path / ".copydesk.yml").write_text("rules-dir: house\n", encoding="utf-8")
    result = run_cli("check", "--no-cache", str(tmp_path), cwd=str(tmp_path))
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"copydesk: {module}:9: rule 'short-sentences': option 'max_words': -3 is below the minimum 1\n"
    )


def test_a_rule_module_must_keep_the_category_its_check_reports(tmp_path):
    (tmp_path / "house").mkdir()
    module = tmp_path / "house" / "long.yml"
    module.write_text(
        "id: long-sentences\ncategory: style\nlevel: info\ncheck: sentence_length\ndescription: x\n"
        "message: x\noptions: {kinds: [paragraph], max_words: 50}\n",
        encoding="utf-8",
    )
    (tmp_path / ".copydesk.yml").write_text("rules-dir: house\n", encoding="utf-8")
    result = run_cli("check", "--no-cache", str(tmp_path), cwd=str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"copydesk: {module}: check 'sentence_length' reports category 'readability', not 'style'\n"


@pytest.mark.parametrize("name", available_checks())
def test_every_check_declares_its_contract(name):
    module = load_check(name)
    assert module.CATEGORY is None or module.CATEGORY in CATEGORIES
    assert isinstance(module.NEEDS, tuple) and set(module.NEEDS) <= set(ANALYSES)
    assert all(isinstance(option, Option) for option in option_schema(module).values())


def test_the_checks_that_read_spacy_tokens_declare_it():
    assert load_check("echo_word").NEEDS == ("tags",)
    assert load_check("repeated_phrase").NEEDS == ("tags",)
    assert load_check("sentence_length").NEEDS == ()


def test_the_model_is_not_loaded_when_no_enabled_check_declares_an_analysis(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("# Headline\n\nThe the council met. It said so.\n", encoding="utf-8")
    script = (
        "import sys\n"
        "from linter.run.config import load_config\n"
        "from linter.run.engine import lint_files\n"
        "from linter.run.options import RunOptions\n"
        "options = RunOptions(load_config(None), select=('repeated-word', 'sentence-length', 'scrape-residue'))\n"
        f"[(findings, status)] = lint_files([{str(article)!r}], options)\n"
        "print([f.rule for f in findings], 'spacy' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout == "['repeated-word'] False\n"


def _settings(rule_id: str):
    return load_config(None).effective("a.md", select=[rule_id])


def test_a_check_declaring_entities_gets_ner_and_the_others_do_not():
    assert components_for(_settings("name-variant")) == {"parser", "ner"}
    assert components_for(_settings("incomplete-sentence")) == {"parser"}
    assert components_for(_settings("echo-word")) == frozenset()
    assert needs_model(_settings("echo-word")) and not needs_model(_settings("sentence-length"))
    text = "# Visit\n\nAnna Kovacs visited Paris in May.\n"
    entities = {}
    for rule_id in ("name-variant", "incomplete-sentence"):
        doc = parse("a.md", text)
        doc.nlp_components = components_for(_settings(rule_id))
        [(_, spacy_doc)] = nlp.parsed(doc)
        entities[rule_id] = [(e.text, e.label_) for e in spacy_doc.ents]
    assert entities["name-variant"] == [("Anna Kovacs", "PERSON"), ("Paris", "GPE"), ("May", "DATE")]
    assert entities["incomplete-sentence"] == []
