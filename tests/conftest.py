"""Shared test helpers: lint a text draft or bytes, and the paths of the shared material."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from linter.engine import lint_bytes
from linter.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "kamerbrief-diaspora.txt"
CORPUS = SHARED / "corpus" / "public"

# Verification reads the user's look-up cache by default; tests must not depend on what is there.
os.environ["KAMERLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="kamerlint-test-cache-")

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not beside the project")


def lint_text(text: str, select: str | list[str] | None = None, name: str = "draft.txt", **settings):
    """Findings for a text draft (Tika export or plain text) given as a string."""
    s = Settings(**settings)
    if select:
        s.select = [select] if isinstance(select, str) else list(select)
    return lint_bytes(text.encode("utf-8"), name, s)


def codes(diagnostics) -> list[str]:
    return [d.code for d in diagnostics]


def tika(paragraphs: list[str]) -> str:
    """A Tika export from paragraphs already written in its format."""
    return "".join(p + "\n" for p in paragraphs)
