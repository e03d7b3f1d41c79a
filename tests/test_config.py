"""Configuration: discovery, levels and options, overrides, user rule modules, and clear errors."""

from __future__ import annotations

import textwrap

import pytest
from conftest import cli_json, run_cli

from linter.errors import CopydeskError
from linter.run.config import glob_match, load_config

LONG = "Headline\n\nThe council said " + " and ".join(["the road"] * 12) + " would close.\n"  # 40 words


def write(path, text):
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_config_found_upward_sets_levels_and_options(tmp_path):
    write(
        tmp_path / ".copydesk.yml",
        """
        rules:
          sentence-length: {level: error, max_words: 45}
          repeated-word: off
    """,
    )
    (tmp_path / "desk").mkdir()
    article = write(tmp_path / "desk" / "a.txt", LONG)
    assert cli_json("check", str(article), cwd=str(tmp_path / "desk"))["findings"] == []
    write(tmp_path / ".copydesk.yml", "rules:\n  sentence-length: {level: error, max_words: 30}\n")
    result = run_cli("check", str(article), cwd=str(tmp_path / "desk"))
    assert result.exit_code == 1
    assert "error [sentence-length] sentence is 40 words long (more than 30)" in result.stdout


def test_overrides_and_excludes(tmp_path):
    write(
        tmp_path / "c.yml",
        """
        exclude: ["drafts/**"]
        overrides:
          - files: ["opinion/**"]
            rules: {repeated-word: off}
    """,
    )
    for folder in ("news", "opinion", "drafts"):
        (tmp_path / folder).mkdir()
        write(tmp_path / folder / "a.md", "The board met at the the house.\n")
    data = cli_json("check", "--config", str(tmp_path / "c.yml"), str(tmp_path))
    assert [f["path"] for f in data["findings"]] == [str(tmp_path / "news" / "a.md")]


def test_user_rule_modules(tmp_path):
    (tmp_path / "house").mkdir()
    write(
        tmp_path / "house" / "alleged.yml",
        """
        id: house-no-allegedly
        category: style
        level: warning
        check: existence
        message: 'avoid "{match}"'
        description: House style avoids "allegedly".
        options: {tokens: [allegedly], patterns: [], ignorecase: true, exceptions: [], kinds: [paragraph]}
        examples: {bad: [He allegedly took it.], good: [He took it.]}
    """,
    )
    write(
        tmp_path / "house" / "plain.yml",
        """
        id: house-plain-words
        category: style
        level: info
        check: substitution
        message: 'use "{preferred}" instead of "{match}"'
        description: Plain words.
        options: {swap: {utilise: use, "in order to": to}, ignorecase: true, kinds: [paragraph]}
        examples: {bad: [They utilise it.], good: [They use it.]}
    """,
    )
    write(tmp_path / ".copydesk.yml", "rules-dir: house\n")
    write(tmp_path / "a.md", "# Allegedly\n\nHe Allegedly moved in order\nto utilise the land.\n")
    data = cli_json("check", "a.md", cwd=str(tmp_path))
    assert [(f["rule"], f["line"], f["column"], f["excerpt"], f["message"]) for f in data["findings"]] == [
        ("house-no-allegedly", 3, 4, "Allegedly", 'avoid "Allegedly"'),
        ("house-plain-words", 3, 20, "in order\nto", 'use "to" instead of "in order to"'),
        ("house-plain-words", 4, 4, "utilise", 'use "use" instead of "utilise"'),
    ]


@pytest.mark.parametrize(
    "text,message",
    [
        ("rules:\n  sentence-length: {level: error\n", "c.yml:3: invalid YAML: "),
        ("rulez: {}\n", "c.yml: unknown key 'rulez' (did you mean \"rules\"?)"),
        (
            "rules:\n  sentence-lenght: off\n",
            "c.yml: unknown rule 'sentence-lenght' (did you mean \"sentence-length\"?)",
        ),
        (
            "rules:\n  sentence-length: {max_words: forty}\n",
            "c.yml:2: rule 'sentence-length': option 'max_words' must be an integer, not a string ('forty')",
        ),
        (
            "rules:\n  sentence-length: {max_word: 3}\n",
            "c.yml:2: rule 'sentence-length': unknown option 'max_word' (did you mean \"max_words\"?)",
        ),
        ("rules:\n  sentence-length: loud\n", "c.yml: rule 'sentence-length': level 'loud' is not one of"),
        ("overrides: [{rules: {}}]\n", "c.yml: overrides[0] must be a mapping with 'files' (globs) and 'rules'"),
        ("rules-dir: nowhere\n", "nowhere: rules folder not found"),
    ],
)
def test_invalid_config_is_one_clear_line_and_exit_2(tmp_path, text, message):
    config = tmp_path / "c.yml"
    config.write_text(text, encoding="utf-8")
    result = run_cli("check", "--config", str(config), str(tmp_path))
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_user_rule_module_names_its_file(tmp_path):
    (tmp_path / "house").mkdir()
    write(
        tmp_path / "house" / "bad.yml",
        "id: Bad_Rule\ncategory: style\nlevel: warning\ncheck: existence\ndescription: x\nmessage: x\n",
    )
    write(tmp_path / ".copydesk.yml", "rules-dir: house\n")
    with pytest.raises(CopydeskError, match=r"bad.yml: rule id 'Bad_Rule' must be kebab-case"):
        load_config(str(tmp_path / ".copydesk.yml"))
    write(
        tmp_path / "house" / "bad.yml",
        "id: bad-rule\ncategory: styel\nlevel: warning\ncheck: existence\ndescription: x\nmessage: x\n",
    )
    with pytest.raises(CopydeskError, match=r"category 'styel' is not one of .*\(did you mean \"style\"\?\)"):
        load_config(str(tmp_path / ".copydesk.yml"))
    write(
        tmp_path / "house" / "bad.yml",
        "id: bad-rule\ncategory: style\nlevel: warning\ncheck: existence\n"
        "description: x\nmessage: x\noptions: {tokens: [a]}\n",
    )
    with pytest.raises(CopydeskError, match=r"option 'patterns' needs a value \(a list of strings\)"):
        load_config(str(tmp_path / ".copydesk.yml"))


@pytest.mark.parametrize(
    "path,patterns,expected",
    [
        ("drafts/a.md", ["drafts/**"], True),
        ("news/drafts/a.md", ["drafts/**"], False),
        ("news/drafts/a.md", ["**/drafts/**"], True),
        ("news/a.md", ["*.md"], True),
        ("news/a.md", ["news/*.txt"], False),
        ("opinion/2024/a.md", ["opinion/*"], True),
    ],
)
def test_glob_match(path, patterns, expected):
    assert glob_match(path, patterns) is expected
