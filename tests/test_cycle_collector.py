"""The cycle collector is paused while a file is read and checked (linter.parallel.check_task),
and left as it was found; only a process that ends after the run (the console script) hands its
last model to the exit (gc.freeze). Used as a library, a run frees every model it built."""

from __future__ import annotations

import gc
import weakref

import pytest

from conftest import FIXTURES, SEED_COPY as SEED

from linter import cli, parallel
from linter.cli import main
from linter.engine import read_path
from linter.settings import Settings


@pytest.fixture
def models(monkeypatch):
    """Weak references to every document model a run reads."""
    seen = []
    original = parallel.read

    def recording(task):
        doc = original(task)
        seen.append(weakref.ref(doc))
        return doc

    monkeypatch.setattr(parallel, "read", recording)
    return seen


@pytest.mark.parametrize("enabled", [True, False])
def test_a_check_leaves_the_collector_as_it_found_it(enabled):
    task = parallel.Task(display=str(SEED), settings=Settings(), codes=["FN001", "KS001"], path=str(SEED))
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        found, _ = parallel.check_task(task)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
    assert found


def test_a_run_in_process_frees_every_model_and_freezes_nothing(models, capsys):
    letter = FIXTURES / "kamerbrief-diaspora.docx"
    frozen = gc.get_freeze_count()
    main(["--isolated", "--jobs", "1", str(letter), str(SEED)])
    capsys.readouterr()
    assert len(models) == 2
    assert all(ref() is None for ref in models), "a model outlived the run without a collection"
    assert gc.get_freeze_count() == frozen
    assert gc.isenabled()
    assert cli.EXIT_AFTER_RUN is False  # only console_main's process leaves a model to the exit


def test_a_released_model_is_freed_by_reference_counting_alone():
    doc = read_path(SEED, str(SEED), Settings())
    ref = weakref.ref(doc)
    was = gc.isenabled()
    gc.disable()
    try:
        doc.release()
        del doc
        assert ref() is None
    finally:
        if was:
            gc.enable()
