"""GitHub Actions workflow commands: one `::error file=...,line=...::message` line per finding.

Escaping follows the Actions toolkit: in messages `%`, CR and LF become %25, %0D and %0A; in properties `:` and `,`
also become %3A and %2C. Info findings are `notice` commands. A file that could not be linted, or a rule that could
not run on a file, is an `error`.
"""

from __future__ import annotations

from linter.reporters import file_errors

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}"


def render(result, color: bool = False) -> str:
    lines = [
        command("error", f"copydesk: {error}", file=status.path, title="copydesk")
        for status in result.files
        for error in file_errors(status)
    ]
    lines += [
        command(
            COMMANDS[f.severity],
            f.message,
            file=f.path,
            line=f.line,
            col=f.column,
            endLine=f.end_line,
            endColumn=f.end_column,
            title=f"copydesk [{f.rule}]",
        )
        for f in result.findings
    ]
    return "\n".join(lines) + ("\n" if lines else "")
