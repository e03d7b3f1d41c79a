"""Checkstyle XML: a `<file>` per linted file with an `<error>` per finding (line, column, severity, message,
source `copydesk.<rule-id>`), as CI tools and reviewdog's `-f=checkstyle` read it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from linter.reporters import file_errors
from linter.reporters.xml_text import to_string, xml_safe


def render(result, color: bool = False) -> str:
    root = ET.Element("checkstyle", version="4.3")
    by_path = defaultdict(list)
    for f in result.findings:
        by_path[f.path].append(f)
    errors = {s.path: file_errors(s) for s in result.files}
    for path in sorted({s.path for s in result.files} | set(by_path)):
        element = ET.SubElement(root, "file", name=xml_safe(path))
        for error in errors.get(path, []):
            ET.SubElement(element, "error", severity="error", message=xml_safe(error), source="copydesk")
        for f in by_path[path]:
            ET.SubElement(
                element,
                "error",
                line=str(f.line),
                column=str(f.column),
                severity=f.severity,
                message=xml_safe(f.message),
                source=f"copydesk.{f.rule}",
            )
    return to_string(root)
