"""A rule's documentation, in Markdown, from its YAML module: what `copydesk explain` prints and docs/rules holds.

`rule_doc(rule)` is the shared text: id, category, level, whether it needs the spaCy model, its fix, its message,
its description, its examples, and its options with their types, defaults and meanings (the comments above each
option in the YAML module). `rule_page(rule)` adds a generated-file note and links for the docs site.
`python -m linter.reporters.rule_doc docs/rules` writes one page per built-in rule and an index.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from linter.checks.base import option_schema
from linter.model.findings import CATEGORIES
from linter.run.rules import load_rules, spec_name

GENERATED = "<!-- Generated from rules/{id}.yml by `python -m linter.reporters.rule_doc docs/rules`: edit the YAML. -->"
LEVELS = {
    "error": "error (fails the run with exit 1, and so blocks a commit or a CI job)",
    "warning": "warning (reported; does not fail the run unless `--fail-on warning`)",
    "info": "info (reported as a hint; fails the run only with `--fail-on info`)",
}
# The hand-written guide of each category: how its rules decide, and how well they do on real copy.
GUIDES = {
    "fragment": ("Incomplete sentences", "../fragments.md"),
    "pronoun": ("Pronouns", "../pronouns.md"),
    "repetition": ("Repetition", "../repetition.md"),
    "readability": ("Readability", "../readability.md"),
    "style": ("Readability and style", "../readability.md"),
    "consistency": ("Consistency", "../consistency.md"),
    "boilerplate": ("Scraped residue", "../scrape-residue.md"),
    "grammar": ("LanguageTool", "../languagetool.md"),
}
# Meanings of options that many rules share and whose modules do not comment on them.
SHARED_OPTIONS = {
    "kinds": "The kinds of block checked, among title (the headline), heading (subheads), paragraph, blockquote, "
    "list_item, table_cell and caption.",
    "min_confidence": "Findings the check is less sure of than this (0-1; each finding's confidence is in the JSON "
    "and SARIF output) are not reported: raise it for a quieter rule, at the cost of missing some real problems.",
}
INLINE_DEFAULT = 60  # longer defaults are shown only in the configuration block
OPTION_LINE = re.compile(r"^  ([A-Za-z_][\w-]*):(.*)$")
TOP_KEY = re.compile(r"^([a-z][\w-]*):")


def _trailing_comment(value: str) -> str:
    """The `# comment` after a YAML value on its line, outside quotation marks."""
    quote = None
    for i, char in enumerate(value):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or value[i - 1].isspace()):
            return value[i + 1 :].strip()
    return ""


def yaml_comments(source: str) -> tuple[dict[str, str], dict[str, str]]:
    """(comments above each top-level key, comments above or beside each option) of a rule module's text."""
    keys, options, pending, in_options = {}, {}, [], False
    for line in source.splitlines():
        if line.startswith("#"):
            pending.append(line[1:].strip())
        elif line.startswith("  #"):
            pending.append(line.strip()[1:].strip())
        elif (top := TOP_KEY.match(line)) and not line.startswith(" "):
            if pending:
                keys[top.group(1)] = " ".join(pending)
            in_options, pending = top.group(1) == "options", []
        elif in_options and (option := OPTION_LINE.match(line)):
            text = " ".join([*pending, _trailing_comment(option.group(2))]).strip()
            if text:
                options[option.group(1)] = text
            pending = []
        elif in_options and not line.strip() and pending:  # a comment block on its own: about all the options
            keys["options"] = " ".join([keys.get("options", ""), *pending]).strip()
            pending = []
        else:
            pending = []
    return keys, options


def model_use(rule) -> str:
    """Whether the rule's check runs the spaCy pipeline, and which optional parts it adds (its `NEEDS`)."""
    needs = rule.check_module.NEEDS
    if not needs:
        return "no"
    extra = {"parse": "the parser", "entities": "the entity recogniser"}
    return "yes: " + ", ".join(["the tagger and lemmatizer", *(extra[n] for n in needs if n in extra)])


def option_type(rule, name: str) -> str:
    """An option's type in words, with its allowed values or range from the check's schema."""
    spec = option_schema(rule.check_module).get(name)
    if spec is None:
        return "any value"
    words = spec_name(spec.type)
    if spec.allowed:
        words += ", each one of " if isinstance(spec.type, list) else ", one of "
        words += ", ".join(f"`{value}`" for value in spec.allowed)
    if spec.minimum is not None:
        words += f", at least {spec.minimum}"
    if spec.maximum is not None:
        words += f", at most {spec.maximum}"
    return words


def _flow(value) -> str:
    return (
        yaml.safe_dump(value, default_flow_style=True, width=10_000, allow_unicode=True).strip().removesuffix("\n...")
    )


def _sentence(text: str) -> str:
    """A comment as a sentence: a capital first letter and a closing full stop."""
    if not text:
        return text
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "!", "?", ")", '"')) else ".")


def _quote(text: str) -> str:
    """An example as a Markdown blockquote (its paragraphs kept)."""
    return "\n".join(f"> {line}".rstrip() for line in text.strip().splitlines())


