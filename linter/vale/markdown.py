"""Markdown rendered as Vale's goldmark renders it: CommonMark with GFM tables, strikethrough and autolinks.

markdown-it-py has the first two; GFM's extended autolinks (`https://example.com/a`, `www.example.com`,
`someone@example.com` in plain text become links) are added here as a core rule that follows the GFM spec, since
markdown-it's own linkify (linkify-it) finds links by other rules (bare domains, no GFM trailing punctuation).
Vale then masks a link whose text is its address, so words inside such a URL are not linted.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

DOMAIN = r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+"
AUTOLINK = re.compile(
    rf"(?P<url>(?:https?|ftp)://{DOMAIN}[^\s<]*|www\.{DOMAIN}[^\s<]*)"
    r"|(?P<email>[A-Za-z0-9._+-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+)"
)
TRAILING = "?!.,:*_~'\""
ENTITY_AT_END = re.compile(r"&[A-Za-z0-9]+;$")
BEFORE = " \t\n*_~("  # a GFM autolink starts a line or follows whitespace or one of these


def _trim(url: str) -> str:
    """GFM's extended path validation: trailing punctuation, an unbalanced `)` and an entity-like end are left out."""
    while url:
        if url[-1] in TRAILING:
            url = url[:-1]
        elif url[-1] == ")" and url.count(")") > url.count("("):
            url = url[:-1]
        elif url.endswith(";") and ENTITY_AT_END.search(url):
            url = ENTITY_AT_END.sub("", url)
        else:
            return url
    return url


def _valid_domain(url: str) -> bool:
    """No underscore in the last two segments of the domain."""
    host = re.sub(r"^(?:https?|ftp)://", "", url).split("/")[0].split("?")[0].split("#")[0]
    return "_" not in "".join(host.split(".")[-2:])


def find_autolinks(text: str, at_start: bool = True) -> list[tuple[int, int, str]]:
    """(start, end, href) of each GFM extended autolink in a run of plain text."""
    links = []
    for m in AUTOLINK.finditer(text):
        start = m.start()
        before = text[start - 1] if start else ("\n" if at_start else "")
        if before not in BEFORE and not (m.group("email") and before and not before.isalnum()):
            continue
        if m.group("url"):
            found = _trim(m.group("url"))
            if not _valid_domain(found):
                continue
            href = found if "://" in found else "http://" + found
        else:
            found = m.group("email")
            if found[-1] in "-_":
                continue
            href = "mailto:" + found
        links.append((start, start + len(found), href))
    return links


def _autolink_rule(state) -> None:
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children, out, link_depth = block.children, [], 0
        for index, token in enumerate(children):
            if token.type == "link_open":
                link_depth += 1
            elif token.type == "link_close":
                link_depth -= 1
            if token.type != "text" or link_depth or not token.content:
                out.append(token)
                continue
            previous = children[index - 1].type if index else ""
            at_start = previous in ("", "softbreak", "hardbreak", "em_open", "strong_open", "s_open")
            links = find_autolinks(token.content, at_start)
            if not links:
                out.append(token)
                continue
            out += _split(token, links, state.md)
        block.children = out


def _split(token: Token, links: list[tuple[int, int, str]], md) -> list[Token]:
    nodes, last, text = [], 0, token.content
    for start, end, href in links:
        if start > last:
            nodes.append(_text(text[last:start], token.level))
        opening = Token("link_open", "a", 1, attrs={"href": md.normalizeLink(href)}, markup="autolink", info="auto")
        nodes += [opening, _text(text[start:end], token.level + 1), Token("link_close", "a", -1, markup="autolink")]
        last = end
    if last < len(text):
        nodes.append(_text(text[last:], token.level))
    return nodes


def _text(content: str, level: int) -> Token:
    return Token("text", "", 0, content=content, level=level)


def goldmark_like() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.core.ruler.push("gfm_autolink", _autolink_rule)
    return md
