"""Output formats: each module renders a run's result as one string."""

from __future__ import annotations

import importlib

FORMATS = ("text", "json", "sarif", "github", "checkstyle", "junit", "rdjson", "html")


def file_errors(status) -> list[str]:
    """Why a file could not be linted, and each rule that could not run on it: errors that reports carry."""
    return ([status.error] if status.error else []) + list(status.errors)


def render(name: str, result, color: bool = False) -> str:
    return importlib.import_module(f"linter.reporters.{name}_format").render(result, color=color)
