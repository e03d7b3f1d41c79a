"""Org files in `copydesk vale`: go-org's HTML (the parser Vale uses) and alerts placed on the Org source."""

from __future__ import annotations

from click.testing import CliRunner

from linter.cli import main
from linter.vale import org

FLAGS = ["--output=line", "--sort", "--relative", "--no-global"]
TODO = "extends: existence\nmessage: \"'%s' left in text\"\nlevel: warning\ntokens:\n  - TODO\n  - XXX\n"


def _project(tmp_path, document: str, ini_extra: str = "") -> None:
    style = tmp_path / "styles" / "House"
    style.mkdir(parents=True)
    (style / "Todo.yml").write_text(TODO, encoding="utf-8")
    (tmp_path / ".vale.ini").write_text(
        f"StylesPath = styles\nMinAlertLevel = suggestion\n\n[*]\nBasedOnStyles = House\n{ini_extra}",
        encoding="utf-8",
    )
    (tmp_path / "notes.org").write_text(document, encoding="utf-8")


def _alerts(tmp_path, monkeypatch) -> tuple[list[str], int]:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["vale", *FLAGS, "notes.org"])
    return result.output.splitlines(), result.exit_code


def _text_at(tmp_path, row: str) -> str:
    """The source text at an alert's line and column, as long as the matched word."""
    _, line, column, _, message = row.split(":", 4)
    word = message.split("'")[1]
    text = (tmp_path / "notes.org").read_text(encoding="utf-8").split("\n")[int(line) - 1]
    return text[int(column) - 1 : int(column) - 1 + len(word)]


def test_headline_with_status_priority_and_tags():
    assert org.to_html("** TODO [#A] Ship it :work:urgent:\nBody text.\n") == (
        '<div id="outline-container-headline-1" class="outline-3">\n<h3 id="headline-1">\n'
        '<span class="todo">TODO</span>\n<span class="priority">[A]</span>\nShip it'
        '&#xa0;&#xa0;&#xa0;<span class="tags"><span>work</span>&#xa0;<span>urgent</span></span>\n</h3>\n'
        '<div id="outline-text-headline-1" class="outline-text-3">\n<p>Body text.</p>\n</div>\n</div>\n'
    )


def test_inline_markup_links_and_entities():
    text = "Some /em/, *bold*, =verb=, ~code~, +del+ and _under_ -- see [[https://example.org][the site]].\n"
    assert org.to_html(text) == (
        '<p>Some <em>em</em>, <strong>bold</strong>, <code class="verbatim">verb</code>, <code>code</code>, '
        '<del>del</del> and <span style="text-decoration: underline;">under</span> \u2013 see '
        '<a href="https://example.org">the site</a>.</p>\n'
    )


def test_emphasis_needs_valid_borders():
    assert org.to_html("a * b * c and x*y*z\n") == "<p>a * b * c and x*y*z</p>\n"


def test_lists_keep_paragraph_items_inline():
    assert org.to_html("- one\n- two\n  continued\n\n1. first\n2. [X] second\n") == (
        "<ul>\n<li>one</li>\n<li>two\ncontinued</li>\n</ul>\n"
        '<ol>\n<li>first</li>\n<li class="checked">second</li>\n</ol>\n'
    )


def test_descriptive_list():
    assert org.to_html("- term :: details\n") == "<dl>\n<dt>\nterm\n</dt>\n<dd>details</dd>\n</dl>\n"


def test_blocks_and_examples():
    text = "#+BEGIN_SRC python\nx = '<a>'\n#+END_SRC\n#+BEGIN_QUOTE\nQuoted.\n#+END_QUOTE\n: an example line\n"
    assert org.to_html(text) == (
        '<div class="src src-python">\n<div class="highlight">\n<pre>\nx = &#39;&lt;a&gt;&#39;\n</pre>\n'
        "</div>\n</div>\n"
        "<blockquote>\n<p>Quoted.</p>\n</blockquote>\n"
        '<pre class="example">\nan example line\n</pre>\n'
    )


def test_unclosed_block_is_plain_text():
    assert org.to_html("#+BEGIN_QUOTE\nno end\n") == "<p>#+BEGIN_QUOTE\nno end</p>\n"


def test_table_with_header_and_numeric_column():
    assert org.to_html("| name | n |\n|------+---|\n| a    | 1 |\n") == (
        '<table>\n<thead>\n<tr>\n<th>name</th>\n<th class="align-right">n</th>\n</tr>\n</thead>\n'
        '<tbody>\n<tr>\n<td>a</td>\n<td class="align-right">1</td>\n</tr>\n</tbody>\n</table>\n'
    )


def test_comments_are_html_comments_and_drawers_are_read():
    text = "# vale off\n:NOTES:\nInside a drawer.\n:END:\n:PROPERTIES:\n:ID: 1\n:END:\n"
    assert org.to_html(text) == "<!-- vale off -->\n<p>Inside a drawer.</p>\n"


