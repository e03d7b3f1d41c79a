"""`.vale.ini`: found as Vale finds it (the working directory, then its parents) and read into a `ValeConfig`."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from linter.readers.files import find_upward
from linter.vale.ini import GLOBAL, Ini, read_ini

CONFIG_NAMES = (".vale.ini", "_vale.ini", ".vale", "_vale")
LEVELS = {"suggestion": 0, "warning": 1, "error": 2}
MULTI_VALUE = {
    "BasedOnStyles",
    "IgnoredScopes",
    "SkippedScopes",
    "IgnoredClasses",
    "Vocab",
    "BlockIgnores",
    "TokenIgnores",
}
PIPELINE_DIR = ".vale-config"  # where `vale sync` puts the configs of packages that have one


class ConfigError(Exception):
    """A configuration Vale would refuse; the message reads like Vale's E100 runtime errors."""


def glob_to_regex(pattern: str) -> re.Pattern:
    """A Vale section glob (`*.md`, `*.{md,py}`, `**/*.md`, `!*.py`, `[!.]*.adoc`) as a regex over a slash-separated
    path.

    As in Vale, a pattern with `**` is read as doublestar reads it (`**/` is any number of folders, none included,
    and `*` stays within one folder); one without is read as gobwas/glob does (`*` matches any characters)."""
    doublestar = "**" in pattern
    star, one = ("[^/]*", "[^/]") if doublestar else (".*", ".")
    out, i = "", 0
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
            continue
        if pattern.startswith("**", i):
            out += ".*"
            i += 2
            continue
        if ch == "*":
            out += star
        elif ch == "?":
            out += one
        elif ch == "[" and "]" in pattern[i + 2 :]:
            end = pattern.index("]", i + 2)  # a `]` right after `[` or `[!` is one of the characters
            body = pattern[i + 1 : end]
            negated = body[:1] in ("!", "^")
            chars = re.escape(body[1:] if negated else body).replace("\\-", "-")
            out += f"[^{chars}{'/' if doublestar else ''}]" if negated else f"[{chars}]"
            i = end
        elif ch == "{":
            end = pattern.index("}", i)
            out += "(?:" + "|".join(re.escape(p) for p in pattern[i + 1 : end].split(",")) + ")"
            i = end
        else:
            out += re.escape(ch)
        i += 1
    return re.compile(f"(?:^|.*/)?{out}$" if not pattern.startswith("*") else f"{out}$")


class Glob:
    """A glob, possibly negated with a leading `!`."""

    def __init__(self, pattern: str):
        self.negated = pattern.startswith("!")
        self._regex = glob_to_regex(pattern[1:] if self.negated else pattern)

    def match(self, path: str) -> bool:
        return bool(self._regex.match(path.replace(os.sep, "/"))) != self.negated


@dataclass
class Section:
    pattern: str
    glob: Glob
    styles: list[str] | None = None
    checks: dict[str, bool] = field(default_factory=dict)


@dataclass
class ValeConfig:
    path: str
    styles_path: str = ""
    min_level: int = 1  # Vale's default MinAlertLevel is warning
    vocab: list[str] = field(default_factory=list)
    ignored_scopes: list[str] = field(default_factory=list)
    skipped_scopes: list[str] = field(default_factory=list)
    ignored_classes: list[str] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    levels: dict[str, str] = field(default_factory=dict)  # Style.Rule -> level set in the file
    block_ignores: dict[str, list[str]] = field(default_factory=dict)
    token_ignores: dict[str, list[str]] = field(default_factory=dict)
    transforms: dict[str, str] = field(default_factory=dict)  # section glob -> XSLT stylesheet (`Transform`)
    asciidoctor: dict[str, str] = field(default_factory=dict)  # `[asciidoctor]` attributes

    def names(self, path: str) -> list[str]:
        """The path and, when `[formats]` maps its extension, the path with the mapped extension."""
        root, ext = os.path.splitext(path)
        mapped = self.formats.get(ext[1:])
        return [path, f"{root}.{mapped}"] if mapped else [path]

    def styles_for(self, path: str) -> list[str]:
        styles: list[str] = []
        for name in self.names(path):
            for section in self.sections:
                if section.styles is not None and section.glob.match(name):
                    styles = section.styles
        return styles

    def checks_for(self, path: str) -> dict[str, bool]:
        checks: dict[str, bool] = {}
        for name in self.names(path):
            for section in self.sections:
                if section.glob.match(name):
                    checks.update(section.checks)
        return checks

    def matches_any_section(self, path: str) -> bool:
        return any(section.glob.match(name) for name in self.names(path) for section in self.sections)

    def transform_for(self, path: str) -> str:
        """The `Transform` stylesheet of the first section whose glob matches the path ("" for none)."""
        return next((xsl for pattern, xsl in self.transforms.items() if Glob(pattern).match(path)), "")

    def ignores_for(self, table: dict[str, list[str]], path: str) -> list[str]:
        return [
            p
            for pattern, found in table.items()
            if any(Glob(pattern).match(n) for n in self.names(path))
            for p in found
        ]


