"""Org mode to HTML as go-org writes it (v1.6.6, the parser and HTML writer Vale lints Org files with).

The document is read line by line into tokens (headline, drawer, block, list item, table row, keyword, comment,
example line, text), the tokens into blocks, and each block's text into inline nodes (emphasis, links, footnote
references, timestamps, LaTeX fragments, sub- and superscripts); the writer then prints go-org's HTML for them,
with comments as `<!-- ... -->` as Vale's writer prints them (so `# vale off` works). Only the HTML matters here:
alerts are placed by searching the Org source, as for the other converted formats.

Left out, as Vale leaves them out or never reaches them: the title heading and the table of contents (Vale clears
the outline and turns every `#+KEY: value` line into verbatim text first), `#+INCLUDE` and `#+SETUPFILE` files
(their lines are verbatim text by then), `#+MACRO` expansion and `#+LINK` abbreviations (same). Org entities such
as `\\alpha` are kept as written; only go-org's `---`, `--` and `...` replacements are made.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

_A = re.ASCII  # Go's RE2 classes (\s, \w, \d) are ASCII-only

HEADLINE = re.compile(r"^([*]+)\s+(.*)", _A)
HEADLINE_TAGS = re.compile(r"(.*?)\s+(:[A-Za-z0-9_@#%:]+:\s*$)", _A)
END_DRAWER = re.compile(r"(?i)^(\s*):END:\s*$", _A)
BEGIN_DRAWER = re.compile(r"^(\s*):(\S+):\s*$", _A)
PROPERTY = re.compile(r"^(\s*):(\S+):(\s+(.*)$|$)", _A)
BEGIN_BLOCK = re.compile(r"(?i)^(\s*)#\+BEGIN_(\w+)(.*)", _A)
END_BLOCK = re.compile(r"(?i)^(\s*)#\+END_(\w+)", _A)
RESULT = re.compile(r"(?i)^(\s*)#\+RESULTS:", _A)
UNORDERED = re.compile(r"^(\s*)([+*-])(\s+(.*)|$)", _A)
ORDERED = re.compile(r"^(\s*)(([0-9]+|[a-zA-Z])[.)])(\s+(.*)|$)", _A)
TABLE_SEPARATOR = re.compile(r"^(\s*)(\|[+-|]*)\s*$", _A)  # `+-|` is a range, as in go-org
TABLE_ROW = re.compile(r"^(\s*)(\|.*)", _A)
HORIZONTAL_RULE = re.compile(r"^(\s*)-{5,}\s*$", _A)
KEYWORD = re.compile(r"^(\s*)#\+([^:]+):(\s+(.*)|$)", _A)
COMMENT = re.compile(r"^(\s*)#\s(.*)", _A)
FOOTNOTE_DEFINITION = re.compile(r"^\[fn:([\w-]+)\](\s+(.+)|\s*$)", _A)
EXAMPLE_LINE = re.compile(r"^(\s*):(\s(.*)|\s*$)", _A)
BEGIN_LATEX = re.compile(r"(?i)^(\s*)\\begin\{([^}]+)\}(\s*)$", _A)
END_LATEX = re.compile(r"(?i)^(\s*)\\end\{([^}]+)\}(\s*)$", _A)
PLAIN_TEXT = re.compile(r"^(\s*)(.*)", _A)

EXAMPLE_ESCAPE = re.compile(r"(^|\n)([ \t]*),([ \t]*)(\*|,\*|#\+|,#\+)")
DESCRIPTIVE_ITEM = re.compile(r"\s::(\s|$)", _A)
ITEM_VALUE = re.compile(r"\[@(\d+)\]\s", _A)
ITEM_STATUS = re.compile(r"\[( |X|-)\]\s", _A)
COLUMN_ALIGN = re.compile(r"^<(l|c|r)?(\d+)?>$", _A)
NUMBER = re.compile(r"^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)$", re.ASCII | re.IGNORECASE)

SUB_SUPER = re.compile(r"^([_^])\{([^{}]+?)\}")
TIMESTAMP = re.compile(r"^<(\d{4}-\d{2}-\d{2})( [A-Za-z]+)?( \d{2}:\d{2})?( \+\d+[dwmy])?>", _A)
FOOTNOTE = re.compile(r"^\[fn:([\w-]*?)(:(.*?))?\]", _A)
STATISTIC = re.compile(r"^\[(\d+/\d+|\d+%)\]", _A)
LATEX_ENVIRONMENT = re.compile(r"(?s)^\\begin\{(\w+)\}(.*)\\end\{(\w+)\}", _A)
INLINE_BLOCK = re.compile(r"src_(\w+)(\[(.*)\])?\{(.*)\}", _A)
INLINE_EXPORT = re.compile(r"@@(\w+):(.*?)@@", _A)
MACRO = re.compile(r"\{\{\{(.*)\((.*)\)\}\}\}")
AUTOLINK_PROTOCOL = re.compile(r"^(https?|ftp|file)$")
IMAGE_EXTENSION = re.compile(r"^[.](png|gif|jpe?g|svg|tiff?)$")
VIDEO_EXTENSION = re.compile(r"^[.](webm|mp4)$")
URL_CHARACTERS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=")
LATEX_PAIRS = {"\\(": "\\)", "\\[": "\\]", "$$": "$$", "$": "$"}
ENTITIES = re.compile(r"---|--|\.\.\.")
ENTITY_TEXT = {"---": "\u2014", "--": "\u2013", "...": "\u2026"}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
TODO_KEYWORDS = ("TODO", "DONE")  # go-org's default `TODO | DONE`

EMPHASIS_TAGS = {
    "/": ("<em>", "</em>"),
    "*": ("<strong>", "</strong>"),
    "+": ("<del>", "</del>"),
    "~": ("<code>", "</code>"),
    "=": ('<code class="verbatim">', "</code>"),
    "_": ('<span style="text-decoration: underline;">', "</span>"),
    "_{}": ("<sub>", "</sub>"),
    "^{}": ("<sup>", "</sup>"),
}
LIST_TAGS = {"unordered": ("<ul>", "</ul>"), "ordered": ("<ol>", "</ol>"), "descriptive": ("<dl>", "</dl>")}
ITEM_STATUSES = {" ": "unchecked", "-": "indeterminate", "X": "checked"}
RAW_BLOCKS = {"SRC", "EXAMPLE", "EXPORT"}


def escape(text: str) -> str:
    """Go's html.EscapeString."""
    return (
        text.replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
    )


