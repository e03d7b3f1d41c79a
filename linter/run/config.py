"""Configuration: `.copydesk.yml`, found from the working folder upward or named with `--config`.

rules:                      # per rule: a level, or a mapping of level and options
  sentence-length: {level: warning, max_words: 40}
  passive-voice: info       # turn on a rule that is off by default
  repeated-opening: off
include: ["articles/**"]    # globs, relative to the config file; default: every article file
exclude: ["drafts/**"]
overrides:                  # per-path rule settings, like ruff's per-file-ignores
  - files: ["opinion/**"]
    rules: {person-shift: off}
rules-dir: house-rules      # a folder of the project's own YAML rule modules
limits:                     # a file over a limit gets one line on stderr and exit 2 (see docs/reliability.md)
  max_file_mb: 1            # a larger file is refused before it is read
  max_file_seconds: 600     # a file whose linting takes longer is stopped and reported; off: no time limit
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache

from linter.errors import CopydeskError, did_you_mean, read_yaml_file_with_digest
from linter.model.findings import LEVELS
from linter.readers.files import DEFAULT_MAX_BYTES, find_upward
from linter.run.rules import OptionError, Rule, load_rules, type_name, validate_options, with_line

CONFIG_NAMES = (".copydesk.yml", ".copydesk.yaml")
TOP_KEYS = ("rules", "include", "exclude", "overrides", "rules-dir", "vale", "limits")
LIMITS = ("max_file_mb", "max_file_seconds")
# Ten times what a 1 MB file of prose (the largest the size limit lets in) takes on a loaded machine: only a file
# that makes copydesk run away reaches it, and no result then depends on the machine's speed.
DEFAULT_MAX_SECONDS = 600.0


@lru_cache(maxsize=256)
def glob_regex(pattern: str) -> re.Pattern:
    """A regex for a path glob: `**` crosses folders, `*` and `?` do not; a pattern without '/' matches names."""
    if "/" not in pattern.rstrip("/"):
        pattern = "**/" + pattern
    pattern = pattern.rstrip("/")
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + "(?:/.*)?$")


def glob_match(path: str, patterns) -> bool:
    return any(glob_regex(p).match(path) for p in patterns)


@dataclass
class RuleSetting:
    """The effective level and options of one rule."""

    rule: Rule
    level: str
    options: dict


@dataclass
class Config:
    path: str | None = None
    root: str = "."
    rules: dict[str, Rule] = field(default_factory=dict)
    settings: dict[str, dict] = field(default_factory=dict)  # rule id -> {"level": ..., options...}
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    overrides: list[tuple[list[str], dict]] = field(default_factory=list)
    raw: dict = field(default_factory=dict)
    max_bytes: int = DEFAULT_MAX_BYTES  # limits: max_file_mb
    max_seconds: float | None = DEFAULT_MAX_SECONDS  # limits: max_file_seconds (None: no time limit)
    digest: str = ""  # sha256 of the configuration file's bytes as loaded (the result cache keys on it)

    def relative(self, path: str) -> str:
        return os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")

    def is_included(self, path: str) -> bool:
        rel = self.relative(path)
        if self.exclude and glob_match(rel, self.exclude):
            return False
        return not self.include or glob_match(rel, self.include)

    def _in_force(self, rule_id: str, rel: str) -> tuple[str, dict]:
        """A rule's level and options on a path relative to the configuration, after its overrides."""
        rule = self.rules[rule_id]
        level = rule.level if rule.enabled else "off"
        options = dict(rule.options)
        layers = [self.settings.get(rule_id, {})]
        layers += [rules.get(rule_id, {}) for globs, rules in self.overrides if glob_match(rel, globs)]
        for layer in layers:
            level = layer.get("level", level)
            options.update({k: v for k, v in layer.items() if k != "level"})
        return level, options

    def options(self, rule_id: str, path: str) -> dict:
        """A rule's options in force on path, whatever its level."""
        return self._in_force(rule_id, self.relative(path))[1]

    def effective(self, path: str, select=(), ignore=()) -> list[RuleSetting]:
        """The rules that run on path, with their levels and options, after overrides, --select and --ignore."""
        rel = self.relative(path)
        chosen = []
        for rule_id, rule in self.rules.items():
            level, options = self._in_force(rule_id, rel)
            if select:
                if rule_id not in select and rule.category not in select:
                    continue
                if level == "off":
                    level = rule.level
            if rule_id in ignore or rule.category in ignore or level == "off":
                continue
            chosen.append(RuleSetting(rule, level, options))
        return chosen


def find_config(start: str = ".") -> str | None:
    """The nearest `.copydesk.yml` from start upward."""
    return find_upward(start, CONFIG_NAMES)


