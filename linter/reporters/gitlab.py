"""GitLab Code Quality: a JSON array of issues (a subset of the Code Climate spec) that GitLab
shows in merge requests when a job declares it as ``artifacts: reports: codequality``."""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path

from linter.baseline import fingerprint
from linter.diagnostics import Diagnostic

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def repo_path(path: str) -> str:
    """The path relative to the project folder (``CI_PROJECT_DIR`` in a GitLab job), with forward
    slashes, as GitLab matches it against the merge request's files."""
    root = Path(os.environ.get("CI_PROJECT_DIR") or Path.cwd()).resolve()
    absolute = Path(path).resolve()
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def render(diagnostics: list[Diagnostic], run) -> str:
    seen: Counter = Counter()
    issues = []
    for d in diagnostics:
        path = repo_path(d.path)
        fp = fingerprint(d)
        seen[(path, d.code, fp)] += 1
        # GitLab shows only the first of issues with equal fingerprints: count repeats in.
        unique = hashlib.sha256(f"{path}\0{d.code}\0{fp}\0{seen[(path, d.code, fp)]}".encode()).hexdigest()[:32]
        loc = d.location
        where = f" ({loc.where})" if loc is not None and not loc.in_text_file and loc.paragraph is not None else ""
        issues.append(
            {
                "type": "issue",
                "description": f"{d.code} {d.message}{where}",
                "check_name": d.code,
                "fingerprint": unique,
                "severity": SEVERITIES.get(d.severity, "minor"),
                "categories": ["Style"],
                "location": {"path": path, "lines": {"begin": (loc.line if loc is not None and loc.line else 1)}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