@dataclass
class Token:
    kind: str
    lvl: int
    content: str
    matches: list[str]


def _groups(m: re.Match) -> list[str]:
    return [m.group(0), *(g or "" for g in m.groups())]


def tokenize(line: str) -> Token:
    """The token of one line, by go-org's lexers in their order."""
    if m := HEADLINE.match(line):
        return Token("headline", 0, m.group(2), _groups(m))
    if m := END_DRAWER.match(line):
        return Token("endDrawer", len(m.group(1)), "", _groups(m))
    if m := BEGIN_DRAWER.match(line):
        return Token("beginDrawer", len(m.group(1)), m.group(2).upper(), _groups(m))
    if m := BEGIN_BLOCK.match(line):
        return Token("beginBlock", len(m.group(1)), m.group(2).upper(), _groups(m))
    if m := END_BLOCK.match(line):
        return Token("endBlock", len(m.group(1)), m.group(2).upper(), _groups(m))
    if m := RESULT.match(line):
        return Token("result", len(m.group(1)), "", _groups(m))
    if m := UNORDERED.match(line):
        return Token("unorderedList", len(m.group(1)), m.group(4) or "", _groups(m))
    if m := ORDERED.match(line):
        return Token("orderedList", len(m.group(1)), m.group(5) or "", _groups(m))
    if m := TABLE_SEPARATOR.match(line):
        return Token("tableSeparator", len(m.group(1)), m.group(2), _groups(m))
    if m := TABLE_ROW.match(line):
        return Token("tableRow", len(m.group(1)), m.group(2), _groups(m))
    if m := HORIZONTAL_RULE.match(line):
        return Token("horizontalRule", len(m.group(1)), "", _groups(m))
    if m := KEYWORD.match(line):
        return Token("keyword", len(m.group(1)), m.group(2), _groups(m))
    if m := COMMENT.match(line):
        return Token("comment", len(m.group(1)), m.group(2), _groups(m))
    if m := FOOTNOTE_DEFINITION.match(line):
        return Token("footnoteDefinition", 0, m.group(1), _groups(m))
    if m := EXAMPLE_LINE.match(line):
        return Token("example", len(m.group(1)), m.group(3) or "", _groups(m))
    if m := BEGIN_LATEX.match(line):
        return Token("beginLatexBlock", len(m.group(1)), m.group(2).upper(), _groups(m))
    if m := END_LATEX.match(line):
        return Token("endLatexBlock", len(m.group(1)), m.group(2).upper(), _groups(m))
    m = PLAIN_TEXT.match(line)
    return Token("text", len(m.group(1)), m.group(2), _groups(m))


# The nodes: each is a small record the writer dispatches on by class.


@dataclass
class Text:
    content: str
    raw: bool = False


@dataclass
class LineBreak:
    count: int


@dataclass
class ExplicitLineBreak:
    pass


@dataclass
class Emphasis:
    kind: str
    content: list


@dataclass
class InlineBlock:
    name: str
    parameters: list[str]
    children: list


@dataclass
class LatexFragment:
    opening: str
    closing: str
    content: list


@dataclass
class FootnoteLink:
    name: str
    definition: FootnoteDefinition | None


@dataclass
class StatisticToken:
    content: str


@dataclass
class Timestamp:
    text: str


@dataclass
class RegularLink:
    protocol: str
    description: list | None
    url: str
    description_text: str = ""

    def kind(self) -> str:
        """ "image", "video" or "regular", as go-org decides from the description and the URL's extension."""
        text = self.description_text
        protocol, ext = text.split(":", 1)[0], _path_ext(text)
        if protocol in ("file", "http", "https"):
            if IMAGE_EXTENSION.match(ext):
                return "image"
            if VIDEO_EXTENSION.match(ext):
                return "video"
        if self.description is not None or self.protocol not in ("", "file", "http", "https"):
            return "regular"
        if IMAGE_EXTENSION.match(_path_ext(self.url)):
            return "image"
        if VIDEO_EXTENSION.match(_path_ext(self.url)):
            return "video"
        return "regular"


@dataclass
class Macro:
    name: str


@dataclass
class Paragraph:
    children: list


@dataclass
class HorizontalRule:
    pass


@dataclass
class Comment:
    content: str


@dataclass
class Keyword:
    key: str
    value: str


@dataclass
class NodeWithName:
    name: str
    node: object


@dataclass
class NodeWithMeta:
    node: object
    captions: list[list]
    attributes: int  # `#+ATTR_HTML:` lines (only empty ones reach go-org in Vale)


@dataclass
class Headline:
    index: int
    lvl: int
    status: str = ""
    priority: str = ""
    properties: PropertyDrawer | None = None
    title: list = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    children: list = field(default_factory=list)

    def id(self) -> str:
        if self.properties is not None:
            for key, value in self.properties.properties:
                if key == "CUSTOM_ID":
                    return value
        return f"headline-{self.index}"


@dataclass
class Block:
    name: str
    parameters: list[str]
    children: list
    result: object = None

    def parameter_map(self) -> dict[str, str]:
        if not self.parameters:
            return {}
        params = {":lang": self.parameters[0]}
        for i in range(1, len(self.parameters) - 1, 2):
            params[self.parameters[i]] = self.parameters[i + 1]
        return params


@dataclass
class Result:
    node: object


@dataclass
class Example:
    children: list


