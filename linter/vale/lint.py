"""Lint one file the way Vale does: render the markup, walk its HTML blocks with scopes, run the rules, place alerts.

Markdown is rendered to HTML by markdown-it-py (Vale uses goldmark), HTML is walked as is, `.txt` is prose, and
other extensions are linted as plain lines. Source code is linted in its comments (`linter.vale.code`), read as
Markdown when `[formats]` maps the language to it; the formats Vale converts (reStructuredText, AsciiDoc, XML, Org,
DITA) go to HTML through `linter.vale.convert`.
"""

from __future__ import annotations

import html
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote

from linter.vale.code import OLD_COMMENTS, MissingGrammar, adjust, format_of, get_comments, language_for
from linter.vale.convert import CONVERTED, FRONT_MATTER, to_html
from linter.vale.locate import assign_loc, find_loc, split_after, sub_inplace, substitute
from linter.vale.markdown import goldmark_like
from linter.vale.rules import Alert, Rule
from linter.vale.summary import document_counts

MARKUP = {".md", ".html", ".htm"}
SKIP_TAGS = ["script", "style", "pre", "figure", "noscript", "iframe"]
SKIP_CLASSES = ["problematic", "pre", "code"]
INLINE_TAGS = [
    "b",
    "big",
    "i",
    "small",
    "abbr",
    "acronym",
    "cite",
    "dfn",
    "em",
    "kbd",
    "strong",
    "a",
    "br",
    "img",
    "span",
    "sub",
    "sup",
    "code",
    "tt",
    "del",
]
TAG_TO_SCOPE = {
    "th": "text.table.header",
    "td": "text.table.cell",
    "caption": "text.table.caption",
    "li": "text.list",
    "blockquote": "text.blockquote",
    "figcaption": "text.figure.caption",
}
HEADING = re.compile(r"^h\d$")
COUNTED_TAGS = {"pre", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"}  # metric rules' variables
COMMENT_CONTROL = re.compile(r"^vale (.+\..+) = (YES|NO)$")
EX_INFO = re.compile(r"`{3,}.+")
LINK_REF = re.compile(r"\]\[(?:[^]\n]+)\]")
LINK_DEF = re.compile(r"\[(?:[^]\n]+)\]:")
NUMERIC_LIST = re.compile(r"(?m)^\d+\.")
SPACES = re.compile(" +")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")

_MARKDOWN = goldmark_like()


@dataclass
class Block:
    context: str
    text: str
    scope: str
    line: int = -1
    parent: str = ""

    def __post_init__(self):
        self.context = self.context or self.text
        self.parent = self.parent or self.scope


def _format(ext: str, formats: dict[str, str]) -> str:
    return "." + formats[ext[1:]] if ext[1:] in formats else ext


@dataclass
class ValeFile:
    path: str
    content: str
    real_ext: str
    normed_ext: str
    rules: dict[str, Rule]
    min_level: int
    lookup: bool = False
    alerts: list[Alert] = field(default_factory=list)
    comments: dict[str, bool] = field(default_factory=dict)
    history: set = field(default_factory=set)
    chk_to_ctx: dict[str, str] = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)
    ignored_classes: list[str] = field(default_factory=list)
    markup_source: str | None = None  # the text that is rendered, after BlockIgnores/TokenIgnores
    defined: set = field(default_factory=set)  # terms that conditional rules have seen defined so far
    limits: Counter = field(default_factory=Counter)  # alerts reported so far by each rule, for `limit`
    forms_seen: set = field(default_factory=set)  # (consistency rule, pair, form) seen so far in the file
    tags: Counter = field(default_factory=Counter)  # the HTML block tags walked, for metric rules
    script_seconds: Counter = field(default_factory=Counter)  # seconds each script rule has run on this file
    kind: str = ""  # Vale's format of the file: "markup", "code", "fragment", "text" or "" (plain lines)
    ignores: tuple = ()  # (BlockIgnores, TokenIgnores, where) for Markdown, applied to each fragment of code
    stylesheet: str = ""  # the XSLT `Transform` that turns an XML file into HTML
    asciidoctor: dict = field(default_factory=dict)  # `[asciidoctor]` attributes passed to Asciidoctor
    failed: bool = False  # the file could not be converted to HTML

    def metrics(self, summary: str) -> dict[str, float]:
        """A metric formula's variables: counts of the prose read (the summary), as Vale takes them, and of the block
        tags walked."""
        return {
            **vars(document_counts(summary)),
            "pre": self.tags["pre"],
            "list": self.tags["ul"] + self.tags["ol"],
            "blockquote": self.tags["blockquote"],
            **{f"heading_h{level}": self.tags[f"h{level}"] for level in range(1, 7)},
        }

    @property
    def lines(self) -> list[str]:
        return split_after(self.content)

    @property
    def markup(self) -> bool:
        return self.normed_ext in MARKUP or self.normed_ext in CONVERTED

    def update_comments(self, comment: str) -> None:
        if comment == "vale off":
            self.comments["off"] = True
        elif comment == "vale on":
            self.comments["off"] = False
        elif m := COMMENT_CONTROL.match(comment):
            self.comments[m.group(1)] = m.group(2) == "NO"

    def disabled(self, check: str) -> bool:
        if not self.comments.get("off"):
            if check in self.comments:
                return self.comments[check]
        return self.comments.get("off", False)

    def set_text(self, text: str) -> None:
        """Lint `text` from now on (a comment of a source file, then the whole file again), forgetting the alerts
        already placed, as Vale's `SetText` does."""
        self.content = text
        self.history = set()

    def lint_block(self, block: Block, lines: int, lookup: bool, pad: int = 0) -> None:
        self.chk_to_ctx = {}
        for name, rule in self.rules.items():
            if self.disabled(name) or not scope_matches(rule.scope, block):
                continue
            for alert in rule.run(block.text, self):
                alert.message = SPACES.sub(" ", alert.message.replace("\n", " "))  # Vale's WhitespaceToSpace
                self.add_alert(alert, block, lines, lookup, pad, rule.limit)

    def add_alert(self, a: Alert, block: Block, lines: int, lookup: bool, pad: int = 0, limit: int = 0) -> None:
        """Place the alert as Vale does and keep it unless already reported there or past the rule's `limit`."""
        ctx = self.chk_to_ctx.get(a.check, block.context)
        offsets = a.offset
        if not offsets and ctx.count(a.match) > 1 and len(ctx) < 1000:
            offsets = ctx[: a.start].split()
        line, col = (0, -1)
        if not lookup:
            line, col = assign_loc(ctx, block.text, block.line, (a.start, a.end), a.match)
            col = col + pad if col >= 0 else col
        if lookup or col < 0:
            src_lines = self.lines if self.markup else None
            line, col = find_loc(ctx, block.text, lines, a.match, offsets, src_lines)
            col = col + pad if col >= 0 else col
        if col > 0:
            self.chk_to_ctx[a.check] = substitute(ctx, a.match, "#")
            key = (line, col, a.check)
            if key not in self.history:
                self.history.add(key)
                if limit and self.limits[a.check] >= limit:
                    return
                self.limits[a.check] += 1
                a.line, a.column = line, col
                self.alerts.append(a)


