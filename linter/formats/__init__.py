"""Article formats: each turns a file's text into a `Document` of prose blocks with exact source positions."""
from __future__ import annotations

import os

from linter.document import Document
from linter.formats import html, markdown, text

EXTENSIONS = {".md": markdown, ".markdown": markdown, ".txt": text, ".html": html, ".htm": html}


def format_for(path: str):
    """The format module for a file name; plain text for unknown extensions (such as stdin without a name)."""
    return EXTENSIONS.get(os.path.splitext(path)[1].lower(), text)


def parse(path: str, source: str) -> Document:
    return format_for(path).parse(path, source)
