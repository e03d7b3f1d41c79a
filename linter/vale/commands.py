"""Vale's commands (`copydesk vale sync`, `ls-config`, ...): a first argument that names one is that command, as in
Vale, never a file or text to lint. Those copydesk does not run say so on stderr and exit 2."""

from __future__ import annotations

import json
import os

from linter.vale.config import ConfigError, Glob, Section, ValeConfig, chosen_config, read_config
from linter.vale.fix import FixError, Unsupported, read_alert, suggestions
from linter.vale.listing import config_json, go_json, metrics_json
from linter.vale.patterns import PatternError
from linter.vale.rules import RuleFileError
from linter.vale.sync import SyncError, styles_path_of, sync

# Vale's commands that copydesk does not run, with what they do in Vale.
NOT_RUN = {
    "host-install": "it installs the native messaging host of Vale's browser extension, which runs the vale binary",
    "host-uninstall": "it removes the native messaging host of Vale's browser extension",
    "compile": "it prints a rule's pattern compiled to Go's regular expression syntax",
    "run": "it runs one rule file over one file, a Vale debugging aid",
    "transform": "it prints a file as the HTML Vale lints, a Vale debugging aid",
    "tag": "it tags words with Vale's part-of-speech model, which is not packaged",
    "ls-dirs": (
        "it lists where Vale looks for its default StylesPath, its global .vale.ini and its vale-native host,"
        " none of which copydesk reads"
    ),
}


def _config_path(args) -> str:
    path = chosen_config(args.config)
    if not path:
        raise ConfigError("no .vale.ini found in this folder or its parents (name one with --config)")
    if not os.path.isfile(path):
        raise ConfigError(f"{path}: no such config file")
    return path


def run_sync(args, rest: list[str], out, warn) -> int:
    path = _config_path(args)
    styles = styles_path_of(path)  # the project file's own, whatever the packages' configs say (as in Vale)
    if not styles:
        raise ConfigError(f"{path}: no StylesPath, so there is nowhere to install the packages")
    print(sync(path, styles, warn), file=out)
    return 0


def run_ls_config(args, rest: list[str], out, warn) -> int:
    print(config_json(_config_path(args), args.config, args.min_level), file=out)
    return 0


def run_ls_path(args, rest: list[str], out, warn) -> int:
    print(json.dumps({"configs": [_config_path(args)]}, indent=4), file=out)
    return 0


def run_ls_metrics(args, rest: list[str], out, warn) -> int:
    """The metrics of one file, linted as Vale's `ls-metrics` lints it: no config, the `Vale` style, every level."""
    from linter.vale.command import lint_paths, parser
    from linter.vale.rules import BUILTIN_REPETITION, build_rule

    if len(rest) != 1:
        raise ConfigError("one argument expected")
    if not os.path.isfile(rest[0]):
        raise ConfigError(f"{rest[0]}: file not found")
    config = ValeConfig(path="", min_level=0, sections=[Section("*", Glob("*"), styles=["Vale"])])
    rules = {"Vale.Repetition": build_rule("Vale.Repetition", BUILTIN_REPETITION, "internal", [])}
    files = lint_paths(config, rules, rest, parser().parse_args(["--minAlertLevel=suggestion"]), warn)
    if not files:
        raise ConfigError(f"{rest[0]}: cannot be linted")
    f = files[0]
    print(metrics_json(f.metrics("".join(f.summary))), file=out)
    return 0


def run_fix(args, rest: list[str], out, warn) -> int:
    """Vale's `fix`: the suggestions for one JSON alert, `{"suggestions": [...], "error": ""}`; an action Vale
    reports an error for is that error in the JSON (exit 0), one copydesk cannot compute a line on stderr (exit 2)."""
    if len(rest) != 1:
        raise ConfigError("one argument expected")
    alert = read_alert(rest[0])
    path = _config_path(args)
    config = read_config(path)

    def spelling_rule(check: str) -> list[frozenset[str]]:
        from linter.vale.command import vocabulary
        from linter.vale.rules import build_rule, read_rule_file
        from linter.vale.spelling import BUILTIN_SPELLING, Spelling

        accepted = vocabulary(config)[0]
        try:
            if check == "Vale.Spelling":
                rule = build_rule(check, BUILTIN_SPELLING, "internal", accepted, config.styles_path)
            else:
                style, _, name = check.partition(".")
                file = os.path.join(config.styles_path, style, name + ".yml")
                if not os.path.isfile(file):
                    raise FixError(f"open {file}: no such file or directory")
                rule = build_rule(check, read_rule_file(file), file, accepted, config.styles_path)
        except (RuleFileError, PatternError) as error:  # Vale reports a rule it cannot load in the JSON
            raise FixError(str(error)) from error
        if not isinstance(rule, Spelling):
            raise FixError(f"unknown check '{check}'")
        return [d.words | rule.ignored for d in rule.dictionaries]

    try:
        solution = {"suggestions": suggestions(alert, config.styles_path, spelling_rule), "error": ""}
    except Unsupported:
        raise
    except FixError as error:
        solution = {"suggestions": [], "error": str(error)}
    print(go_json(solution, 4), file=out)
    return 0


# Vale's environment variables and what they do in Vale (`core.ConfigVars`).
VARIABLES = {
    "VALE_CONFIG_PATH": "Override the default search process by specifying a .vale.ini file.",
    "VALE_STYLES_PATH": "Specify the location of the default StylesPath.",
}


def run_ls_vars(args, rest: list[str], out, warn) -> int:
    """Vale's table of its environment variables and their values (`✗` for unset), as pterm renders it without
    colours: cells padded to their column's width, ` | ` between them, a blank line after."""
    rows = [["Variable", "Description", "Value"]]
    rows += [[name, text, os.environ.get(name, "✗")] for name, text in sorted(VARIABLES.items())]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        print(" | ".join(cell.ljust(width) for cell, width in zip(row, widths)), file=out)
    print(file=out)
    return 0


COMMANDS = {
    "fix": run_fix,
    "ls-vars": run_ls_vars,
    "sync": run_sync,
    "ls-config": run_ls_config,
    "dc": run_ls_config,
    "ls-path": run_ls_path,
    "ls-metrics": run_ls_metrics,
}


def is_command(word: str) -> bool:
    """Whether Vale reads the word, as the first argument, as one of its commands."""
    return word in COMMANDS or word in NOT_RUN


def run_command(name: str, rest: list[str], args, out, err) -> int:
    """Run a Vale command; 0 done, 2 not run here or failed (one line a problem on stderr)."""

    def warn(message: str) -> None:
        print(f"copydesk vale: {message}", file=err)

    if name in NOT_RUN:
        warn(f"'{name}' is a Vale command that copydesk does not run ({NOT_RUN[name]}); nothing was done")
        return 2
    try:
        return COMMANDS[name](args, rest, out, warn)
    except SyncError as error:
        for line in str(error).splitlines():
            warn(line)
        return 2
    except FixError as error:
        warn(f"{name}: {error}")
        return 2
    except (ConfigError, RuleFileError, PatternError, OSError) as error:
        warn(f"{name}: {error}")
        return 2
