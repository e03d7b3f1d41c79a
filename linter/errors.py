"""Errors that make a run exit with code 2: bad configuration or rule modules, bad usage, a rule that cannot run."""

from __future__ import annotations

import difflib


class CopydeskError(Exception):
    """A problem the user must fix; the message names the file and the problem."""


class RuleError(Exception):
    """A rule that could not run on a file (an outside service failed or is missing). The engine records the
    message on the file's status, the other rules still run, and the run exits 2."""


def did_you_mean(word: str, choices) -> str:
    """' (did you mean "x"?)' for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def load_yaml(stream):
    """Parse YAML safely, with libyaml's C loader when PyYAML has it (rule modules load at every start-up)."""
    import yaml

    return yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def read_yaml_file(path: str, what: str):
    """The data of a YAML file; a CopydeskError naming the file (and the line of a syntax error) when it cannot be
    read as `what` ("configuration", "rule module")."""
    return read_yaml_file_with_digest(path, what)[0]


def read_yaml_file_with_digest(path: str, what: str) -> tuple:
    """(data, sha256 of the bytes it was read from), as read_yaml_file: the digest is of exactly the text parsed,
    so that a key made of it (the result cache's) never pairs one version of the file with another's data."""
    import hashlib

    import yaml

    try:
        with open(path, "rb") as f:
            raw = f.read()
        return load_yaml(raw.decode("utf-8")), hashlib.sha256(raw).hexdigest()
    except yaml.YAMLError as exc:
        raise yaml_error(path, exc) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CopydeskError(f"{path}: cannot read {what}: {exc}") from None


def key_line(path: str, keys) -> int | None:
    """The 1-based line of the mapping key (or list item) that keys lead to in a YAML file; None when not found."""
    import yaml

    try:
        with open(path, encoding="utf-8") as f:
            node = yaml.compose(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    line = None
    for key in keys:
        if isinstance(node, yaml.MappingNode):
            found = [(k, v) for k, v in node.value if k.value == str(key)]
            if not found:
                return line
            key_node, node = found[0]
            line = key_node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def yaml_error(path: str, exc) -> CopydeskError:
    """A YAML syntax error as one line with the file and the line number."""
    mark = getattr(exc, "problem_mark", None)
    where = f":{mark.line + 1}" if mark is not None else ""
    problem = getattr(exc, "problem", None) or str(exc)
    return CopydeskError(f"{path}{where}: invalid YAML: {problem}")
