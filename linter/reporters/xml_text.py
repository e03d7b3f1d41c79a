"""XML helpers shared by the checkstyle and JUnit reports."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

# Characters that XML 1.0 does not allow, even escaped (control characters from scraped text).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text with the characters XML cannot carry replaced by U+FFFD."""
    return NOT_XML.sub("\ufffd", text)


def to_string(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