@dataclass
class LatexBlock:
    content: list


@dataclass
class Drawer:
    name: str
    children: list


@dataclass
class PropertyDrawer:
    properties: list[tuple[str, str]]


@dataclass
class ListNode:
    kind: str
    items: list


@dataclass
class ListItem:
    bullet: str
    status: str
    value: str
    children: list


@dataclass
class DescriptiveListItem:
    bullet: str
    status: str
    term: list
    details: list


@dataclass
class Row:
    columns: list[tuple[list, str]]  # (inline nodes, alignment)
    special: bool


@dataclass
class Table:
    rows: list[Row]
    separators: list[int]


@dataclass
class FootnoteDefinition:
    name: str
    children: list


def _path_ext(path: str) -> str:
    """Go's path.Ext."""
    for i in range(len(path) - 1, -1, -1):
        if path[i] == "/":
            break
        if path[i] == ".":
            return path[i:]
    return ""


def _split_parameters(text: str) -> list[str]:
    parts = text.split(" :")
    parameters = [parts[0].strip()] if parts[0].strip() else []
    for part in parts[1:]:
        key, value = (part + " ").split(" ", 1)
        parameters += [":" + key, value.strip()]
    return parameters


def _trim_indent(line: str, most: int) -> str:
    i = 0
    while i < len(line) and i < most and line[i].isspace():
        i += 1
    return line[i:]


def _is_list(t: Token) -> bool:
    return t.kind in ("unorderedList", "orderedList")


def _list_kind(t: Token) -> tuple[str, str]:
    kind = "unordered" if t.matches[2] in ("*", "+", "-") else "ordered"
    return kind, "descriptive" if DESCRIPTIVE_ITEM.search(t.content) else kind


PARSERS = {  # token kind -> the Document method that parses the node starting there
    "unorderedList": "parse_list",
    "orderedList": "parse_list",
    "tableRow": "parse_table",
    "tableSeparator": "parse_table",
    "beginBlock": "parse_block",
    "beginLatexBlock": "parse_latex_block",
    "result": "parse_result",
    "beginDrawer": "parse_drawer",
    "text": "parse_paragraph",
    "example": "parse_example",
    "horizontalRule": "parse_horizontal_rule",
    "comment": "parse_comment",
    "keyword": "parse_keyword",
    "headline": "parse_headline",
    "footnoteDefinition": "parse_footnote_definition",
}
INLINE_START = re.compile(r"[\^_@*/+=~\[{<\\$\n:]")  # the characters parse_inline looks at


