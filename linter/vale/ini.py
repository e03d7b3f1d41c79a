"""Vale's INI reading: several `.vale.ini` sources merged as Vale's ini library merges them.

Vale loads its configuration pipeline (the package configs that `vale sync` put in `StylesPath/.vale-config`,
then the project's `.vale.ini`) with shadowed keys: a key given again keeps its first value and remembers the
others. A list option (`BasedOnStyles`, `Vocab`, `IgnoredScopes`, ...) is the union of every value, in order; any
other option is its first value; `StylesPath` is the last one given.
"""

from __future__ import annotations

import re

GLOBAL = ""  # the keys above the first section header
INLINE_COMMENT = re.compile(r"\s[#;].*$")


class Ini:
    """Sections (in the order first seen) of keys (in the order first seen) with every value given, deduplicated."""

    def __init__(self) -> None:
        self.sections: dict[str, dict[str, list[str]]] = {GLOBAL: {}}

    def add(self, section: str, key: str, value: str) -> None:
        values = self.sections.setdefault(section, {}).setdefault(key, [])
        if value not in values:
            values.append(value)

    def first(self, section: str, key: str, default: str = "") -> str:
        values = self.sections.get(section, {}).get(key)
        return values[0] if values else default

    def merged(self, section: str, key: str) -> list[str] | None:
        """Every comma-separated item of every value of the key, once each (None when the key is not set)."""
        values = self.sections.get(section, {}).get(key)
        if values is None:
            return None
        items: list[str] = []
        for value in values:
            for item in (v.strip() for v in value.split(",")):
                if item and item not in items:
                    items.append(item)
        return items


def read_ini(paths: list[str]) -> Ini:
    """The sources read in order into one `Ini`."""
    ini = Ini()
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
        section = GLOBAL
        for raw in text.splitlines():
            line = raw.strip()
            if not line or line.startswith(("#", ";")):
                continue
            if line.startswith("[") and line.endswith("]"):
                section = line[1:-1].strip()
                if section == "DEFAULT":
                    section = GLOBAL
                ini.sections.setdefault(section, {})
                continue
            key, sep, value = line.partition("=")
            if sep:
                ini.add(section, key.strip(), _unquote(INLINE_COMMENT.sub("", value).strip()))
    return ini


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'`":
        return value[1:-1]
    return value
