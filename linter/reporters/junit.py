"""JUnit XML, for CI systems that show test reports: a test suite a checked file, a test case a
finding, and one passing test case for a file without findings.

A finding fails its test case only if it fails the run (``--fail-on``, default warning): an info
finding is a passing test case with the finding in its ``system-out``, so the test report is not
red on a green job.
"""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from linter.diagnostics import Diagnostic
from linter.i18n import _
from linter.shown import printable
from linter.reporters.text import severity_name, where


def render(diagnostics: list[Diagnostic], run) -> str:
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in diagnostics:
        by_file[d.path].append(d)
    paths = list(dict.fromkeys([*run.files, *by_file]))
    root = ET.Element("testsuites", name="kamerlint", tests="0", failures="0", errors="0")
    total = total_failures = 0
    for path in paths:
        found = by_file.get(path, [])
        failures = sum(1 for d in found if d.severity in run.failing)
        suite = ET.SubElement(root, "testsuite", name=path, tests=str(max(1, len(found))), failures=str(failures), errors="0", skipped="0")
        if not found:
            ET.SubElement(suite, "testcase", name=_("no problems"), classname=path)
        for d in found:
            place = where(d)[len(d.path) + 1 :] or _("whole file")
            case = ET.SubElement(suite, "testcase", name=f"{d.code} {place}", classname=path)
            # XML 1.0 cannot hold most control characters: a draft's are made visible.
            message = printable(d.message)
            report = f"{where(d)}: {d.code} [{severity_name(d.severity)}] {message}" + (f"\n{printable(d.excerpt)}" if d.excerpt else "")
            if d.severity in run.failing:
                ET.SubElement(case, "failure", message=message, type=d.code).text = report
            else:
                ET.SubElement(case, "system-out").text = report
        total += max(1, len(found))
        total_failures += failures
    root.set("tests", str(total))
    root.set("failures", str(total_failures))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
