"""`copydesk vale ls-config` and `ls-metrics`: Vale's JSON of the effective configuration and of a file's metrics.

`ls-config` prints the fields of Vale's `core.Config` that Vale serialises, in its field order, filled as Vale's
`processConfig` fills them (and, when `StylesPath/.vale-config` holds package configs, filled a second time from the
merged pipeline, as Vale's `ReadPipeline` does). The JSON is written as Go's `encoding/json` writes it: two-space
indent, map keys sorted, a list never set is `null`, and `<`, `>`, `&` escaped.
"""

from __future__ import annotations

import json
import os

from linter.vale.config import LEVELS, MULTI_VALUE, find_config, pipeline_files
from linter.vale.ini import GLOBAL, Ini, read_ini

SPECIAL_SECTIONS = {GLOBAL, "*", "formats", "asciidoctor"}
CORE_OPTIONS = {
    "StylesPath",
    "MinAlertLevel",
    "IgnoredScopes",
    "WordTemplate",
    "SkippedScopes",
    "IgnoredClasses",
    "Vocab",
    "NLPEndpoint",
}
GLOBAL_OPTIONS = {"BasedOnStyles", "IgnorePatterns", "BlockIgnores", "TokenIgnores", "Lang"}
SYNTAX_OPTIONS = GLOBAL_OPTIONS | {"CommentDelimiters", "Transform"}


def go_json(value, indent: int) -> str:
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _sorted(table: dict) -> dict:
    return {k: _sorted(v) if isinstance(v, dict) else v for k, v in sorted(table.items())}


def _determine_path(config_path: str, key_path: str) -> str:
    """Vale's `determinePath`: a relative path is joined to the config file's folder."""
    key_path = os.path.expanduser(key_path)
    if os.path.isabs(key_path):
        return os.path.normpath(key_path)
    folder = config_path if os.path.isdir(config_path) else os.path.dirname(config_path) or "."
    return os.path.normpath(os.path.join(folder, key_path))


def _level(value: str, key: str, state: dict) -> bool:
    """Vale's `validateLevel`: YES or a level turns the rule on (a level is also recorded); anything else is off."""
    if value == "NO" or value not in ("YES", "suggestion", "warning", "error"):
        return False
    if value != "YES":
        state["RuleToLevel"][key] = value
    return True


def _strings(ini: Ini, section: str, key: str) -> list[str]:
    """A key's first value split at commas (go-ini's `Strings`)."""
    return [v.strip() for v in ini.first(section, key).split(",")] if ini.first(section, key) else []


def _apply(state: dict, ini: Ini, config_file: str, flag_path: str, min_level_flag: str) -> None:
    core = ini.sections.get(GLOBAL, {})
    for key in core:
        if key == "StylesPath":
            path = _determine_path(config_file, ini.sections[GLOBAL][key][-1])
            if path not in state["Paths"]:
                state["Paths"].append(path)
        elif key == "MinAlertLevel" and min_level_flag not in LEVELS:
            state["MinAlertLevel"] = LEVELS.get(ini.first(GLOBAL, key), state["MinAlertLevel"])
        elif key in ("WordTemplate", "NLPEndpoint"):
            state[key] = ini.first(GLOBAL, key)
        elif key in CORE_OPTIONS and key in MULTI_VALUE:
            state[key] = ini.merged(GLOBAL, key)
    for key, values in ini.sections.get("formats", {}).items():
        state["Formats"][key] = values[0]
    for key, values in ini.sections.get("asciidoctor", {}).items():
        state["Asciidoctor"][key] = values[0]
    for key in ini.sections.get("*", {}):
        if key == "BasedOnStyles":
            state["GBaseStyles"] = ini.merged("*", key)
        elif key in GLOBAL_OPTIONS:
            _section_option(state, ini, "*", key, flag_path)
        elif key not in CORE_OPTIONS and key not in SYNTAX_OPTIONS:
            state["GChecks"][key] = _level(ini.first("*", key), key, state)
            state["Checks"] = (state["Checks"] or []) + [key]
    for section, keys in ini.sections.items():
        if section in SPECIAL_SECTIONS or section == "DEFAULT":
            continue
        checks = {}
        for key in keys:
            if key == "BasedOnStyles":
                state["SBaseStyles"][section] = ini.merged(section, key)
            elif key in SYNTAX_OPTIONS:
                _section_option(state, ini, section, key, flag_path)
            elif key not in CORE_OPTIONS:
                checks[key] = _level(ini.first(section, key), key, state)
                state["Checks"] = (state["Checks"] or []) + [key]
        state["SChecks"][section] = checks


def _section_option(state: dict, ini: Ini, section: str, key: str, flag_path: str) -> None:
    if key == "IgnorePatterns":
        state["BlockIgnores"][section] = _strings(ini, section, key)
    elif key in ("BlockIgnores", "TokenIgnores"):
        state[key][section] = ini.merged(section, key)
    elif key == "Lang":
        state["FormatToLang"][section] = ini.first(section, key)
    elif key == "Transform":
        state["Stylesheets"][section] = _determine_path(flag_path, ini.first(section, key))
    elif key == "CommentDelimiters":
        delimiters = ini.merged(section, key) or []
        if len(delimiters) == 2:
            state["CommentDelimiters"][section] = delimiters


def config_json(config_file: str, flag_path: str, min_level_flag: str = "") -> str:
    """Vale's `ls-config` output for the project config `config_file` (`flag_path`: the `--config` value)."""
    state: dict = {
        "BlockIgnores": {},
        "Checks": None,
        "Formats": {},
        "Asciidoctor": {},
        "FormatToLang": {},
        "GBaseStyles": None,
        "GChecks": {},
        "IgnoredClasses": None,
        "IgnoredScopes": None,
        "MinAlertLevel": LEVELS.get(min_level_flag, 1),
        "Vocab": None,
        "RuleToLevel": {},
        "SBaseStyles": {},
        "SChecks": {},
        "SkippedScopes": None,
        "Stylesheets": {},
        "TokenIgnores": {},
        "CommentDelimiters": {},
        "WordTemplate": "",
        "RootINI": find_config(os.getcwd()) or "",
        "Paths": [],
        "ConfigFiles": [config_file],
        "NLPEndpoint": "",
    }
    _apply(state, read_ini([config_file]), config_file, flag_path, min_level_flag)
    pipeline = pipeline_files(state["Paths"][-1]) if state["Paths"] else []
    if pipeline:  # Vale reads the pipeline and the project config again on top of what it read
        sources = [os.path.abspath(p) for p in [*pipeline, config_file]]
        _apply(state, read_ini(sources), config_file, sources[-1], min_level_flag)
    return go_json({k: _sorted(v) if isinstance(v, dict) else v for k, v in state.items()}, 2)


def metrics_json(metrics: dict[str, float]) -> str:
    """Vale's `ls-metrics` output: the counts of a file's prose, and the block counts that are not zero (Vale's map
    holds only the blocks it met), keys sorted, four-space indent; `{}` for a file without words."""
    if not metrics.get("words"):
        return "{}"
    counted = {"pre", "list", "blockquote", *(f"heading_h{level}" for level in range(1, 7))}
    shown = {k: int(v) for k, v in metrics.items() if k not in counted or v}
    return go_json(_sorted(shown), 4)
