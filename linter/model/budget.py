"""The time budget of one file (`limits: {max_file_seconds: N}`): the seconds of work it may take, checked
cooperatively between the parser's minibatches and between rules, never by killing anything.

A file's clock runs while copydesk works on that file alone (reading it, running its rules); when its prose is
parsed together with other files' (see `linter.analysis.nlp.parse_together`), it is charged its share of each
minibatch instead, in proportion to its characters, so that one huge file does not spend a small file's budget.
"""

from __future__ import annotations

import time
from contextlib import contextmanager


class TimeBudgetExceeded(Exception):
    """Raised from inside a file's work when its budget is spent; the engine reports the file, not the rule."""


class TimeBudget:
    """Seconds of work allowed on one file (None: no limit), and the seconds spent so far."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.spent = 0.0
        self._since: float | None = None

    @contextmanager
    def running(self):
        """Count the time of the enclosed work (nested uses count it once)."""
        if self._since is not None:
            yield
            return
        self._since = time.perf_counter()
        try:
            yield
        finally:
            self.spent += time.perf_counter() - self._since
            self._since = None

    def charge(self, seconds: float) -> None:
        """Add time spent for this file while its clock was stopped (its share of a shared minibatch)."""
        if self._since is None:
            self.spent += seconds

    @property
    def elapsed(self) -> float:
        return self.spent + (time.perf_counter() - self._since if self._since is not None else 0.0)

    @property
    def exceeded(self) -> bool:
        return self.seconds is not None and self.elapsed > self.seconds

    def check(self) -> None:
        """Raise TimeBudgetExceeded when the budget is spent."""
        if self.exceeded:
            raise TimeBudgetExceeded(self.seconds)


def over_budget(doc) -> bool:
    """True when the document has a time budget and has spent it."""
    return doc.budget is not None and doc.budget.exceeded
