"""`copydesk vale` on the formats Vale converts to HTML first: reStructuredText, XML, AsciiDoc and Org.

Every alert's line and column point at the matched text in the source file, which each test checks by reading the
text back at the reported place.
"""

from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner

from linter.cli import main

FLAGS = ["--output=line", "--sort", "--relative", "--no-global"]
TODO = "extends: existence\nmessage: \"'%s' left in text\"\nlevel: warning\ntokens:\n  - TODO\n  - XXX\n"
NEEDS_ASCIIDOCTOR = pytest.mark.skipif(
    shutil.which("asciidoctor") is None and not os.environ.get("CI"),
    reason="asciidoctor is not on PATH (Debian: apt-get install asciidoctor); CI installs it",
)


def _project(tmp_path, name: str, document: str, ini_extra: str = "") -> None:
    style = tmp_path / "styles" / "House"
    style.mkdir(parents=True)
    (style / "Todo.yml").write_text(TODO, encoding="utf-8")
    (tmp_path / ".vale.ini").write_text(
        f"StylesPath = styles\nMinAlertLevel = suggestion\n{ini_extra}\n[*]\nBasedOnStyles = House\n",
        encoding="utf-8",
    )
    (tmp_path / name).write_text(document, encoding="utf-8")


def _run(tmp_path, monkeypatch, *args):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["vale", *FLAGS, *args])
    return result.output, result.exit_code


def _placed(tmp_path, output: str) -> list[tuple[int, int, str]]:
    """(line, column, the source text at that place as long as the word matched) of each alert line."""
    placed = []
    for row in output.splitlines():
        path, line, column, _, message = row.split(":", 4)
        word = message.split("'")[1]
        text = (tmp_path / path).read_text(encoding="utf-8").split("\n")[int(line) - 1]
        placed.append((int(line), int(column), text[int(column) - 1 : int(column) - 1 + len(word)]))
    return placed


RST = """\
=========
The title
=========

A paragraph with a TODO in it,
and a second line that says XXX.

* A list item, TODO.

.. code-block:: python

   x = "TODO"  # code is not prose

Some ``TODO`` in inline code, and a last TODO.
"""


def test_rst_alerts_are_placed_on_the_source_and_code_is_skipped(tmp_path, monkeypatch):
    _project(tmp_path, "doc.rst", RST)
    output, status = _run(tmp_path, monkeypatch, "doc.rst")
    assert output.splitlines() == [
        "doc.rst:5:20:House.Todo:'TODO' left in text",
        "doc.rst:6:29:House.Todo:'XXX' left in text",
        "doc.rst:8:16:House.Todo:'TODO' left in text",
        "doc.rst:14:42:House.Todo:'TODO' left in text",
    ]
    assert all(text in ("TODO", "XXX") for _, _, text in _placed(tmp_path, output))
    assert status == 0


def test_rst_block_and_token_ignores_become_literals(tmp_path, monkeypatch):
    document = "First TODO here.\n\n{{< note >}}\nTODO inside a shortcode.\n{{< /note >}}\n\nSee $TODO$ and XXX.\n"
    ini = "[*.rst]\nBlockIgnores = (?s)({{< note >}}.*?{{< /note >}})\nTokenIgnores = (\\$[^$]+\\$)\n"
    _project(tmp_path, "doc.rst", document, ini)
    output, _ = _run(tmp_path, monkeypatch, "doc.rst")
    assert output.splitlines() == [
        "doc.rst:1:7:House.Todo:'TODO' left in text",
        "doc.rst:7:16:House.Todo:'XXX' left in text",
    ]


XSL = """\
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:param name="generate.toc" select="'toc'"/>
  <xsl:output method="html"/>
  <xsl:template match="/article">
    <html><body>
      <xsl:if test="$generate.toc != 'nop'"><p>TOC XXX</p></xsl:if>
      <xsl:apply-templates/>
    </body></html>
  </xsl:template>
  <xsl:template match="title"><h2><xsl:value-of select="."/></h2></xsl:template>
  <xsl:template match="para"><p><xsl:apply-templates/></p></xsl:template>
  <xsl:template match="code"><code><xsl:value-of select="."/></code></xsl:template>
</xsl:stylesheet>
"""
XML = """\
<?xml version="1.0"?>
<article>
  <title>A title with XXX</title>
  <para>Some text, then a TODO.</para>
  <para>Code: <code>TODO</code> is left out.</para>
</article>
"""


def test_xml_is_transformed_by_its_stylesheet_with_vale_parameters(tmp_path, monkeypatch):
    _project(tmp_path, "doc.xml", XML, "[*.xml]\nTransform = page.xsl\n")
    (tmp_path / "page.xsl").write_text(XSL, encoding="utf-8")
    output, status = _run(tmp_path, monkeypatch, "doc.xml")
    # no "TOC XXX": Vale passes generate.toc=nop to the stylesheet
    assert output.splitlines() == [
        "doc.xml:3:23:House.Todo:'XXX' left in text",
        "doc.xml:4:27:House.Todo:'TODO' left in text",
    ]
    assert all(text in ("TODO", "XXX") for _, _, text in _placed(tmp_path, output))
    assert status == 0


def test_xml_without_a_transform_is_an_error_naming_the_file(tmp_path, monkeypatch):
    _project(tmp_path, "doc.xml", XML)
    (tmp_path / "notes.rst").write_text("A TODO.\n", encoding="utf-8")
    output, status = _run(tmp_path, monkeypatch, ".")
    assert "copydesk vale: doc.xml: no XSLT transform provided" in output
    assert "notes.rst:1:3:House.Todo:'TODO' left in text" in output  # the rest of the batch still runs
    assert status == 2


def test_broken_xml_is_an_error_naming_the_file(tmp_path, monkeypatch):
    _project(tmp_path, "doc.xml", "<article><para>TODO</article>\n", "[*.xml]\nTransform = page.xsl\n")
    (tmp_path / "page.xsl").write_text(XSL, encoding="utf-8")
    output, status = _run(tmp_path, monkeypatch, "doc.xml")
    assert output.startswith("copydesk vale: doc.xml: ")
    assert status == 2


ADOC = """\
= Document title

A paragraph with a TODO in it.

[source,python]
----
x = "TODO"
----

// TODO: a comment is not prose
A last line with XXX.
"""


@NEEDS_ASCIIDOCTOR
def test_asciidoc_is_converted_by_asciidoctor(tmp_path, monkeypatch):
    _project(tmp_path, "doc.adoc", ADOC)
    output, status = _run(tmp_path, monkeypatch, "doc.adoc")
    assert output.splitlines() == [
        "doc.adoc:3:20:House.Todo:'TODO' left in text",
        "doc.adoc:11:18:House.Todo:'XXX' left in text",
    ]
    assert all(text in ("TODO", "XXX") for _, _, text in _placed(tmp_path, output))
    assert status == 0


def test_asciidoc_without_asciidoctor_is_one_error_line(tmp_path, monkeypatch):
    _project(tmp_path, "doc.adoc", ADOC)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    output, status = _run(tmp_path, monkeypatch, "doc.adoc")
    assert output.splitlines() == [
        "copydesk vale: doc.adoc: asciidoctor not found (Vale converts AsciiDoc with the `asciidoctor` command);"
        " skipped"
    ]
    assert status == 2
