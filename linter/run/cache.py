"""A result cache keyed by file content, the effective rule settings and everything else that findings depend on.

Entries live in `.copydesk_cache/` beside the configuration file (or in the user cache folder when there is none),
one small JSON file each, written atomically, so two runs can share the folder. A key changes whenever the file's
bytes, a rule's level or options, the configuration file, a rule module, a Vale style or any file its loading
reads (see `linter/run/inputs.py`), a check module, the copydesk version or the version of a package it runs on
(spaCy, its model, ...) change, so an entry is never stale: old ones are simply no longer read. The files besides
the article are hashed once per run, not per file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
from functools import cached_property, lru_cache
from pathlib import Path

from linter import __version__
from linter.analysis.nlp import MODEL_PACKAGES
from linter.model.findings import Finding
from linter.run.inputs import inputs_digest
from linter.run.rules import builtin_rules_dir

CACHE_DIR_NAME = ".copydesk_cache"


def default_cache_dir(config) -> Path:
    if config.path:
        return Path(config.root) / CACHE_DIR_NAME
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "copydesk"


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def package_versions() -> list[tuple[str, str]]:
    """(name, version) of each installed package that copydesk requires (its extras' too) and of each spaCy model
    package it can load, so that a new spaCy, model or word list changes the key as a code change does; every
    installed package when copydesk itself is not installed (a source checkout). Read from the names of the
    `.dist-info` folders on the path and copydesk's own METADATA: a few milliseconds, where importlib.metadata
    costs a quarter of a second at every start."""
    installed: dict[str, tuple[str, str]] = {}
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                package, _, version = name[: -len(".dist-info")].partition("-")
                installed.setdefault(_normal(package), (version, os.path.join(folder or ".", name)))
    if "copydesk" not in installed:
        return sorted((name, version) for name, (version, _) in installed.items())
    needed = {"copydesk", *(_normal(name) for name in MODEL_PACKAGES)}
    try:
        with open(os.path.join(installed["copydesk"][1], "METADATA"), encoding="utf-8") as metadata:
            needed |= {
                _normal(m.group(1)) for m in re.finditer(r"^Requires-Dist: *([A-Za-z0-9._-]+)", metadata.read(), re.M)
            }
    except OSError:
        needed |= set(installed)
    return sorted((name, installed[name][0]) for name in needed if name in installed)


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """Digest of copydesk's own source, its rule modules and the packages it runs on, so that no code change
    leaves an entry stale."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*.py")) + sorted(builtin_rules_dir().glob("*.yml")):
        digest.update(path.read_bytes())
    digest.update(json.dumps(package_versions()).encode())
    return digest.hexdigest()


def settings_digest(settings) -> str:
    """Digest of the effective rules of one file (ids, levels, options, messages, modules)."""
    data = [(s.rule.id, s.rule.category, s.level, s.options, s.rule.message, s.rule.digest) for s in settings]
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


class ResultCache:
    """The entries in `folder` for runs under `config` (None: keys on the code and the settings alone)."""

    def __init__(self, folder: Path, config=None):
        self.folder = Path(folder)
        self.config = config

    @cached_property
    def inputs(self) -> str | None:
        """Digest of the code and of the files besides the articles (computed on first use, once per run); None
        when they cannot be hashed reliably, and then nothing is read from the cache or written to it."""
        files = inputs_digest(self.config) if self.config is not None else ""
        return None if files is None else _code_digest() + files

    def key(self, data: bytes, settings_key: str, path: str) -> str | None:
        """Content, settings, format (the extension decides how the bytes are read) and the run's inputs; None
        when this run caches nothing."""
        if self.inputs is None:
            return None
        extension = os.path.splitext(path)[1].lower()
        parts = (data, settings_key.encode(), extension.encode(), self.inputs.encode())
        return hashlib.sha256(b"\0".join(parts)).hexdigest()

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
