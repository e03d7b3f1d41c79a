"""Vale's commands run by real `copydesk vale` processes in temporary project folders: dispatch, `sync` of local
packages (zip files and folders built here from our own small styles) and the lint run that follows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--output=line", "--sort", "--relative", "--no-global"]

UTILIZE = "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: error\ntokens:\n  - utilize\n"
STUFF = "extends: existence\nmessage: \"Say more than '%s'.\"\nlevel: warning\ntokens:\n  - stuff\n"


def vale(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "linter", "vale", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120
    )


def make_zip(path: Path, files: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


def project(tmp_path: Path, packages: str, styles: str = "House", document: str = "We utilize stuff.\n") -> Path:
    (tmp_path / ".vale.ini").write_text(
        f"StylesPath = styles\nMinAlertLevel = suggestion\nPackages = {packages}\n\n[*.md]\nBasedOnStyles = {styles}\n",
        encoding="utf-8",
    )
    (tmp_path / "story.md").write_text(document, encoding="utf-8")
    return tmp_path


def tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


HOUSE_ZIP = {"House/Utilize.yml": UTILIZE}
# A complete package: its own styles folder (a style and a vocabulary) and a .vale.ini that turns its style on.
FULL_ZIP = {
    "Full/styles/Full/Stuff.yml": STUFF,
    "Full/styles/config/vocabularies/Team/accept.txt": "Acme\n",
    "Full/.vale.ini": "[*.md]\nBasedOnStyles = Full\n",
}


@pytest.mark.parametrize("command", ["host-install", "host-uninstall", "compile", "run", "transform", "tag", "ls-dirs"])
def test_a_vale_command_copydesk_does_not_run_is_one_line_and_exit_2(tmp_path, command):
    project(tmp_path, "")
    result = vale(tmp_path, command, "x")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"copydesk vale: '{command}' is a Vale command that copydesk does not run (")


def test_a_command_name_is_a_command_even_when_a_file_has_that_name(tmp_path):
    # Vale looks the first argument up among its commands before it looks for a file.
    make_zip(tmp_path / "House.zip", HOUSE_ZIP)
    project(tmp_path, "House.zip")
    (tmp_path / "sync").write_text("We utilize it.\n", encoding="utf-8")
    result = vale(tmp_path, *FLAGS, "sync")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f" SUCCESS  Synced 1 package(s) to '{tmp_path / 'styles'}'.\n"
    assert (tmp_path / "styles" / "House" / "Utilize.yml").read_text(encoding="utf-8") == UTILIZE


def test_sync_installs_a_style_only_zip_and_the_next_run_uses_it(tmp_path):
    make_zip(tmp_path / "House.zip", HOUSE_ZIP)
    project(tmp_path, "House.zip")
    assert vale(tmp_path, "sync").returncode == 0
    assert tree(tmp_path / "styles") == ["House", "House/Utilize.yml"]
    result = vale(tmp_path, *FLAGS, "story.md")
    assert result.stdout == "story.md:1:4:House.Utilize:Avoid 'utilize'.\n"
    assert result.returncode == 1


def test_sync_places_a_complete_package_as_vale_does(tmp_path):
    make_zip(tmp_path / "House.zip", HOUSE_ZIP)
    make_zip(tmp_path / "Full.zip", FULL_ZIP)
    project(tmp_path, "House.zip, Full.zip", document="We utilize stuff. Acme stuff.\n")
    result = vale(tmp_path, "sync")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f" SUCCESS  Synced 2 package(s) to '{tmp_path / 'styles'}'.\n"
    assert tree(tmp_path / "styles") == [
        ".vale-config",
        ".vale-config/1-Full.ini",
        "Full",
        "Full/Stuff.yml",
        "House",
        "House/Utilize.yml",
        "config",
        "config/vocabularies",
        "config/vocabularies/Team",
        "config/vocabularies/Team/accept.txt",
    ]
    # The package's config (BasedOnStyles = Full) is read before the project's (House): both styles run.
    result = vale(tmp_path, *FLAGS, "story.md")
    assert result.stdout.splitlines() == [
        "story.md:1:4:House.Utilize:Avoid 'utilize'.",
        "story.md:1:12:Full.Stuff:Say more than 'stuff'.",
        "story.md:1:24:Full.Stuff:Say more than 'stuff'.",
    ]


def test_sync_installs_a_folder_package_without_changing_it(tmp_path):
    source = tmp_path / "vendor" / "Full"
    for name, text in FULL_ZIP.items():
        (tmp_path / "vendor" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "vendor" / name).write_text(text, encoding="utf-8")
    before = tree(source)
    project(tmp_path, "vendor/Full", styles="Vale")
    assert vale(tmp_path, "sync").returncode == 0
    assert tree(source) == before  # Vale renames the package's .vale.ini in place; copydesk copies it
    assert (tmp_path / "styles" / ".vale-config" / "0-Full.ini").is_file()
    assert vale(tmp_path, *FLAGS, "story.md").stdout == "story.md:1:12:Full.Stuff:Say more than 'stuff'.\n"


def test_sync_installs_the_packages_a_package_names(tmp_path):
    make_zip(tmp_path / "House.zip", HOUSE_ZIP)
    make_zip(
        tmp_path / "Full.zip", {**FULL_ZIP, "Full/.vale.ini": "Packages = House.zip\n\n[*.md]\nBasedOnStyles = Full\n"}
    )
    project(tmp_path, "Full.zip")
    assert vale(tmp_path, "sync").returncode == 0
    assert (tmp_path / "styles" / "House" / "Utilize.yml").is_file()
    assert (tmp_path / "styles" / ".vale-config" / "0-Full.ini").is_file()


def test_a_package_that_names_itself_stops_the_sync_and_changes_nothing(tmp_path):
    make_zip(
        tmp_path / "Full.zip", {**FULL_ZIP, "Full/.vale.ini": "Packages = Full.zip\n\n[*.md]\nBasedOnStyles = Full\n"}
    )
    project(tmp_path, "Full.zip")
    result = vale(tmp_path, "sync")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ("copydesk vale: Full.zip: the package names itself among its Packages (Full/.vale.ini)\n")
    assert tree(tmp_path / "styles") == []


def test_a_package_to_download_stops_the_sync_and_changes_nothing(tmp_path):
    make_zip(tmp_path / "House.zip", HOUSE_ZIP)
    project(tmp_path, "House.zip, write-good")
    old = tmp_path / "styles" / "House"
    old.mkdir(parents=True)
    (old / "Old.yml").write_text(STUFF, encoding="utf-8")
    result = vale(tmp_path, "sync")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "copydesk vale: sync: write-good (.vale.ini) is a name in Vale's package library, which Vale downloads and"
        " copydesk does not (it never uses the network): run `vale sync` once where the network is allowed and"
        f" commit StylesPath ({tmp_path / 'styles'}), or name a local zip file or folder in Packages\n"
    )
    assert tree(tmp_path / "styles") == ["House", "House/Old.yml"]


def test_a_url_package_is_never_fetched(tmp_path):
    project(tmp_path, "https://example.invalid/styles/Google.zip")
    result = vale(tmp_path, "sync")
    assert result.returncode == 2
    assert "sync: https://example.invalid/styles/Google.zip (.vale.ini) is a URL, which Vale downloads" in result.stderr


def test_a_downloaded_package_already_in_styles_path_is_kept(tmp_path):
    make_zip(tmp_path / "House.zip", HOUSE_ZIP)
    project(tmp_path, "Hugo, House.zip")
    pipeline = tmp_path / "styles" / ".vale-config"
    pipeline.mkdir(parents=True)
    (pipeline / "0-Hugo.ini").write_text("[*.md]\nTokenIgnores = (\\{\\{.*?\\}\\})\n", encoding="utf-8")
    result = vale(tmp_path, "sync")
    assert result.returncode == 0
    assert result.stderr == (
        "copydesk vale: sync: Hugo: not downloaded (a name in Vale's package library; copydesk never uses the"
        f" network); kept the copy already in StylesPath ({pipeline / '0-Hugo.ini'})\n"
    )
    assert result.stdout == f" SUCCESS  Synced 1 package(s) to '{tmp_path / 'styles'}'.\n"
    assert tree(tmp_path / "styles") == [".vale-config", ".vale-config/0-Hugo.ini", "House", "House/Utilize.yml"]


def test_a_sync_of_local_packages_only_empties_the_pipeline_first(tmp_path):
    make_zip(tmp_path / "House.zip", HOUSE_ZIP)
    project(tmp_path, "House.zip")
    pipeline = tmp_path / "styles" / ".vale-config"
    pipeline.mkdir(parents=True)
    (pipeline / "0-Gone.ini").write_text("[*]\nBasedOnStyles = Gone\n", encoding="utf-8")
    assert vale(tmp_path, "sync").returncode == 0
    assert tree(tmp_path / "styles") == ["House", "House/Utilize.yml"]


def test_a_broken_zip_fails_the_sync_and_keeps_the_old_styles(tmp_path):
    make_zip(tmp_path / "House.zip", HOUSE_ZIP)
    (tmp_path / "Broken.zip").write_bytes(b"not a zip")
    project(tmp_path, "House.zip, Broken.zip")
    (tmp_path / "styles" / "House").mkdir(parents=True)
    (tmp_path / "styles" / "House" / "Old.yml").write_text(STUFF, encoding="utf-8")
    result = vale(tmp_path, "sync")
    assert result.returncode == 2
    assert result.stderr == ("copydesk vale: Broken.zip: not a zip file (a local package is a zip file or a folder)\n")
    assert tree(tmp_path / "styles") == ["House", "House/Old.yml"]


def test_a_zip_without_a_folder_of_its_name_is_an_error(tmp_path):
    make_zip(tmp_path / "House.zip", {"Other/Utilize.yml": UTILIZE})
    project(tmp_path, "House.zip")
    result = vale(tmp_path, "sync")
    assert result.returncode == 2
    assert result.stderr == "copydesk vale: House.zip: the package has no folder named 'House' at its top\n"
    assert tree(tmp_path / "styles") == []


def test_sync_without_a_config_is_an_error(tmp_path):
    result = vale(tmp_path, "--config=missing.ini", "sync")
    assert result.returncode == 2
    assert result.stderr == "copydesk vale: sync: missing.ini: no such config file\n"


LS_CONFIG_INI = """StylesPath = styles
MinAlertLevel = suggestion
Vocab = Team
IgnoredScopes = code, tt  ; an inline comment

