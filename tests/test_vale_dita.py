"""DITA files in `copydesk vale`: converted by DITA-OT as Vale converts them, alerts placed on the DITA source."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.vale import convert

FLAGS = ["--output=line", "--sort", "--relative", "--no-global"]
TODO = "extends: existence\nmessage: \"'%s' left in text\"\nlevel: warning\ntokens:\n  - TODO\n  - XXX\n"
NEEDS_DITA = pytest.mark.skipif(
    convert.dita_command("doc.dita", ".") is None and not os.environ.get("CI"),
    reason=convert.DITA_MISSING + "; CI installs it",
)

TOPIC = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE topic PUBLIC "-//OASIS//DTD DITA Topic//EN" "topic.dtd">
<topic id="notes">
  <title>Release notes TODO</title>
  <body>
    <p>The first paragraph says XXX
      on its first line.</p>
    <section>
      <title>Known issues</title>
      <p>A second paragraph, TODO.</p>
      <codeblock>TODO in code is not prose</codeblock>
    </section>
  </body>
</topic>
"""


def _project(tmp_path, files: dict[str, str]) -> None:
    style = tmp_path / "styles" / "House"
    style.mkdir(parents=True)
    (style / "Todo.yml").write_text(TODO, encoding="utf-8")
    (tmp_path / ".vale.ini").write_text(
        "StylesPath = styles\nMinAlertLevel = suggestion\n\n[*]\nBasedOnStyles = House\n", encoding="utf-8"
    )
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")


def _run(tmp_path, monkeypatch, *paths):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["vale", *FLAGS, *paths])
    return result.output.splitlines(), result.exit_code


def _text_at(tmp_path, row: str) -> str:
    path, line, column, _, message = row.split(":", 4)
    word = message.split("'")[1]
    text = (tmp_path / path).read_text(encoding="utf-8").split("\n")[int(line) - 1]
    return text[int(column) - 1 : int(column) - 1 + len(word)]


@NEEDS_DITA
def test_dita_topic_is_converted_and_alerts_are_placed_on_the_source(tmp_path, monkeypatch):
    _project(tmp_path, {"doc.dita": TOPIC})
    rows, status = _run(tmp_path, monkeypatch, "doc.dita")
    assert rows == [
        "doc.dita:4:24:House.Todo:'TODO' left in text",
        "doc.dita:6:33:House.Todo:'XXX' left in text",
        "doc.dita:10:30:House.Todo:'TODO' left in text",
    ]
    assert [_text_at(tmp_path, row) for row in rows] == ["TODO", "XXX", "TODO"]
    assert status == 0


@NEEDS_DITA
def test_broken_dita_is_one_error_line_and_the_batch_goes_on(tmp_path, monkeypatch):
    _project(tmp_path, {"bad.dita": "<topic id='x'><title>Unclosed</topic>\n", "ok.md": "A TODO here.\n"})
    rows, status = _run(tmp_path, monkeypatch, "bad.dita", "ok.md")
    assert rows[0] == "ok.md:1:3:House.Todo:'TODO' left in text"
    assert rows[1].startswith("copydesk vale: bad.dita: ") and " failed: " in rows[1]
    assert rows[1].endswith("; skipped") and len(rows) == 2
    assert status == 2


def test_without_dita_ot_the_file_is_one_error_line_naming_the_tool(tmp_path, monkeypatch):
    _project(tmp_path, {"doc.dita": TOPIC, "ok.md": "A TODO here.\n"})
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
    monkeypatch.setattr(convert, "DEBIAN_DITA_OT", str(tmp_path / "no-dita-ot"))
    rows, status = _run(tmp_path, monkeypatch, "doc.dita", "ok.md")
    assert rows == [
        "ok.md:1:3:House.Todo:'TODO' left in text",
        f"copydesk vale: doc.dita: {convert.DITA_MISSING}; skipped",
    ]
    assert "dita not found" in rows[1]
    assert status == 2


def test_a_dita_command_on_path_is_run_with_vale_arguments(tmp_path, monkeypatch):
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "dita").write_text("#!/bin/sh\n", encoding="utf-8")
    (tools / "dita").chmod(0o755)
    monkeypatch.setenv("PATH", str(tools))
    assert convert.dita_command("doc.dita", "/out") == [
        str(tools / "dita"),
        "-i",
        "doc.dita",
        "-o",
        "/out",
        "-f",
        "html5",
        "--nav-toc=none",
        "--outer.control=quiet",
    ]


@NEEDS_DITA
def test_a_dtd_outside_the_catalog_is_never_fetched(tmp_path, monkeypatch):
    remote = '<!DOCTYPE topic PUBLIC "-//Nobody//DTD None//EN" "http://dtd.example.invalid/none.dtd">'
    _project(tmp_path, {"remote.dita": TOPIC.replace(TOPIC.split("\n")[1], remote)})
    rows, status = _run(tmp_path, monkeypatch, "remote.dita")
    assert len(rows) == 1 and rows[0].startswith("copydesk vale: remote.dita: ")
    assert "Connection refused" in rows[0]  # DITA-OT's Java was sent to the refusing proxy, not to the web
    assert status == 2