def scope_matches(scopes: list[str], block: Block) -> bool:
    """Vale's scope selectors: `heading.h2`, `~blockquote`, `list & ~heading`."""
    target = set(block.scope.split("."))
    parent = set(block.parent.split("."))
    for scope in scopes:
        if _part_matches(target, parent, scope):
            return True
    return False


def _part_matches(target: set, parent: set, scope: str) -> bool:
    for part in scope.split("&"):
        part = part.strip()
        negated = part.startswith("~")
        sections = set(part.lstrip("~").split("."))
        tm, pm = sections <= target, sections <= parent
        if negated and not pm:
            if "raw" in target or "summary" in target:
                return False
        elif (not negated and not tm) or (negated and pm):
            return False
    return True


class _Tokens(HTMLParser):
    """golang.org/x/net/html's token stream, roughly: (kind, data, attrs)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple[str, str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("start", tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tokens.append(("start", tag, dict(attrs)))

    def handle_endtag(self, tag):
        self.tokens.append(("end", tag, {}))

    def handle_data(self, data):
        self.tokens.append(("text", data, {}))

    def handle_comment(self, data):
        self.tokens.append(("comment", data, {}))


class Walker:
    def __init__(self, f: ValeFile):
        self.lines = len(f.lines)
        self.context = f.content
        self.active_tag = ""
        self.idx = 0
        self.queue: list[str] = []
        self.tag_history: list[str] = []

    def sub(self, s: str) -> bool:
        self.context, found = sub_inplace(self.context, s, "@")
        return found

    def update(self, txt: str) -> None:
        if txt:
            for s in txt.split("\n"):
                if not self.sub(s):
                    for word in s.split():
                        self.sub(word)

    def reset(self) -> None:
        for s in self.queue:
            self.update(s)
        self.queue, self.tag_history = [], []

    def append(self, text: str) -> None:
        if text:
            pos = self.advance(text)
            if pos > -1:
                self.idx = pos
            self.queue.append(text)

    def add_tag(self, tag: str) -> None:
        self.tag_history.append(tag)
        self.active_tag = tag

    def advance(self, text: str) -> int:
        pos = 0
        for s in text.split("\n"):
            pos = self.context.find(s)
            if pos < 0:
                for word in s.split():
                    pos = self.context.find(word)
        if pos >= 0:
            line = self.context[:pos].count("\n")
            if line > self.idx:
                return line
        return -1

    def block(self, text: str, scope: str) -> Block:
        line = self.idx
        pos = self.advance(text)
        if pos != line and pos > -1:
            line = pos
        return Block(self.context, text, scope, line)

    def last_tag(self) -> str:
        return self.tag_history[-1] if self.tag_history else self.active_tag

    def nested_list(self) -> bool:
        h = self.tag_history
        return self.last_tag() == "li" and len(h) > 3 and h[-2] in ("ol", "ul") and h[-3] == "li"


def _clean(txt: str, attr: str, skip: bool, inline: bool) -> str:
    starter = txt[:1] in (".", "?", "!", ",", ":", ";") and not skip
    if skip or attr == txt:
        txt = "*" * len(txt)
    if inline and not starter:
        txt = " " + txt
    return txt


def lint_html_tokens(f: ValeFile, raw: str, ignored_scopes: list[str], skipped_scopes: list[str]) -> None:
    parser = _Tokens()
    parser.feed(raw)
    parser.close()
    skip_tags = skipped_scopes or SKIP_TAGS
    skip_classes = SKIP_CLASSES + f.ignored_classes
    skipped = ignored_scopes or ["tt", "code", "kbd"]
    walker = Walker(f)
    buf: list[str] = []
    in_block = inline = skip = False
    attr = parent_class = active_cls = ""
    depth = [0, 0]  # start and end tags seen of the skipped block's tag, to find where it closes
    for kind, data, attrs in parser.tokens:
        if kind == "start" and data in COUNTED_TAGS:
            f.tags[data] += 1
        txt = html.unescape(data.strip()) if kind != "text" else data.strip()
        klass = attrs.get("class", "")
        skip_class = any(c in skip_classes for c in klass.split(" "))
        block_skip = skip_class and txt not in INLINE_TAGS
        if kind in ("start", "end") and txt == active_cls:
            depth[0 if kind == "start" else 1] += 1
        closed = active_cls != "" and depth[0] == depth[1] and depth[0] > 0
        if kind == "start" and (txt in skip_tags or block_skip):
            if block_skip:
                active_cls, depth = txt, [1, 0]
            in_block = True
        elif in_block and (txt in skip_tags or closed):
            in_block = False
            if closed:
                active_cls, depth = "", [0, 0]
        elif kind == "start":
            if txt in ("em", "b") and walker.last_tag() == "code":
                txt = "code"
            inline = txt in INLINE_TAGS
            skip = txt in skipped
            walker.add_tag(txt)
        elif kind == "end" and txt in INLINE_TAGS:
            walker.active_tag = ""
        elif kind == "comment":
            f.update_comments(txt)
            walker.update(txt)
        elif kind == "text":
            skip = skip or _in_rst_literal(walker.tag_history, f.normed_ext)
            walker.append(txt)
            if not in_block and txt:
                skip_class = any(c in skip_classes for c in parent_class.split(" "))
                if walker.nested_list() and not inline:
                    txt = " " + txt
                buf.append(_clean(txt, attr, skip or skip_class, inline))
                if skip or skip_class or attr == txt:
                    skip = False
        if kind == "end" and txt not in INLINE_TAGS:
            content = "".join(buf)
            if content.strip():
                _lint_scope(f, walker, content)
            walker.reset()
            buf = []
        attr = attrs.get("href", "")
        parent_class = klass
        if kind == "start" and data == "img" and "alt" in attrs and "alt" not in skipped_scopes:
            f.lint_block(walker.block(attrs["alt"] or "", "text.attr.alt"), walker.lines, False)
        if kind == "start" and data in ("img", "a", "p", "script", "h1", "h2", "h3", "h4", "h5", "h6"):
            for key in ("href", "id", "src", "alt"):
                if attrs.get(key):
                    walker.update(unquote(attrs[key]) if key == "href" else attrs[key])
    f.comments = {k: v for k, v in f.comments.items() if k == "off"} | {k: False for k in f.comments if k != "off"}
    f.lint_block(Block(f.content, "".join(f.summary), "summary" + f.real_ext, 0), len(f.lines), True)


def _in_rst_literal(tag_history: list[str], ext: str) -> bool:
    """Text after a `<span>` inside rst2html's `<tt>` (inline literals split at word-wrap points) is code, as Vale
    reads it."""
    if ext != ".rst":
        return False
    for i in range(len(tag_history) - 1, -1, -1):
        if tag_history[i] != "span":
            return tag_history[i] == "tt" and i + 1 != len(tag_history)
    return False


def _lint_scope(f: ValeFile, walker: Walker, txt: str) -> None:
    for tag in walker.tag_history:
        scope = TAG_TO_SCOPE.get(tag)
        if (scope and tag not in INLINE_TAGS) or HEADING.match(tag):
            if scope in ("text.blockquote", "text.list"):
                f.summary.append(txt + "\n\n")
            scope = scope or "text.heading." + tag
            f.lint_block(walker.block(txt.lstrip(" "), scope + f.real_ext), walker.lines, False)
            return
    f.summary.append(txt + "\n\n")
    _lint_prose(f, walker.block(txt, "txt"), walker.lines)


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text) if s.strip()]


def _lint_prose(f: ValeFile, block: Block, lines: int) -> None:
    lookup = "\n" in block.text or f.lookup
    ext = f.real_ext
    for p in block.text.split("\n\n"):
        f.lint_block(Block(block.context, p, "paragraph" + ext, block.line), lines, lookup)
    for s in sentences(block.text):
        f.lint_block(Block(block.context, s.strip(), "sentence" + ext, block.line), lines, lookup)
    f.lint_block(Block(block.context, block.text, "text" + ext, block.line), lines, lookup)


def markdown_body(content: str) -> str:
    """Vale's masking of info strings, link references, link definitions and list numbers before the search."""
    body = EX_INFO.sub(lambda m: "`" * (len(m.group().split("`")) - 1) + "*" * len(m.group().split("`")[-1]), content)
    body = LINK_REF.sub(lambda m: "][" + "*" * (len(m.group()) - 3) + "]", body)
    body = LINK_DEF.sub(lambda m: "[" + "*" * (len(m.group()) - 3) + "]:", body)
    return NUMERIC_LIST.sub(lambda m: "*" * len(m.group()), body)


