"""SARIF 2.1.0 (OASIS), for GitHub code scanning and other SARIF viewers.

A .docx has no lines: the region's ``startLine`` is the paragraph number (within its note, for a
finding in a note) and the column the position in its visible text. Since every note starts again
at paragraph 1, every result also has a ``logicalLocations`` entry that names the story, note and
paragraph (``footnote 5 ¶1``; ``whole file`` for a finding about the file), and its message starts
with that place, so a reviewer on a code-scanning page can find it. Every result has a region
(line and column 1 for a finding about the whole file). Fingerprints are made from the text around
the finding, so an alert survives re-saving the file in Word. Paths are relative to %SRCROOT%,
the checkout, which the report leaves to its reader: no absolute folder of the machine that ran
it is written into it.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from linter import __version__
from linter.baseline import fingerprint
from linter.diagnostics import Diagnostic
from linter.i18n import _, rule_doc, rule_summary, tag

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"


def artifact(path: str) -> dict:
    """A path relative to the checkout (what code scanning wants), an absolute one made relative
    to the working folder: a report shared or uploaded does not tell where the run was made."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = Path(os.path.relpath(p))
        except ValueError:  # another drive (Windows): no relative path reaches it
            return {"uri": quote(p.name)}
    return {"uri": quote(p.as_posix()), "uriBaseId": SRCROOT}


def rule_descriptor(r, url_base: str) -> dict:
    """The rule in the run's language (its id and name never change)."""
    summary, doc = rule_summary(r), rule_doc(r)
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": summary or r.name},
        "fullDescription": {"text": doc or summary or r.name},
        "help": {"text": doc or summary or r.name, "markdown": doc or summary or r.name},
        "helpUri": f"{url_base}{r.code}",
        "defaultConfiguration": {"level": LEVELS.get(r.severity, "warning")},
        "properties": {"tags": [r.family]},
    }


def place(d: Diagnostic) -> str:
    """Where the finding is, in words: ``footnote 5 ¶1``, ``body ¶12``, ``whole file``."""
    loc = d.location
    return loc.where if loc is not None and loc.paragraph is not None else _("whole file")


def location(d: Diagnostic) -> dict:
    loc = d.location
    region: dict = {"startLine": 1, "startColumn": 1}
    if loc is not None and loc.line is not None:
        region = {"startLine": loc.line, "startColumn": loc.column or 1}
        if loc.end_line is not None:
            region["endLine"] = loc.end_line
        if loc.end_column is not None and loc.end_column > (loc.column or 0):
            region["endColumn"] = loc.end_column
    if d.excerpt:
        region["snippet"] = {"text": d.excerpt}
    where = place(d)
    logical: dict = {"name": where.split(" ¶")[0], "fullyQualifiedName": where, "kind": "element" if loc and loc.paragraph else "resource"}
    if loc is not None and loc.paragraph is not None:
        logical["properties"] = {"story": loc.story, "note": loc.note, "paragraph": loc.paragraph}
    return {"physicalLocation": {"artifactLocation": artifact(d.path), "region": region}, "logicalLocations": [logical]}


def invocations(run) -> dict:
    """References that could not be verified, as a tool execution notification (SARIF §3.20.21);
    the run still succeeded unless --require-verified makes them fail it."""
    if not run.not_verified:
        return {}
    note = {
        "descriptor": {"id": "not-verified"},
        "level": "error" if run.require_verified else "warning",
        "message": {"text": run.not_verified_text()},
        "properties": run.not_verified_json(),
    }
    return {"invocations": [{"executionSuccessful": True, "toolExecutionNotifications": [note]}]}


def render(diagnostics: list[Diagnostic], run) -> str:
    from linter.registry import all_rules

    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    seen: Counter = Counter()
    results = []
    for d in diagnostics:
        fp = fingerprint(d)
        seen[(d.path, d.code, fp)] += 1
        result = {
            "ruleId": d.code,
            "level": LEVELS.get(d.severity, "warning"),
            "message": {"text": f"{place(d)}: {d.message}"},
            "locations": [location(d)],
            # Our own fingerprint, also as the hash code scanning would otherwise compute from the
            # file's lines (a .docx has none worth hashing). ":n" tells apart equal contexts.
            "partialFingerprints": {
                "kamerlintContext/v1": fp,
                "primaryLocationLineHash": f"{fp}:{seen[(d.path, d.code, fp)]}",
            },
        }
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        if d.fix is not None:
            result["properties"] = {"fix": d.fix.to_json()}
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "kamerlint",
                        "version": __version__,
                        "informationUri": run.url_base.rsplit("/rules/", 1)[0] or "https://kamerlint.readthedocs.io/",
                        "rules": [rule_descriptor(r, run.url_base) for r in rules],
                    }
                },
                "artifacts": [{"location": artifact(p)} for p in run.files if p != "-"],
                "columnKind": "unicodeCodePoints",
                # The language of the messages (and of the rules' texts).
                "language": tag(),
                "results": results,
                **invocations(run),
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
