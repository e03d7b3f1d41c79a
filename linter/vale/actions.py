"""Vale's rule `action`: the fix a rule offers for its alerts, as Vale's FixAlert computes it.

An action is a name and its params, as a rule's YAML gives them (`action: {name: edit, params: [truncate, " "]}`).
`replace` offers its params; `remove` offers the empty string; `edit` rewrites the match with `regex` (a Go
regular expression and its replacement, `$1` for a group), `trim`, `trim_left`, `trim_right` (a set of characters),
`truncate` (the text before a separator) or `split` (the nth piece between separators), then trims white space.
`suggest` needs the rule's dictionary or a Tengo script, and `convert` Vale's own case converter: neither is computed
here (`fixes` returns None for them). Vale puts an action's fix in the alert's message as its second `%s`, and
`copydesk check --fix` applies it where it is a single replacement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import re2

_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False

GO_REFERENCE = re.compile(r"\$\$|\$\{(\w+)\}|\$(\w+)")
GO_REFERENCE_BYTES = re.compile(rb"\$\$|\$\{(\w+)\}|\$(\w+)")


def go_expand(template, match):
    """Go's Regexp.Expand of a replacement (str, or bytes for a match on bytes): `$name` (the longest run of
    letters, digits and `_`) or `${name}` is the group of that number or name, empty when the match has none;
    `$$` is `$`."""
    raw = isinstance(template, bytes)
    empty = b"" if raw else ""

    def group(reference: re.Match):
        if reference.group() in ("$$", b"$$"):
            return reference.group()[:1]
        name = reference.group(1) or reference.group(2)
        index = int(name) if name.isdigit() else match.re.groupindex.get(name, -1)  # bytes names for bytes patterns
        return (match.group(index) or empty) if 0 <= index <= match.re.groups else empty

    return (GO_REFERENCE_BYTES if raw else GO_REFERENCE).sub(group, template)


class ActionError(ValueError):
    """An action whose params Vale would refuse; the message names the rule file."""


@dataclass(frozen=True)
class Action:
    name: str = ""
    params: tuple[str, ...] | None = None  # None when the rule gives none (Vale's JSON prints null)

    def to_json(self) -> dict:
        return {"Name": self.name, "Params": None if self.params is None else list(self.params)}


NO_ACTION = Action()


def read_action(data, where: str) -> Action:
    """The `action` mapping of a rule's YAML, its params checked as Vale checks them when it applies them."""
    if not data:
        return NO_ACTION
    if not isinstance(data, dict):
        raise ActionError(f"{where}: action: expected a mapping with `name` and `params`")
    params = data.get("params")
    if params is not None and not isinstance(params, list):
        params = [params]
    action = Action(str(data.get("name", "")), None if params is None else tuple(str(p) for p in params))
    problem = edit_problem(list(action.params or [])) if action.name == "edit" else ""
    if problem:
        kind = f" {action.params[0]}" if action.params else ""
        raise ActionError(f"{where}: action edit{kind}: {problem}")
    return action


EDIT_PARAMS = {"regex": 3, "trim_right": 2, "trim_left": 2, "trim": 2, "truncate": 2, "split": 3}


def edit_problem(params: list[str]) -> str:
    """Vale's error for the params of an `edit` action ("" when they are right)."""
    if not params:
        return "no parameters"
    kind = params[0]
    if kind in EDIT_PARAMS and len(params) != EDIT_PARAMS[kind]:
        return "invalid number of parameters"
    if kind == "regex":
        try:
            _compiled(params[1])
        except re2.error:
            return f"cannot compile {params[1]!r} (Go's RE2 syntax)"
    if kind == "split" and not re.fullmatch(r"[+-]?\d+", params[2]):
        return f'strconv.Atoi: parsing "{params[2]}": invalid syntax'
    return ""


def fixes(action: Action, match: str) -> list[str] | None:
    """The replacements Vale offers for `match` (the action's params already checked); None for `replace`
    without params, an action computed from outside the alert (`suggest`, `convert`), an unknown one, or a `split`
    with too few pieces."""
    name, params = action.name, list(action.params or [])
    if name == "replace":
        return None if action.params is None else params
    if name == "remove":
        return [""]
    if name == "edit":
        edited = _edit(params, match)
        return None if edited is None else [edited.strip()]
    return None


def _edit(params: list[str], match: str) -> str | None:
    kind = params[0]
    if kind == "regex":
        return _compiled(params[1]).sub(lambda m: go_expand(params[2], m), match)
    if kind == "trim_right":
        return match.rstrip(params[1])
    if kind == "trim_left":
        return match.lstrip(params[1])
    if kind == "trim":
        return match.strip(params[1])
    if kind == "truncate":
        return _split(match, params[1])[0]
    if kind == "split":
        parts, index = _split(match, params[1]), int(params[2])
        return parts[index] if 0 <= index < len(parts) else None
    return match


@lru_cache(maxsize=64)
def _compiled(pattern: str):
    return re2.compile(pattern, _RE2_OPTIONS)


def _split(text: str, separator: str) -> list[str]:
    """Go's strings.Split: an empty separator splits between characters."""
    return text.split(separator) if separator else list(text) or [""]
