"""Output formats: each module renders a run's result as one string."""
from __future__ import annotations

import importlib

FORMATS = ("text", "json", "sarif", "github", "checkstyle", "junit", "rdjson")


def render(name: str, result, color: bool = False) -> str:
    return importlib.import_module(f"linter.output.{name}_format").render(result, color=color)