[formats]
mdx = md

[*]
BasedOnStyles = Vale
House.Utilize = error

[*.{md,txt}]
BasedOnStyles = House
House.Stuff = NO
BlockIgnores = (?s) *(<div>.*?</div>)

[*.xml]
Transform = docs.xsl
"""

# What Vale's `json.MarshalIndent(cfg, "", "  ")` prints for that config: Config's serialised fields in order, maps
# sorted by key, lists never set as null, `<`/`>` escaped; `--config` as given, StylesPath joined to its folder.
LS_CONFIG_JSON = """{
  "BlockIgnores": {
    "*.{md,txt}": [
      "(?s) *(\\u003cdiv\\u003e.*?\\u003c/div\\u003e)"
    ]
  },
  "Checks": [
    "House.Utilize",
    "House.Stuff"
  ],
  "Formats": {
    "mdx": "md"
  },
  "Asciidoctor": {},
  "FormatToLang": {},
  "GBaseStyles": [
    "Vale"
  ],
  "GChecks": {
    "House.Utilize": true
  },
  "IgnoredClasses": null,
  "IgnoredScopes": [
    "code",
    "tt"
  ],
  "MinAlertLevel": 0,
  "Vocab": [
    "Team"
  ],
  "RuleToLevel": {
    "House.Utilize": "error"
  },
  "SBaseStyles": {
    "*.{md,txt}": [
      "House"
    ]
  },
  "SChecks": {
    "*.xml": {},
    "*.{md,txt}": {
      "House.Stuff": false
    }
  },
  "SkippedScopes": null,
  "Stylesheets": {
    "*.xml": "docs.xsl"
  },
  "TokenIgnores": {},
  "CommentDelimiters": {},
  "WordTemplate": "",
  "RootINI": "ROOT/.vale.ini",
  "Paths": [
    "styles"
  ],
  "ConfigFiles": [
    ".vale.ini"
  ],
  "NLPEndpoint": ""
}
"""


def test_ls_config_prints_vales_json_of_the_configuration(tmp_path):
    (tmp_path / ".vale.ini").write_text(LS_CONFIG_INI, encoding="utf-8")
    (tmp_path / "styles").mkdir()
    result = vale(tmp_path, "--config=.vale.ini", "ls-config")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == LS_CONFIG_JSON.replace("ROOT", str(tmp_path))
    assert vale(tmp_path, "--config=.vale.ini", "dc").stdout == result.stdout  # Vale's private alias
    flagged = vale(tmp_path, "ls-config", "--config=.vale.ini", "--minAlertLevel=error")  # the flag wins
    assert flagged.stdout == result.stdout.replace('"MinAlertLevel": 0', '"MinAlertLevel": 2')


def test_ls_config_reads_the_synced_pipeline_first(tmp_path):
    make_zip(tmp_path / "Full.zip", FULL_ZIP)
    project(tmp_path, "Full.zip")
    assert vale(tmp_path, "sync").returncode == 0
    result = vale(tmp_path, "ls-config")
    shown = json.loads(result.stdout)
    assert shown["SBaseStyles"] == {"*.md": ["Full", "House"]}
    assert shown["ConfigFiles"] == [str(tmp_path / ".vale.ini")]
    assert shown["Paths"] == [str(tmp_path / "styles")]


def test_ls_path_prints_the_config_files(tmp_path):
    project(tmp_path, "")
    assert vale(tmp_path, "ls-path").stdout == json.dumps({"configs": [str(tmp_path / ".vale.ini")]}, indent=4) + "\n"


def test_ls_metrics_prints_vales_metrics_json(tmp_path):
    (tmp_path / "m.md").write_text("# Title\n\nThe cat sat. It ran away quickly.\n\n> A quoted line here.\n")
    result = vale(tmp_path, "ls-metrics", "m.md")
    assert (result.returncode, result.stderr) == (0, "")
    # Counted by hand with Vale's rules: 11 words in 3 sentences, 40 letters, 14 syllables ("away", "quoted",
    # "quickly" two each), one word longer than six letters; the heading is not prose; blank-line parts less one.
    assert result.stdout == (
        "{\n"
        '    "blockquote": 1,\n'
        '    "characters": 40,\n'
        '    "complex_words": 0,\n'
        '    "heading_h1": 1,\n'
        '    "long_words": 1,\n'
        '    "paragraphs": 2,\n'
        '    "polysyllabic_words": 0,\n'
        '    "sentences": 3,\n'
        '    "syllables": 14,\n'
        '    "words": 11\n'
        "}\n"
    )


def test_ls_metrics_of_a_file_without_words_is_an_empty_object(tmp_path):
    (tmp_path / "empty.md").write_text("# \n")
    assert vale(tmp_path, "ls-metrics", "empty.md").stdout == "{}\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "copydesk vale: ls-metrics: one argument expected\n"),
        (["a.md", "b.md"], "copydesk vale: ls-metrics: one argument expected\n"),
        (["missing.md"], "copydesk vale: ls-metrics: missing.md: file not found\n"),
    ],
)
def test_ls_metrics_needs_one_existing_file(tmp_path, args, message):
    result = vale(tmp_path, "ls-metrics", *args)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message)


def test_ls_vars_prints_vales_table_of_its_environment_variables(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("VALE_")}
    result = subprocess.run(
        [sys.executable, "-m", "linter", "vale", "ls-vars"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**env, "PYTHONPATH": str(ROOT), "VALE_STYLES_PATH": "/srv/styles"},
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "Variable         | Description                                                         | Value      ",
        "VALE_CONFIG_PATH | Override the default search process by specifying a .vale.ini file. | ✗          ",
        "VALE_STYLES_PATH | Specify the location of the default StylesPath.                     | /srv/styles",
        "",
    ]


def test_vale_config_path_names_the_config_when_no_flag_does(tmp_path):
    make_zip(tmp_path / "House.zip", HOUSE_ZIP)
    project(tmp_path, "House.zip")
    (tmp_path / ".vale.ini").rename(tmp_path / "ci.ini")
    env = dict(os.environ, PYTHONPATH=str(ROOT), VALE_CONFIG_PATH="ci.ini")
    run = [sys.executable, "-m", "linter", "vale"]
    assert subprocess.run([*run, "sync"], cwd=tmp_path, env=env, capture_output=True).returncode == 0
    result = subprocess.run([*run, *FLAGS, "story.md"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert (result.stdout, result.returncode) == ("story.md:1:4:House.Utilize:Avoid 'utilize'.\n", 1)


def fix_project(tmp_path: Path) -> Path:
    project(tmp_path, "")
    speller = tmp_path / "styles" / "House"
    speller.mkdir(parents=True)
    (speller / "Spelling.yml").write_text(
        "extends: spelling\nmessage: \"Did you really mean '%s'?\"\ndic: words/en.dic\naff: words/en.aff\n",
        encoding="utf-8",
    )
    (speller / "Utilize.yml").write_text(UTILIZE, encoding="utf-8")
    (tmp_path / "styles" / "words").mkdir()
    (tmp_path / "styles" / "words" / "en.aff").write_text("SET UTF-8\n", encoding="utf-8")
    (tmp_path / "styles" / "words" / "en.dic").write_text(
        "5\nprivilege\nprivileges\npledge\nledger\ncat\n", encoding="utf-8"
    )
    (tmp_path / "styles" / "config" / "actions").mkdir(parents=True)
    (tmp_path / "styles" / "config" / "actions" / "Snake.tengo").write_text("suggestions := []\n", encoding="utf-8")
    return tmp_path


def alert(action: str, params, match: str = "utilize", check: str = "House.Utilize") -> str:
    return json.dumps({"Action": {"Name": action, "Params": params}, "Check": check, "Match": match, "Line": 1})


def solution(suggestions, error: str = "") -> str:
    return json.dumps({"suggestions": suggestions, "error": error}, indent=4) + "\n"


@pytest.mark.parametrize(
    ("action", "params", "match", "expected"),
    [
        ("replace", ["use", "employ"], "utilize", ["use", "employ"]),
        ("replace", None, "utilize", None),
        ("remove", [], "very", [""]),
        ("edit", ["regex", "(\\w+)-(\\w+)", "$2 ${1}s $$"], "data-set", ["set datas $"]),
        ("edit", ["trim_right", ".!"], "Stop!.", ["Stop"]),
        ("edit", ["trim_left", "#"], "##tag", ["tag"]),
        ("edit", ["trim", "*"], "**bold**", ["bold"]),
        ("edit", ["truncate", " ("], "end (note)", ["end"]),
        ("edit", ["split", "/", "1"], "and/or", ["or"]),
        ("convert", ["other"], "FooBar", ["FooBar"]),
    ],
)
def test_fix_prints_the_actions_suggestions_as_vale_does(tmp_path, action, params, match, expected):
    fix_project(tmp_path)
    (tmp_path / "alert.json").write_text(alert(action, params, match), encoding="utf-8")
    result = vale(tmp_path, "fix", "alert.json")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == solution(expected)


@pytest.mark.parametrize(
    ("action", "params", "error"),
    [
        ("edit", [], "no parameters"),
        ("edit", ["trim"], "invalid number of parameters"),
        ("edit", ["split", "/", "5"], "index out of range"),
        ("suggest", [], "no parameters"),
        ("suggest", ["Missing.tengo"], "script 'Missing.tengo' not found"),
        ("shout", [], "unknown action 'shout'"),
    ],
)
def test_fix_reports_vales_errors_inside_the_json(tmp_path, action, params, error):
    fix_project(tmp_path)
    result = vale(tmp_path, "fix", alert(action, params, "and/or"))  # the alert given as JSON text
    assert (result.returncode, result.stdout) == (0, solution([], error))


def test_fix_suggests_the_dictionarys_closest_words_for_a_spelling_alert(tmp_path):
    fix_project(tmp_path)
    # Similarity 1 - distance/10 to "priviledge": privilege .9, privileges .8, pledge .6, ledger .4, cat 0.
    result = vale(tmp_path, "fix", alert("suggest", ["spellings"], "priviledge", "House.Spelling"))
    assert result.stdout == solution(["privilege", "privileges", "pledge", "ledger", "cat"])
    result = vale(tmp_path, "fix", alert("suggest", ["spellings"], "Priviledge", "House.Spelling"))
    assert result.stdout == solution(["Privilege", "Privileges", "Pledge", "Ledger", "Cat"])
    result = vale(tmp_path, "fix", alert("suggest", ["spellings"], "utilise", "House.Utilize"))
    assert result.stdout == solution([], "unknown check 'House.Utilize'")


SNAKE = """text := import("text")
parts := text.re_split(`(?:[A-Z][a-z]+)`, match, -1)
words := text.re_find(`[A-Z][a-z]+`, match, -1)
snake := ""
for i, w in words {
    snake += (i > 0 ? "_" : "") + text.to_lower(w[0].text)
}
suggestions := [snake, len(parts)]
"""


def test_fix_runs_a_tengo_script_and_prints_the_strings_it_suggests(tmp_path):
    fix_project(tmp_path)
    (tmp_path / "styles" / "config" / "actions" / "Snake.tengo").write_text(SNAKE, encoding="utf-8")
    result = vale(tmp_path, "fix", alert("suggest", ["Snake.tengo"], "FooBarBaz"))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == solution(["foo_bar_baz"])  # the int is left out, as Vale keeps strings only


def test_fix_with_a_failing_tengo_script_reports_its_error_in_the_json(tmp_path):
    fix_project(tmp_path)
    (tmp_path / "styles" / "config" / "actions" / "Snake.tengo").write_text("x := 1 / 0\n", encoding="utf-8")
    result = vale(tmp_path, "fix", alert("suggest", ["Snake.tengo"], "FooBar"))
    assert result.returncode == 0
    assert result.stdout == solution([], "Runtime Error: runtime error: integer divide by zero at (main):1:6")


def test_fix_of_text_that_is_not_json_is_an_error(tmp_path):
    fix_project(tmp_path)
    result = vale(tmp_path, "fix", "not json")
    assert result.returncode == 2
    assert result.stderr.startswith("copydesk vale: fix: the alert is not JSON: ")


def test_copydesk_check_reads_the_synced_packages_too(tmp_path):
    make_zip(tmp_path / "House.zip", HOUSE_ZIP)
    make_zip(tmp_path / "Full.zip", FULL_ZIP)
    project(tmp_path, "House.zip, Full.zip")
    assert vale(tmp_path, "sync").returncode == 0
    (tmp_path / ".copydesk.yml").write_text("vale: .vale.ini\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "linter", "check", "--no-cache", "story.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    lines = result.stdout.splitlines()
    assert "story.md:1:4: error [House.Utilize] Avoid 'utilize'." in lines
    assert "story.md:1:12: warning [Full.Stuff] Say more than 'stuff'." in lines


def test_sync_without_a_styles_path_is_an_error(tmp_path):
    (tmp_path / ".vale.ini").write_text("Packages = House.zip\n\n[*]\nBasedOnStyles = Vale\n", encoding="utf-8")
    result = vale(tmp_path, "--config=.vale.ini", "sync")
    assert (result.returncode, result.stdout) == (2, "")
    assert (
        result.stderr == "copydesk vale: sync: .vale.ini: no StylesPath, so there is nowhere to install the packages\n"
    )


def test_a_packages_rule_setting_is_read_before_the_projects(tmp_path):
    # Vale's INI library keeps a repeated key's first value, and the pipeline is read before the project's file.
    full = {**FULL_ZIP, "Full/.vale.ini": "[*.md]\nBasedOnStyles = Full\nFull.Stuff = NO\n"}
    make_zip(tmp_path / "Full.zip", full)
    project(tmp_path, "Full.zip", styles="Full\nFull.Stuff = YES")
    assert vale(tmp_path, "sync").returncode == 0
    assert vale(tmp_path, *FLAGS, "story.md").stdout == ""
    (tmp_path / "styles" / ".vale-config" / "0-Full.ini").unlink()
    assert vale(tmp_path, *FLAGS, "story.md").stdout == "story.md:1:12:Full.Stuff:Say more than 'stuff'.\n"


def test_fix_of_a_spelling_rule_that_cannot_load_reports_it_in_the_json(tmp_path):
    fix_project(tmp_path)
    (tmp_path / "styles" / "House" / "Spelling.yml").write_text(
        "extends: spelling\nmessage: x\ndictionaries: [nowhere]\n", encoding="utf-8"
    )
    result = vale(tmp_path, "fix", alert("suggest", ["spellings"], "priviledge", "House.Spelling"))
    assert result.returncode == 0
    assert json.loads(result.stdout)["suggestions"] == []
    assert "nowhere" in json.loads(result.stdout)["error"]


def test_a_missing_path_beside_others_is_an_error_not_text(tmp_path):
    make_zip(tmp_path / "House.zip", HOUSE_ZIP)
    project(tmp_path, "House.zip")
    assert vale(tmp_path, "sync").returncode == 0
    result = vale(tmp_path, *FLAGS, "story.md", "missing.md")
    assert result.returncode == 2
    assert result.stdout == "E100 [doLint] Runtime error\n\nargument 'missing.md' does not exist\n"
    lone = vale(tmp_path, *FLAGS, "--ext=.md", "We utilize it.")  # one argument that is no path is still text to lint
    assert (lone.stdout, lone.returncode) == ("stdin.md:1:4:House.Utilize:Avoid 'utilize'.\n", 1)


def test_version_and_the_flags_that_change_nothing_here(tmp_path):
    from linter import __version__

    project(tmp_path, "", styles="Vale", document="It is the the end.\n")
    (tmp_path / "styles").mkdir()
    result = vale(tmp_path, "--version")
    assert (result.returncode, result.stdout, result.stderr) == (0, f"copydesk vale version {__version__}\n", "")
    assert vale(tmp_path, "-v").stdout == result.stdout
    plain = vale(tmp_path, *FLAGS, "story.md")
    assert plain.stdout == "story.md:1:7:Vale.Repetition:'the' is repeated!\n"
    # --no-wrap shapes Vale's CLI tables (the output here is lines); --mode-compat ranks the global config, never read
    assert vale(tmp_path, *FLAGS, "--no-wrap", "--mode-compat", "story.md").stdout == plain.stdout
