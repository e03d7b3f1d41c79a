"""Finding article files and reading them safely: binary, invalid UTF-8, empty and huge files."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from linter.readers import EXTENSIONS, format_for

SKIPPED_DIRS = {
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    ".venv",
    "venv",
    "__pycache__",
    "build",
    "dist",
    "_site",
    "public",
    ".tox",
    ".nox",
    ".mypy_cache",
    ".pytest_cache",
    ".copydesk_cache",
    "site-packages",
}
MAX_BYTES = 20 * 1024 * 1024


class UnreadableFile(Exception):
    """A file that cannot be linted; the message says why."""


@dataclass
class FileStatus:
    """What happened to one input file: linted (with notices) or not (with the reason)."""

    path: str
    linted: bool = True
    notices: list[str] = field(default_factory=list)
    error: str | None = None
    errors: list[str] = field(default_factory=list)  # rules that could not run on the file; the run exits 2
    findings: int = 0

    def to_dict(self) -> dict:
        data = {"path": self.path, "status": "linted" if self.linted else "error", "findings": self.findings}
        if self.error:
            data["error"] = self.error
        if self.notices:
            data["notices"] = list(self.notices)
        if self.errors:
            data["errors"] = list(self.errors)
        return data


def find_upward(start: str, names) -> str | None:
    """The first file of the given names in start's folder or the nearest folder above it that has one."""
    folder = os.path.abspath(start)
    while True:
        for name in names:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def is_article(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in EXTENSIONS


def discover(paths, config) -> tuple[list[str], list[FileStatus], list[str]]:
    """Expand paths into article files: (files, missing paths as failed statuses, warnings)."""
    files, failures, warnings = [], [], []
    for path in paths:
        if os.path.isfile(path):
            files.append(path)  # named explicitly: linted whatever its extension
        elif os.path.isdir(path):
            found = []
            for folder, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.endswith(".egg-info"))
                for name in sorted(names):
                    candidate = os.path.join(folder, name)
                    if is_article(name) and config.is_included(candidate):
                        found.append(os.path.normpath(candidate))
            if not found:
                warnings.append(f"{path}: no article files (.md .markdown .txt .html .htm .docx) found")
            files.extend(found)
        else:
            failures.append(FileStatus(path, linted=False, error="no such file or folder"))
    unique = list(dict.fromkeys(files))
    return unique, failures, warnings


def decode_article(path: str, data: bytes) -> tuple[str, list[str]]:
    """The text of an article file's bytes as the format of path reads them (a .docx through python-docx, others
    decoded as `decode` does), and notices; raises UnreadableFile."""
    reader = format_for(path)
    return reader.read(data) if hasattr(reader, "read") else decode(data)


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode article bytes: UTF-8 (with or without BOM), else cp1252 or Latin-1, saying so."""
    text, _, notices = decode_with_encoding(data)
    return text, notices


def decode_with_encoding(data: bytes) -> tuple[str, str, list[str]]:
    """(text, the encoding it was read with, notices): what `decode` does, for writers that must keep the encoding."""
    if b"\0" in data[:8192]:
        raise UnreadableFile("binary file (contains NUL bytes); not linted")
    empty = [] if data.strip() else ["empty file; nothing to lint"]
    try:
        return data.decode("utf-8"), "utf-8", empty
    except UnicodeDecodeError as exc:
        where = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    try:
        return data.decode("cp1252"), "cp1252", [f"not valid UTF-8 ({where}); read as cp1252"]
    except UnicodeDecodeError:  # five bytes have no cp1252 meaning; Latin-1 decodes anything
        return data.decode("latin-1"), "latin-1", [f"not valid UTF-8 ({where}); read as latin-1"]


def read_bytes(path: str) -> bytes:
    """The file's bytes; raises UnreadableFile for a file over 20 MB or one that cannot be read."""
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise UnreadableFile(f"file is {size / 1024 / 1024:.1f} MB, over the 20 MB limit; not linted")
        with open(path, "rb") as f:
            return f.read()
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror or exc}") from None


def read_article(path: str) -> tuple[str, list[str]]:
    """The file's text and notices about how it was read; raises UnreadableFile."""
    return decode_article(path, read_bytes(path))
