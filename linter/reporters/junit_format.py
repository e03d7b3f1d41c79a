"""JUnit XML: one test case per file, failed when the file has findings (each finding a line of the failure's
text, in the text format), an error when the file could not be linted or a rule could not run on it. GitLab and
Jenkins show it as test results."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from linter.reporters import file_errors
from linter.reporters.xml_text import to_string, xml_safe


def render(result, color: bool = False) -> str:
    by_path = defaultdict(list)
    for f in result.findings:
        by_path[f.path].append(f)
    statuses = sorted(result.files, key=lambda s: s.path)
    failures = sum(1 for s in statuses if by_path[s.path])
    errors = sum(1 for s in statuses if file_errors(s))
    counts = {"tests": str(len(statuses)), "failures": str(failures), "errors": str(errors), "time": "0"}
    root = ET.Element("testsuites", name="copydesk", **counts)
    suite = ET.SubElement(root, "testsuite", name="copydesk", **counts)
    for status in statuses:
        case = ET.SubElement(
            suite, "testcase", name=xml_safe(status.path), classname="copydesk", file=xml_safe(status.path), time="0"
        )
        if file_errors(status):
            ET.SubElement(case, "error", message=xml_safe("; ".join(file_errors(status))), type="copydesk")
        findings = by_path[status.path]
        if findings:
            failure = ET.SubElement(case, "failure", message=f"{len(findings)} findings", type="copydesk")
            failure.text = xml_safe(
                "\n".join(f"{f.path}:{f.line}:{f.column}: {f.severity} [{f.rule}] {f.message}" for f in findings)
            )
    return to_string(root)
