"""`copydesk vale [VALE FLAGS] PATHS`: Vale's command line, its config search, its `line` and `JSON` output."""

from __future__ import annotations

import argparse
import json
import os
import sys

from linter import __version__
from linter.vale.code import MissingGrammar
from linter.vale.commands import is_command, run_command
from linter.vale.config import LEVELS, ConfigError, Glob, ValeConfig, chosen_config, read_config
from linter.vale.convert import CONVERTED, ConversionError, source_for
from linter.vale.filter import FilterError, apply_filter, read_filter
from linter.vale.lint import ValeFile, apply_ignores, lint_file, vale_format
from linter.vale.patterns import PatternError
from linter.vale.rules import (
    BUILTIN_REPETITION,
    Rule,
    RuleFileError,
    Unsupported,
    build_rule,
    load_style,
    vocabulary_rules,
)
from linter.vale.spelling import BUILTIN_SPELLING
from linter.vale.template import TemplateError, find_template, render_files

IGNORED_DIRS = {"node_modules", ".git", ".svn", ".hg", "__pycache__", ".bzr"}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="copydesk vale", add_help=True)
    p.add_argument("--config", default="")
    p.add_argument("--output", default="line")
    p.add_argument("--sort", action="store_true")
    p.add_argument("--normalize", action="store_true")
    p.add_argument("--relative", action="store_true")
    p.add_argument("--no-global", action="store_true", dest="no_global")
    p.add_argument("--no-exit", action="store_true", dest="no_exit")
    p.add_argument("--minAlertLevel", default="", dest="min_level")
    p.add_argument("--glob", default="*")
    p.add_argument("--ext", default=".txt")
    p.add_argument("--ignore-syntax", action="store_true", dest="ignore_syntax")
    p.add_argument("--filter", default="")
    p.add_argument("--no-wrap", action="store_true", dest="no_wrap")  # Vale's CLI tables; the output here is lines
    p.add_argument("--mode-compat", action="store_true", dest="mode_compat")  # no global config is ever read
    p.add_argument("-v", "--version", action="store_true")
    p.add_argument("paths", nargs="*")
    return p


VOCABULARY_FOLDERS = (("config", "vocabularies"), ("Vocab",))  # Vale 3's place, then Vale 2's


def vocabulary(config: ValeConfig) -> tuple[list[str], list[str]]:
    """The accepted and rejected terms of the vocabularies that `Vocab` names (`accept.txt` and `reject.txt`, a
    term a line, `#` comments). Every rule takes the accepted terms as exceptions; Vale.Terms and Vale.Avoid
    enforce both lists."""
    accepted, rejected = [], []
    for name in config.vocab:
        for folder in VOCABULARY_FOLDERS:
            if os.path.isdir(os.path.join(config.styles_path, *folder, name)):
                accepted += _terms(os.path.join(config.styles_path, *folder, name, "accept.txt"))
                rejected += _terms(os.path.join(config.styles_path, *folder, name, "reject.txt"))
                break
    return accepted, rejected


def _terms(path: str) -> list[str]:
    if not os.path.isfile(path):
        return []
    with open(path, encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip() and not line.lstrip().startswith("#")]


def _enabled(config: ValeConfig, name: str) -> bool:
    """Whether some section of the config runs the rule (so a built-in rule no section runs is not built)."""
    style = name.split(".")[0]
    return any(section.checks.get(name, style in (section.styles or [])) for section in config.sections)


def load_rules(config: ValeConfig, warn) -> dict[str, Rule]:
    """The rules of every style the config names, with the config's level overrides."""
    styles = {s for section in config.sections for s in section.styles or []}
    styles |= {name.split(".")[0] for section in config.sections for name in section.checks}
    rules: dict[str, Rule] = {}
    accepted, rejected = vocabulary(config)
    for style in sorted(styles):
        if style == "Vale" and not os.path.isdir(os.path.join(config.styles_path, "Vale")):
            rules["Vale.Repetition"] = build_rule("Vale.Repetition", BUILTIN_REPETITION, "internal", accepted)
            if _enabled(config, "Vale.Spelling"):
                rules["Vale.Spelling"] = build_rule(
                    "Vale.Spelling", BUILTIN_SPELLING, "internal", accepted, config.styles_path
                )
            rules.update(vocabulary_rules(accepted, rejected))
            continue
        if style != "vale" and not os.path.isdir(os.path.join(config.styles_path, style)):
            if any(style in (section.styles or []) for section in config.sections):
                raise ConfigError(f"E100 [loadStyles] Runtime error\n\nstyle '{style}' does not exist on StylesPath")
        rules.update(load_style(config.styles_path, style, accepted))
    for name, rule in list(rules.items()):
        if name in config.levels:
            rule.level = config.levels[name]
        if isinstance(rule, Unsupported):
            warn(f"{name}: {rule.reason}; the rule is skipped")
            del rules[name]
    return rules


def _files(paths: list[str], pattern: Glob) -> list[str]:
    found = []
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, names in os.walk(path, followlinks=True):
                dirs[:] = sorted(d for d in dirs if d not in IGNORED_DIRS)
                found += [os.path.join(root, n) for n in sorted(names)]
        else:
            found.append(path)
    return [p for p in found if not os.path.exists(p) or pattern.match(os.path.normpath(p))]


