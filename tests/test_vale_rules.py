"""`copydesk vale` on our own small styles: exact alerts, comment controls, pattern safety and errors."""

from __future__ import annotations

import json
import time

from click.testing import CliRunner

from linter.cli import main
from linter.vale.patterns import Pattern, PatternError

FLAGS = ["--output=line", "--sort", "--relative", "--no-global"]


def _project(tmp_path, rules: dict[str, str], ini_extra: str = "", document: str = ""):
    style = tmp_path / "styles" / "House"
    style.mkdir(parents=True)
    for name, text in rules.items():
        (style / f"{name}.yml").write_text(text, encoding="utf-8")
    (tmp_path / ".vale.ini").write_text(
        f"StylesPath = styles\nMinAlertLevel = suggestion\n\n[*.md]\nBasedOnStyles = House\n{ini_extra}",
        encoding="utf-8",
    )
    (tmp_path / "story.md").write_text(document, encoding="utf-8")


def _run(tmp_path, monkeypatch, *args):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["vale", *FLAGS, *args])
    return result.output, result.exit_code


EXISTENCE = "extends: existence\nmessage: \"Avoid '%s'\"\nlevel: error\nignorecase: true\ntokens:\n  - very\n"
SWAP = "extends: substitution\nmessage: \"Use '%s' rather than '%s'.\"\nlevel: warning\nswap:\n  colour: color\n"


def test_existence_and_substitution_alerts_at_their_columns(tmp_path, monkeypatch):
    _project(tmp_path, {"Very": EXISTENCE, "Spelling": SWAP}, document="# Title\n\nA very fine colour, Very.\n")
    output, status = _run(tmp_path, monkeypatch, "story.md")
    assert output.splitlines() == [
        "story.md:3:3:House.Very:Avoid 'very'",
        "story.md:3:13:House.Spelling:Use 'color' rather than 'colour'.",
        "story.md:3:21:House.Very:Avoid 'Very'",
    ]
    assert status == 1  # an error-level alert


def test_inline_comments_turn_rules_off_and_on(tmp_path, monkeypatch):
    document = (
        "A very good start.\n\n<!-- vale off -->\n\nA very quiet part.\n\n<!-- vale on -->\n\n"
        "<!-- vale House.Very = NO -->\n\nStill very quiet.\n\n<!-- vale House.Very = YES -->\n\nA very loud end.\n"
    )
    _project(tmp_path, {"Very": EXISTENCE}, document=document)
    output, _ = _run(tmp_path, monkeypatch, "story.md")
    assert output.splitlines() == ["story.md:1:3:House.Very:Avoid 'very'", "story.md:15:3:House.Very:Avoid 'very'"]


def test_a_rule_set_to_no_and_min_alert_level(tmp_path, monkeypatch):
    _project(tmp_path, {"Very": EXISTENCE, "Spelling": SWAP}, "House.Very = NO\n", "A very fine colour.\n")
    assert _run(tmp_path, monkeypatch, "story.md")[0].splitlines() == [
        "story.md:1:13:House.Spelling:Use 'color' rather than 'colour'."
    ]
    assert _run(tmp_path, monkeypatch, "--minAlertLevel=error", "story.md") == ("", 0)


