"""Issue 20: `--diff` shows every change `--fix` makes, structural edits (a bookmark removed)
included, and the two count the same fixes: on a hand-made letter, and on every file of
../shared/corpus that kamerlint checks."""

from __future__ import annotations

import re
import shutil

from linter.cli import main
from tests.conftest import FIXTURES, SHARED, needs_shared

HEADER = re.compile(r"^--- (.+?) \(", re.M)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--isolated", "--jobs", "1", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def counts(diff_err: str, fix_out: str) -> tuple[int, int]:
    would = re.search(r"Would fix (\d+) finding", diff_err)
    fixed = re.search(r"(\d+) fixed, ", fix_out)
    return (int(would.group(1)) if would else 0), int(fixed.group(1))


def test_a_fix_that_only_removes_bookmarks_shows_in_the_diff(tmp_path, capsys):
    letter = tmp_path / "bm-wrong.docx"
    shutil.copyfile(FIXTURES / "bm-wrong.docx", letter)
    code, diff, err = run(capsys, "--diff", str(letter))
    assert code == 1
    assert "-bookmark _Hlk233125581 (body ¶2)" in diff and "No fixes would be applied" not in err
    _, out, _ = run(capsys, "--fix", "--exit-zero", str(letter))
    assert counts(err, out) == (3, 3)
    code, diff, err = run(capsys, "--diff", str(letter))
    assert (code, diff) == (0, "") and "No fixes would be applied" in err


@needs_shared
def test_diff_and_fix_agree_on_every_file_of_the_corpus(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    for part in ("public", "docx", "texts", "kamervragen"):
        shutil.copytree(SHARED / "corpus" / part, corpus / part)
    for path in corpus.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    before = {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()}
    _, diff, diff_err = run(capsys, "--diff", "--exit-zero", "-q", str(corpus))
    shown = set(HEADER.findall(diff))
    _, fix_out, _ = run(capsys, "--fix", "--exit-zero", str(corpus))
    changed = {str(p) for p, data in before.items() if p.read_bytes() != data}
    would, fixed = counts(diff_err, fix_out)
    assert changed and shown == changed, (sorted(shown - changed)[:5], sorted(changed - shown)[:5])
    assert would == fixed > 0
