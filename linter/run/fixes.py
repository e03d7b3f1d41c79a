"""Safe fixes: `--fix` writes, and `--diff` shows, the suggestions of rules whose module says `fix: safe`.

A fix replaces a finding's span with its suggestion. Fixes are applied, the file is linted again and fixed again
until nothing fixable is left (a fix can reveal another: "the the the"), so that a second `--fix` changes
nothing. Files are rewritten atomically (a temporary file in the same folder, then `os.replace`), in the encoding
they were read with; line endings are kept because only the findings' spans change.

A run killed at any moment (even by SIGKILL) leaves each file as it was or fully fixed, never half written; at
worst a `.copydesk-*.tmp` file is left beside it. A file whose bytes are not the ones linted (edited since, or
while it was being fixed) is not written: the fix would apply to text it was not computed from.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field

from linter.model.document import LINE_BREAK
from linter.readers import format_for
from linter.readers.files import decode_with_encoding
from linter.run.engine import lint_file
from linter.run.options import RunOptions

MAX_PASSES = 10
LINE_END = re.compile(r"(?<=\n)|(?<=\r)(?!\n)")


@dataclass
class FileFix:
    """What fixing one file did: its text before and after, the number of fixes, what is left to report."""

    path: str
    original: str
    fixed: str
    applied: int
    remaining: list = field(default_factory=list)
    error: str | None = None


def is_fixable(finding, rules: dict) -> bool:
    """A finding `--fix` may apply: a suggestion from a rule whose module says `fix: safe`, or from the `action` of
    a Vale style's rule (`Style.Rule`, not one of copydesk's kebab-case ids), which sets one only where the action
    gives a single replacement."""
    if finding.suggestion is None:
        return False
    rule = rules.get(finding.rule)
    return rule.fixable if rule is not None else "." in finding.rule


def edit_span(source: str, finding) -> tuple[int, int]:
    """The span a fix replaces: the finding's, or, when an empty suggestion deletes all the text of its lines (scraped
    residue), those whole lines with their line break."""
    if finding.suggestion == "" and finding.excerpt.strip() == finding.context.strip():
        start = finding.start - (finding.column - 1)
        end = start + len(finding.context)
        line_break = LINE_BREAK.match(source, end)
        return start, line_break.end() if line_break else end
    return finding.start, finding.end


def apply_suggestions(source: str, findings) -> tuple[str, int]:
    """Replace each finding's span by its suggestion, in source order, skipping one that overlaps an earlier fix."""
    parts, position, applied = [], 0, 0
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        start, end = edit_span(source, f)
        if start < position:
            continue
        parts += [source[position:start], f.suggestion]
        position = end
        applied += 1
    parts.append(source[position:])
    return "".join(parts), applied


def fix_source(source: str, findings: list, lint, rules: dict) -> tuple[str, int, list]:
    """(fixed text, fixes applied, findings of the fixed text); lint(text) lints a text of the same file."""
    applied = 0
    for _ in range(MAX_PASSES):
        todo = [f for f in findings if is_fixable(f, rules)]
        if not todo:
            break
        fixed, count = apply_suggestions(source, todo)
        if fixed == source:
            break
        source, applied = fixed, applied + count
        findings = lint(source)
    return source, applied, findings


class ChangedOnDisk(Exception):
    """The file's bytes are not the ones the fixes were computed from."""


def write_atomic(path: str, data: bytes, expected: bytes | None = None) -> None:
    """Replace a file's content in one step, keeping its permissions; a symbolic link keeps pointing at it. With
    `expected`, the file must still hold exactly those bytes just before the rename (else ChangedOnDisk)."""
    target = os.path.realpath(path)
    folder = os.path.dirname(target)
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".copydesk-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())  # on disk before the rename, so a crash leaves the old file or the new one
        os.chmod(temporary, os.stat(target).st_mode & 0o7777)
        if expected is not None and _read(target) != expected:
            raise ChangedOnDisk("changed on disk while it was being fixed; not fixed (run copydesk again)")
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    _sync_folder(folder)


def _read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable (a no-op where folders cannot be opened, as on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def fix_files(result, options: RunOptions, write: bool = True) -> list[FileFix]:
    """Fix every file of a run that has fixable findings; the run's findings become those left after fixing. A
    file that changed since it was linted is left alone, with an error."""
    config = options.config
    digests = {status.path: status.digest for status in result.files}

    def lint(path, text):
        findings, _ = lint_file(path, config, options.select, options.ignore, source=text)
        return [f for f in findings if options.shows(f)]

    paths = sorted({f.path for f in result.findings if is_fixable(f, config.rules)})
    fixes = []
    for path in paths:
        findings = [f for f in result.findings if f.path == path]
        if not getattr(format_for(path), "WRITABLE", True):
            fixes.append(FileFix(path, "", "", 0, findings, error="not fixed: copydesk never rewrites this format"))
            continue
        try:
            data = _read(path)
            if digests.get(path) not in (None, hashlib.sha256(data).hexdigest()):
                raise ChangedOnDisk("changed on disk since it was linted; not fixed (run copydesk again)")
            original, encoding, _ = decode_with_encoding(data)
            fixed, applied, remaining = fix_source(original, findings, lambda text: lint(path, text), config.rules)
            if write and fixed != original:
                write_atomic(path, fixed.encode(encoding), expected=data)
            fixes.append(FileFix(path, original, fixed, applied, remaining))
        except ChangedOnDisk as exc:
            fixes.append(FileFix(path, "", "", 0, findings, error=str(exc)))
        except (OSError, UnicodeError) as exc:
            fixes.append(FileFix(path, "", "", 0, findings, error=f"not fixed: {exc}"))
    result.replace_findings(
        [f for f in result.findings if f.path not in paths] + [f for fix in fixes for f in fix.remaining]
    )
    return fixes


def _lines(text: str) -> list[str]:
    """Lines with their breaks (LF, CRLF or a lone CR), as the linter counts them."""
    return [line for line in LINE_END.split(text) if line]


def unified_diff(fix: FileFix) -> str:
    """A unified diff of one file's fixes, as `git apply` and `patch -p1` read it."""
    lines = []
    for line in difflib.unified_diff(_lines(fix.original), _lines(fix.fixed), f"a/{fix.path}", f"b/{fix.path}"):
        lines.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(lines)
