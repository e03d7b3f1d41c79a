"""HTML: one self-contained page an editor reads in a browser, offline.

Each article is shown in reading order (its blocks: headline, subheads, paragraphs, quotes, list items) with every
finding's span marked: coloured by category, underlined by severity (solid: error, dashed: warning, dotted: info).
Clicking or focusing a mark shows the rule, message, suggestion and the rule's description; `n`/`p` move to the
next or previous finding; the filter bar hides categories, severities and rules. A finding with related spans marks
each of them (every use of an echoed word; a name's other spelling beside the finding's own span), and findings of
one rule with the same message link to each other.

With more than one file, an index comes first (a sortable table, findings by category, a histogram of grades) and
each article's section is stored as JSON in a script element and rendered when it is opened or scrolled to, so a
report of thousands of articles loads quickly. Everything is escaped by Jinja2's autoescaping or markupsafe, and
JSON in script elements has `<`, `>` and `&` written as `\\u003c` etc., so no text can close the element.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from markupsafe import Markup, escape

from linter import __version__
from linter.analysis import readability
from linter.model.document import LINE_BREAK
from linter.model.findings import CATEGORIES, SEVERITIES
from linter.readers import parse
from linter.readers.files import MAX_BYTES, UnreadableFile, read_article
from linter.reporters import file_errors
from linter.reporters.rule_doc import rule_doc
from linter.reporters.stats import document_stats
from linter.reporters.svg_charts import bar_chart, column_chart

RESIDUE_RULE = "scrape-residue"
CATEGORY_COLORS = {
    "fragment": "#f4a3a3",
    "pronoun": "#f7c58b",
    "repetition": "#f3e38a",
    "readability": "#a8d8a8",
    "consistency": "#9fd0e8",
    "boilerplate": "#c9c9c9",
    "grammar": "#d5b3e8",
    "spelling": "#f2b6d6",
    "style": "#b8c7f0",
}
BLOCK_TAGS = {
    "title": "h2",
    "heading": "h3",
    "paragraph": "p",
    "blockquote": "blockquote",
    "list_item": "li",
    "table_cell": "p",
    "caption": "p",
}


@dataclass
class Article:
    index: int
    path: str
    findings: list = field(default_factory=list)
    error: str | None = None
    stats: object = None
    grades: list = field(default_factory=list)  # (words, grade) of each body sentence in reading order
    body: Markup = Markup("")

    @property
    def by_category(self) -> Counter:
        return Counter(f.category for f in self.findings)

    @property
    def by_severity(self) -> Counter:
        return Counter(f.severity for f in self.findings)

    @property
    def grade(self) -> float | None:
        return self.stats.scores.get("flesch_kincaid_grade") if self.stats and self.stats.words else None

    def per_thousand(self, category: str) -> float:
        words = self.stats.words if self.stats else 0
        return 1000 * self.by_category[category] / words if words else 0.0


def render(result, color: bool = False) -> str:
    by_path = defaultdict(list)
    for finding in result.findings:
        by_path[finding.path].append(finding)
    articles = [_article(i, status, by_path[status.path], result) for i, status in enumerate(result.files)]
    environment = _environment()
    lazy = len(articles) > 1
    article_template = environment.get_template("article.html.j2")
    sections = []
    for article in articles:
        html = article_template.render(a=article, rules=result.rules, lazy=lazy, summary=_summary_chart(article))
        sections.append((article, _script_json(html) if lazy else Markup(html)))
    return environment.get_template("report.html.j2").render(
        version=__version__,
        articles=articles,
        sections=sections,
        lazy=lazy,
        categories=[c for c in CATEGORIES if any(a.by_category[c] for a in articles)],
        severities=[s for s in SEVERITIES if any(a.by_severity[s] for a in articles)],
        rules=sorted({f.rule for a in articles for f in a.findings}),
        colors=CATEGORY_COLORS,
        total=sum(len(a.findings) for a in articles),
        rule_docs=_script_json(_rule_docs(result.rules)),
        rule_pages=_rule_pages(result.rules, sorted({f.rule for a in articles for f in a.findings})),
        charts=_index_charts(articles) if lazy else None,
        css=_static("report.css"),
        js=_static("report.js"),
    )


def _static(name: str) -> Markup:
    """A style sheet or script from the templates folder, inserted as it is."""
    environment = _environment()
    return Markup(environment.loader.get_source(environment, name)[0])


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(
        loader=PackageLoader("linter.reporters", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["number"] = lambda value: f"{value:.1f}"
    return environment


def _script_json(value) -> Markup:
    """value as JSON that is safe inside a <script> element: no `<`, `>` or `&` appears in it."""
    data = json.dumps(value, ensure_ascii=False)
    for char in "<>&\u2028\u2029":
        data = data.replace(char, f"\\u{ord(char):04x}")
    return Markup(data)


def _rule_docs(rules: dict) -> dict:
    return {
        rule.id: {"summary": rule.summary, "description": " ".join(rule.description.split())} for rule in rules.values()
    }


def _rule_pages(rules: dict, rule_ids) -> list[tuple[str, Markup]]:
    """(rule id, its documentation page as HTML) for each rule that has findings in the report: the page that
    `copydesk explain` prints, kept in the report so that it reads offline. markdown-it leaves no raw HTML through."""
    from markdown_it import MarkdownIt

    markdown = MarkdownIt("commonmark", {"html": False})
    return [(rule_id, Markup(markdown.render(rule_doc(rules[rule_id])))) for rule_id in rule_ids if rule_id in rules]


def _article(index: int, status, findings: list, result) -> Article:
    article = Article(index, status.path, findings, "; ".join(file_errors(status)) or None)
    if not status.linted:
        return article
    source = result.sources.get(status.path)
    if source is None:
        try:
            source, _ = read_article(status.path, result.config.max_bytes if result.config else MAX_BYTES)
        except UnreadableFile as exc:
            article.error = f"cannot read it again to show it: {exc}"
            return article
    doc = parse(status.path, source)
    config = result.config
    doc.residue_options = config.options(RESIDUE_RULE, status.path) if config else result.rules[RESIDUE_RULE].options
    article.stats = document_stats(doc)
    article.grades = [(words, grade) for _, words, grade in readability.sentence_grades(doc)]
    article.body = _body(doc, findings, index)
    return article


def _offset(doc, line: int, column: int) -> int:
    """The source offset of a 1-based position, kept inside the source (a file changed since the run)."""
    if line > len(doc.line_starts):
        return len(doc.source)
    return min(doc.line_starts[line - 1] + column - 1, len(doc.source))


def _parts(doc, finding) -> list[tuple[int, int]]:
    """The source spans to mark for a finding: its related spans (an echo's uses) when they lie inside its own span,
    else its span and its related spans (a name's first spelling)."""
    start = _offset(doc, finding.line, finding.column)
    end = _offset(doc, finding.end_line, finding.end_column)
    related = [
        (_offset(doc, span["line"], span["column"]), _offset(doc, span["end_line"], span["end_column"]))
        for span in finding.related
    ]
    if related and all(start <= a and b <= end for a, b in related):
        return related
    return [(start, end), *related]


def _body(doc, findings, article_index: int) -> Markup:
    """The article's blocks with the findings' parts marked; parts outside every block (front matter, markup) are
    shown on their source lines after the text."""
    parts = [(start, end, i) for i, f in enumerate(findings) for start, end in _parts(doc, f)]
    placed, focusable = set(), set()
    html = []
    for block in doc.blocks:
        ranges = []
        for start, end, i in parts:
            if end <= block.source_start or start >= block.source_end:
                continue
            covered = [k for k in range(len(block.text)) if block.starts[k] < end and block.ends[k] > start]
            if covered:
                ranges.append((covered[0], covered[-1] + 1, i))
                placed.add((start, end, i))
        tag = BLOCK_TAGS.get(block.kind, "p")
        marked = _marked(block.text, ranges, findings, article_index, focusable)
        html.append(Markup(f"<{tag}>") + marked + Markup(f"</{tag}>"))
    outside = [part for part in parts if part not in placed]
    if outside:
        html.append(Markup('<div class="outside"><p class="note">Outside the article text:</p>'))
        for start, end, i in outside:
            line_start = doc.line_starts[doc.position(start)[0] - 1]
            line_end = LINE_BREAK.search(doc.source, max(start, end - 1))
            line_end = line_end.start() if line_end else len(doc.source)
            text = doc.source[line_start:line_end]
            ranges = [(start - line_start, max(end, start + 1) - line_start, i)]
            html.append(Markup("<pre>") + _marked(text, ranges, findings, article_index, focusable) + Markup("</pre>"))
        html.append(Markup("</div>"))
    return Markup("\n").join(html)


def _marked(text: str, ranges, findings, article_index: int, focusable: set) -> Markup:
    """text with each (start, end, finding) range in nested <mark> elements, the longest outermost; the first part
    of each finding (the first not in `focusable`) is focusable and carries the finding's id."""
    cuts = sorted({0, len(text)} | {r[0] for r in ranges} | {r[1] for r in ranges})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = sorted((r for r in ranges if r[0] <= a and b <= r[1]), key=lambda r: (r[0] - r[1], r[2]))
        opened = []
        for _, _, i in covering:
            f = findings[i]
            attrs = (
                f'class="hl c-{escape(f.category)} s-{escape(f.severity)}" data-f="a{article_index}f{i}" '
                f'data-rule="{escape(f.rule)}"'
            )
            if i not in focusable:
                attrs += f' id="a{article_index}f{i}" tabindex="0"'
                focusable.add(i)
            opened.append(i)
            out.append(Markup(f"<mark {attrs}>"))
        out.append(escape(text[a:b]))
        out.append(Markup("</mark>" * len(opened)))
    return Markup("").join(out)


def _summary_chart(article: Article) -> Markup:
    if not article.grades:
        return Markup("")
    labels = [f"sentence {n + 1}, grade {grade:.1f}, words" for n, (_, grade) in enumerate(article.grades)]
    return column_chart([words for words, _ in article.grades], "Sentence lengths in words, in reading order", labels)


def _index_charts(articles: list[Article]) -> dict:
    totals = Counter(f.category for a in articles for f in a.findings)
    by_category = bar_chart(
        [(c, totals[c], CATEGORY_COLORS[c]) for c in CATEGORIES if totals[c]], "Findings by category"
    )
    grades = [a.grade for a in articles if a.grade is not None]
    bins = defaultdict(int)
    for grade in grades:
        bins[min(20, max(0, int(grade)))] += 1
    labels = [f"grade {g}" + ("+" if g == 20 else f"-{g + 1}") for g in range(21)]
    histogram = column_chart([bins[g] for g in range(21)], "Articles by Flesch-Kincaid grade (0 to 20+)", labels)
    return {"categories": by_category, "grades": histogram}
