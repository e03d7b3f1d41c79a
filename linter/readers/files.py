"""Finding article files and reading them safely: binary, invalid UTF-8, empty and huge files, and paths that are
not files (named pipes, sockets, devices, broken symbolic links, links in a loop, folders that cannot be read).

Nothing here blocks: a path is looked at with `stat` before it is opened, only a regular file is opened, and then
without waiting (O_NONBLOCK), so a named pipe put in a file's place between the two is refused, not read.
"""

from __future__ import annotations

import errno
import os
import re
import stat
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
MAX_BYTES = 20 * 1024 * 1024  # the most any reader takes (the archive's files and rows)
DEFAULT_MAX_BYTES = 1024 * 1024  # `copydesk check`'s default `limits: max_file_mb` (the longest BBC article: 25 kB)
WEB_PAGES = {".html", ".htm"}  # their limit counts the page's text, not its markup (up to MAX_BYTES of it)
# A tag, or the opening or closing tag of an element whose content is never text (script, style).
TAG = re.compile(rb"<(/?)(script|style)\b[^<>]*>|<[^<>]*>", re.IGNORECASE)
NOT_REGULAR = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}
# The first bytes of formats that are not articles: a file named explicitly with such content is refused by name.
SIGNATURES = {
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (such as .docx, .odt or .epub)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"{\\rtf": "an RTF document",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
}


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
    digest: str | None = None  # sha256 of the bytes linted, so that --fix can tell the file changed since

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


def path_problem(path: str) -> str | None:
    """Why path cannot be linted as a file or searched as a folder, or None when it can (stat only, never open)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return _stat_problem(path, exc)
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = NOT_REGULAR.get(stat.S_IFMT(mode), "not a file or folder")
    return f"not a regular file ({kind}); not linted"


def _stat_problem(path: str, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop (the link leads back to itself); not linted"
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return f"broken symbolic link (it points to {os.readlink(path)}, which does not exist); not linted"
    if exc.errno == errno.ENOENT:
        return "no such file or folder"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied; not linted"
    if exc.errno == errno.ENOTDIR:
        return "no such file or folder (a part of the path is a file)"
    return f"cannot read: {exc.strerror or exc}"


def discover(paths, config) -> tuple[list[str], list[FileStatus], list[str]]:
    """Expand paths into article files: (files, paths that cannot be linted as failed statuses, warnings). Inside a
    folder, an article name that is not a regular file (a pipe, a broken link) and a subfolder that cannot be read
    are failed statuses too, so that nothing is skipped silently."""
    files, failures, warnings = [], [], []
    for path in paths:
        problem = path_problem(path)
        if problem is not None:
            failures.append(FileStatus(path, linted=False, error=problem))
        elif not os.path.isdir(path):
            files.append(path)  # named explicitly: linted whatever its extension
        else:
            found, failed_before = [], len(failures)

            def unreadable(exc: OSError) -> None:
                where = exc.filename or path
                failures.append(FileStatus(os.path.normpath(where), linted=False, error=_folder_problem(exc)))

            for folder, dirs, names in os.walk(path, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.endswith(".egg-info"))
                for name in sorted(names):
                    candidate = os.path.join(folder, name)
                    if not is_article(name) or not config.is_included(candidate):
                        continue
                    problem = path_problem(candidate)
                    if problem is None and not os.path.isdir(candidate):
                        found.append(os.path.normpath(candidate))
                    elif problem is not None:
                        failures.append(FileStatus(os.path.normpath(candidate), linted=False, error=problem))
            if not found and len(failures) == failed_before:
                warnings.append(f"{path}: no article files (.md .markdown .txt .html .htm .docx) found")
            files.extend(found)
    unique = list(dict.fromkeys(files))
    return unique, failures, warnings


def decode_article(path: str, data: bytes) -> tuple[str, list[str]]:
    """The text of an article file's bytes as the format of path reads them (a .docx through python-docx, others
    decoded as `decode` does), and notices; raises UnreadableFile."""
    reader = format_for(path)
    return reader.read(data) if hasattr(reader, "read") else decode(data)


def _folder_problem(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot open folder: permission denied; its files were not linted"
    return f"cannot open folder: {exc.strerror or exc}; its files were not linted"


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


def read_bytes(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file; raises UnreadableFile for a file over max_bytes, a path that is not a regular
    file, content of a format that is not an article's, or a file that cannot be read. Never blocks."""
    problem = path_problem(path)
    if problem is not None:
        raise UnreadableFile(problem)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise UnreadableFile(_stat_problem(path, exc)) from None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = NOT_REGULAR.get(stat.S_IFMT(info.st_mode), "a folder")
            raise UnreadableFile(f"not a regular file ({kind}); not linted")
        page = os.path.splitext(path)[1].lower() in WEB_PAGES
        read_limit = max(max_bytes, MAX_BYTES) if page else max_bytes
        if info.st_size > read_limit:
            raise UnreadableFile(_over_limit("file is", info.st_size, read_limit))
        try:
            data = f.read(read_limit + 1)
        except OSError as exc:
            raise UnreadableFile(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > read_limit:
        raise UnreadableFile(f"file grew past the {read_limit / 1024 / 1024:g} MB limit while read; not linted")
    text_bytes = page_text_bytes(data) if page and len(data) > max_bytes else 0
    if text_bytes > max_bytes:
        raise UnreadableFile(_over_limit("page has", text_bytes, max_bytes, " of text"))
    if not is_article(path):
        for signature, kind in SIGNATURES.items():
            if data.startswith(signature):
                raise UnreadableFile(f"{kind}, not an article (.md .markdown .txt .html .htm .docx); not linted")
    return data


def _over_limit(what: str, size: int, limit: int, of: str = "") -> str:
    return (
        f"{what} {size / 1024 / 1024:.1f} MB{of}, over the {limit / 1024 / 1024:g} MB limit "
        "(limits: max_file_mb in the configuration); not linted"
    )


def page_text_bytes(data: bytes) -> int:
    """About how many bytes of a web page are text: all but its tags and its scripts' and styles' content."""
    markup, opened, opened_at = 0, None, 0
    for m in TAG.finditer(data):
        closing, element = m.group(1), m.group(2)
        if opened is not None:  # inside a script or style: everything up to its closing tag is markup
            if closing and element and element.lower() == opened:
                markup += m.end() - opened_at
                opened = None
            continue
        if element and not closing:
            opened, opened_at = element.lower(), m.start()
            continue
        markup += m.end() - m.start()
    if opened is not None:
        markup += len(data) - opened_at
    return len(data) - markup


def read_article(path: str, max_bytes: int = MAX_BYTES) -> tuple[str, list[str]]:
    """The file's text and notices about how it was read; raises UnreadableFile."""
    return decode_article(path, read_bytes(path, max_bytes))
