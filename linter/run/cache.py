"""A result cache keyed by file content, the effective rule settings and the code that checks them.

Entries live in `.copydesk_cache/` beside the configuration file (or in the user cache folder when there is none),
one small JSON file each, written atomically, so two runs can share the folder. A key changes whenever the file's
bytes, a rule's level or options, a rule module, a check module or the copydesk version change, so an entry is
never stale: old ones are simply no longer read.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache, lru_cache
from pathlib import Path

from linter import __version__
from linter.model.findings import Finding
from linter.run.rules import builtin_rules_dir

CACHE_DIR_NAME = ".copydesk_cache"


def default_cache_dir(config) -> Path:
    if config.path:
        return Path(config.root) / CACHE_DIR_NAME
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "copydesk"


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """Digest of copydesk's own source and its rule modules, so that no code change leaves an entry stale."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*.py")) + sorted(builtin_rules_dir().glob("*.yml")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def _users(source: str) -> bool:
    """True for a rule module of the user's own, outside copydesk's rules folder (asked per rule and file: the path
    test is remembered, the module is read afresh each time)."""
    return Path(source).parent != builtin_rules_dir()


def settings_digest(settings) -> str:
    """Digest of the effective rules (ids, levels, options, messages, the modules of users' rules) and the code."""
    data = [(s.rule.id, s.rule.category, s.level, s.options, s.rule.message, s.rule.source) for s in settings]
    user_modules = [Path(s.rule.source).read_bytes() for s in settings if s.rule.source and _users(s.rule.source)]
    payload = json.dumps([_code_digest(), data], sort_keys=True, default=str).encode()
    return hashlib.sha256(payload + b"\0".join(user_modules)).hexdigest()


class ResultCache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def key(self, data: bytes, settings_key: str, path: str) -> str:
        """Content, settings and format (the extension decides how the bytes are read)."""
        extension = os.path.splitext(path)[1].lower()
        return hashlib.sha256(data + b"\0" + settings_key.encode() + b"\0" + extension.encode()).hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, path: str):
        """(findings, notices) for key with path filled in, or None: also for an entry that cannot be read or is
        not what `put` writes (truncated, corrupt, from another version), which the run then writes again."""
        try:
            with open(self._entry(key), encoding="utf-8") as f:
                data = json.load(f)
            contexts = data["contexts"]
            items = [dict(item, context=contexts[item["context"]]) for item in data["findings"]]
            findings = [Finding(path=path, **item) for item in items]
            notices = [str(notice) for notice in data["notices"]]
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None
        return findings, notices

    def put(self, key: str, findings, notices) -> None:
        """Write an entry: to a temporary file in the entry's folder, then renamed over it, so that a run reading it
        at the same time finds the old entry, the new one or none, never half of one. The source lines of the
        findings (which many findings on one long line share) are stored once."""
        entry = self._entry(key)
        items, contexts = [], {}
        for f in findings:
            item = dict(f.__dict__)
            del item["path"]
            item["context"] = contexts.setdefault(f.context, len(contexts))
            items.append(item)
        try:
            self._prepare()
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    data = {"findings": items, "contexts": list(contexts), "notices": list(notices)}
                    json.dump(data, f, ensure_ascii=False)
                os.replace(tmp, entry)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        except OSError:
            pass  # a read-only or full disk only costs speed

    def _prepare(self) -> None:
        """Create the folder with a .gitignore and CACHEDIR.TAG, so that it is never committed or backed up."""
        if (self.folder / ".gitignore").exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tag = "Signature: 8a477f597d28d172789f06886806bc55\n# copydesk result cache\n"
        _write_once(self.folder / "CACHEDIR.TAG", tag)
        _write_once(self.folder / ".gitignore", "# Created by copydesk\n*\n")


def _write_once(path: Path, text: str) -> None:
    """Write a small file whole under its name (two runs creating the folder at once each write a full copy)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