def lint_file(f: ValeFile, ignored_scopes: list[str], skipped_scopes: list[str]) -> None:
    """Run every rule of the file over its blocks, then `scope: raw` over the unprocessed text."""
    original_lines = f.lines
    if f.kind == "fragment":
        lint_fragments(f, ignored_scopes, skipped_scopes)
    elif f.normed_ext == ".md":
        lint_markdown(f, ignored_scopes, skipped_scopes)
    elif f.normed_ext in (".html", ".htm"):
        lint_html_tokens(f, f.content, ignored_scopes, skipped_scopes)
    elif f.normed_ext in CONVERTED:
        source = f.content if f.markup_source is None else f.markup_source
        page, f.content = to_html(f.normed_ext, f.content, source, f.stylesheet, f.asciidoctor, f.path)
        lint_html_tokens(f, page, ignored_scopes, skipped_scopes)
    elif f.kind == "code":
        lint_code(f, ignored_scopes)
    elif f.normed_ext == ".txt":
        _lint_prose(f, Block("", f.content, "text" + f.real_ext), len(f.lines))
    else:
        f.lint_block(Block("", f.content, "text" + f.real_ext), len(f.lines), True)
    raw = "".join(original_lines)
    f.lint_block(Block("", raw, "raw" + f.real_ext), len(original_lines), True)


