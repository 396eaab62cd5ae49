"""The findings on the seed, the fixtures and ../shared/corpus are exactly the recorded ones.

Speed work (issue 13) rewrites how patterns, rules and readers run; this says it changed nothing a
user sees except time. Message text is left out (see scripts/findings_snapshot.py). A changed
snapshot is a decision: re-record with ``python scripts/findings_snapshot.py --write`` and say why
in the commit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import findings_snapshot  # noqa: E402


@pytest.mark.skipif(not findings_snapshot.SHARED.is_dir(), reason="../shared is not beside the project")
def test_findings_are_the_recorded_ones():
    before = json.loads(findings_snapshot.SNAPSHOT.read_text(encoding="utf-8"))
    now = findings_snapshot.snapshot()
    assert sorted(now) == sorted(before), "the set of checked files changed"
    changed = [name for name in before if before[name] != now[name]]
    assert not changed, f"findings changed in {len(changed)} files, first: {changed[:5]}"
