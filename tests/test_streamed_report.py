"""Line formats are written file by file as files are checked (issue 13: memory that does not grow
with the batch): the report is byte for byte the one built whole, and the serial path keeps no
file's findings once they are written."""

from __future__ import annotations

import gc
import json
import shutil

import pytest

import linter.reporters
from conftest import FIXTURES
from linter.cli import main
from linter.diagnostics import Diagnostic
from linter.reporters import STREAMED

LETTERS = ["fn-wrong.docx", "bm-wrong.docx", "draft-placeholders.docx", "kamerbrief-diaspora.docx", "fn-right.docx",
           "kamerbrief-diaspora.txt", "kamerbrief-diaspora.md"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Letters where the folder walk's order (a folder's files before its subfolders) is not the
    order of the paths, a clean letter, and a file that is not a letter at all."""
    root = tmp_path_factory.mktemp("batch")
    (root / "z").mkdir()
    (root / "a" / "b").mkdir(parents=True)
    for i, name in enumerate(LETTERS):
        for where in (root / "z", root / "a", root / "a" / "b"):
            shutil.copy(FIXTURES / name, where / f"{i}-{name}")
    (root / "a" / "broken.docx").write_bytes(b"not a zip")
    return root


def lint(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def whole_and_streamed(capsys, monkeypatch, *args: str) -> tuple[tuple, tuple]:
    """The same command with the report built whole and streamed."""
    with monkeypatch.context() as m:
        m.setattr(linter.reporters, "STREAMED", frozenset())
        whole = lint(capsys, *args)
    return whole, lint(capsys, *args)


FORMATS = sorted(STREAMED)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("extra", [[], ["--statistics"], ["--quiet"], ["--fail-on", "error"]])
def test_streamed_is_the_whole_report(capsys, monkeypatch, folder, fmt, extra):
    # A file named twice, as the same path and as another spelling of it, besides the folder.
    twice = str(folder / "z" / f"0-{LETTERS[0]}")
    whole, streamed = whole_and_streamed(capsys, monkeypatch, "--jobs", "1", "--output-format", fmt, *extra, str(folder), twice,
                                         twice.replace("/z/", "/z/../z/"), str(folder / "missing.docx"))
    assert whole[1] and whole == streamed


@pytest.mark.parametrize("fmt", FORMATS)
def test_streamed_into_the_output_file(capsys, monkeypatch, folder, tmp_path, fmt):
    target = tmp_path / "out" / "report.txt"
    with monkeypatch.context() as m:
        m.setattr(linter.reporters, "STREAMED", frozenset())
        assert main(["--jobs", "1", "--output-format", fmt, "-o", str(target), str(folder)]) == 1
    whole = target.read_bytes()
    target.write_bytes(b"the previous report")
    assert main(["--jobs", "1", "--output-format", fmt, "-o", str(target), str(folder)]) == 1
    assert capsys.readouterr().out == ""
    assert target.read_bytes() == whole
    assert [p.name for p in target.parent.iterdir()] == ["report.txt"]  # the temporary file is gone


def test_a_failed_run_leaves_the_previous_report(capsys, monkeypatch, folder, tmp_path):
    target = tmp_path / "report.txt"
    target.write_text("the previous report")

    def failing(diagnostics, run):
        raise RuntimeError("a bug")

    monkeypatch.setattr("linter.reporters.text.render_end", failing)
    assert main(["--jobs", "1", "-o", str(target), str(folder)]) == 2
    assert target.read_text() == "the previous report" and [p.name for p in tmp_path.iterdir()] == ["report.txt"]


@pytest.mark.parametrize("fmt", ["full", "json-lines"])
def test_streamed_with_a_baseline(capsys, monkeypatch, folder, tmp_path, fmt):
    """Half of today's findings in the baseline, and one entry that matches nothing (stale)."""
    baseline = tmp_path / "baseline.json"
    assert main(["--jobs", "1", "--write-baseline", str(baseline), str(folder)]) == 0
    data = json.loads(baseline.read_text())
    data["findings"] = data["findings"][::2] + [dict(data["findings"][1], fingerprint="0" * 20)]
    baseline.write_text(json.dumps(data))
    capsys.readouterr()
    whole, streamed = whole_and_streamed(capsys, monkeypatch, "--jobs", "1", "--output-format", fmt, "--baseline", str(baseline), str(folder))
    assert whole[1] and whole == streamed
    assert "no longer match" in streamed[2]


def test_parallel_streamed_is_the_whole_report(capsys, monkeypatch, folder):
    whole, streamed = whole_and_streamed(capsys, monkeypatch, "--jobs", "2", "--output-format", "concise", str(folder))
    assert whole[1] and whole == streamed


def live_diagnostics() -> int:
    return sum(1 for o in gc.get_objects() if isinstance(o, Diagnostic))


def test_the_serial_path_keeps_no_file_s_findings(capsys, monkeypatch, tmp_path):
    """When a file's findings are written, the findings of the files before it are gone (freed by
    reference counting, without waiting for the cyclic collector): what is alive is that file's,
    and the next file's (checked to know that the path changed)."""
    for i in range(12):
        shutil.copy(FIXTURES / "fn-wrong.docx", tmp_path / f"letter{i:02d}.docx")
    gc.collect()
    before = live_diagnostics()
    alive: list[tuple[int, int]] = []
    render_file = linter.reporters.text.render_file

    def counting(diagnostics, run):
        alive.append((len(diagnostics), live_diagnostics() - before))
        return render_file(diagnostics, run)

    monkeypatch.setattr("linter.reporters.text.render_file", counting)
    code, out, _err = lint(capsys, "--jobs", "1", str(tmp_path))
    assert code == 1 and "in 12 of 12 files" in out
    written = [n for n, _live in alive if n]
    assert len(written) == 12 and len(set(written)) == 1
    assert max(live for _n, live in alive) <= 2 * written[0], alive


def test_a_kept_finding_holds_nothing_it_no_longer_needs():
    """What a report built whole (JSON, SARIF, …) keeps of a finding: no span into the model, no
    fix edits, and plain text where no English rendering is needed any more (only a finding
    without context is fingerprinted by its English message)."""
    from linter.parallel import Task, check_task
    from linter.registry import select_rules
    from linter.settings import Settings

    path = FIXTURES / "fn-wrong.docx"
    found, _text = check_task(Task(display=str(path), settings=Settings(), codes=[r.code for r in select_rules(None)], path=str(path)))
    fixes = [d.fix for d in found if d.fix is not None]
    assert found and fixes
    assert all(d.span is None for d in found)
    assert all(f.edits == [] and type(f.message) is str for f in fixes)
    assert all(type(d.message) is str for d in found if d.context)