def lint_markdown(f: ValeFile, ignored_scopes: list[str], skipped_scopes: list[str]) -> None:
    rendered = _MARKDOWN.render(f.content if f.markup_source is None else f.markup_source)
    rendered = rendered.replace("<s>", "<del>").replace("</s>", "</del>")  # goldmark's strikethrough tag
    f.content = markdown_body(f.content)
    lint_html_tokens(f, rendered, ignored_scopes, skipped_scopes)


def lint_fragments(f: ValeFile, ignored_scopes: list[str], skipped_scopes: list[str]) -> None:
    """A source file mapped to Markdown (`[formats] py = md`): each comment is read as a Markdown document of its
    own (BlockIgnores and TokenIgnores applied to it), its alerts moved back to the comment's place. As in Vale,
    the file's text stays the last comment's afterwards."""
    lang = language_for(f.real_ext)
    if lang is None:
        raise MissingGrammar("Vale reads Markdown only in the comments of languages it has a grammar for")
    for comment in get_comments(f.content, lang):
        f.set_text(comment.text)
        f.markup_source = apply_ignores(f.content, *f.ignores) if f.ignores else None
        last = len(f.alerts)
        lint_markdown(f, ignored_scopes, skipped_scopes)
        for alert in f.alerts[last:]:
            adjust(alert, comment, lang)


