"""`copydesk vale --output=FILE.tmpl`: Go text/template output, run by copydesk's own reader of the subset Vale's
documented templates use."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.vale.template import Struct, Template, TemplateError, go_sprintf


def render(text: str, data=None) -> str:
    return Template(text, "t.tmpl").render(data if data is not None else Struct())


FILES = Struct(
    Files=[
        Struct(Path="a.md", Alerts=[Struct(Line=3, Span=[5, 8], Check="House.Very", Severity="error", Message="m1")]),
        Struct(
            Path="b.md",
            Alerts=[
                Struct(Line=1, Span=[1, 2], Check="House.X", Severity="warning", Message="m2"),
                Struct(Line=2, Span=[7, 9], Check="House.Y", Severity="suggestion", Message="m3"),
            ],
        ),
    ],
    LintedTotal=3,
)


def test_range_with_variables_fields_and_index():
    text = "{{range .Files}}{{- $path := .Path -}}{{range .Alerts}}{{$path}}:{{.Line}}:{{index .Span 0}}\n"
    text += "{{end}}{{end}}"
    assert render(text, FILES) == "a.md:3:5\nb.md:1:1\nb.md:2:7\n"


def test_range_declares_element_and_key_variables_and_reads_the_root():
    text = "{{range $i, $f := .Files}}{{$i}}={{$f.Path}}/{{$.LintedTotal}} {{end}}"
    assert render(text, FILES) == "0=a.md/3 1=b.md/3 "


def test_if_else_if_else_and_counters_assigned_in_loops():
    text = (
        "{{- $e := 0 -}}{{- $w := 0 -}}{{- $s := 0 -}}"
        "{{- range .Files -}}{{- range .Alerts -}}"
        '{{- if eq .Severity "error" -}}{{- $e = add1 $e -}}'
        '{{- else if eq .Severity "warning" -}}{{- $w = add1 $w -}}'
        "{{- else -}}{{- $s = add1 $s -}}{{- end -}}"
        "{{- end -}}{{- end -}}"
        "{{$e}} errors, {{$w}} warnings and {{$s}} suggestions"
        ' in {{len .Files}} {{len .Files | plural "file" "files"}}.'
    )
    assert render(text, FILES) == "1 errors, 1 warnings and 1 suggestions in 2 files."


def test_trim_markers_and_comments_leave_no_text():
    assert render("a  {{- /* a comment */ -}}  \n b{{/* another */}}c") == "abc"
    assert render("x {{- 3}} {{4 -}} y") == "x3 4y"


def test_pipelines_parentheses_and_sprig_functions():
    assert render('{{"b,a" | splitList "," | sortAlpha | join "+"}}') == "a+b"
    assert render('{{printf "%d:%d" 3 (index (list 7 8) 1)}}') == "3:8"
    assert render('{{ $d := dict "k" "v" }}{{ $_ := set $d "n" 2 }}{{get $d "k"}}{{get $d "n"}}{{get $d "none"}}') == (
        "v2"
    )
    assert render('{{trimPrefix "," ((list "" "a" "b") | join ",")}}') == "a,b"
    assert render('{{"x\\ty" | jsonEscape}} {{"it" | upper | printf "%q"}}') == 'x\\ty "IT"'
    assert render('{{with .Missing}}yes{{else}}no{{end}} {{with "v"}}{{.}}{{end}}', Struct(Missing=None)) == "no v"
    assert render("{{if and 1 0}}a{{else if or 0 2}}b{{end}}") == "b"


def test_range_over_a_map_is_in_key_order_and_break_stops_it():
    data = Struct(M={"b": 2, "a": 1, "c": 3})
    assert render('{{range $k, $v := .M}}{{$k}}{{$v}}{{if eq $k "b"}}{{break}}{{end}}{{end}}', data) == "a1b2"
    assert render("{{range .Empty}}x{{else}}none{{end}}", Struct(Empty=[])) == "none"


def test_go_printf_verbs():
    assert go_sprintf("%5d|%-4s|%.2f|%v|%s", 42, "ab", 2 / 3, [1, 2], True) == "   42|ab  |0.67|[1 2]|true"
    assert go_sprintf("%d and %d", 1) == "1 and %!d(MISSING)"


def test_tables_print_in_place_with_padded_columns():
    text = '{{$t := newTable true}}{{$t = addRow $t (list "3:1" "error")}}{{$t = addRow $t (list "12:10" "ok")}}' + (
        "{{$t = renderTable $t}}after"
    )
    assert render(text) == "\n 3:1    error \n 12:10  ok    \n\nafter"


@pytest.mark.parametrize(
    "text, message",
    [
        ("line one\n{{nosuch .Files}}", 't.tmpl:2: function "nosuch" not defined'),
        ('{{define "x"}}{{end}}', "t.tmpl:1: {{define}} is not supported by copydesk's template reader"),
        ("{{range .Files}}", "t.tmpl:1: unexpected EOF"),
        ("{{.Files", "t.tmpl:1: unclosed action"),
        ("{{$x}}", "t.tmpl:1: undefined variable: $x"),
        ("{{.Path 3}}", "t.tmpl:1: can't give argument to non-function .Path"),
    ],
)
def test_constructs_outside_the_subset_are_errors_naming_the_file_and_line(text, message):
    with pytest.raises(TemplateError) as error:
        render(text, FILES)
    assert str(error.value) == message


def test_a_struct_field_that_does_not_exist_is_an_error():
    with pytest.raises(TemplateError, match=r"t.tmpl:1: can't evaluate field Nope"):
        render("{{range .Files}}{{.Nope}}{{end}}", FILES)


LINE_TEMPLATE = (
    "{{range .Files}}\n{{- $path := .Path -}}\n{{- range .Alerts -}}\n"
    "{{$path}}:{{.Line}}:{{index .Span 0}}:{{.Check}}:{{.Severity}}:{{.Message}}\n{{end -}}\n{{end -}}\n"
)


def _project(tmp_path, level="warning"):
    style = tmp_path / "styles" / "House"
    style.mkdir(parents=True)
    (style / "Very.yml").write_text(
        f"extends: existence\nmessage: \"Avoid '%s'\"\nlevel: {level}\ntokens:\n  - very\n", encoding="utf-8"
    )
    templates = tmp_path / "styles" / "config" / "templates"
    templates.mkdir(parents=True)
    (templates / "line.tmpl").write_text(LINE_TEMPLATE, encoding="utf-8")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n\n[*.md]\nBasedOnStyles = House\n", encoding="utf-8")
    (tmp_path / "story.md").write_text("# Title\n\nA very fine day, very.\n", encoding="utf-8")


def test_output_names_a_template_found_in_the_styles_config_folder(tmp_path, monkeypatch):
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["vale", "--output=line.tmpl", "--sort", "story.md"])
    assert result.output.splitlines() == [
        "story.md:3:3:House.Very:warning:Avoid 'very'",
        "story.md:3:18:House.Very:warning:Avoid 'very'",
    ]
    assert result.exit_code == 0


def test_a_template_run_exits_1_on_an_error_level_alert(tmp_path, monkeypatch):
    _project(tmp_path, level="error")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["vale", "--output=styles/config/templates/line.tmpl", "story.md"])
    assert result.output.splitlines()[0] == "story.md:3:3:House.Very:error:Avoid 'very'"
    assert result.exit_code == 1


def test_a_missing_or_broken_template_is_a_runtime_error_naming_it(tmp_path, monkeypatch):
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["vale", "--output=nothere.tmpl", "story.md"])
    assert result.exit_code == 2
    assert result.output.startswith("E100 [template] Runtime error\n\nnothere.tmpl: no such template file")
    (tmp_path / "bad.tmpl").write_text("{{range .Files}}{{.Path | shout}}{{end}}", encoding="utf-8")
    result = CliRunner().invoke(main, ["vale", "--output=bad.tmpl", "story.md"])
    assert result.exit_code == 2
    assert 'bad.tmpl:1: function "shout" not defined' in result.output