def find_config(start: str) -> str | None:
    """The first Vale configuration in `start` or one of its parents."""
    return find_upward(start, CONFIG_NAMES)


def chosen_config(flag: str) -> str | None:
    """The config a run reads, as Vale chooses it: `--config`, else `VALE_CONFIG_PATH`, else the search upward
    from the working directory."""
    return flag or os.environ.get("VALE_CONFIG_PATH") or find_config(os.getcwd())


def _values(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def read_config(path: str) -> ValeConfig:
    """Read a `.vale.ini`; relative `StylesPath` is taken from the file's folder.

    When `StylesPath/.vale-config` holds the configs of synced packages, they are read first and the file last,
    merged as Vale merges its configuration pipeline (`linter.vale.ini`)."""
    with open(path, encoding="utf-8") as handle:
        config = _parse(path, handle.read().splitlines())
    pipeline = pipeline_files(config.styles_path)
    if pipeline:
        config = _parse(path, merged_lines(read_ini([*pipeline, path])))
    return config


def pipeline_files(styles_path: str) -> list[str]:
    """The package configs `vale sync` installed in `StylesPath/.vale-config`, in Vale's order (by name)."""
    folder = os.path.join(styles_path, PIPELINE_DIR)
    if not styles_path or not os.path.isdir(folder):
        return []
    names = sorted(n for n in os.listdir(folder) if n.endswith(".ini"))
    return [os.path.join(folder, n) for n in names if os.path.isfile(os.path.join(folder, n))]


def merged_lines(ini: Ini) -> list[str]:
    """The merged sources as the lines of one file: list options joined, others at their first value,
    `StylesPath` at its last."""
    lines = []
    for section, keys in ini.sections.items():
        if section != GLOBAL:
            lines.append(f"[{section}]")
        for key, values in keys.items():
            if key in MULTI_VALUE:
                lines.append(f"{key} = {', '.join(ini.merged(section, key) or [])}")
            else:
                lines.append(f"{key} = {values[-1] if key == 'StylesPath' else values[0]}")
    return lines


def _parse(path: str, lines: list[str]) -> ValeConfig:
    config = ValeConfig(path=path)
    base = os.path.dirname(os.path.abspath(path))
    section: Section | None = None
    in_formats = in_asciidoctor = False
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            name = line[1:-1].strip()
            in_formats, in_asciidoctor = name == "formats", name == "asciidoctor"
            section = None if in_formats or in_asciidoctor else Section(name, Glob(name))
            if section is not None:
                config.sections.append(section)
            continue
        key, sep, value = line.partition("=")
        if not sep:
            continue
        key, value = key.strip(), value.strip()
        if in_formats:
            config.formats[key] = value
        elif in_asciidoctor:
            config.asciidoctor[key] = value
        elif section is None:
            _global_key(config, base, key, value)
        elif key == "BasedOnStyles":
            section.styles = _values(value)
        elif key == "Transform":
            config.transforms[section.pattern] = os.path.join(base, os.path.expanduser(value))
        elif key in ("BlockIgnores", "IgnorePatterns", "TokenIgnores"):
            target = config.token_ignores if key == "TokenIgnores" else config.block_ignores
            target.setdefault(section.pattern, []).extend(_values(value))
        elif "." in key:
            upper = value.upper()
            section.checks[key] = upper != "NO"
            if value.lower() in LEVELS:
                config.levels[key] = value.lower()
    return config


def _global_key(config: ValeConfig, base: str, key: str, value: str) -> None:
    if key == "StylesPath":
        config.styles_path = os.path.normpath(os.path.join(base, value))
    elif key == "MinAlertLevel":
        if value.lower() not in LEVELS:
            raise ConfigError(f"E100 [config] Runtime error\n\n'{value}' is not a valid MinAlertLevel")
        config.min_level = LEVELS[value.lower()]
    elif key == "Vocab":
        config.vocab = _values(value)
    elif key == "IgnoredScopes":
        config.ignored_scopes = _values(value)
    elif key == "IgnoredClasses":
        config.ignored_classes = _values(value)
    elif key == "SkippedScopes":
        config.skipped_scopes = _values(value)
