"""The package's layers import downward only: model, readers, analysis, checks, vale, run, reporters, and on
top lsp, archive and cli.

Every `import` in every module (at the top or inside a function) is read from the source, so a lazy import that
reaches upward fails here too. `linter` itself (the version) and `linter.errors` are below every layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "linter"
LAYERS = ["model", "readers", "analysis", "checks", "vale", "run", "reporters", "lsp", "archive", "cli"]
BASE = {"linter", "linter.errors"}
ALIASES = {"__main__": "cli"}  # `python -m linter` is the command line


def layer_of(module: str) -> int | None:
    """The layer index of a linter module name, or None for the base modules."""
    if module in BASE:
        return None
    part = module.split(".")[1]
    return LAYERS.index(ALIASES.get(part, part))


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every linter module that the file imports."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.split(".")[0] == "linter"]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "linter":
            if node.module == "linter":  # `from linter import x`: x may be a subpackage
                found += [
                    (
                        node.lineno,
                        f"linter.{alias.name}"
                        if f"linter.{alias.name}" not in BASE and (PACKAGE / alias.name).exists()
                        else "linter",
                    )
                    for alias in node.names
                ]
            else:
                found.append((node.lineno, node.module))
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def test_every_module_belongs_to_a_layer():
    strays = [
        module_name(p)
        for p in MODULES
        if module_name(p) not in BASE
        and ALIASES.get(module_name(p).split(".")[1], module_name(p).split(".")[1]) not in LAYERS
    ]
    assert strays == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_imports_point_downward(path):
    own = layer_of(module_name(path))
    if own is None:
        upward = [(line, m) for line, m in imported_modules(path) if m not in BASE]
    else:
        upward = [(line, m) for line, m in imported_modules(path) if (layer_of(m) or 0) > own]
    assert upward == [], f"{path.relative_to(PACKAGE.parent)} imports a higher layer: {upward}"
