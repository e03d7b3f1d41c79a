"""Vale's `script` rules: a Tengo script (inline, or a `.tengo` file under StylesPath/config/scripts) that reads
the block's text as `scope` and leaves its alerts in `matches`, an array of `{begin, end, message?}` maps in byte
offsets of `scope`.

As in Vale, only the `text`, `fmt` and `math` modules may be imported; a script that cannot be read, parsed or
compiled is Vale's E201 naming the rule file (reported once, the rule skipped, the other rules run); a script that
fails while running, or runs out of its budget, stops the run with the same E201 (exit 2), as Vale stops.
"""

from __future__ import annotations

import os
import time
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from linter.vale.rules import Rule, RuleFileError, Unsupported, format_message
from linter.vale.tengo import Limits, TengoError, compile_script
from linter.vale.tengo import Script as Program
from linter.vale.tengo.values import Array, Map

SCRIPT_DIR = ("config", "scripts")
RUN_SECONDS = 2.0  # the most one run of a script may take (on one block)
FILE_SECONDS = 5.0  # the most a script rule may take on one file, runs on all its blocks together (plus file_budget)


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
        budget = file_budget(file.content)
        if file.script_seconds[self.name] > budget:  # checked before each run: a file overshoots by one run at most
            raise ScriptError(e201(self.where, f"the script ran longer than {budget:g} s in all on {file.path}"))
        started = time.monotonic()
        try:
            names = self.program.run_tengo({"scope": text}, Limits(seconds=RUN_SECONDS))
        except TengoError as error:
            raise ScriptError(e201(self.where, str(error))) from None
        finally:
            file.script_seconds[self.name] += time.monotonic() - started
        matches = names.get("matches")
        if type(matches) is not Array or matches.immutable:  # Vale reads a (mutable) array only
            return []
        data = text.encode("utf-8")
        chars = char_offsets(text, data)
        alerts = []
        for index, match in enumerate(matches.items):
            begin, end = self._span(match, index, len(data))
            start, stop = chars(begin), chars(end)
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


def char_offsets(text: str, data: bytes):
    """A function from a byte offset of `data` (text in UTF-8) to its character offset (inside a character: that
    character's start), in logarithmic time."""
    if len(data) == len(text):
        return lambda offset: offset
    ends = list(accumulate(len(ch.encode("utf-8")) for ch in text))  # the byte offset after each character
    return lambda offset: bisect_right(ends, offset)


def file_budget(content: str) -> float:
    """The seconds a script rule may run in all on one file: FILE_SECONDS, and one more per 100,000 characters."""
    return FILE_SECONDS + len(content) / 100_000


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
