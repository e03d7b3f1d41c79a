"""Word (.docx) articles, read with python-docx: paragraphs, headings, list items, quotes, captions, table cells.

A .docx is a zip of XML, so positions cannot refer to bytes of the file. The source that copydesk reports against is
the document's text with one line per paragraph of the body, in reading order (empty paragraphs and the paragraphs
of table cells included): line N is the Nth paragraph, column C the Cth character of its text. Tracked changes are
read as accepted (inserted text kept, deleted and moved-away text left out); comments, footnotes, headers, footers,
text boxes and field codes are not read. A soft line break or a tab inside a paragraph is one space or tab.
"""

from __future__ import annotations

import io
import zipfile

from linter.model.document import (
    BLOCKQUOTE,
    CAPTION,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    TABLE_CELL,
    TITLE,
    BlockBuilder,
    Document,
)
from linter.readers.files import UnreadableFile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Elements whose content is not part of the text as it reads: deletions and moves away, field codes, properties,
# notes and comment marks, drawings and text boxes (their paragraphs would run into this one).
SKIPPED = {
    W + name
    for name in (
        "del",
        "moveFrom",
        "instrText",
        "delInstrText",
        "pPr",
        "rPr",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
        "drawing",
        "pict",
        "object",
    )
} | {MC + "AlternateContent"}
CHARACTERS = {W + "tab": "\t", W + "br": " ", W + "cr": " ", W + "noBreakHyphen": "-"}
WRITABLE = False  # fixes are never written back: the source is a rendering of the file, not the file


class DocxText(str):
    """The text of a Word document, one paragraph a line, with the block kind of each line."""

    kinds: tuple[str, ...]

    def __new__(cls, lines: list[str], kinds: list[str]):
        text = super().__new__(cls, "\n".join(lines))
        text.kinds = tuple(kinds)
        return text


def read(data: bytes) -> tuple[DocxText, list[str]]:
    """The text of a .docx file's bytes and notices; raises UnreadableFile for a file that is not one."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as exc:
        reason = str(exc) or type(exc).__name__
        raise UnreadableFile(f"not a readable Word (.docx) document ({reason}); not linted") from None
    lines, kinds = [], []
    for paragraph, in_table in _paragraphs(document.element.body):
        lines.append(_paragraph_text(paragraph))
        kinds.append(TABLE_CELL if in_table else _paragraph_kind(paragraph, document))
    _mark_headline(lines, kinds)
    notices = [] if any(line.strip() for line in lines) else ["empty file; nothing to lint"]
    return DocxText(lines, kinds), notices


def _paragraphs(element, in_table: bool = False):
    """(w:p element, inside a table) for each paragraph under element, in reading order."""
    for child in element:
        if child.tag == W + "p":
            yield child, in_table
        elif child.tag == W + "tbl":
            yield from _paragraphs(child, True)
        elif child.tag in (W + "tr", W + "tc", W + "sdt", W + "sdtContent", W + "customXml", W + "ins"):
            yield from _paragraphs(child, in_table)


def _paragraph_text(element) -> str:
    parts = []

    def walk(node):
        for child in node:
            if child.tag in SKIPPED:
                continue
            if child.tag == W + "t":
                parts.append((child.text or "").replace("\r", " ").replace("\n", " "))
            elif child.tag in CHARACTERS:
                parts.append(CHARACTERS[child.tag])
            else:
                walk(child)

    walk(element)
    return "".join(parts)


def _style_names(paragraph_element, document) -> list[str]:
    """The names of the paragraph's style and of the styles it is based on, lower-cased."""
    from docx.text.paragraph import Paragraph

    style = Paragraph(paragraph_element, document).style
    names = []
    while style is not None and len(names) < 10:
        names.append((style.name or "").lower())
        style = style.base_style
    return names


def _paragraph_kind(element, document) -> str:
    names = _style_names(element, document)
    properties = element.find(W + "pPr")
    outline = properties.find(W + "outlineLvl") if properties is not None else None
    if "title" in names:
        return TITLE
    if any(name.startswith("heading") or name == "subtitle" for name in names) or outline is not None:
        return HEADING
    if (properties is not None and properties.find(W + "numPr") is not None) or any(
        name.startswith("list") for name in names
    ):
        return LIST_ITEM
    if any("quote" in name for name in names):
        return BLOCKQUOTE
    if "caption" in names:
        return CAPTION
    return PARAGRAPH


def _mark_headline(lines: list[str], kinds: list[str]) -> None:
    """Without a Title paragraph, a heading that opens the document is its headline."""
    if TITLE in kinds:
        return
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and kinds[first] == HEADING:
        kinds[first] = TITLE


def parse(path: str, source: str) -> Document:
    """The blocks of a document's text as `read` gives it (a plain string is read as paragraphs, one a line)."""
    kinds = getattr(source, "kinds", None)
    blocks, offset = [], 0
    for i, line in enumerate(source.split("\n")):
        builder = BlockBuilder(kinds[i] if kinds else PARAGRAPH)
        builder.add(line, offset)
        block = builder.build()
        if block is not None:
            blocks.append(block)
        offset += len(line) + 1
    return Document(path, str(source), "docx", blocks)
