"""`copydesk vale fix ALERT`: the suggestions for one of Vale's JSON alerts, as Vale's `fix` command computes them.

The alert's `Action` decides: `replace` (its params), `remove` (an empty string), `edit` (`regex`, `trim_right`,
`trim_left`, `trim`, `truncate`, `split` applied to the match), `convert` and `suggest`. `suggest` with
`spellings` ranks the words of the alerting spelling rule's dictionaries as Vale does (Levenshtein similarity to the
match, the five best of each dictionary, title-cased when the match is); `suggest` with a Tengo script runs it
(`linter.vale.tengo`) with `match` set and prints the `suggestions` it leaves.
"""

from __future__ import annotations

import json
import os

from linter.vale.actions import Action, edit_problem, fixes


class FixError(Exception):
    """An alert that cannot be read, or an action copydesk cannot compute."""


class Unsupported(FixError):
    """An action that needs something copydesk does not have (Vale's case converter)."""


def read_alert(argument: str) -> dict:
    """The alert: the argument is a file holding its JSON, or the JSON itself. Keys are matched as Go's
    `encoding/json` matches them, without regard to case."""
    text = argument
    if os.path.isfile(argument):
        with open(argument, encoding="utf-8") as handle:
            text = handle.read()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FixError(f"the alert is not JSON: {error}") from error
    if not isinstance(data, dict):
        raise FixError("the alert is not a JSON object")
    return {key.lower(): value for key, value in data.items()}


def _action(alert: dict) -> tuple[str, list[str] | None]:
    action = {k.lower(): v for k, v in (alert.get("action") or {}).items()}
    params = action.get("params")
    return str(action.get("name") or ""), [str(p) for p in params] if isinstance(params, list) else None


def go_title(text: str) -> str:
    """Go's `strings.Title`: a letter after a separator (any ASCII character but a letter, digit or `_`, or a
    space) is upper-cased."""
    out, previous = [], " "
    for ch in text:
        separator = (previous.isascii() and not (previous.isalnum() or previous == "_")) or previous.isspace()
        out.append(ch.upper() if separator else ch)
        previous = ch
    return "".join(out)


def edit(match: str, params: list[str] | None) -> list[str]:
    problem = edit_problem(params or [])
    if problem:
        raise FixError(problem)
    fixed = fixes(Action("edit", tuple(params)), match)
    if fixed is None:
        raise FixError("index out of range")
    return fixed


def spelling_suggestions(word: str, dictionaries: list[frozenset[str]]) -> list[str]:
    """Vale's ranking: each dictionary's five words most similar to `word` (1 - Levenshtein distance / the longer
    length), title-cased when `word` is, then the six best of them all."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    ranked = []
    for words in dictionaries:
        best = process.extract(word, sorted(words), scorer=Levenshtein.normalized_similarity, limit=5)
        titled = word == go_title(word)
        ranked += [(score, go_title(w) if titled else w) for w, score, _ in best]
    ranked.sort(key=lambda pair: -pair[0])
    return [w for _, w in ranked[:6]]


def script_suggestions(path: str, name: str, match: str) -> list[str]:
    """The `suggestions` array a Tengo action script leaves, run with `match` set as Vale runs it (the `text`,
    `fmt` and `math` modules, within the interpreter's budget)."""
    from linter.vale.tengo import TengoError, run_script

    if not os.path.isfile(path):
        raise FixError(f"script '{name}' not found")
    with open(path, encoding="utf-8", errors="replace") as handle:
        source = handle.read()
    try:
        computed = run_script(source, {"match": match}, wanted=("suggestions",)).get("suggestions")
    except TengoError as error:
        raise FixError(" ".join(str(error).split())) from None
    return [s for s in computed if isinstance(s, str)] if isinstance(computed, list) else []


def suggestions(alert: dict, styles_path: str, spelling_rule) -> list[str] | None:
    """The action's suggestions (None where Vale's are a JSON `null`); FixError for Vale's errors.
    `spelling_rule(check)` gives the word sets of a spelling rule (or raises FixError)."""
    name, params = _action(alert)
    match = str(alert.get("match") or "")
    if name in ("replace", "remove"):
        return fixes(Action(name, None if params is None else tuple(params)), match)
    if name == "edit":
        return edit(match, params)
    if name == "convert":
        if params and params[0] == "simple":
            raise Unsupported("`convert` with `simple` needs Vale's strcase package, which copydesk does not have")
        return [match]
    if name == "suggest":
        if not params:
            raise FixError("no parameters")
        if params[0] != "spellings":
            return script_suggestions(os.path.join(styles_path, "config", "actions", params[0]), params[0], match)
        return spelling_suggestions(match, spelling_rule(str(alert.get("check") or "")))
    raise FixError(f"unknown action '{name}'")
