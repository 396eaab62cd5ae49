"""--jobs: parallel runs print exactly what serial runs print; no progress bar unless a terminal."""

from __future__ import annotations

import io
import pickle
import shutil
import subprocess
import sys

import pytest

from conftest import CORPUS, ROOT, SEED, needs_shared
from linter.parallel import Progress, Task, check, run, strip
from linter.settings import Settings

pytestmark = needs_shared


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Many documents: the public corpus (Word files from other producers, damaged ones among
    them) and a few copies of the seed letter."""
    root = tmp_path_factory.mktemp("many")
    shutil.copytree(CORPUS, root / "corpus")
    for i in range(5):
        shutil.copy(SEED, root / f"brief-{i}.txt")
    return root


def lint(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "linter.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.parametrize("fmt", ["full", "json", "sarif"])
def test_jobs_2_prints_what_jobs_1_prints(folder, fmt):
    serial = lint(str(folder), "--jobs", "1", "--output-format", fmt)
    parallel = lint(str(folder), "--jobs", "2", "--output-format", fmt)
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout and serial.stdout == parallel.stdout
    # Not a terminal: no progress bar, nothing on standard error.
    assert parallel.stderr == ""


def test_statistics_are_the_same_in_parallel(folder):
    serial = lint(str(folder), "--jobs", "1", "--statistics")
    parallel = lint(str(folder), "--jobs", "2", "--statistics")
    assert serial.stdout == parallel.stdout and "FN010" in serial.stdout


def test_results_cross_the_process_boundary():
    task = Task(display=str(SEED), settings=Settings(), codes=["FN010", "BM001"], path=str(SEED))
    found = strip(check(task))
    assert found
    again = pickle.loads(pickle.dumps(found))
    assert [(d.code, d.location, d.excerpt, d.context) for d in again] == [(d.code, d.location, d.excerpt, d.context) for d in found]
    pickle.dumps(strip(check(Task(display="x.docx", settings=Settings(), codes=["FN010"], path=str(CORPUS / "poi" / "integration__stress018.docx")))))


def test_run_keeps_task_order():
    tasks = [Task(display=f"{SEED}#{i}", settings=Settings(), codes=["FN010"] if i % 2 else ["BM001"], path=str(SEED)) for i in range(6)]
    results = run(tasks, jobs=2)
    assert [{d.code for d in r} for r in results] == [{"BM001"}, {"FN010"}] * 3
    assert all(d.path == t.display for r, t in zip(results, tasks) for d in r)


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_and_for_long_runs():
    quiet = io.StringIO()
    p = Progress(100, quiet)
    for _ in range(100):
        p.step()
    p.close()
    assert quiet.getvalue() == ""
    short = FakeTerminal()
    p = Progress(3, short)
    p.step()
    p.close()
    assert short.getvalue() == ""
    term = FakeTerminal()
    p = Progress(40, term)
    for _ in range(40):
        p.step()
    p.close()
    assert "checked 40 of 40 files" in term.getvalue() and term.getvalue().endswith("\r\033[K")


@pytest.mark.parametrize("name", ["kamerbrief-diaspora.docx", "odt/features.odt", "kamerbrief-diaspora.txt", "kamerbrief-diaspora.md"])
def test_a_released_model_is_freed_by_reference_counting(name):
    """Once its findings are located a file's model is released: none of its stories and
    paragraphs is left for the cyclic collector, which in a long serial run of many files comes
    ever later."""
    import gc

    from linter.model import Paragraph, Story
    from linter.parallel import findings, read, strip
    from linter.registry import select_rules

    path = ROOT / "fixtures" / name
    task = Task(display=str(path), settings=Settings(), codes=[r.code for r in select_rules(None)], path=str(path))
    doc = read(task)
    ours = {id(o) for story in doc.stories for o in (story, *story.paragraphs)}
    gc.collect()  # what reading left (a reader's own cycles), and other tests' garbage
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        found = strip(findings(task, doc))
        doc.release()
        del doc
        gc.collect()
        left = [o for o in gc.garbage if isinstance(o, (Story, Paragraph)) and id(o) in ours]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert found and left == []