def test_footnotes_are_written_at_the_end():
    assert org.to_html("Text[fn:1].\n\n[fn:1] The note.\n") == (
        '<p>Text<sup class="footnote-reference"><a id="footnote-reference-1" href="#footnote-1">1</a></sup>.</p>\n'
        '<div class="footnotes">\n<hr class="footnotes-separatator">\n<div class="footnote-definitions">\n'
        '<div class="footnote-definition">\n<sup id="footnote-1"><a href="#footnote-reference-1">1</a></sup>\n'
        '<div class="footnote-body">\n<p>The note.</p>\n</div>\n</div>\n</div>\n</div>\n'
    )


def test_timestamps_images_and_autolinks():
    text = "On <2024-03-01 Fri 09:30> see [[file:pic.png]] at https://example.org/x.\n"
    assert org.to_html(text) == (
        '<p>On <span class="timestamp">&lt;2024-03-01 Fri 09:30&gt;</span> see '
        '<img src="pic.png" alt="pic.png" title="pic.png" /> at '
        '<a href="https://example.org/x.">https://example.org/x.</a></p>\n'
    )


def test_an_empty_caption_makes_a_figure():
    assert org.to_html("#+CAPTION:\n| a |\n") == (
        "<figure>\n<table>\n<tbody>\n<tr>\n<td>a</td>\n</tr>\n</tbody>\n</table>\n<figcaption>\n\n</figcaption>\n</figure>\n"
    )


def test_a_later_macro_is_consumed_in_bytes_from_the_brace_as_go_org_does():
    # go-org finds `{{{m(1)}}}` after the first `{` and skips its length in UTF-8 bytes from there
    assert org.to_html("\\begin{eq}\u65e5\u672c {{{m(1)}}}\n") == "<p>\\begin </p>\n"


def test_a_footnote_inside_a_footnote_is_numbered_but_not_written():
    assert org.to_html("Text[fn:1].\n\n[fn:1] Note with [fn::inner].\n") == (
        '<p>Text<sup class="footnote-reference"><a id="footnote-reference-1" href="#footnote-1">1</a></sup>.</p>\n'
        '<div class="footnotes">\n<hr class="footnotes-separatator">\n<div class="footnote-definitions">\n'
        '<div class="footnote-definition">\n<sup id="footnote-1"><a href="#footnote-reference-1">1</a></sup>\n'
        '<div class="footnote-body">\n<p>Note with <sup class="footnote-reference"><a id="footnote-reference-2" '
        'href="#footnote-2">2</a></sup>.</p>\n</div>\n</div>\n</div>\n</div>\n'
    )


DOCUMENT = """\
#+title: A TODO title is a keyword
* TODO Write the intro :draft:
Some prose with XXX inside, and
a second line with TODO.

- a list item, TODO here
- =TODO= in verbatim is code

| cell | TODO |

#+BEGIN_SRC sh
echo TODO
#+END_SRC

#+BEGIN_QUOTE
A quoted XXX.
#+END_QUOTE

: TODO in an example line
# TODO in a comment
"""


def test_alerts_are_placed_on_the_org_source(tmp_path, monkeypatch):
    _project(tmp_path, DOCUMENT)
    rows, status = _alerts(tmp_path, monkeypatch)
    assert rows == [
        "notes.org:2:3:House.Todo:'TODO' left in text",
        "notes.org:3:17:House.Todo:'XXX' left in text",
        "notes.org:4:20:House.Todo:'TODO' left in text",
        "notes.org:6:16:House.Todo:'TODO' left in text",
        "notes.org:9:10:House.Todo:'TODO' left in text",
        "notes.org:16:10:House.Todo:'XXX' left in text",
    ]
    assert [_text_at(tmp_path, row) for row in rows] == ["TODO", "XXX", "TODO", "TODO", "TODO", "XXX"]
    assert status == 0


def test_vale_comments_turn_rules_off_and_on(tmp_path, monkeypatch):
    _project(tmp_path, "First TODO.\n\n# vale off\n\nHidden TODO.\n\n# vale on\n\nLast XXX.\n")
    rows, _ = _alerts(tmp_path, monkeypatch)
    assert rows == ["notes.org:1:7:House.Todo:'TODO' left in text", "notes.org:9:6:House.Todo:'XXX' left in text"]


def test_block_and_token_ignores_become_examples_and_verbatim(tmp_path, monkeypatch):
    ini = "BlockIgnores = (?s)(<<<.*?>>>)\nTokenIgnores = (%%\\w+%%)\n"
    _project(tmp_path, "Keep TODO.\n\n<<<\nTODO inside\n>>>\n\nA %%TODO%% token and XXX.\n", ini)
    rows, _ = _alerts(tmp_path, monkeypatch)
    assert rows == ["notes.org:1:6:House.Todo:'TODO' left in text", "notes.org:7:22:House.Todo:'XXX' left in text"]
    assert [_text_at(tmp_path, row) for row in rows] == ["TODO", "XXX"]
