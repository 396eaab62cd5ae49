"""Every public document in ../shared/corpus/public lints without a traceback: it gives findings,
or none, or an IO finding that says in plain words why it cannot be checked."""

from __future__ import annotations

import pytest

from conftest import CORPUS
from linter.engine import lint_path
from linter.settings import Settings

FILES = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix in (".docx", ".odt")) if CORPUS.is_dir() else []

ENCRYPTED = {"document__bug53475-password-is-pass.docx", "document__bug53475-password-is-solrcell.docx", "poifs__protected_agile.docx"}
BROKEN = {"document__truncated62886.docx"}


@pytest.mark.skipif(not FILES, reason="../shared/corpus/public is not beside the project")
@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_lints_without_traceback(path, monkeypatch):
    monkeypatch.delenv("KAMERLINT_DEBUG", raising=False)
    found = lint_path(path, Settings())
    internal = [d.message for d in found if d.code == "IO005"]
    assert not internal, internal
    if path.name in ENCRYPTED:
        assert [d.code for d in found] == ["IO002"] and "password" in found[0].message
    if path.name in BROKEN:
        assert [d.code for d in found] == ["IO002"]
