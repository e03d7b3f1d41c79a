"""Rule modules: YAML files that give a rule its id, category, level, check, options, message and examples.

The built-in modules live in `rules/` (shipped inside the package as `linter/rules`); a configuration can add a
folder of the user's own. Each names a check, a Python module in `linter/checks/` that does the work.
"""

from __future__ import annotations

import importlib
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from linter.analysis.patterns import PatternError, compiled
from linter.checks.base import COMMON_OPTIONS, option_schema
from linter.errors import CopydeskError, did_you_mean, key_line, read_yaml_file_with_digest
from linter.model.findings import CATEGORIES, SEVERITIES

RULE_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
REQUIRED = ("id", "category", "level", "check", "description", "message")
KNOWN_KEYS = set(REQUIRED) | {"options", "examples", "enabled", "fix"}
FIX_KINDS = ("safe",)  # `fix: safe`: `--fix` applies the suggestions of its findings


def builtin_rules_dir() -> Path:
    """`linter/rules` in an installed wheel, `rules/` beside the package in a source checkout."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "rules"
    return packaged if packaged.is_dir() else package.parent / "rules"


@dataclass
class Rule:
    """A rule as its module declares it."""

    id: str
    category: str
    level: str
    check: str
    description: str
    message: str
    options: dict = field(default_factory=dict)
    examples: dict = field(default_factory=dict)
    enabled: bool = True
    source: str = ""
    fix: str | None = None
    digest: str = ""  # sha256 of the module's bytes as loaded (the result cache keys on it)

    @property
    def fixable(self) -> bool:
        """Whether `--fix` may apply the suggestions of this rule's findings."""
        return self.fix == "safe"

    @property
    def summary(self) -> str:
        """The description's first sentence."""
        paragraph = " ".join(self.description.strip().split("\n\n")[0].split())
        match = re.match(r"(.+?[.!?])(?:\s+[A-Z(]|$)", paragraph)
        return match.group(1) if match else paragraph

    @property
    def check_module(self):
        return load_check(self.check)

    @property
    def option_schema(self) -> dict:
        return option_schema(self.check_module)


@cache
def builtin_rule(rule_id: str) -> Rule:
    """A built-in rule module as shipped, with its default options."""
    return load_rule_file(str(builtin_rules_dir() / f"{rule_id}.yml"))


def load_check(name: str):
    """The check module `linter.checks.<name>`."""
    return importlib.import_module(f"linter.checks.{name}")


def available_checks() -> list[str]:
    folder = Path(__file__).resolve().parent.parent / "checks"
    return sorted(p.stem for p in folder.glob("*.py") if not p.stem.startswith("_") and p.stem != "base")


