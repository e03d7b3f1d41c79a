"""Vale's rule `action`: the fix Vale computes for an alert, in `copydesk vale`'s JSON and messages, and applied by
`copydesk check --fix` where it is a single replacement."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.vale.actions import Action, ActionError, fixes, read_action

FLAGS = ["--output=line", "--sort", "--relative", "--no-global"]


@pytest.mark.parametrize(
    ("action", "match", "expected"),
    [
        (Action("replace", ("use",)), "utilise", ["use"]),
        (Action("replace", ("to", "so as to")), "in order to", ["to", "so as to"]),
        (Action("replace"), "x", None),
        (Action("remove"), "really", [""]),
        (Action("edit", ("regex", r"(\w+)-(\w+)", "$2 ${1}")), "well-known", ["known well"]),
        (Action("edit", ("regex", r"(?P<a>\w+)-(\w+)", "$2x|${2}x|$a|$$")), "well-known", ["|knownx|well|$"]),
        (Action("edit", ("trim_right", ".!")), "wait!.", ["wait"]),
        (Action("edit", ("trim_left", "#")), "##tag", ["tag"]),
        (Action("edit", ("trim", "*")), "*bold*", ["bold"]),
        (Action("edit", ("truncate", " ")), "the the", ["the"]),
        (Action("edit", ("split", "/", "1")), "and/or", ["or"]),
        (Action("edit", ("split", "/", "2")), "and/or", None),  # too few pieces: Vale has no fix either
        (Action("edit", ("truncate", "")), "abc", ["a"]),  # Go splits between characters on an empty separator
        (Action("suggest", ("spellings",)), "teh", None),
        (Action("convert", ("simple",)), "FooBar", None),
    ],
)
def test_fixes_as_vale_computes_them(action, match, expected):
    assert fixes(action, match) == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "edit"}, "R.yml: action edit: no parameters"),
        ({"name": "edit", "params": ["regex", "a"]}, "R.yml: action edit regex: invalid number of parameters"),
        (
            {"name": "edit", "params": ["regex", "(?<=a)b", "c"]},
            "R.yml: action edit regex: cannot compile '(?<=a)b' (Go's RE2 syntax)",
        ),
        (
            {"name": "edit", "params": ["split", "/", "one"]},
            'R.yml: action edit split: strconv.Atoi: parsing "one": invalid syntax',
        ),
        ("remove", "R.yml: action: expected a mapping with `name` and `params`"),
    ],
)
def test_an_action_vale_would_refuse_names_the_rule_file(data, message):
    with pytest.raises(ActionError) as error:
        read_action(data, "R.yml")
    assert str(error.value) == message


def test_params_are_kept_as_given():
    assert read_action({"name": "replace", "params": ["a", 1]}, "R.yml") == Action("replace", ("a", "1"))
    assert read_action({"name": "remove"}, "R.yml") == Action("remove", None)
    assert read_action(None, "R.yml") == Action()


UTILISE = (
    "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: warning\naction:\n  name: replace\n"
    "swap:\n  utilise: use\n  in order to: to|so as to\n"
)
REALLY = "extends: existence\nmessage: \"Remove '%s'.\"\nlevel: warning\naction:\n  name: remove\ntokens:\n  - really\n"
HYPHEN = (
    "extends: existence\nmessage: \"'%s' reads better as '%s'.\"\nlevel: suggestion\naction:\n  name: edit\n"
    "  params:\n    - regex\n    - '(\\w+)-(\\w+)'\n    - '$2 $1'\nraw:\n  - 'known-well'\n"
)


def _project(tmp_path, document: str, rules: dict | None = None):
    style = tmp_path / "styles" / "House"
    style.mkdir(parents=True)
    for name, text in (rules or {"Utilise": UTILISE, "Really": REALLY, "Hyphen": HYPHEN}).items():
        (style / f"{name}.yml").write_text(text, encoding="utf-8")
    (tmp_path / ".vale.ini").write_text(
        "StylesPath = styles\nMinAlertLevel = suggestion\n\n[*.md]\nBasedOnStyles = House\nVale.Repetition = YES\n",
        encoding="utf-8",
    )
    (tmp_path / ".copydesk.yml").write_text("vale: .vale.ini\n", encoding="utf-8")
    (tmp_path / "story.md").write_text(document, encoding="utf-8")


STORY = "We utilise the the data really well, known-well, in order to win.\n"


def test_alerts_carry_their_action_and_its_fix_in_the_message(tmp_path, monkeypatch):
    _project(tmp_path, STORY)
    monkeypatch.chdir(tmp_path)
    lines = CliRunner().invoke(main, ["vale", *FLAGS, "story.md"]).output.splitlines()
    assert lines == [
        "story.md:1:4:House.Utilise:Use 'use' instead of 'utilise'.",
        "story.md:1:12:Vale.Repetition:'the' is repeated!",
        "story.md:1:25:House.Really:Remove 'really'.",
        "story.md:1:38:House.Hyphen:'known-well' reads better as 'well known'.",
        "story.md:1:50:House.Utilise:Use 'to' or 'so as to' instead of 'in order to'.",
    ]
    output = CliRunner().invoke(main, ["vale", "--output=JSON", "--no-global", "story.md"]).output
    actions = [(a["Check"], a["Action"]) for a in json.loads(output)["story.md"]]
    assert actions == [
        ("House.Utilise", {"Name": "replace", "Params": ["use"]}),
        ("Vale.Repetition", {"Name": "edit", "Params": ["truncate", " "]}),
        ("House.Really", {"Name": "remove", "Params": None}),
        ("House.Hyphen", {"Name": "edit", "Params": ["regex", r"(\w+)-(\w+)", "$2 $1"]}),
        ("House.Utilise", {"Name": "replace", "Params": ["to", "so as to"]}),
    ]


def test_check_fix_applies_the_actions_that_give_one_replacement(tmp_path, monkeypatch):
    _project(tmp_path, STORY)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "story.md"])
    suggestions = [
        (f["rule"], f["excerpt"], f.get("suggestion"))
        for f in json.loads(result.output)["findings"]
        if "." in f["rule"]
    ]
    assert suggestions == [
        ("House.Utilise", "utilise", "use"),
        ("Vale.Repetition", "the the", "the"),
        ("House.Really", "really", ""),
        ("House.Hyphen", "known-well", "well known"),
        ("House.Utilise", "in order to", None),  # two choices: the editor picks one
    ]
    fixed = CliRunner().invoke(main, ["check", "--no-cache", "--fix", "story.md"])
    assert (tmp_path / "story.md").read_text(encoding="utf-8") == (
        "We use the data  well, well known, in order to win.\n"
    )
    left = [line for line in fixed.output.splitlines() if "[House." in line or "[Vale." in line]
    assert left == ["story.md:1:36: warning [House.Utilise] Use 'to' or 'so as to' instead of 'in order to'."]
    again = CliRunner().invoke(main, ["check", "--no-cache", "--fix", "story.md"])
    assert (tmp_path / "story.md").read_text(encoding="utf-8") == (
        "We use the data  well, well known, in order to win.\n"
    )
    assert again.exit_code == fixed.exit_code


def test_a_rule_with_an_action_vale_would_refuse_stops_the_run_naming_its_file(tmp_path, monkeypatch):
    bad = REALLY.replace("  name: remove\n", "  name: edit\n  params:\n    - truncate\n")
    _project(tmp_path, STORY, {"Really": bad})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["vale", *FLAGS, "story.md"])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"{tmp_path / 'styles' / 'House' / 'Really.yml'}: action edit truncate: invalid number of parameters"
    ]
