"""RunOptions: everything one run needs (the configuration and the command's flags), built once and passed down."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from linter.model.findings import SEVERITY_RANK
from linter.run.cache import ResultCache, default_cache_dir
from linter.run.config import Config, RuleSetting


@dataclass(frozen=True)
class RunOptions:
    """The configuration and the choices of one run. `stdin` is (name, source, notices) when '-' was given."""

    config: Config
    select: tuple = ()
    ignore: tuple = ()
    min_severity: str = "info"
    fail_on: str = "error"
    jobs: int = 1
    cache: ResultCache | None = None
    fix: bool = False
    diff: bool = False
    baseline: str | None = None
    write_baseline: str | None = None
    output_format: str = "text"
    output_path: str | None = None
    quiet: bool = False
    color: bool = False
    stdin: tuple | None = None
    extract: bool = True  # web pages: lint the extracted article (False: the whole page's article, main or body)

    @classmethod
    def from_flags(cls, config: Config, *, jobs=None, cache=True, color=None, **flags) -> RunOptions:
        """The options of a command line: jobs default to the number of CPUs, the cache lives beside the
        configuration, colour defaults to on for a terminal (unless NO_COLOR is set) and only for text."""
        output_format, output_path = flags.get("output_format", "text"), flags.get("output_path")
        if color is None:
            color = output_path is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        return cls(
            config,
            jobs=jobs or os.cpu_count() or 1,
            cache=ResultCache(default_cache_dir(config), config) if cache else None,
            color=bool(color) and output_format == "text",
            **{name: tuple(value) if name in ("select", "ignore") else value for name, value in flags.items()},
        )

    def settings(self, path: str) -> list[RuleSetting]:
        """The rules that run on path, after the configuration's overrides, --select and --ignore."""
        return self.config.effective(path, self.select, self.ignore)

    def shows(self, finding) -> bool:
        """Whether a finding is at or above --min-severity."""
        return SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[self.min_severity]

    def fails(self, finding) -> bool:
        """Whether a finding is at or above the fail level."""
        return self.fail_on != "never" and SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[self.fail_on]
