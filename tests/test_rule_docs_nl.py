"""The Dutch rule documentation is complete and current: every block of every rule's docstring and
every summary has a translation made from the docstring as it is now (scripts/rule_docs_po.py),
with the same literal text in backticks, and linter/locale/nl/rule-docs.po is what the script
writes. A changed docstring fails here until its Dutch is updated and accepted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_rule_docs_po_is_complete_and_current():
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "rule_docs_po.py"), "--check"], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