class Document:
    """go-org's parser: tokens in, nodes out."""

    def __init__(self, text: str):
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        self.tokens = [tokenize(line.removesuffix("\r")) for line in lines]
        self.base_lvl = 0
        self.headlines = 0
        self.settings: dict[str, str] = {}
        self.nodes = self.parse_many(0, lambda i: i >= len(self.tokens))[1]

    # blocks

    def parse_many(self, i: int, stop) -> tuple[int, list]:
        start, nodes = i, []
        while i < len(self.tokens) and not stop(i):
            consumed, node = self.parse_one(i, stop)
            i += consumed
            nodes.append(node)
        return i - start, nodes

    def parse_one(self, i: int, stop) -> tuple[int, object]:
        parse = getattr(self, PARSERS.get(self.tokens[i].kind, ""), None)
        consumed, node = parse(i, stop) if parse else (0, None)
        if consumed:
            return consumed, node
        m = PLAIN_TEXT.match(self.tokens[i].matches[0])  # go-org falls back to plain text
        self.tokens[i] = Token("text", len(m.group(1)), m.group(2), _groups(m))
        return self.parse_one(i, stop)

    def parse_horizontal_rule(self, i: int, stop) -> tuple[int, object]:
        return 1, HorizontalRule()

    def parse_comment(self, i: int, stop) -> tuple[int, object]:
        return 1, Comment(self.tokens[i].content)

    def parse_headline(self, i: int, parent_stop) -> tuple[int, object]:
        t = self.tokens[i]
        self.headlines += 1
        headline = Headline(self.headlines, len(t.matches[1]))
        text = t.content
        for keyword in TODO_KEYWORDS:
            if text.startswith(keyword) and len(text) > len(keyword) and text[len(keyword)].isspace():
                headline.status, text = keyword, text[len(keyword) + 1 :]
                break
        if len(text) >= 4 and text[:2] == "[#" and text[2] in "ABC" and text[3] == "]":
            headline.priority, text = text[2], text[4:].strip()
        if m := HEADLINE_TAGS.match(text):
            text, headline.tags = m.group(1), [tag for tag in m.group(2).split(":") if tag]
        headline.title = self.parse_inline(text)

        def stop(j):
            return parent_stop(j) or (
                self.tokens[j].kind == "headline" and len(self.tokens[j].matches[1]) <= headline.lvl
            )

        consumed, nodes = self.parse_many(i + 1, stop)
        if nodes and isinstance(nodes[0], PropertyDrawer):
            headline.properties, nodes = nodes[0], nodes[1:]
        headline.children = nodes
        return consumed + 1, headline

    def parse_block(self, i: int, parent_stop) -> tuple[int, object]:
        t, start = self.tokens[i], i
        name, parameters = t.content, _split_parameters(t.matches[3])

        def stop(j):
            return j >= len(self.tokens) or (self.tokens[j].kind == "endBlock" and self.tokens[j].content == name)

        block, i = Block(name, parameters, []), i + 1
        if name in RAW_BLOCKS:
            raw = ""
            while not stop(i):
                raw += _trim_indent(self.tokens[i].matches[0], t.lvl) + "\n"
                i += 1
            if name == "EXAMPLE" or (name == "SRC" and parameters and parameters[0] == "org"):
                raw = EXAMPLE_ESCAPE.sub(r"\1\2\3\4", raw)
            block.children = self.parse_raw_inline(raw)
        else:
            consumed, block.children = self.parse_many(i, stop)
            i += consumed
        if i >= len(self.tokens) or self.tokens[i].kind != "endBlock" or self.tokens[i].content != name:
            return 0, None
        if name == "SRC":
            consumed, block.result = self.parse_src_result(i + 1, parent_stop)
            i += consumed
        return i + 1 - start, block

    def parse_latex_block(self, i: int, parent_stop) -> tuple[int, object]:
        t, start, raw = self.tokens[i], i, ""
        most = max(self.base_lvl, t.lvl)
        while i < len(self.tokens) and not (
            self.tokens[i].kind == "endLatexBlock" and self.tokens[i].content == t.content
        ):
            raw += _trim_indent(self.tokens[i].matches[0], most) + "\n"
            i += 1
        if i >= len(self.tokens):
            return 0, None
        raw += _trim_indent(self.tokens[i].matches[0], most)
        return i + 1 - start, LatexBlock(self.parse_raw_inline(raw))

    def parse_src_result(self, i: int, parent_stop) -> tuple[int, object]:
        start = i
        while not parent_stop(i) and self.tokens[i].kind == "text" and self.tokens[i].content == "":
            i += 1
        if parent_stop(i) or self.tokens[i].kind != "result":
            return 0, None
        consumed, result = self.parse_result(i, parent_stop)
        return i - start + consumed, result

    def parse_result(self, i: int, parent_stop) -> tuple[int, object]:
        if i + 1 >= len(self.tokens):
            return 0, None
        consumed, node = self.parse_one(i + 1, parent_stop)
        return consumed + 1, Result(node)

    def parse_example(self, i: int, parent_stop) -> tuple[int, object]:
        start, children = i, []
        while not parent_stop(i) and self.tokens[i].kind == "example":
            children.append(Text(self.tokens[i].content, True))
            i += 1
        return i - start, Example(children)

    def parse_drawer(self, i: int, parent_stop) -> tuple[int, object]:
        name = self.tokens[i].content.upper()
        if name == "PROPERTIES":
            return self.parse_property_drawer(i, parent_stop)
        drawer, start, i = Drawer(name, []), i, i + 1

        def stop(j):
            return parent_stop(j) or self.tokens[j].kind in ("beginDrawer", "endDrawer", "headline")

        while True:
            consumed, nodes = self.parse_many(i, stop)
            i += consumed
            drawer.children += nodes
            if i < len(self.tokens) and self.tokens[i].kind == "beginDrawer":
                drawer.children.append(Paragraph([Text(":" + self.tokens[i].content + ":")]))
                i += 1
            else:
                break
        if i < len(self.tokens) and self.tokens[i].kind == "endDrawer":
            i += 1
        return i - start, drawer

    def parse_property_drawer(self, i: int, parent_stop) -> tuple[int, object]:
        drawer, start, i = PropertyDrawer([]), i, i + 1
        while not parent_stop(i) and self.tokens[i].kind in ("text", "beginDrawer"):
            m = PROPERTY.match(self.tokens[i].matches[0])
            if m is None:
                return 0, None
            drawer.properties.append((m.group(2).upper(), (m.group(4) or "").strip()))
            i += 1
        if i < len(self.tokens) and self.tokens[i].kind == "endDrawer":
            return i + 1 - start, drawer
        return 0, None

    def parse_list(self, i: int, parent_stop) -> tuple[int, object]:
        start, lvl = i, self.tokens[i].lvl
        main_kind, kind = _list_kind(self.tokens[i])
        items = []

        def stop(j):
            t = self.tokens[j] if j < len(self.tokens) else None
            if parent_stop(j) or t.lvl != lvl or not _is_list(t):
                return True
            return _list_kind(t)[0] != main_kind

        while not stop(i):
            consumed, node = self.parse_list_item(kind, i, parent_stop)
            i += consumed
            items.append(node)
        return i - start, ListNode(kind, items)

    def parse_list_item(self, kind: str, i: int, parent_stop) -> tuple[int, object]:
        start, nodes, bullet = i, [], self.tokens[i].matches[2]
        min_indent, term, content, status, value = self.tokens[i].lvl + len(bullet), "", self.tokens[i].content, "", ""
        original_base = self.base_lvl
        self.base_lvl = min_indent + 1
        if (m := ITEM_VALUE.search(content)) and kind == "ordered":
            value, content = m.group(1), content[len("[@] ") + len(m.group(1)) :]
        if m := ITEM_STATUS.search(content):
            status, content = m.group(1), content[len("[ ] ") :]
        if kind == "descriptive" and (m := DESCRIPTIVE_ITEM.search(content)):
            term, content = content[: m.start()], content[m.end() :]
            self.base_lvl = self.tokens[i].matches[0].find(" ::") + 4
        self.tokens[i] = tokenize(" " * min_indent + content)

        def stop(j):
            if parent_stop(j):
                return True
            t = self.tokens[j]
            return t.lvl < min_indent and not (t.kind == "text" and t.content == "")

        while not stop(i) and (i <= start + 1 or not self.second_blank_line(i)):
            consumed, node = self.parse_one(i, stop)
            i += consumed
            nodes.append(node)
        self.base_lvl = original_base
        if kind == "descriptive":
            return i - start, DescriptiveListItem(bullet, status, self.parse_inline(term), nodes)
        return i - start, ListItem(bullet, status, value, nodes)

    def second_blank_line(self, i: int) -> bool:
        if i - 1 <= 0:
            return False
        a, b = self.tokens[i - 1], self.tokens[i]
        return a.kind == b.kind == "text" and a.content == b.content == ""

    def parse_table(self, i: int, parent_stop) -> tuple[int, object]:
        raw_rows, separators, start = [], [], i
        while not parent_stop(i):
            t = self.tokens[i]
            if t.kind == "tableRow":
                raw_rows.append([cell.strip() for cell in t.content.split("|") if cell != ""])
            elif t.kind == "tableSeparator":
                separators.append(i - start)
                raw_rows.append(None)
            else:
                break
            i += 1
        aligns = _column_aligns(raw_rows)
        rows = []
        for raw in raw_rows:
            columns = []
            if raw:
                for n, align in enumerate(aligns):
                    columns.append((self.parse_inline(raw[n]) if n < len(raw) else [], align))
            rows.append(Row(columns, _special_row(raw or [])))
        return i - start, Table(rows, separators)

    def parse_paragraph(self, i: int, parent_stop) -> tuple[int, object]:
        lines, start = [self.tokens[i].content], i
        i += 1
        while not (parent_stop(i) or self.tokens[i].kind != "text" or self.tokens[i].content == ""):
            lines.append(" " * max(self.tokens[i].lvl - self.base_lvl, 0) + self.tokens[i].content)
            i += 1
        return i - start, Paragraph(self.parse_inline("\n".join(lines)))

    def parse_keyword(self, i: int, stop) -> tuple[int, object]:
        t = self.tokens[i]
        key, value = t.matches[2].upper(), t.matches[4].strip()
        if key == "NAME":
            if stop(i + 1):
                return 0, None
            consumed, node = self.parse_one(i + 1, stop)
            return consumed + 1, NodeWithName(value, node)
        if key in ("CAPTION", "ATTR_HTML"):
            consumed, node = self.parse_affiliated(i, stop)
            if consumed:
                return consumed, node
        self.settings[key] = self.settings[key] + "\n" + value if key in self.settings else value
        return 1, Keyword(key, value)

    def parse_affiliated(self, i: int, stop) -> tuple[int, object]:
        """`#+CAPTION:` and `#+ATTR_HTML:` lines and the node they belong to."""
        start, captions, attributes = i, [], 0
        while not stop(i) and self.tokens[i].kind == "keyword":
            key, value = self.tokens[i].matches[2].upper(), self.tokens[i].matches[4].strip()
            if key == "CAPTION":
                captions.append(self.parse_inline(value))
            elif key == "ATTR_HTML":
                attributes += 1
            else:
                return 0, None
            i += 1
        if stop(i):
            return 0, None
        consumed, node = self.parse_one(i, stop)
        return i + consumed - start, NodeWithMeta(node, captions, attributes)

    def parse_footnote_definition(self, i: int, parent_stop) -> tuple[int, object]:
        start, name = i, self.tokens[i].content
        self.tokens[i] = tokenize(self.tokens[i].matches[2])

        def stop(j):
            return (
                parent_stop(j)
                or (self.second_blank_line(j) and j > start + 1)
                or self.tokens[j].kind in ("headline", "footnoteDefinition")
            )

        consumed, nodes = self.parse_many(i, stop)
        return consumed, FootnoteDefinition(name, nodes)

    # inline

    def parse_inline(self, text: str) -> list:
        nodes, previous, current = [], 0, 0
        while current < len(text):
            rewind, consumed, node = 0, 0, None
            c = text[current]
            if c == "^":
                consumed, node = self.sub_or_superscript(text, current)
            elif c == "_":
                rewind, consumed, node = self.underscore(text, current)
            elif c == "@":
                consumed, node = self.inline_export(text, current)
            elif c in "*/+":
                consumed, node = self.emphasis(text, current, False)
            elif c in "=~":
                consumed, node = self.emphasis(text, current, True)
            elif c == "[":
                consumed, node = self.opening_bracket(text, current)
            elif c == "{":
                if m := MACRO.search(text[current:]):
                    consumed, node = _go_length(text, current, m.group()), Macro(m.group(1))
            elif c == "<":
                consumed, node = self.timestamp(text, current)
            elif c == "\\":
                consumed, node = self.backslash(text, current)
            elif c == "$":
                consumed, node = self.latex_fragment(text, current, 1)
            elif c == "\n":
                consumed, node = self.line_break(text, current)
            elif c == ":":
                rewind, consumed, node = self.autolink(text, current)
            current -= rewind
            if consumed:
                if current > previous:
                    nodes.append(Text(text[previous:current]))
                if node is not None:
                    nodes.append(node)
                current += consumed
                previous = current
            else:
                m = INLINE_START.search(text, current + 1)
                current = m.start() if m else len(text)
        if previous < len(text):
            nodes.append(Text(text[previous:]))
        return nodes

    def parse_raw_inline(self, text: str) -> list:
        nodes, previous = [], 0
        current = text.find("\n")
        while current != -1:
            consumed, node = self.line_break(text, current)
            if current > previous:
                nodes.append(Text(text[previous:current], True))
            nodes.append(node)
            previous = current + consumed
            current = text.find("\n", previous)
        if previous < len(text):
            nodes.append(Text(text[previous:], True))
        return nodes

    def line_break(self, text: str, start: int) -> tuple[int, object]:
        i = start
        while i < len(text) and text[i] == "\n":
            i += 1
        return i - start, LineBreak(i - start)

    def underscore(self, text: str, start: int) -> tuple[int, int, object]:
        before = text[:start]
        if before.endswith("src") and (start - 4 < 0 or text[start - 4].isspace()):
            if m := INLINE_BLOCK.search(text[start - 3 :]):
                parameters = (m.group(1) + " " + (m.group(3) or "")).split()
                return (
                    3,
                    _go_length(text, start - 3, m.group()),
                    InlineBlock("src", parameters, self.parse_raw_inline(m.group(4))),
                )
        consumed, node = self.sub_or_superscript(text, start)
        if consumed:
            return 0, consumed, node
        return (0, *self.emphasis(text, start, False))

    def sub_or_superscript(self, text: str, start: int) -> tuple[int, object]:
        if m := SUB_SUPER.match(text[start:]):
            return len(m.group(2)) + 3, Emphasis(m.group(1) + "{}", [Text(m.group(2))])
        return 0, None

    def inline_export(self, text: str, start: int) -> tuple[int, object]:
        if m := INLINE_EXPORT.search(text[start:]):
            return _go_length(text, start, m.group()), InlineBlock(
                "export", [m.group(1)], self.parse_raw_inline(m.group(2))
            )
        return 0, None

    def emphasis(self, text: str, start: int, raw: bool) -> tuple[int, object]:
        marker = text[start]
        if not (_border(_next(text, start)) and _pre(_prev(text, start))):
            return 0, None
        newlines, i = 0, start + 1
        while i < len(text) and newlines <= 1:
            if text[i] == "\n":
                newlines += 1
            if text[i] == marker and i != start + 1 and _post(_next(text, i)) and _border(_prev(text, i)):
                inner = text[start + 1 : i]
                return i + 1 - start, Emphasis(
                    marker, self.parse_raw_inline(inner) if raw else self.parse_inline(inner)
                )
            i += 1
        return 0, None

    def opening_bracket(self, text: str, start: int) -> tuple[int, object]:
        rest = text[start:]
        if rest.startswith("[["):
            return self.regular_link(rest)
        if m := FOOTNOTE.match(rest):
            name, definition = m.group(1), m.group(3) or ""
            if not name and not definition:
                return 0, None
            inline = FootnoteDefinition(name, [Paragraph(self.parse_inline(definition))]) if definition else None
            return len(m.group()), FootnoteLink(name, inline)
        if m := STATISTIC.match(rest):
            return len(m.group(1)) + 2, StatisticToken(m.group(1))
        return 0, None

    def regular_link(self, text: str) -> tuple[int, object]:
        if len(text) < 3 or text[2] == "[":
            return 0, None
        end = text.find("]]")
        if end == -1:
            return 0, None
        parts = text[2:end].split("][")
        link, description, description_text = parts[0], None, ""
        if len(parts) == 2:
            link, description, description_text = parts[0], self.parse_inline(parts[1]), parts[1]
        if "\n" in link:
            return 0, None
        link_parts = link.split(":", 1)
        protocol = link_parts[0] if len(link_parts) == 2 else ""
        return end + 2, RegularLink(protocol, description, link, description_text)

    def autolink(self, text: str, start: int) -> tuple[int, int, object]:
        if start == 0 or not text[start:].startswith("://"):
            return 0, 0, None
        protocol_start = start - 1
        while protocol_start > 0:
            if not text[protocol_start].isalpha():
                protocol_start += 1
                break
            protocol_start -= 1
        m = AUTOLINK_PROTOCOL.match(text[protocol_start:start])
        if m is None:
            return 0, 0, None
        protocol, end = m.group(1), start
        while end < len(text) and text[end] in URL_CHARACTERS:
            end += 1
        path = text[start:end]
        if path == "://":
            return 0, 0, None
        return len(protocol), len(path + protocol), RegularLink(protocol, None, protocol + path)

    def timestamp(self, text: str, start: int) -> tuple[int, object]:
        m = TIMESTAMP.match(text[start:])
        if m is None:
            return 0, None
        clock, interval = (m.group(3) or "").strip(), (m.group(4) or "").strip()
        try:
            moment = datetime.datetime.strptime(f"{m.group(1)} {clock or '00:00'}", "%Y-%m-%d %H:%M")
        except ValueError:
            return 0, None
        written = f"{moment:%Y-%m-%d} {WEEKDAYS[moment.weekday()]}" + (f" {moment:%H:%M}" if clock else "")
        return len(m.group()), Timestamp(written + (f" {interval}" if interval else ""))

    def backslash(self, text: str, start: int) -> tuple[int, object]:
        if start + 2 >= len(text):
            return 0, None
        if text[start + 1] == "\\" and start != 0 and text[start - 1] != "\n":
            i = start + 2
            while i <= len(text) - 1 and text[i].isspace():
                if text[i] == "\n":
                    return i + 1 - start, ExplicitLineBreak()
                i += 1
            return 0, None
        if text[start + 1] in "([":
            return self.latex_fragment(text, start, 2)
        if text.startswith("\\begin{", start):
            m = LATEX_ENVIRONMENT.match(text[start:])
            if m and m.group(1) == m.group(3):
                opening, closing = "\\begin{" + m.group(1) + "}", "\\end{" + m.group(3) + "}"
                i = text[start:].find(closing)
                return i + len(closing), LatexFragment(opening, closing, self.parse_raw_inline(m.group(2)))
        return 0, None

    def latex_fragment(self, text: str, start: int, size: int) -> tuple[int, object]:
        if start + 2 >= len(text):
            return 0, None
        if size == 1 and text[start : start + 2] == "$$":
            size = 2
        opening = text[start : start + size]
        closing = LATEX_PAIRS[opening]
        i = text[start + size :].find(closing)
        if i == -1:
            return 0, None
        content = self.parse_raw_inline(text[start + size : start + size + i])
        return i + 2 * size, LatexFragment(opening, closing, content)


