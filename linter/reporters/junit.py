"""JUnit XML, for CI systems that show test reports: a test suite a checked file, a failing test
case a finding, and one passing test case for a file without findings."""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from linter.diagnostics import Diagnostic
from linter.reporters.text import where


def render(diagnostics: list[Diagnostic], run) -> str:
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in diagnostics:
        by_file[d.path].append(d)
    paths = list(dict.fromkeys([*run.files, *by_file]))
    root = ET.Element("testsuites", name="kamerlint", tests="0", failures=str(len(diagnostics)), errors="0")
    total = 0
    for path in paths:
        found = by_file.get(path, [])
        suite = ET.SubElement(root, "testsuite", name=path, tests=str(max(1, len(found))), failures=str(len(found)), errors="0", skipped="0")
        if not found:
            ET.SubElement(suite, "testcase", name="no problems", classname=path)
        for d in found:
            place = where(d)[len(d.path) + 1 :] or "whole file"
            case = ET.SubElement(suite, "testcase", name=f"{d.code} {place}", classname=path)
            failure = ET.SubElement(case, "failure", message=d.message, type=d.code)
            failure.text = f"{where(d)}: {d.code} [{d.severity}] {d.message}" + (f"\n{d.excerpt}" if d.excerpt else "")
        total += max(1, len(found))
    root.set("tests", str(total))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