def test_json_output_names_the_match(tmp_path, monkeypatch):
    _project(tmp_path, {"Very": EXISTENCE}, document="So very.\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["vale", "--output=JSON", "story.md"])
    alerts = json.loads(result.output)["story.md"]
    assert [(a["Check"], a["Line"], a["Span"], a["Match"], a["Severity"]) for a in alerts] == [
        ("House.Very", 1, [4, 7], "very", "error")
    ]


def test_missing_config_is_a_runtime_error(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text("text\n", encoding="utf-8")
    output, status = _run(tmp_path, monkeypatch, "a.md")
    assert "E100 [.vale.ini not found] Runtime error" in output and status == 2


def test_a_missing_script_file_is_vale_e201_and_the_other_rules_still_run(tmp_path, monkeypatch):
    script = "extends: script\nmessage: x\nscript: x.tengo\n"
    _project(tmp_path, {"Script": script, "Very": EXISTENCE}, document="A very short text.\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["vale", *FLAGS, "story.md"])
    rule_file = tmp_path / "styles" / "House" / "Script.yml"
    expected = tmp_path / "styles" / "config" / "scripts" / "x.tengo"
    assert result.stderr == (
        f"copydesk vale: House.Script: E201 Invalid value [{rule_file}:3:1]: open {expected}: no such file or"
        " directory; the rule is skipped\n"
    )
    assert result.stdout == "story.md:1:3:House.Very:Avoid 'very'\n"
    assert result.exit_code == 1


def test_an_uncompilable_pattern_names_the_rule_file_and_field(tmp_path, monkeypatch):
    _project(tmp_path, {"Bad": "extends: existence\nmessage: x\nraw:\n  - '(unclosed'\n"}, document="text\n")
    output, status = _run(tmp_path, monkeypatch, "story.md")
    assert status == 2
    assert "Bad.yml: tokens/raw: cannot compile" in output


def test_catastrophic_backtracking_is_linear_or_bounded():
    line = "a" * 1_000_000 + "b"
    for source in [r"(a+)+$", r"(?<=x)(a+)+$"]:
        pattern = Pattern(source)
        start = time.perf_counter()
        assert list(pattern.finditer(line)) == []
        assert time.perf_counter() - start < 1.0


def test_lookarounds_fall_back_to_the_backtracking_engine():
    pattern = Pattern(r"(?<=\$)\d+")
    assert not pattern.linear
    assert [m.group() for m in pattern.finditer("cost $12 or 13")] == ["12"]


def test_unknown_syntax_raises_pattern_error():
    try:
        Pattern("(?<name", "House/Bad.yml: raw")
    except PatternError as error:
        assert str(error).startswith("House/Bad.yml: raw: cannot compile")
    else:
        raise AssertionError("no error")


def test_copydesk_check_adds_the_alerts_of_a_named_vale_ini(tmp_path, monkeypatch):
    _project(tmp_path, {"Very": EXISTENCE.replace("level: error", "level: warning")}, document="# T\n\nA very day.\n")
    (tmp_path / ".copydesk.yml").write_text("vale: .vale.ini\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "story.md"])
    found = [f for f in json.loads(result.output)["findings"] if f["rule"] == "House.Very"]
    assert [(f["line"], f["column"], f["excerpt"], f["category"], f["severity"]) for f in found] == [
        (3, 3, "very", "style", "warning")
    ]


def test_alert_offsets_index_a_crlf_file_as_read(tmp_path):
    from linter.vale.findings import vale_findings

    _project(tmp_path, {"Very": EXISTENCE}, document="")
    source = "# T\r\n\r\nA very day.\r\nIt was very cold.\r\n"
    found = vale_findings(str(tmp_path / "story.md"), source, str(tmp_path / ".vale.ini"))
    assert [(f.line, f.column, f.excerpt) for f in found] == [(3, 3, "very"), (4, 8, "very")]
    assert [source[f.start : f.end] for f in found] == ["very", "very"]


def test_the_result_cache_notices_a_changed_vale_style(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    _project(tmp_path, {"Very": EXISTENCE}, document="# T\n\nA very day.\n")
    (tmp_path / ".copydesk.yml").write_text("vale: .vale.ini\n", encoding="utf-8")

    def house_findings():
        run = [sys.executable, "-m", "linter", "check", "--format", "json", "story.md"]
        out = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT)})
        return [f["excerpt"] for f in json.loads(out.stdout)["findings"] if f["rule"].startswith("House.")]

    assert house_findings() == ["very"]
    assert house_findings() == ["very"]  # from the cache
    (tmp_path / "styles" / "House" / "Very.yml").write_text(EXISTENCE.replace("very", "day"), encoding="utf-8")
    assert house_findings() == ["day"]


DEFINED = (
    "extends: conditional\nmessage: \"'%s' is not spelled out first\"\nlevel: error\n"
    "first: '\\b([A-Z]{3,5})\\b'\nsecond: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'\nexceptions:\n  - BBC\n"
)


def test_a_conditional_rule_wants_each_term_defined_before_it_is_used(tmp_path, monkeypatch):
    document = (
        "The TUC spoke first.\n\nThe Trades Union Congress (TUC) met the BBC.\n\nLater the TUC and the CBI met.\n"
    )
    _project(tmp_path, {"Defined": DEFINED}, document=document)
    output, status = _run(tmp_path, monkeypatch, "story.md")
    assert output.splitlines() == [
        "story.md:1:5:House.Defined:'TUC' is not spelled out first",
        "story.md:5:23:House.Defined:'CBI' is not spelled out first",
    ]
    assert status == 1


def metric(formula: str, condition: str) -> str:
    return f'extends: metric\nmessage: "Value %s"\nlevel: warning\nformula: "{formula}"\ncondition: "{condition}"\n'


def test_a_metric_rule_reports_its_value_once_at_the_start_of_the_file(tmp_path, monkeypatch):
    rules = {
        "Subheads": metric("heading.h2 + list", "> 1"),
        "Short": metric("words / sentences", "< 4"),
        "Root": metric("math.sqrt(words)", ">= 3"),
    }
    document = "# Title\n\n## One\n\nA short piece of text. It has words.\n\n## Two\n\n- A list item.\n"
    _project(tmp_path, rules, document=document)
    output, status = _run(tmp_path, monkeypatch, "story.md")
    assert output.splitlines() == [
        "story.md:1:1:House.Root:Value 3.32",
        "story.md:1:1:House.Short:Value 3.67",
        "story.md:1:1:House.Subheads:Value 3.00",
    ]
    assert status == 0


def test_a_formula_that_is_not_arithmetic_names_the_rule_file(tmp_path, monkeypatch):
    _project(tmp_path, {"Bad": metric("__import__('os').getcwd()", "> 1")}, document="Some text here.\n")
    output, status = _run(tmp_path, monkeypatch, "story.md")
    assert status == 2
    assert "Bad.yml: formula: " in output and "is not allowed in a formula" in output


def test_a_consistency_rule_alerts_once_per_block_once_both_forms_are_seen(tmp_path, monkeypatch):
    rule = "extends: consistency\nmessage: \"Inconsistent spelling of '%s'\"\nlevel: error\nignorecase: true\n"
    rule += "either:\n  colour: color\n  organise: organize\n"
    document = (
        "The colour was chosen.\n\nThe color changed. Organize it, then organise it again.\n\n"
        "A colour and then a color.\n"
    )
    _project(tmp_path, {"Spelling": rule}, document=document)
    output, _ = _run(tmp_path, monkeypatch, "story.md")
    # As in Vale: the last match of each block that has one, from the block where both forms have been seen on.
    assert output.splitlines() == [
        "story.md:3:5:House.Spelling:Inconsistent spelling of 'color'",
        "story.md:3:38:House.Spelling:Inconsistent spelling of 'organise'",
        "story.md:5:21:House.Spelling:Inconsistent spelling of 'color'",
    ]


def test_a_rule_limit_caps_its_alerts_in_each_file(tmp_path, monkeypatch):
    rule = "extends: existence\nmessage: \"Don't use '%s'.\"\nlevel: error\nlimit: 2\ntokens:\n  - hey\n"
    _project(tmp_path, {"Hey": rule}, document="hey there.\n\nhey again.\n\nhey, once more.\n")
    output, _ = _run(tmp_path, monkeypatch, "story.md")
    assert output.splitlines() == ["story.md:1:1:House.Hey:Don't use 'hey'.", "story.md:3:1:House.Hey:Don't use 'hey'."]


def test_a_readability_rule_reports_the_mean_grade_at_the_start_of_the_file(tmp_path, monkeypatch):
    rule = 'extends: readability\nmessage: "Grade %s"\nlevel: warning\ngrade: 5\nmetrics:\n  - Flesch-Kincaid\n'
    easy = rule.replace("grade: 5", "grade: 30")
    document = (
        "The committee deliberated extensively regarding the municipality's infrastructure appropriations.\n\n"
        "Nobody attended.\n"
    )
    _project(tmp_path, {"Reading": rule, "Easy": easy}, document=document)
    output, _ = _run(tmp_path, monkeypatch, "story.md")
    # 11 words, 2 sentences, 38 syllables: 0.39 * 11 / 2 + 11.8 * 38 / 11 - 15.59 = 27.32, under 30 and over 5
    assert output.splitlines() == ["story.md:1:1:House.Reading:Grade 27.32"]


def test_an_unknown_readability_metric_names_the_rule_file(tmp_path, monkeypatch):
    rule = "extends: readability\nmessage: x\ngrade: 5\nmetrics:\n  - Fleisch\n"
    _project(tmp_path, {"Reading": rule}, document="Some text.\n")
    output, status = _run(tmp_path, monkeypatch, "story.md")
    assert status == 2
    assert "Reading.yml: metrics: 'Fleisch' is not one of Gunning Fog" in output


def test_word_boundaries_are_unicode_as_in_vale(tmp_path, monkeypatch):
    rule = "extends: substitution\nmessage: \"'%s', not '%s'\"\nlevel: warning\nignorecase: true\n"
    rule += "swap:\n  добавлени[а-я]+: добавить\n"
    _project(tmp_path, {"Ru": rule}, document="Об успешном добавлении ключей.\n")
    output, _ = _run(tmp_path, monkeypatch, "story.md")
    assert output.splitlines() == ["story.md:1:13:House.Ru:'добавить', not 'добавлении'"]


def test_capitalization_in_sentence_and_title_case_with_exceptions(tmp_path, monkeypatch):
    sentence = "extends: capitalization\nmessage: \"'%s' should be sentence-cased\"\nlevel: warning\n"
    sentence += "scope: heading.h2\nmatch: $sentence\nindicators:\n  - ':'\nexceptions:\n  - Harbour Board\n"
    title = "extends: capitalization\nmessage: \"'%s' should be '%s'\"\nlevel: warning\nscope: heading.h1\n"
    title += "match: $title\n"
    document = (
        "# The harbour reopens for the season\n\n## What the Harbour Board said\n\n## Next steps: Dredging\n\n"
        "## Where The Boats Will Go\n"
    )
    _project(tmp_path, {"Sentence": sentence, "Title": title}, document=document)
    output, _ = _run(tmp_path, monkeypatch, "story.md")
    assert output.splitlines() == [
        "story.md:1:3:House.Title:'The harbour reopens for the season' should be 'The Harbour Reopens for the Season'",
        "story.md:7:4:House.Sentence:'Where The Boats Will Go' should be sentence-cased",
    ]


def test_vocab_terms_are_enforced_and_excepted_everywhere(tmp_path, monkeypatch):
    vocabulary = tmp_path / "styles" / "config" / "vocabularies" / "Desk"
    vocabulary.mkdir(parents=True)
    (vocabulary / "accept.txt").write_text("# house names\nOsei\nGitHub\n", encoding="utf-8")
    (vocabulary / "reject.txt").write_text("Mac OS X\n", encoding="utf-8")
    very = "extends: existence\nmessage: \"Avoid '%s'\"\nlevel: error\ntokens:\n  - Osei\n"
    _project(tmp_path, {"Names": very}, "", "Mr osei moved to github from Mac OS X. Osei agreed.\n")
    ini = (tmp_path / ".vale.ini").read_text(encoding="utf-8")
    (tmp_path / ".vale.ini").write_text(ini.replace("BasedOnStyles = House", "BasedOnStyles = Vale, House"))
    (tmp_path / ".vale.ini").write_text("Vocab = Desk\n" + (tmp_path / ".vale.ini").read_text(encoding="utf-8"))
    output, _ = _run(tmp_path, monkeypatch, "story.md")
    assert output.splitlines() == [
        "story.md:1:4:Vale.Terms:Use 'Osei' instead of 'osei'.",
        "story.md:1:18:Vale.Terms:Use 'GitHub' instead of 'github'.",
        "story.md:1:30:Vale.Avoid:Avoid using 'Mac OS X'.",
    ]


def test_a_sequence_rule_matches_tokens_by_text_and_tag(tmp_path, monkeypatch):
    # `%s` is the run's first word and `%[n]s` its nth, as Vale's Sprintf reads them; `tag: NN` also matches NNS.
    meetup = "extends: sequence\nmessage: \"Use 'meetup' for '%s up'\"\nlevel: warning\ntokens:\n"
    meetup += "  - tag: NN\n    pattern: meet\n  - pattern: up\n"
    would = "extends: sequence\nmessage: \"'%[4]s' after '%[2]s %[3]s'\"\nlevel: warning\ntokens:\n"
    would += "  - tag: MD\n  - pattern: be\n  - tag: JJ|VBN\n    skip: 1\n"
    document = "The meet up was busy. We will meet up later.\n\nIt would be very cold by then.\n"
    _project(tmp_path, {"Meetup": meetup, "Would": would}, document=document)
    output, _ = _run(tmp_path, monkeypatch, "story.md")
    assert output.splitlines() == [
        "story.md:1:5:House.Meetup:Use 'meetup' for 'meet up'",
        "story.md:3:4:House.Would:'cold' after 'be very'",
    ]


def test_a_sequence_skip_lets_words_stand_between_a_token_and_the_anchor(tmp_path, monkeypatch):
    # Up to three words between the superlative and "of all times" (the anchor is the first token with a pattern).
    times = "extends: sequence\nmessage: \"'%s ... of all time'\"\nlevel: warning\ntokens:\n"
    times += "  - tag: JJS\n    skip: 3\n  - pattern: of\n  - pattern: all\n  - pattern: times\n"
    document = "She is the greatest tennis player of all times.\n\nThe best of all times.\n\n"
    document += "The best one in the world of all times.\n"
    _project(tmp_path, {"Times": times}, document=document)
    output, _ = _run(tmp_path, monkeypatch, "story.md")
    assert output.splitlines() == [
        "story.md:1:12:House.Times:'greatest ... of all time'",
        "story.md:3:5:House.Times:'best ... of all time'",
    ]


def _code_project(tmp_path, name: str, source: str):
    _project(tmp_path, {"Very": EXISTENCE}, ini_extra="\n[*]\nBasedOnStyles = House\n")
    (tmp_path / name).write_text(source, encoding="utf-8")


def test_python_comments_and_docstrings_are_linted_not_the_code(tmp_path, monkeypatch):
    source = (
        "very = 1  # a very small number\n"
        "\n"
        "def f():\n"
        '    """Very short."""\n'
        '    return "very"\n'
        "# one line\n"
        "# and a very long second\n"
    )
    _code_project(tmp_path, "tool.py", source)
    output, _ = _run(tmp_path, monkeypatch, "tool.py")
    assert output.splitlines() == [
        "tool.py:1:15:House.Very:Avoid 'very'",
        "tool.py:4:8:House.Very:Avoid 'Very'",
        "tool.py:7:9:House.Very:Avoid 'very'",
    ]
    lines = source.splitlines()
    for alert in output.splitlines():
        line, column = (int(n) for n in alert.split(":")[1:3])
        assert lines[line - 1][column - 1 : column + 3].lower() == "very"


def test_block_comments_in_c_style_code(tmp_path, monkeypatch):
    source = "int very = 0;\n/*\n * A very plain\n * block.\n */\nint f(); // very\n"
    _code_project(tmp_path, "tool.cc", source)
    output, _ = _run(tmp_path, monkeypatch, "tool.cc")
    assert output.splitlines() == ["tool.cc:3:6:House.Very:Avoid 'very'", "tool.cc:6:13:House.Very:Avoid 'very'"]


def test_languages_without_a_grammar_use_vales_comment_patterns(tmp_path, monkeypatch):
    _code_project(tmp_path, "tool.lua", 'local very = 1\n-- a very old note\nprint("very")\n')
    output, _ = _run(tmp_path, monkeypatch, "tool.lua")
    assert output.splitlines() == ["tool.lua:2:6:House.Very:Avoid 'very'"]


def test_ignored_scopes_leave_out_comments(tmp_path, monkeypatch):
    _code_project(tmp_path, "tool.py", "# a very old note\n")
    ini = tmp_path / ".vale.ini"
    ini.write_text("IgnoredScopes = comment.line\n" + ini.read_text(encoding="utf-8"), encoding="utf-8")
    assert _run(tmp_path, monkeypatch, "tool.py") == ("", 0)


def test_a_double_star_glob_matches_files_at_the_top_too(tmp_path, monkeypatch):
    _code_project(tmp_path, "tool.py", "# a very old note\n")
    (tmp_path / "story.md").write_text("A very fine start.\n", encoding="utf-8")
    output, _ = _run(tmp_path, monkeypatch, "--glob=!**/*.py", ".")
    assert output.splitlines() == ["story.md:1:3:House.Very:Avoid 'very'"]


def test_a_section_glob_with_a_character_class(tmp_path, monkeypatch):
    _project(tmp_path, {"Very": EXISTENCE})
    ini = (tmp_path / ".vale.ini").read_text(encoding="utf-8").replace("[*.md]", "[[!_]*.md]")
    (tmp_path / ".vale.ini").write_text(ini, encoding="utf-8")
    (tmp_path / "story.md").write_text("A very fine start.\n", encoding="utf-8")
    (tmp_path / "_draft.md").write_text("A very rough draft.\n", encoding="utf-8")
    output, _ = _run(tmp_path, monkeypatch, ".")
    assert output.splitlines() == ["story.md:1:3:House.Very:Avoid 'very'"]


def test_vocab_terms_are_exceptions_to_vale_repetition(tmp_path, monkeypatch):
    vocabulary = tmp_path / "styles" / "config" / "vocabularies" / "Desk"
    vocabulary.mkdir(parents=True)
    (vocabulary / "accept.txt").write_text("had\n", encoding="utf-8")
    _project(tmp_path, {}, document="She had had enough. It was was late.\n")
    ini = (tmp_path / ".vale.ini").read_text(encoding="utf-8").replace("BasedOnStyles = House", "BasedOnStyles = Vale")
    (tmp_path / ".vale.ini").write_text("Vocab = Desk\n" + ini, encoding="utf-8")
    output, _ = _run(tmp_path, monkeypatch, "story.md")
    assert output.splitlines() == ["story.md:1:24:Vale.Repetition:'was' is repeated!"]


def test_a_filter_expression_keeps_only_the_rules_it_selects(tmp_path, monkeypatch):
    _project(tmp_path, {"Very": EXISTENCE, "Spelling": SWAP}, document="A very fine colour.\n")
    output, _ = _run(tmp_path, monkeypatch, '--filter=.Extends in ["substitution"]', "story.md")
    assert output.splitlines() == ["story.md:1:13:House.Spelling:Use 'color' rather than 'colour'."]
    output, _ = _run(tmp_path, monkeypatch, '--filter=.Level == "error" and .Name != "House.Spelling"', "story.md")
    assert output.splitlines() == ["story.md:1:3:House.Very:Avoid 'very'"]


def test_a_filter_is_read_never_run_as_code(tmp_path, monkeypatch):
    _project(tmp_path, {"Very": EXISTENCE}, document="A very fine day.\n")
    output, status = _run(tmp_path, monkeypatch, "--filter=__import__('os').getcwd() == .Name", "story.md")
    assert status == 2
    assert "--filter:" in output and "is not allowed" in output


AFF = "SET UTF-8\nICONV 1\nICONV ’ '\nSFX S Y 2\nSFX S y ies [^aeiou]y\nSFX S 0 s [aeiou]y\nPFX U Y 1\nPFX U 0 un .\n"
DIC = "3\nstory/S\nday/SU\ndone/U\n"


def _spelling_project(tmp_path, rule: str, document: str):
    _project(tmp_path, {"Words": rule}, document=document)
    (tmp_path / "styles" / "dicts").mkdir()
    (tmp_path / "styles" / "dicts" / "house.aff").write_text(AFF, encoding="utf-8")
    (tmp_path / "styles" / "dicts" / "house.dic").write_text(DIC, encoding="utf-8")
    (tmp_path / "styles" / "ignore.txt").write_text("copydesk\n", encoding="utf-8")


def test_a_spelling_rule_expands_its_dictionary_with_the_affix_rules(tmp_path, monkeypatch):
    rule = (
        "extends: spelling\nmessage: \"'%s' is not in the house list\"\nlevel: error\ncustom: true\n"
        "dicpath: dicts\ndictionaries:\n  - house\nignore: ignore.txt\n"
    )
    document = "Stories days undone Days storys 42 copydesk.\n\nStorys undays.\n"
    _spelling_project(tmp_path, rule, document)
    output, status = _run(tmp_path, monkeypatch, "story.md")
    # "stories" (y -> ies), "undone" (prefix), "Days" (lower case), 42 (a number) and the ignore list are known,
    # and "undays" crosses a prefix with a suffix ("unday" + "s")
    assert output.splitlines() == [
        "story.md:1:26:House.Words:'storys' is not in the house list",
        "story.md:3:1:House.Words:'Storys' is not in the house list",
    ]
    assert status == 1


def test_spelling_filters_skip_words_and_custom_drops_the_default_filters(tmp_path, monkeypatch):
    rule = "extends: spelling\nmessage: \"'%s'?\"\ndicpath: dicts\ndictionaries:\n  - house\nfilters:\n  - '[pP]y.*'\n"
    _spelling_project(tmp_path, rule, "Python storys GitHub NASA re-done.\n")
    output, _ = _run(tmp_path, monkeypatch, "story.md")
    # Vale's default filters pass camel case, all capitals and words with a character outside a-z, _ and '
    assert output.splitlines() == ["story.md:1:8:House.Words:'storys'?"]


def test_vale_spelling_uses_the_default_en_us_dictionary(tmp_path, monkeypatch):
    (tmp_path / "styles").mkdir()
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n\n[*]\nVale.Spelling = YES\n", encoding="utf-8")
    (tmp_path / "story.md").write_text("The council's budget was approvd on Tuesday.\n", encoding="utf-8")
    output, status = _run(tmp_path, monkeypatch, "story.md")
    assert output.splitlines() == ["story.md:1:26:Vale.Spelling:Did you really mean 'approvd'?"]
    assert status == 1


def test_copydesk_vale_dictionary_replaces_the_default_dictionary(tmp_path, monkeypatch):
    (tmp_path / "styles").mkdir()
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n\n[*]\nVale.Spelling = YES\n", encoding="utf-8")
    (tmp_path / "story.md").write_text("Stories of gitignore days: council approvd.\n", encoding="utf-8")
    (tmp_path / "web.aff").write_text(AFF, encoding="utf-8")
    (tmp_path / "web.dic").write_text(DIC + "of\ngitignore\n", encoding="utf-8")
    output, status = _run(tmp_path, monkeypatch, "story.md")
    assert output.splitlines() == [
        "story.md:1:12:Vale.Spelling:Did you really mean 'gitignore'?",
        "story.md:1:36:Vale.Spelling:Did you really mean 'approvd'?",
    ]
    monkeypatch.setenv("COPYDESK_VALE_DICTIONARY", str(tmp_path / "web.dic"))
    output, status = _run(tmp_path, monkeypatch, "story.md")
    assert output.splitlines() == [
        "story.md:1:28:Vale.Spelling:Did you really mean 'council'?",
        "story.md:1:36:Vale.Spelling:Did you really mean 'approvd'?",
    ]
    assert status == 1
    monkeypatch.setenv("COPYDESK_VALE_DICTIONARY", str(tmp_path / "web"))  # the name without .dic reads the same
    assert _run(tmp_path, monkeypatch, "story.md") == (output, status)


def test_a_copydesk_vale_dictionary_that_is_not_there_is_named(tmp_path, monkeypatch):
    (tmp_path / "styles").mkdir()
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n\n[*]\nVale.Spelling = YES\n", encoding="utf-8")
    (tmp_path / "story.md").write_text("Text.\n", encoding="utf-8")
    (tmp_path / "web.dic").write_text(DIC, encoding="utf-8")
    monkeypatch.setenv("COPYDESK_VALE_DICTIONARY", str(tmp_path / "web.dic"))
    output, status = _run(tmp_path, monkeypatch, "story.md")
    assert status == 2
    assert output.splitlines() == [
        f"COPYDESK_VALE_DICTIONARY={tmp_path / 'web.dic'}: {tmp_path / 'web.aff'} not found (a .dic with its .aff"
        " beside it)"
    ]


def test_a_dictionary_that_is_not_there_names_the_rule_file(tmp_path, monkeypatch):
    rule = "extends: spelling\nmessage: x\ndicpath: dicts\ndictionaries:\n  - missing\n"
    _spelling_project(tmp_path, rule, "text\n")
    output, status = _run(tmp_path, monkeypatch, "story.md")
    assert status == 2
    assert "Words.yml: 'missing.dic' not found in" in output


def test_the_treebank_tokenizer_splits_as_vales_does():
    from linter.vale.sequence import treebank_words

    assert treebank_words("The endpoint's \"new\" (beta) API can't wait... ok?") == (
        ["The", "endpoint", "'s", "``", "new", "''", "(", "beta", ")", "API", "ca", "n't", "wait", "...", "ok", "?"]
    )


def test_vale_syllable_counts():
    from linter.vale.summary import document_counts, syllables

    assert [syllables(w) for w in ["a", "people", "deliberated", "simile", "unhappiness", "biology", "jumped"]] == [
        1,
        2,
        5,
        3,
        4,
        4,
        1,
    ]
    counts = document_counts("One short line. And a second one!\n\nA new paragraph.\n\n")
    assert (counts.sentences, counts.words, counts.paragraphs) == (3, 10, 2)
