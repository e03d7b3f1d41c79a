"""Article formats: each turns a file's text into a `Document` of prose blocks with exact source positions."""

from __future__ import annotations

import importlib
import os

from linter.model.document import Document

# Extension -> format module, imported on first use (a run of plain-text files never loads the Markdown parser).
EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
}


def format_for(path: str):
    """The format module for a file name; plain text for unknown extensions (such as stdin without a name)."""
    name = EXTENSIONS.get(os.path.splitext(path)[1].lower(), "text")
    return importlib.import_module(f"linter.readers.{name}")


def parse(path: str, source: str, extract: bool = True) -> Document:
    """The document of a file's text. extract: find the article in a full web page (formats that read pages)
    rather than reading the whole page."""
    module = format_for(path)
    if getattr(module, "EXTRACTS_ARTICLE", False):
        return module.parse(path, source, extract=extract)
    return module.parse(path, source)