def _rule_setting(where: str, rule_id: str, value, rules: dict[str, Rule], keys: tuple) -> dict:
    """Validate one rule's setting: a level, or a mapping of level and options."""
    if rule_id not in rules:
        raise CopydeskError(f"{where}: unknown rule '{rule_id}'{did_you_mean(rule_id, rules)}")
    if value is False:
        value = "off"
    if isinstance(value, str):
        value = {"level": value}
    if not isinstance(value, dict):
        raise CopydeskError(f"{where}: rule '{rule_id}' takes a level or a mapping, not {type_name(value)}")
    setting = dict(value)
    level = setting.pop("level", None)
    if level is not None and level not in LEVELS:
        raise CopydeskError(
            f"{where}: rule '{rule_id}': level '{level}' is not one of {', '.join(LEVELS)}"
            f"{did_you_mean(str(level), LEVELS)}"
        )
    validate_options(f"{where}: rule '{rule_id}'", setting, rules[rule_id].option_schema, (*keys, rule_id))
    return value


def _rule_map(where: str, value, rules, keys: tuple = ("rules",)) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise CopydeskError(f"{where}: 'rules' must be a mapping of rule ids, not {type_name(value)}")
    return {rule_id: _rule_setting(where, rule_id, setting, rules, keys) for rule_id, setting in value.items()}


def _glob_list(where: str, key: str, value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CopydeskError(f"{where}: '{key}' must be a list of globs")
    return value


def _is_positive(value) -> bool:
    return not isinstance(value, bool) and isinstance(value, (int, float)) and value > 0


def _limits(where: str, value) -> tuple[int, float | None]:
    """(bytes, seconds) of `limits: {max_file_mb: N, max_file_seconds: S}`; `max_file_seconds: off` is no limit."""
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise CopydeskError(f"{where}: 'limits' must be a mapping of {', '.join(LIMITS)}, not {type_name(value)}")
    for key in value:
        if key not in LIMITS:
            raise CopydeskError(f"{where}: limits: unknown key '{key}'{did_you_mean(str(key), LIMITS)}")
    megabytes = value.get("max_file_mb", DEFAULT_MAX_BYTES / 1024 / 1024)
    if not _is_positive(megabytes):
        raise CopydeskError(f"{where}: limits: max_file_mb must be a positive number of megabytes, not {megabytes!r}")
    seconds = value.get("max_file_seconds", DEFAULT_MAX_SECONDS)
    if seconds is not False and not _is_positive(seconds):
        raise CopydeskError(
            f"{where}: limits: max_file_seconds must be a positive number of seconds or off, not {seconds!r}"
        )
    return int(megabytes * 1024 * 1024), (None if seconds is False else float(seconds))


def parse_config(path: str | None, data) -> Config:
    where = path or "configuration"
    root = os.path.dirname(os.path.abspath(path)) if path else os.getcwd()
    data = {} if data is None else data
    if not isinstance(data, dict):
        raise CopydeskError(f"{where}: the configuration must be a mapping, not {type_name(data)}")
    for key in data:
        if key not in TOP_KEYS:
            raise CopydeskError(
                f"{where}: unknown key '{key}'{did_you_mean(str(key), TOP_KEYS)}; keys: {', '.join(TOP_KEYS)}"
            )
    extra = []
    if data.get("rules-dir") is not None:
        if not isinstance(data["rules-dir"], str):
            raise CopydeskError(f"{where}: 'rules-dir' must be a folder name")
        extra.append(os.path.join(root, data["rules-dir"]))
    rules = load_rules(extra)
    overrides = []
    for i, item in enumerate(data.get("overrides") or []):
        if not isinstance(item, dict) or set(item) - {"files", "rules"} or "files" not in item:
            raise CopydeskError(f"{where}: overrides[{i}] must be a mapping with 'files' (globs) and 'rules'")
        overrides.append(
            (
                _glob_list(where, f"overrides[{i}].files", item["files"]),
                _rule_map(f"{where}: overrides[{i}]", item.get("rules"), rules, ("overrides", i, "rules")),
            )
        )
    max_bytes, max_seconds = _limits(where, data.get("limits"))
    return Config(
        path=path,
        root=root,
        rules=rules,
        settings=_rule_map(where, data.get("rules"), rules),
        include=_glob_list(where, "include", data.get("include")),
        exclude=_glob_list(where, "exclude", data.get("exclude")),
        overrides=overrides,
        raw=data,
        max_bytes=max_bytes,
        max_seconds=max_seconds,
    )


def vale_config_path(config: Config) -> str | None:
    """The `.vale.ini` that `vale:` in the configuration names (relative to the configuration), if any."""
    value = config.raw.get("vale")
    if value is None:
        return None
    if not isinstance(value, str):
        raise CopydeskError(f"{config.path}: 'vale' must be the path of a .vale.ini")
    path = os.path.join(config.root, value)
    if not os.path.isfile(path):
        raise CopydeskError(f"{config.path}: vale: {value} does not exist")
    return path


def load_config(path: str | None = None, start: str = ".") -> Config:
    """Load the named configuration, or the nearest one, or the defaults."""
    if path is None:
        path = find_config(start)
        if path is None:
            return parse_config(None, None)
    data, digest = read_yaml_file_with_digest(path, "configuration")
    try:
        config = parse_config(path, data)
    except OptionError as exc:
        raise with_line(exc, path) from None
    config.digest = digest
    return config
