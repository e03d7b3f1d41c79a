"""The HTML report: every finding marked in the article's text, everything escaped, sections stored as JSON."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from conftest import FIXTURES, ROOT, cli_json, run_cli

HARBOUR = str(ROOT / "examples" / "harbour-deal.txt")
HOSTILE = str(FIXTURES / "html-report" / "hostile.txt")
WORDS = re.compile(r"\w+")


class Marks(HTMLParser):
    """The text inside each finding's marks (data-f -> list of the texts of its outermost marks), the ids of the
    focusable marks, and every script element's text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: dict[str, list[str]] = {}
        self.focusable: list[str] = []
        self.scripts: list[str] = []
        self.open: list[str | None] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.in_script = True
            self.scripts.append("")
        if tag == "mark":
            key = attrs["data-f"]
            self.open.append(key)
            if key not in self.open[:-1]:
                self.parts.setdefault(key, []).append("")
            if attrs.get("tabindex") == "0":
                self.focusable.append(attrs["id"])

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False
        if tag == "mark":
            self.open.pop()

    def handle_data(self, data):
        if self.in_script:
            self.scripts[-1] += data
        for key in set(self.open):
            self.parts[key][-1] += data


def report(tmp_path, *paths, name="report.html") -> str:
    out = tmp_path / name
    result = run_cli("check", "--no-cache", "--format", "html", "-o", str(out), *paths)
    assert result.exit_code in (0, 1), result.stderr
    return out.read_text(encoding="utf-8")


def marks_of(html: str) -> Marks:
    parser = Marks()
    parser.feed(html)
    return parser


def test_every_finding_is_marked_once_focusable_over_its_excerpt(tmp_path):
    findings = cli_json("check", "--no-cache", HARBOUR)["findings"]
    marks = marks_of(report(tmp_path, HARBOUR))
    assert len(marks.parts) == len(findings) == 10
    assert marks.focusable == [f"a0f{i}" for i in range(len(findings))]
    for i, finding in enumerate(findings):
        parts = marks.parts[f"a0f{i}"]
        if finding["rule"] == "echo-word":
            assert parts == ["underscores", "underscore", "underscore"]
        else:
            # a block's text leaves out line breaks and list bullets
            assert WORDS.findall(" ".join(parts)) == WORDS.findall(finding["excerpt"]), finding


def test_article_text_and_messages_cannot_inject_markup(tmp_path):
    html = report(tmp_path, HOSTILE)
    body = html.split("<main>")[1].split("</main>")[0]
    assert "<script" not in body and "<img" not in body and "</textarea>" not in body
    assert "The &lt;script&gt;window.injected = 1&lt;/script&gt; headline" in body
    assert "&lt;/textarea&gt;&lt;img src=x onerror=&#34;window.injected=2&#34;&gt;" in body
    assert "&#34;a&#39; onmouseover=&#39;window.injected=3&#34;" in body
    assert marks_of(html).parts["a0f0"] == ["the the"]


def test_many_files_store_each_section_as_json_that_cannot_close_its_script(tmp_path):
    html = report(tmp_path, HOSTILE, HARBOUR)
    marks = marks_of(html)
    assert marks.parts == {}  # nothing rendered until the browser opens a section
    harbour, hostile = [json.loads(s) for s in marks.scripts[:2]]  # in order of path
    for script in marks.scripts[:-1]:  # the data; the last is the page's code
        assert "</" not in script and "<!--" not in script and "<" not in script
    assert "&lt;/textarea&gt;" in hostile and "hostile.txt" in hostile
    assert len(marks_of(harbour).parts) == 10
    table = html.split('<table class="articles sortable">')[1].split("</table>")[0]
    assert re.findall(r'<a href="#(a\d)">', table) == ["a0", "a1"]
    assert "Findings by category" in html and "Articles by Flesch-Kincaid grade" in html


def test_standard_input_is_shown_from_the_text_read(tmp_path):
    out = tmp_path / "stdin.html"
    text = "The the council met on Monday.\n"
    result = run_cli("check", "--format", "html", "-o", str(out), "--stdin-filename", "note.txt", "-", input=text)
    assert result.exit_code == 0, result.stderr
    assert marks_of(out.read_text(encoding="utf-8")).parts == {"a0f0": ["The the"]}


def test_unreadable_file_is_listed_with_its_error(tmp_path):
    missing = str(tmp_path / "gone.txt")
    out = tmp_path / "r.html"
    result = run_cli("check", "--no-cache", "--format", "html", "-o", str(out), missing, HARBOUR)
    assert result.exit_code == 2
    html = out.read_text(encoding="utf-8")
    assert "gone.txt" in html and 'class="error"' in html


def test_each_rule_with_findings_has_its_documentation_in_the_report(tmp_path):
    html = report(tmp_path, HARBOUR)
    rules = {f["rule"] for f in cli_json("check", "--no-cache", HARBOUR)["findings"]}
    pages = dict(re.findall(r'<article class="rule-page" id="rule-([a-z-]+)">\n<h1>([a-z-]+)</h1>', html))
    assert set(pages) == rules and all(rule_id == title for rule_id, title in pages.items())
    assert "<h2>Options</h2>" in html and "min_confidence" in html
