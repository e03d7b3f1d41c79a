"""Findings: what rules report, with exact positions in the original file."""

from __future__ import annotations

from dataclasses import dataclass, field

CATEGORIES = (
    "fragment",
    "pronoun",
    "repetition",
    "readability",
    "consistency",
    "boilerplate",
    "grammar",
    "spelling",
    "style",
)
SEVERITIES = ("error", "warning", "info")
LEVELS = SEVERITIES + ("off",)  # a rule's level in a configuration: a severity, or off
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass
class Hit:
    """What a check yields: a source span [start, end), the values for the rule's message, an optional fix text,
    and, for checks that sort their hits themselves, a category and severity that replace the rule's own.
    `confidence` (0-1) says how sure the check is that the problem is real; `related` holds the other source spans
    the finding is about, as (start, end, message) triples: the other uses of an echoed word, a name's first
    spelling."""

    start: int
    end: int
    params: dict
    suggestion: str | None = None
    category: str | None = None
    severity: str | None = None
    confidence: float = 1.0
    related: list[tuple[int, int, str]] = field(default_factory=list)


def block_hit(block, start: int, end: int, suggestion: str | None = None, **params) -> Hit:
    """A hit on the [start, end) span of a block's text."""
    source_start, source_end = block.source_span(start, end)
    return Hit(source_start, source_end, params, suggestion)


@dataclass
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: str
    severity: str
    message: str
    excerpt: str
    suggestion: str | None = None
    start: int = 0  # source offsets, for fixes and baselines
    end: int = 0
    context: str = ""  # the whole source lines the span is on, for fingerprints and byte columns
    confidence: float = 1.0
    related: list[dict] = field(default_factory=list)  # {line, column, end_line, end_column, excerpt, message}

    def sort_key(self):
        return (self.path, self.line, self.column, self.rule, self.end_line, self.end_column, self.message)

    def to_dict(self) -> dict:
        data = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "excerpt": self.excerpt,
            "confidence": self.confidence,
        }
        if self.suggestion is not None:
            data["suggestion"] = self.suggestion
        if self.related:
            data["related"] = [dict(span) for span in self.related]
        return data