def lint_code(f: ValeFile, ignored_scopes: list[str]) -> None:
    """Lint a source file's comments: each comment's text as a file of its own, its alerts moved back to the
    comment's place; Vale's older line patterns where it has no grammar for the language."""
    lang = language_for(f.real_ext)
    if lang is None:
        _lint_code_by_lines(f, ignored_scopes)
        return
    whole = f.content
    for comment in get_comments(whole, lang):
        if {"comment", comment.scope, comment.scope.removeprefix("text.")} & set(ignored_scopes):
            continue  # `comment.line` as in Vale's line patterns, or `text.comment.line` as Vale matches here
        f.set_text(comment.text)
        last = len(f.alerts)
        f.lint_block(Block("", f.content, "text" + f.real_ext), len(f.lines), True)
        for alert in f.alerts[last:]:
            adjust(alert, comment, lang)
    f.set_text(whole)


def _lint_code_by_lines(f: ValeFile, ignored_scopes: list[str]) -> None:
    """Vale's older comment reader: an inline comment pattern per line, and block comments from a start line to
    an end line."""
    patterns = OLD_COMMENTS.get(f.normed_ext)
    if not patterns:
        return
    inline, block_start, block_end = (re.compile(p) for p in patterns)
    skip_all = "comment" in ignored_scopes
    skip_inline = skip_all or "comment.line" in ignored_scopes
    skip_block = skip_all or "comment.block" in ignored_scopes
    block, in_block, ignore = "", False, False
    lines = f.content.split("\n")
    if lines[-1] == "":
        lines.pop()
    for number, text in enumerate(lines, start=1):
        line = text + "\n"
        if in_block:
            block += line
            if _found(block_end, line):
                if not skip_block:
                    f.lint_block(Block(block, block, "text.comment.block" + f.real_ext), number + 1, True)
                block, in_block = "", False
        elif match := _found(inline, line):
            if not skip_inline:
                padding = len(line) - len(match)
                f.lint_block(Block(match, match, "text.comment.line" + f.real_ext), number, True, padding - 1)
        elif _found(block_start, line) and not ignore:
            block += line
            in_block = True
        elif _found(block_end, line):
            ignore = not ignore


def _found(pattern: re.Pattern, line: str) -> str:
    m = pattern.search(line)
    return m.group() if m else ""


def normed_ext(path: str, formats: dict[str, str]) -> str:
    return _format(os.path.splitext(path)[1].lower(), formats)


def vale_format(path: str, formats: dict[str, str]) -> tuple[str, str]:
    """(normed extension, format) of a path as Vale reads it: `[formats]` maps an extension to another, and a
    source file mapped to a markup format (`py = md`) is a "fragment" (Markdown in its comments)."""
    ext = os.path.splitext(path)[1]
    kind = format_of(ext)[1]
    mapped = formats.get(ext[1:])
    if mapped is not None:
        if kind == "code" and format_of("." + mapped)[1] == "markup":
            return "." + mapped, "fragment"
        ext = "." + mapped
    normed, kind = format_of(ext)
    if kind == "code":
        return normed, kind
    return normed_ext(path, formats), kind


GO_GROUP = re.compile(r"\$(\d+)")


def apply_ignores(content: str, blocks: list[str], tokens: list[str], where: str) -> str:
    """BlockIgnores become fenced code and TokenIgnores inline code, so the walker skips them as Vale does."""
    from linter.vale.patterns import Pattern

    block = "\n```\n\\g<1>\n```\n"
    content = FRONT_MATTER.sub(block, content)
    for replacement, patterns in ((block, blocks), ("`\\g<1>`", tokens)):
        for source in patterns:
            compiled = Pattern(source, f"{where}: BlockIgnores/TokenIgnores").python()
            content = compiled.sub(replacement, content)
    return content