def type_name(value) -> str:
    return {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a mapping",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def spec_name(spec) -> str:
    """Words for an option type: int -> 'an integer', [str] -> 'a list of strings'."""
    if isinstance(spec, list):
        return f"a list of {spec_name(spec[0]).split(' ', 1)[1]}s"
    if isinstance(spec, tuple):
        return " or ".join(spec_name(s) for s in spec)
    return {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        dict: "a mapping",
        type(None): "null",
    }[spec]


def _matches(value, spec) -> bool:
    if isinstance(spec, tuple):
        return any(_matches(value, s) for s in spec)
    if isinstance(spec, list):
        return isinstance(value, list) and all(_matches(v, spec[0]) for v in value)
    if isinstance(value, bool):
        return spec is bool
    if spec is float:
        return isinstance(value, (int, float))
    return isinstance(value, spec)


class OptionError(CopydeskError):
    """A bad option value; `keys` lead to it in the YAML file, so that the loader can add the line."""

    def __init__(self, message: str, keys: tuple = ()):
        super().__init__(message)
        self.keys = keys


def with_line(exc: OptionError, path: str) -> CopydeskError:
    """The error with the line of its key in path: 'path:3: ...' for 'path: ...'."""
    line = key_line(path, exc.keys)
    message = str(exc)
    if line is None or not message.startswith(f"{path}: "):
        return CopydeskError(message)
    return CopydeskError(f"{path}:{line}: {message[len(path) + 2 :]}")


def _value_problem(value, option) -> str | None:
    """What is wrong with a value of the option's type: outside its allowed values or its range."""
    items = value if isinstance(value, list) else [value]
    if option.allowed:
        for item in items:
            if item not in option.allowed:
                return f"{item!r} is not one of {', '.join(option.allowed)}{did_you_mean(str(item), option.allowed)}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if option.minimum is not None and value < option.minimum:
            return f"{value!r} is below the minimum {option.minimum}"
        if option.maximum is not None and value > option.maximum:
            return f"{value!r} is above the maximum {option.maximum}"
    return None


def validate_options(where: str, options, schema: dict, keys: tuple = (), patterns: bool = True) -> None:
    """Raise OptionError on an unknown option, an option of the wrong type, a value outside its allowed set or
    range, or (with `patterns`) a pattern that cannot be compiled; schema maps names to
    `linter.checks.base.Option`, keys lead to the options in the YAML file."""
    if not isinstance(options, dict):
        raise OptionError(f"{where}: options must be a mapping, not {type_name(options)}", keys)
    for name, value in options.items():
        if name not in schema:
            raise OptionError(
                f"{where}: unknown option '{name}'{did_you_mean(str(name), schema)}; "
                f"options: {', '.join(sorted(schema)) or 'none'}",
                (*keys, name),
            )
        option = schema[name]
        if not _matches(value, option.type):
            raise OptionError(
                f"{where}: option '{name}' must be {spec_name(option.type)}, not {type_name(value)} ({value!r})",
                (*keys, name),
            )
        problem = _value_problem(value, option)
        if problem:
            raise OptionError(f"{where}: option '{name}': {problem}", (*keys, name))
        if option.pattern and patterns:
            _compile_patterns(where, name, value, (*keys, name))


def _compile_patterns(where: str, name: str, value, keys: tuple) -> None:
    """Raise OptionError, with the line of the item, for a pattern of the option that cannot be compiled."""
    items = value.items() if isinstance(value, dict) else enumerate(value if isinstance(value, list) else [value])
    for key, pattern in items:
        try:
            compiled(str(pattern))
        except PatternError as error:
            raise OptionError(f"{where}: option '{name}': {error}", (*keys, key)) from None


def parse_rule(path: str, data) -> Rule:
    """Validate one rule module's data and build its Rule."""
    if not isinstance(data, dict):
        raise CopydeskError(f"{path}: a rule module must be a mapping of id, category, level, check, ...")
    for key in data:
        if key not in KNOWN_KEYS:
            raise CopydeskError(f"{path}: unknown key '{key}'{did_you_mean(key, KNOWN_KEYS)}")
    for key in REQUIRED:
        if key not in data:
            raise CopydeskError(f"{path}: missing key '{key}'")
    rule_id = str(data["id"])
    if not RULE_ID.match(rule_id):
        raise CopydeskError(f"{path}: rule id '{rule_id}' must be kebab-case (lower-case words joined by '-')")
    if data["category"] not in CATEGORIES:
        raise CopydeskError(
            f"{path}: category '{data['category']}' is not one of {', '.join(CATEGORIES)}"
            f"{did_you_mean(str(data['category']), CATEGORIES)}"
        )
    if data["level"] not in SEVERITIES:
        raise CopydeskError(f"{path}: level '{data['level']}' is not one of {', '.join(SEVERITIES)}")
    checks = available_checks()
    if data["check"] not in checks:
        raise CopydeskError(
            f"{path}: unknown check '{data['check']}'{did_you_mean(str(data['check']), checks)}; "
            f"checks: {', '.join(checks)}"
        )
    check = load_check(data["check"])
    if check.CATEGORY is not None and data["category"] != check.CATEGORY:
        raise CopydeskError(
            f"{path}: check '{data['check']}' reports category '{check.CATEGORY}', not '{data['category']}'"
        )
    schema = option_schema(check)
    options = data.get("options") or {}
    # The built-in modules' patterns are tested (tests/test_patterns.py): not compiling them keeps the regular
    # expression engines out of a run that lints nothing, such as the refusal of a file over the size limit.
    builtin = os.path.dirname(os.path.abspath(path)) == str(builtin_rules_dir())
    validate_options(f"{path}: rule '{rule_id}'", options, schema, ("options",), patterns=not builtin)
    options = options | {name: default for name, (_, default) in COMMON_OPTIONS.items() if name not in options}
    missing = [name for name in schema if name not in options]
    if missing:
        raise CopydeskError(
            f"{path}: rule '{rule_id}': option '{missing[0]}' needs a value ({spec_name(schema[missing[0]].type)})"
        )
    examples = data.get("examples") or {}
    if not isinstance(examples, dict) or set(examples) - {"good", "bad"}:
        raise CopydeskError(f"{path}: examples must be a mapping with 'good' and 'bad' lists")
    if data.get("fix") is not None and data["fix"] not in FIX_KINDS:
        raise CopydeskError(
            f"{path}: fix '{data['fix']}' is not one of {', '.join(FIX_KINDS)}"
            f"{did_you_mean(str(data['fix']), FIX_KINDS)}"
        )
    return Rule(
        id=rule_id,
        category=data["category"],
        level=data["level"],
        check=data["check"],
        description=str(data["description"]),
        message=str(data["message"]),
        options=options,
        examples=examples,
        enabled=bool(data.get("enabled", True)),
        source=path,
        fix=data.get("fix"),
    )


def load_rule_file(path: str) -> Rule:
    data, digest = read_yaml_file_with_digest(path, "rule module")
    try:
        rule = parse_rule(path, data)
    except OptionError as exc:
        raise with_line(exc, path) from None
    rule.digest = digest
    return rule


def load_rules(extra_dirs=()) -> dict[str, Rule]:
    """The built-in rules, then those of each extra folder; a user rule may not reuse a built-in id."""
    rules: dict[str, Rule] = {}
    for folder in (builtin_rules_dir(), *extra_dirs):
        if not os.path.isdir(folder):
            raise CopydeskError(f"{folder}: rules folder not found")
        for name in sorted(os.listdir(folder)):
            if name.endswith((".yml", ".yaml")):
                rule = load_rule_file(os.path.join(folder, name))
                if rule.id in rules:
                    raise CopydeskError(
                        f"{rule.source}: rule id '{rule.id}' is already defined in {rules[rule.id].source}"
                    )
                rules[rule.id] = rule
    return rules
