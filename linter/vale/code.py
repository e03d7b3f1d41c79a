"""Comments in source code, found as Vale finds them: tree-sitter queries where Vale has a grammar, else Vale's
older per-line comment patterns.

A comment's text (its delimiters removed) is linted as a small file of its own; each alert is then moved back to
the comment's line and column in the source, with the padding Vale adds for the comment's marker (`# `, `// `).
The grammars are the `tree-sitter-*` packages of the `vale-code` extra (Protocol Buffers' comes from
`tree-sitter-language-pack`, whose 0.10-0.13 wheels carry their grammars; its 1.x downloads them when it runs, so it
is kept below 1); a language whose grammar is not installed is skipped with a message, as the older patterns need
nothing.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field

# Vale's FormatByExtension: extension -> (normed extension, format).
FORMAT_BY_EXTENSION = [
    (r"\.(?:[rc]?py[3w]?|[Ss][Cc]onstruct)$", ".py", "code"),
    (r"\.(?:adoc|asciidoc|asc)$", ".adoc", "markup"),
    (r"\.(?:clj|cljs|cljc|cljd)$", ".clj", "code"),
    (r"\.(?:cpp|cc|c|cp|cxx|c\+\+|h|hpp|h\+\+)$", ".cpp", "code"),
    (r"\.(?:css)$", ".css", "code"),
    (r"\.(?:cs|csx)$", ".c", "code"),
    (r"\.(?:dita)$", ".dita", "markup"),
    (r"\.(?:go)$", ".go", "code"),
    (r"\.(?:hs)$", ".hs", "code"),
    (r"\.(?:html|htm|shtml|xhtml)$", ".html", "markup"),
    (r"\.(?:java|bsh)$", ".c", "code"),
    (r"\.(?:jl)$", ".jl", "code"),
    (r"\.(?:js|jsx)$", ".js", "code"),
    (r"\.(?:lua)$", ".lua", "code"),
    (r"\.(?:md|mdown|markdown|markdn)$", ".md", "markup"),
    (r"\.(?:org)$", ".org", "markup"),
    (r"\.(?:php)$", ".php", "code"),
    (r"\.(?:pl|pm|pod)$", ".r", "code"),
    (r"\.(?:proto)$", ".proto", "code"),
    (r"\.(?:ps1|psm1|psd1)$", ".ps1", "code"),
    (r"\.(?:rb|Gemfile|Rakefile|Brewfile|gemspec)$", ".rb", "code"),
    (r"\.(?:rs)$", ".rs", "code"),
    (r"\.(?:rst|rest)$", ".rst", "markup"),
    (r"\.(?:r|R)$", ".r", "code"),
    (r"\.(?:sass|less)$", ".c", "code"),
    (r"\.(?:scala|sbt)$", ".c", "code"),
    (r"\.(?:swift)$", ".c", "code"),
    (r"\.(?:ts|tsx)$", ".ts", "code"),
    (r"\.(?:txt)$", ".txt", "text"),
    (r"\.(?:xml)$", ".xml", "markup"),
    (r"\.(?:yaml|yml)$", ".yml", "code"),
]


def format_of(ext: str) -> tuple[str, str]:
    """(normed extension, format) of an extension such as `.cc`; ("", "") when Vale does not know it."""
    for pattern, normed, kind in FORMAT_BY_EXTENSION:
        if re.search(pattern, ext):
            return normed, kind
    return "", ""


@dataclass
class Comment:
    text: str
    source: str
    line: int  # 1-based line of the comment's start
    offset: int  # column (0-based, in characters) of the comment's start
    scope: str


def compute_padding(line: str, markers: list[str]) -> int:
    """The width of a comment marker at the line's start and the spaces after it (the last marker that fits)."""
    padding = 0
    for marker in markers:
        if line.startswith(marker):
            padding = len(marker)
            for ch in line[len(marker) :]:
                if ch != " ":
                    break
                padding += 1
    return padding


C_MARKERS = ["/*", "//"]
COMMENT = "(comment)+ @comment"
DOCSTRINGS = [
    "((function_definition body: (block . (expression_statement (string) @docstring))))",
    "((class_definition body: (block . (expression_statement (string) @docstring))))",
    "((module . (expression_statement (string) @docstring)))",
]


@dataclass
class Language:
    """A tree-sitter grammar (the package that ships it, and its language function) with Vale's queries."""

    package: str
    delims: str
    markers: list[str]
    queries: list[str] = field(default_factory=lambda: [COMMENT])
    function: str = "language"
    cutset: str = " "

    @property
    def distribution(self) -> str:
        """The name to pip-install the grammar by."""
        return self.package.split(".")[0].replace("_", "-")

    def padding(self, line: str) -> int:
        return compute_padding(line, self.markers)


LANGUAGES = {
    ".go": Language("tree_sitter_go", r"//|/\*|\*/", C_MARKERS),
    ".rs": Language("tree_sitter_rust", r"/{2,3}!?", ["//", "//!", "///"], ["(line_comment)+ @comment"]),
    ".py": Language("tree_sitter_python", r'#|"""|' + "'''", ["#", '"""', "'''"], [COMMENT, *DOCSTRINGS]),
    ".rb": Language("tree_sitter_ruby", r"#|=begin|=end", ["#", "=begin", "=end"]),
    ".cpp": Language("tree_sitter_cpp", r"//|/\*!?|\*/", C_MARKERS),
    ".c": Language("tree_sitter_c", r"//|/\*|\*/", C_MARKERS),
    ".js": Language("tree_sitter_javascript", r"//|/\*\*?|\*/", C_MARKERS),
    ".jl": Language(
        "tree_sitter_julia", r"#|#=|=#", ["#", "#=", "=#"], ["(line_comment)+ @comment", "(block_comment)+ @comment"]
    ),
    ".ts": Language("tree_sitter_typescript", r"//|/\*|\*/", C_MARKERS, function="language_typescript"),
    ".tsx": Language("tree_sitter_typescript", r"//|/\*|\*/", C_MARKERS, function="language_tsx"),
    ".yml": Language("tree_sitter_yaml", r"#", ["#"]),
    ".css": Language("tree_sitter_css", r"/\*!?|\*/", ["/*"]),
    ".proto": Language("tree_sitter_language_pack.bindings.proto", r"//|/\*|\*/", C_MARKERS),
}