def configuration(rule) -> str:
    """The rule's defaults as a `.copydesk.yml` would set them."""
    level = rule.level if rule.enabled else "off"
    if not rule.options:
        return f"rules:\n  {rule.id}: {level}\n"
    body = "".join(
        yaml.safe_dump(
            {name: value},
            default_flow_style=None if isinstance(value, (list, dict)) else False,
            width=100,
            allow_unicode=True,
            sort_keys=False,
        )
        for name, value in {"level": level, **rule.options}.items()
    )
    return f"rules:\n  {rule.id}:\n" + "".join(f"    {line}\n" for line in body.splitlines())


def rule_doc(rule) -> str:
    """The rule's documentation: what `copydesk explain RULE` prints, and the body of docs/rules/RULE.md."""
    try:
        key_notes, option_notes = yaml_comments(Path(rule.source).read_text(encoding="utf-8"))
    except OSError:
        key_notes, option_notes = {}, {}
    level = LEVELS[rule.level]
    if not rule.enabled:
        level = f"off by default; when turned on (`--select {rule.id}`, or a level in `.copydesk.yml`): {level}"
    fix = "none: findings are left to an editor"
    if rule.fixable:
        fix = "safe: --fix applies its suggestion (the rule module says `fix: safe`)"
        fix += f". {key_notes['fix']}" if "fix" in key_notes else ""
    out = [
        f"# {rule.id}\n",
        f"- Category: {rule.category}",
        f"- Level: {level}",
        f"- Needs the spaCy model: {model_use(rule)}",
        f"- Fix: {fix}",
        f"- Message: `{rule.message}`\n",
        "## What it flags\n",
        rule.description.strip() + "\n",
    ]
    for kind, title in (("bad", "Flagged"), ("good", "Not flagged")):
        if rule.examples.get(kind):
            out.append(f"## {title}\n")
            out += [_quote(example) + "\n" for example in rule.examples[kind]]
    out.append("## Options\n")
    notes = " ".join(key_notes[key] for key in ("message", "options") if key in key_notes)
    if notes:
        out.append(notes + "\n")
    for name, value in rule.options.items():
        shown = _flow(value)
        default = f"`{shown}`" if len(shown) <= INLINE_DEFAULT else "in the configuration below"
        meaning = _sentence(option_notes.get(name) or SHARED_OPTIONS.get(name, ""))
        out.append(f"- `{name}` ({option_type(rule, name)}; default {default}){': ' + meaning if meaning else ''}")
    out.append(
        ("\n" if rule.options else "") + "The defaults, as `.copydesk.yml` would set them:\n\n"
        f"```yaml\n{configuration(rule)}```\n"
    )
    return "\n".join(out)


def rule_page(rule) -> str:
    """docs/rules/RULE.md: a generated-file note, the rule's documentation, then links."""
    links = ["## See also\n", "- [All rules](index.md)"]
    if rule.category in GUIDES:
        title, path = GUIDES[rule.category]
        links.append(f"- [{title}]({path}): how these rules decide, and how well they do on real copy")
    links.append("- [Configuration](../configuration.md)\n")
    return GENERATED.format(id=rule.id) + "\n\n" + rule_doc(rule) + "\n" + "\n".join(links)


def rules_index(rules) -> str:
    """docs/rules/index.md: every rule by category, with its level, model use, fix and summary."""
    out = [
        GENERATED.replace("rules/{id}.yml", "rules/*.yml") + "\n",
        "# Rules\n",
        "Every built-in rule, by category. `copydesk rules` lists them; `copydesk explain RULE` prints a rule's "
        "page. Levels: an error fails the run (and blocks a commit), a warning and an info are reported. "
        '"Model": the rule needs the spaCy model (loaded only when such a rule is on).\n',
    ]
    for category in CATEGORIES:
        chosen = sorted((r for r in rules if r.category == category), key=lambda r: r.id)
        if not chosen:
            continue
        out += [f"## {category}\n", "| rule | level | model | fix | what it flags |", "| --- | --- | --- | --- | --- |"]
        for rule in chosen:
            level = rule.level if rule.enabled else f"off ({rule.level})"
            model = "no" if model_use(rule) == "no" else "yes"
            fix = "safe" if rule.fixable else ""
            out.append(f"| [`{rule.id}`]({rule.id}.md) | {level} | {model} | {fix} | {rule.summary} |")
        out.append("")
    return "\n".join(out)


def expected_pages() -> dict[str, str]:
    """File name -> content of every page that docs/rules should hold."""
    rules = list(load_rules().values())
    pages = {f"{rule.id}.md": rule_page(rule) for rule in rules}
    pages["index.md"] = rules_index(rules)
    return pages


def write_pages(folder: str) -> list[str]:
    """Write docs/rules (and remove generated pages of rules that no longer exist); returns the files written."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    pages = expected_pages()
    for stale in target.glob("*.md"):
        if stale.name not in pages and stale.read_text(encoding="utf-8").startswith("<!-- Generated from rules/"):
            stale.unlink()
    for name, text in pages.items():
        (target / name).write_text(text, encoding="utf-8")
    return sorted(pages)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m linter.reporters.rule_doc DOCS_RULES_FOLDER")
    print(f"wrote {len(write_pages(sys.argv[1]))} pages to {sys.argv[1]}")