def _go_length(text: str, start: int, match: str) -> int:
    """The characters from `start` that go-org consumes for a match it found somewhere after `start`: it counts the
    match's length in UTF-8 bytes from `start`, as Go strings are indexed."""
    size, n = len(match.encode("utf-8")), 0
    while size > 0 and start + n < len(text):
        size -= len(text[start + n].encode("utf-8"))
        n += 1
    return n


def _prev(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else ""


def _next(text: str, i: int) -> str:
    return text[i + 1] if i + 1 < len(text) else ""


def _pre(c: str) -> bool:
    return c == "" or c.isspace() or c in "-({'\""


def _post(c: str) -> bool:
    return c == "" or c.isspace() or c in "-.,:!?;'\")}[\\"


def _border(c: str) -> bool:
    return not c.isspace()


def _special_row(cells: list[str]) -> bool:
    return all(COLUMN_ALIGN.match(cell) or cell == "" for cell in cells)


def _column_aligns(rows: list) -> list[str]:
    count = max((len(r) for r in rows if r), default=0)
    aligns = []
    for n in range(count):
        align, numeric, other = "", 0, 0
        for row in rows:
            if not row or n >= len(row):
                continue
            m = COLUMN_ALIGN.match(row[n])
            if m and _special_row(row):
                align = {"l": "left", "c": "center", "r": "right"}.get(m.group(1) or "", align)
            elif NUMBER.match(row[n]):
                numeric += 1
            elif row[n].strip():
                other += 1
        aligns.append(align or ("right" if numeric >= other else ""))
    return aligns


class Writer:
    """go-org's HTMLWriter, with Vale's comments (`<!-- text -->`)."""

    def __init__(self):
        self.out: list[str] = []
        self.escape = True
        self.footnotes: list[FootnoteDefinition | None] = []
        self.footnote_names: dict[str, int] = {}

    def nodes_as_string(self, nodes: list) -> str:
        saved, self.out = self.out, []
        self.write(nodes)
        text, self.out = "".join(self.out), saved
        return text

    def write(self, nodes: list) -> None:
        for node in nodes:
            getattr(self, "write_" + type(node).__name__.lower())(node)

    def document(self, doc: Document) -> str:
        self.write(doc.nodes)
        self.write_footnotes()
        return "".join(self.out)

    def put(self, text: str) -> None:
        self.out.append(text)

    def write_comment(self, n: Comment) -> None:
        self.put(f"<!-- {n.content} -->\n")

    def write_propertydrawer(self, n: PropertyDrawer) -> None:
        pass

    def write_keyword(self, n: Keyword) -> None:
        if n.key == "HTML":
            self.put(n.value + "\n")

    def write_nodewithname(self, n: NodeWithName) -> None:
        self.write([n.node])

    def write_nodewithmeta(self, n: NodeWithMeta) -> None:
        out = self.nodes_as_string([n.node])
        if isinstance(n.node, Paragraph) and len(n.node.children) == 1:
            child = n.node.children[0]
            if isinstance(child, RegularLink) and child.kind() in ("image", "video"):
                out = self.nodes_as_string([child])
        for _ in range(n.attributes):  # go-org re-renders the element, trimmed, with the (here always empty) attributes
            out = out.strip() + "\n"
        if n.captions:
            caption = " ".join(self.nodes_as_string(c) for c in n.captions)
            out = f"<figure>\n{out}<figcaption>\n{caption}\n</figcaption>\n</figure>\n"
        self.put(out)

    def write_block(self, b: Block) -> None:
        content, params = self.block_content(b.name, b.children), b.parameter_map()
        exports = params.get(":exports", "")
        if b.name == "SRC":
            if exports not in ("results", "none"):
                lang = b.parameters[0].lower() if b.parameters else "text"
                code = f'<div class="highlight">\n<pre>\n{escape(content)}\n</pre>\n</div>'
                self.put(f'<div class="src src-{lang}">\n{code}\n</div>\n')
        elif b.name == "EXAMPLE":
            self.put('<pre class="example">\n' + escape(content) + "\n</pre>\n")
        elif b.name == "EXPORT":
            if b.parameters and b.parameters[0].lower() == "html":
                self.put(content + "\n")
        elif b.name == "QUOTE":
            self.put("<blockquote>\n" + content + "</blockquote>\n")
        elif b.name == "CENTER":
            self.put('<div class="center-block" style="text-align: center; margin-left: auto; margin-right: auto;">\n')
            self.put(content + "</div>\n")
        else:
            self.put(f'<div class="{b.name.lower()}-block">\n' + content + "</div>\n")
        if b.result is not None and exports not in ("code", "none"):
            self.write([b.result])

    def block_content(self, name: str, children: list) -> str:
        if name not in RAW_BLOCKS:
            return self.nodes_as_string(children)
        saved = self.escape
        self.escape = False
        text = self.nodes_as_string(children)
        self.escape = saved
        return text.rstrip()

    def write_latexblock(self, b: LatexBlock) -> None:
        self.write(b.content)
        self.put("\n")

    def write_result(self, r: Result) -> None:
        self.write([r.node])

    def write_inlineblock(self, b: InlineBlock) -> None:
        saved = self.escape
        self.escape = b.name.upper() not in RAW_BLOCKS
        content = self.nodes_as_string(b.children).rstrip()
        self.escape = saved
        if b.name == "src":
            lang = b.parameters[0].lower()
            code = f'<div class="highlight-inline">\n<pre>\n{escape(content)}\n</pre>\n</div>'
            self.put(f'<div class="src src-inline src-{lang}">\n{code}\n</div>')
        elif b.parameters[0].lower() == "html":
            self.put(content)

    def write_drawer(self, d: Drawer) -> None:
        self.write(d.children)

    def write_footnotedefinition(self, f: FootnoteDefinition) -> None:
        if f.name in self.footnote_names:
            self.footnotes[self.footnote_names[f.name]] = f

    def write_footnotes(self) -> None:
        if not self.footnotes:
            return
        self.put('<div class="footnotes">\n<hr class="footnotes-separatator">\n<div class="footnote-definitions">\n')
        for n, definition in enumerate(list(self.footnotes), start=1):  # not those added while writing, as in Go
            if definition is None:
                continue
            self.put(f'<div class="footnote-definition">\n<sup id="footnote-{n}"><a href="#footnote-reference-{n}">')
            self.put(f'{n}</a></sup>\n<div class="footnote-body">\n')
            self.write(definition.children)
            self.put("</div>\n</div>\n")
        self.put("</div>\n</div>\n")

    def write_headline(self, h: Headline) -> None:
        if "noexport" in h.tags:
            return
        level, ident = h.lvl + 1, h.id()
        self.put(f'<div id="outline-container-{ident}" class="outline-{level}">\n<h{level} id="{ident}">\n')
        if h.status:
            self.put(f'<span class="todo">{h.status}</span>\n')
        if h.priority:
            self.put(f'<span class="priority">[{h.priority}]</span>\n')
        self.write(h.title)
        if h.tags:
            tags = "&#xa0;".join(f"<span>{tag}</span>" for tag in h.tags)
            self.put(f'&#xa0;&#xa0;&#xa0;<span class="tags">{tags}</span>')
        self.put(f"\n</h{level}>\n")
        if content := self.nodes_as_string(h.children):
            self.put(f'<div id="outline-text-{ident}" class="outline-text-{level}">\n' + content + "</div>\n")
        self.put("</div>\n")

    def write_text(self, t: Text) -> None:
        if not self.escape:
            self.put(t.content)
        elif t.raw:
            self.put(escape(t.content))
        else:
            self.put(escape(ENTITIES.sub(lambda m: ENTITY_TEXT[m.group()], t.content)))

    def write_emphasis(self, e: Emphasis) -> None:
        opening, closing = EMPHASIS_TAGS[e.kind]
        self.put(opening)
        self.write(e.content)
        self.put(closing)

    def write_latexfragment(self, f: LatexFragment) -> None:
        self.put(f.opening)
        self.write(f.content)
        self.put(f.closing)

    def write_statistictoken(self, s: StatisticToken) -> None:
        self.put(f'<code class="statistic">[{s.content}]</code>')

    def write_linebreak(self, b: LineBreak) -> None:
        self.put("\n" * b.count)

    def write_explicitlinebreak(self, b: ExplicitLineBreak) -> None:
        self.put("<br>\n")

    def write_footnotelink(self, link: FootnoteLink) -> None:
        if link.name and link.name in self.footnote_names:
            n = self.footnote_names[link.name] + 1
        else:
            self.footnotes.append(link.definition)
            n = len(self.footnotes)
            if link.name:
                self.footnote_names[link.name] = n - 1
        self.put(f'<sup class="footnote-reference"><a id="footnote-reference-{n}" href="#footnote-{n}">{n}</a></sup>')

    def write_timestamp(self, t: Timestamp) -> None:
        self.put(f'<span class="timestamp">&lt;{t.text}&gt;</span>')

    def write_regularlink(self, link: RegularLink) -> None:
        url = escape(link.url)
        if link.protocol == "file":
            url = url[len("file:") :]
        if link.protocol in ("file", "") and url.endswith(".org"):
            url = url.removesuffix(".org") + ".html"
        kind = link.kind()
        description = link.description_text.removeprefix("file:")
        if kind == "image":
            if link.description is None:
                self.put(f'<img src="{url}" alt="{url}" title="{url}" />')
            else:
                self.put(f'<a href="{url}"><img src="{description}" alt="{description}" /></a>')
        elif kind == "video":
            if link.description is None:
                self.put(f'<video src="{url}" title="{url}">{url}</video>')
            else:
                self.put(f'<a href="{url}"><video src="{description}" title="{description}"></video></a>')
        else:
            text = url if link.description is None else self.nodes_as_string(link.description)
            self.put(f'<a href="{url}">{text}</a>')

    def write_macro(self, m: Macro) -> None:
        pass  # no #+MACRO definitions survive Vale's keyword rewrite

    def write_listnode(self, n: ListNode) -> None:
        opening, closing = LIST_TAGS[n.kind]
        self.put(opening + "\n")
        self.write(n.items)
        self.put(closing + "\n")

    def write_listitem(self, item: ListItem) -> None:
        attributes = f' value="{item.value}"' if item.value else ""
        if item.status:
            attributes += f' class="{ITEM_STATUSES[item.status]}"'
        self.put(f"<li{attributes}>")
        self.item_content(item.children)
        self.put("</li>\n")

    def write_descriptivelistitem(self, item: DescriptiveListItem) -> None:
        self.put(f'<dt class="{ITEM_STATUSES[item.status]}">\n' if item.status else "<dt>\n")
        if item.term:
            self.write(item.term)
        else:
            self.put("?")
        self.put("\n</dt>\n<dd>")
        self.item_content(item.details)
        self.put("</dd>\n")

    def item_content(self, children: list) -> None:
        if all(isinstance(c, Paragraph) for c in children):
            for n, child in enumerate(children):
                text = self.nodes_as_string(child.children)
                if n != 0 and text:
                    self.put("\n")
                self.put(text)
        else:
            self.put("\n")
            self.write(children)

    def write_paragraph(self, p: Paragraph) -> None:
        if p.children:
            self.put("<p>")
            self.write(p.children)
            self.put("</p>\n")

    def write_example(self, e: Example) -> None:
        self.put('<pre class="example">\n')
        for child in e.children:
            self.write([child])
            self.put("\n")
        self.put("</pre>\n")

    def write_horizontalrule(self, h: HorizontalRule) -> None:
        self.put("<hr>\n")

    def write_table(self, t: Table) -> None:
        self.put("<table>\n")
        rows, seps = t.rows, t.separators
        in_head = (
            bool(seps) and seps[0] != len(rows) - 1 and (seps[0] != 0 or (len(seps) > 1 and seps[-1] != len(rows) - 1))
        )
        self.put("<thead>\n" if in_head else "<tbody>\n")
        for n, row in enumerate(rows):
            if not row.columns and n != 0 and n != len(rows) - 1:
                self.put("</thead>\n<tbody>\n" if in_head else "</tbody>\n<tbody>\n")
                in_head = False
            if row.special:
                continue
            tag = "th" if in_head else "td"
            self.put("<tr>\n")
            for children, align in row.columns:
                self.put(f'<{tag} class="align-{align}">' if align else f"<{tag}>")
                self.write(children)
                self.put(f"</{tag}>\n")
            self.put("</tr>\n")
        self.put("</tbody>\n</table>\n")


def to_html(text: str) -> str:
    """The HTML go-org writes of an Org document (without its outline, as Vale writes it)."""
    return Writer().document(Document(text))
