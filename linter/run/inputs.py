"""The files besides an article that its findings depend on, hashed once per run for the result cache's key.

They are the configuration file and every rule module (each hashed from the bytes it was loaded from), and, when
`vale:` names a `.vale.ini`, that file, every file under its StylesPath (styles, vocabularies, dictionaries, ignore
lists, whether a style reads them or not) and every other file that loading the styles reads: a dictionary found
through DICPATH or named by an absolute path, the default en_US dictionary. Which files those are is recorded while
the styles load, with an audit hook on `open`, so that no list of Vale's places to look has to be kept here. The
LanguageTool server that the environment names is part of it too (what that server answers is not: see
docs/reliability.md).
"""

from __future__ import annotations

import hashlib
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from linter.checks.languagetool import SERVER_VARIABLE
from linter.errors import CopydeskError
from linter.run.config import Config, vale_config_path

CODE_SUFFIXES = (".py", ".pyc", ".so")  # modules imported while loading: the package versions cover them

_recording: list[set[str]] = []
_hook_added = False
_read_by_styles: dict[str, frozenset[str]] = {}  # .vale.ini -> files outside it and its StylesPath that loading read


def _on_audit(event: str, args: tuple) -> None:
    if event == "open" and _recording and isinstance(args[0], (str, bytes, os.PathLike)):
        _recording[-1].add(os.path.abspath(os.fsdecode(args[0])))


@contextmanager
def recording_reads():
    """A set that receives the absolute path of every file this process opens until the block ends."""
    global _hook_added
    if not _hook_added:
        sys.addaudithook(_on_audit)  # cannot be removed; idle (one list test) when nothing is being recorded
        _hook_added = True
    found: set[str] = set()
    _recording.append(found)
    try:
        yield found
    finally:
        _recording.pop()


def _tree(ini: str, styles_path: str) -> list[str]:
    """The `.vale.ini` and every file under its StylesPath, in a fixed order, leaving out hidden folders (`.git`,
    the result cache itself when StylesPath is the project's folder); a file in one that loading reads is still
    recorded."""
    files = [ini]
    if styles_path and os.path.isdir(styles_path):
        root = Path(styles_path)
        found = (p for p in root.rglob("*") if not any(part.startswith(".") for part in p.relative_to(root).parts[:-1]))
        files += sorted(str(p) for p in found if p.is_file())
    return files


def _digest_of(paths) -> str:
    digest = hashlib.sha256()
    for path in paths:
        try:
            data = Path(path).read_bytes()
        except OSError:
            data = b"\0missing"
        digest.update(path.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def vale_digest(ini: str) -> str | None:
    """Digest of what the Vale styles of `ini` are made of; None when they cannot be loaded (the error is then
    reported on each file) or when one of their files changed while they loaded (which of the two versions the
    rules hold is unknown: the run then caches nothing)."""
    from linter.vale.config import ConfigError, read_config
    from linter.vale.findings import loaded_styles

    ini = os.path.abspath(ini)
    try:
        styles_path = read_config(ini).styles_path
        before = _digest_of(_tree(ini, styles_path))
        with recording_reads() as read:
            loaded_styles(ini)
    except (ConfigError, CopydeskError, ValueError, OSError):  # each file reports it when the styles run
        return None
    tree = _tree(ini, styles_path)
    if _digest_of(tree) != before:
        return None
    inside = set(tree)
    outside = {p for p in read if p not in inside and not p.endswith(CODE_SUFFIXES) and os.path.isfile(p)}
    outside = _read_by_styles.setdefault(ini, frozenset(outside))  # styles loaded before in this process: as then
    return hashlib.sha256((before + _digest_of(sorted(outside))).encode()).hexdigest()


def inputs_digest(config: Config) -> str | None:
    """Digest of the configuration file, every rule module, the LanguageTool server named by the environment and
    the Vale styles the configuration names (None: do not cache this run, see vale_digest)."""
    digest = hashlib.sha256(f"{config.digest}\0{os.environ.get(SERVER_VARIABLE, '')}".encode())
    for rule in sorted(config.rules.values(), key=lambda r: r.id):
        digest.update(f"\0{rule.id}\0{rule.source}\0{rule.digest}".encode())
    try:
        ini = vale_config_path(config)
    except CopydeskError:  # a bad `vale:` value: reported on each file, and nothing is cached
        return None
    if ini is not None:
        styles = vale_digest(ini)
        if styles is None:
            return None
        digest.update(b"\0vale\0" + styles.encode())
    return digest.hexdigest()
