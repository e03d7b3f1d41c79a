"""Vale's `script` rules: a Tengo script (inline, or a `.tengo` file under StylesPath/config/scripts) that reads
the block's text as `scope` and leaves its alerts in `matches`, an array of `{begin, end, message?}` maps in byte
offsets of `scope`.

As in Vale, only the `text`, `fmt` and `math` modules may be imported; a script that cannot be read, parsed or
compiled is Vale's E201 naming the rule file (reported once, the rule skipped, the other rules run); a script that
fails while running, or runs out of its budget, stops the run with the same E201 (exit 2), as Vale stops.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from linter.vale.rules import Rule, RuleFileError, Unsupported, format_message
from linter.vale.tengo import Script as Program
from linter.vale.tengo import TengoError, compile_script
from linter.vale.tengo.values import Array, Map

SCRIPT_DIR = ("config", "scripts")


class ScriptError(RuleFileError):
    """A script that failed or ran out of its budget on a block; the message is Vale's E201 naming the rule file."""


def e201(path: str, message: str) -> str:
    """Vale's E201 for the rule file's `script` field: `E201 Invalid value [file:line:column]:` and the message."""
    line, column = 1, 1
    try:
        with open(path, encoding="utf-8") as handle:
            for number, text in enumerate(handle, 1):
                if text.lstrip().startswith("script:"):
                    line, column = number, text.index("script") + 1
                    break
    except OSError:
        pass
    return f"E201 Invalid value [{path}:{line}:{column}]: {' '.join(message.split())}"


@dataclass
class Script(Rule):
    """Each map in the script's `matches` is an alert on `scope[begin:end]` (bytes, turned into characters); its
    `message` replaces the rule's, and `%s` in either is the matched text."""

    program: Program | None = None
    where: str = ""

    def run(self, text, file):
        try:
            names = self.program.run_tengo({"scope": text})
        except TengoError as error:
            raise ScriptError(e201(self.where, str(error))) from None
        matches = names.get("matches")
        if type(matches) is not Array or matches.immutable:  # Vale reads a (mutable) array only
            return []
        data = text.encode("utf-8")
        alerts = []
        for index, match in enumerate(matches.items):
            begin, end = self._span(match, index, len(data))
            start, stop = _chars(data, begin), _chars(data, end)
            alert = self.alert(text, start, stop)
            message = match.items.get(b"message")
            if type(message) is bytes:
                alert.message = format_message(message.decode("utf-8", "replace"), alert.match)
            alerts.append(alert)
        return alerts

    def _span(self, match, index: int, size: int) -> tuple[int, int]:
        """A match's byte offsets; a match without int `begin` and `end` inside `scope` is an error, as it makes
        Vale fail."""
        begin = match.items.get(b"begin") if type(match) is Map else None
        end = match.items.get(b"end") if type(match) is Map else None
        if type(begin) is not int or type(end) is not int:
            raise ScriptError(e201(self.where, f"matches[{index}] needs int 'begin' and 'end'"))
        if not 0 <= begin <= end <= size:
            raise ScriptError(e201(self.where, f"matches[{index}]: [{begin}:{end}] is outside scope ({size} bytes)"))
        return begin, end


def _chars(data: bytes, offset: int) -> int:
    """A byte offset of UTF-8 text as a character offset (inside a character: that character's start)."""
    return len(data[:offset].decode("utf-8", "ignore"))


def build_script(base: dict, data: dict, path: str, styles_path: str) -> Rule:
    source = str(data.get("script", "") or "")
    if source.endswith(".tengo"):
        candidates = [os.path.join(styles_path, *SCRIPT_DIR, source), source]
        found = next((c for c in candidates if os.path.isfile(c)), None)
        if found is None:
            return Unsupported(**base, reason=e201(path, f"open {candidates[0]}: no such file or directory"))
        with open(found, encoding="utf-8", errors="replace") as handle:
            source = handle.read()
    try:
        program = compile_script(source, ("scope",))
    except TengoError as error:
        return Unsupported(**base, reason=e201(path, str(error)))
    return Script(**base, program=program, where=path)