def lint_paths(config: ValeConfig, rules: dict[str, Rule], paths: list[str], args, warn) -> list[ValeFile]:
    linted = []
    min_level = LEVELS.get(args.min_level.lower(), config.min_level) if args.min_level else config.min_level
    glob = Glob(args.glob)
    for path in _files(paths, glob):
        stdin = not os.path.exists(path)
        if stdin:
            content, name = path, "stdin" + args.ext
        else:
            with open(path, encoding="utf-8", errors="replace") as handle:
                content = handle.read()
            name = os.path.normpath(path)
        ext_source = name if args.ext == ".txt" or stdin else "x" + args.ext
        normed, kind = (".txt", "text") if args.ignore_syntax else vale_format(ext_source, config.formats)
        if os.path.basename(name).startswith("."):
            continue
        if not config.matches_any_section(name) and not stdin:
            continue
        styles = config.styles_for(name)
        checks = config.checks_for(name)
        chosen = {
            n: r
            for n, r in rules.items()
            if checks.get(n, n.split(".")[0] in styles) and LEVELS.get(r.level, 0) >= min_level
        }
        content = content.replace("&rsquo;", "'").replace("\r\n", "\n").replace("\r", "\n")
        f = ValeFile(name, content, os.path.splitext(name)[1], normed, chosen, min_level, lookup=stdin, kind=kind)
        f.ignored_classes = config.ignored_classes
        if chosen:
            if normed == ".md":
                f.ignores = (
                    config.ignores_for(config.block_ignores, name),
                    config.ignores_for(config.token_ignores, name),
                    config.path,
                )
                if kind != "fragment":
                    f.markup_source = apply_ignores(f.content, *f.ignores)
            elif normed in CONVERTED:
                blocks = config.ignores_for(config.block_ignores, name)
                f.markup_source = source_for(
                    normed, f.content, blocks, config.ignores_for(config.token_ignores, name), config.path
                )
                f.stylesheet, f.asciidoctor = config.transform_for(name), config.asciidoctor
            try:
                lint_file(f, config.ignored_scopes, config.skipped_scopes)
            except MissingGrammar as error:
                warn(f"{name}: {error}; skipped")
                continue
            except ConversionError as error:
                warn(f"{name}: {error}; skipped")
                f.alerts, f.failed = [], True
        linted.append(f)
    return linted


def line_output(files: list[ValeFile], relative: bool) -> str:
    rows = []
    for f in sorted(files, key=lambda f: f.path):
        path = f.path if relative or f.path.startswith("stdin") else os.path.abspath(f.path)
        for a in sorted(f.alerts, key=lambda a: (a.line, a.column)):
            rows.append(f"{path.replace(os.sep, '/')}:{a.line}:{a.column}:{a.check}:{a.message}")
    return "\n".join(rows)


def json_output(files: list[ValeFile]) -> str:
    out = {}
    for f in sorted(files, key=lambda f: f.path):
        if f.alerts:
            out[f.path] = [
                {
                    "Action": a.action.to_json(),
                    "Span": [a.column, a.column + len(a.match) - 1],
                    "Check": a.check,
                    "Description": "",
                    "Link": a.link,
                    "Message": a.message,
                    "Severity": a.level,
                    "Match": a.match,
                    "Line": a.line,
                }
                for a in sorted(f.alerts, key=lambda a: (a.line, a.column))
            ]
    return json.dumps(out, indent=2)


BUILT_IN_OUTPUTS = ("line", "JSON", "CLI")


def _template(output: str, config: ValeConfig) -> str:
    """The template file that `--output` names ("" for Vale's built-in formats), found as Vale finds it."""
    if output in BUILT_IN_OUTPUTS or output.upper() == "JSON":
        return ""
    path = find_template(output, config.styles_path)
    if path is None:
        raise TemplateError(
            f"{output}: no such template file (looked for it as a path, under StylesPath and in "
            f"StylesPath/config/templates)"
        )
    return path


def main(argv: list[str], out=None, err=None) -> int:
    """Run Vale's command line; 0 clean or only warnings, 1 an error-level alert, 2 a runtime error."""
    out, err = out or sys.stdout, err or sys.stderr
    args = parser().parse_intermixed_args(argv)
    if args.version:
        print(f"copydesk vale version {__version__}", file=out)
        return 0
    if args.paths and is_command(args.paths[0]):
        return run_command(args.paths[0], args.paths[1:], args, out, err)
    warned = set()

    def warn(message: str) -> None:
        if message not in warned:
            warned.add(message)
            print(f"copydesk vale: {message}", file=err)

    try:
        path = chosen_config(args.config)
        if not path:
            raise ConfigError("E100 [.vale.ini not found] Runtime error\n\nno config file found")
        config = read_config(path)
        rules = load_rules(config, warn)
        if args.filter:
            expression = read_filter(args.filter)
            rules = apply_filter(rules, expression)
            if ".Level" in expression:  # as in Vale, a filter on levels may lower MinAlertLevel to what it keeps
                config.min_level = min([config.min_level] + [LEVELS.get(r.level, 0) for r in rules.values()])
        template = _template(args.output, config)
        paths = args.paths
        if not paths and not sys.stdin.isatty():
            paths = [sys.stdin.read()]
        missing = [p for p in paths if not os.path.exists(p)] if len(paths) > 1 else []
        if missing:  # as in Vale, only a lone argument that is no path is text to lint
            raise ConfigError(f"E100 [doLint] Runtime error\n\nargument '{missing[0]}' does not exist")
        files = lint_paths(config, rules, paths, args, warn)
        if template:
            out.write(render_files(template, sorted(files, key=lambda f: f.path)))
    except (ConfigError, PatternError, RuleFileError, FilterError, OSError) as error:
        print(str(error), file=out)
        return 2
    except TemplateError as error:
        print(f"E100 [template] Runtime error\n\n{error}", file=out)
        return 2
    if not template:
        text = json_output(files) if args.output.upper() == "JSON" else line_output(files, args.relative)
        if text:
            print(text, file=out)
    if any(f.failed for f in files):
        return 2  # a file Vale would convert could not be (a runtime error in Vale too)
    errors = any(a.level == "error" for f in files for a in f.alerts)
    return 1 if errors and not args.no_exit else 0