# Vale's older comment patterns, for the languages it has no grammar for.
OLD_COMMENTS = {
    ".c": (r"(?:^|\s)(?:(//.+)|(/\*.+\*/))", r"(/\*.*)", r"(.*\*/)"),
    ".clj": (r"(;+.+)", r"$^", r"$^"),
    ".r": (r"(#.+)", r"$^", r"$^"),
    ".ps1": (r"(#.+)", r"(<#.*)", r"(.*#>)"),
    ".php": (r"(//.+)|(/\*.+\*/)|(#.+)", r"(/\*.*)", r"(.*\*/)"),
    ".lua": (r"(-- .+)", r"(-{2,3}\[\[.*)", r"(.*\]\])"),
    ".hs": (r"(-- .+)", r"(\{-.*)", r"(.*-\})"),
}


class MissingGrammar(Exception):
    """The tree-sitter grammar for a language is not installed."""


def language_for(real_ext: str) -> Language | None:
    """Vale's grammar for a file's own extension (`.tsx` keeps its own, `.cc` is C++), or None."""
    if real_ext == ".tsx":
        return LANGUAGES[".tsx"]
    normed, _ = format_of(real_ext)
    return LANGUAGES.get(normed)


_PARSERS: dict[str, tuple] = {}


def _parser(lang: Language):
    key = f"{lang.package}.{lang.function}"
    if key not in _PARSERS:
        try:
            import tree_sitter

            module = importlib.import_module(lang.package)
        except ImportError:
            raise MissingGrammar(
                f"reading comments needs {lang.distribution} (pip install 'copydesk[vale-code]')"
            ) from None
        grammar = tree_sitter.Language(getattr(module, lang.function)())
        queries = [tree_sitter.Query(grammar, q) for q in lang.queries]
        _PARSERS[key] = (tree_sitter, tree_sitter.Parser(grammar), queries)
    return _PARSERS[key]


def _char_column(source: bytes, node) -> int:
    line_start = node.start_byte - node.start_point[1]
    return len(source[line_start : node.start_byte].decode("utf-8", errors="replace"))


def get_comments(content: str, lang: Language) -> list[Comment]:
    """Every comment (and, for Python, docstring) in document order, consecutive line comments joined."""
    tree_sitter, parser, queries = _parser(lang)
    source = content.encode("utf-8")
    tree = parser.parse(source)
    delims = re.compile(lang.delims)
    comments: list[Comment] = []
    for query in queries:
        seen = set()
        for _, captures in tree_sitter.QueryCursor(query).matches(tree.root_node):
            for nodes in captures.values():
                for node in nodes:
                    if (node.start_byte, node.end_byte) in seen:
                        continue
                    seen.add((node.start_byte, node.end_byte))
                    comments.append(_comment(source, node, delims, lang.cutset))
    comments.sort(key=lambda c: (c.line, c.offset))
    return coalesce(comments)


def _comment(source: bytes, node, delims: re.Pattern, cutset: str) -> Comment:
    raw = source[node.start_byte : node.end_byte].decode("utf-8", errors="replace")
    text = delims.sub("", raw)
    scope = "text.comment.line"
    if text.count("\n") > 1:
        scope = "text.comment.block"
        text = "".join(line.lstrip(cutset) + "\n" for line in text.split("\n"))
    return Comment(text, raw, node.start_point[0] + 1, _char_column(source, node), scope)


def _source_line(line: str, at_end: bool) -> str:
    if line == "":
        return "\n\n"
    if not line.startswith("\n") and not at_end:
        return "\n" + line.lstrip(" ")
    if not line.endswith("\n") and at_end:
        return line.lstrip(" ") + "\n"
    return line


def coalesce(comments: list[Comment]) -> list[Comment]:
    """Line comments on consecutive lines at the same column become one comment, as Vale joins them."""
    joined: list[Comment] = []
    text_buf, source_buf = "", ""
    for i, comment in enumerate(comments):
        if comment.scope == "text.comment.block":
            joined.append(comment)
        elif i == 0 or _done_merging(comment, comments[i - 1]):
            if text_buf:
                last = joined[-1]
                last.text += _source_line(text_buf, False)
                last.source += _source_line(source_buf, False)
                text_buf, source_buf = "", ""
            joined.append(comment)
        else:
            text_buf += _source_line(comment.text, True)
            source_buf += _source_line(comment.source, True)
    if text_buf:
        last = joined[-1]
        last.text += _source_line(text_buf, False)
        last.source += _source_line(source_buf, False)
    for comment in joined:
        comment.text = comment.text.lstrip(" ")
    return joined


def _done_merging(curr: Comment, prev: Comment) -> bool:
    return prev.line != curr.line - 1 or prev.offset != curr.offset


def adjust(alert, comment: Comment, lang: Language) -> None:
    """Move an alert found in a comment's text to its place in the source file."""
    lines = comment.source.split("\n")
    line = lines[alert.line - 1] if alert.line <= len(lines) else ""
    padding = lang.padding(line)
    if line.startswith(" "):
        padding += len(line) - len(line.lstrip(" ")) - comment.offset
    alert.line += comment.line - 1
    alert.column += comment.offset + padding
