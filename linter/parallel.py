"""Checking many files: one task a file, in worker processes when there are several files.

Results come back in the order of the tasks, so that output is identical to a serial run. A
diagnostic's span and fix edits point into the document model (lxml nodes in a .docx) and cannot
be pickled; workers drop them after the engine has filled in the located fields reporters use.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from linter.diagnostics import Diagnostic
from linter.settings import Settings

#: Below this many files a pool costs more than it saves (pre-commit runs often pass one file).
MIN_FILES_FOR_POOL = 2
#: A progress bar only for runs this long, and only when standard error is a terminal.
MIN_FILES_FOR_PROGRESS = 20


@dataclass
class Task:
    """One file to check, with everything needed to check it in another process."""

    display: str
    settings: Settings
    codes: list[str]
    #: Codes and prefixes switched off for this file by per-file-ignores.
    ignored: list[str] = field(default_factory=list)
    path: str | None = None
    #: Standard input's bytes, when the file is ``-``.
    data: bytes | None = None


def check(task: Task) -> list[Diagnostic]:
    """Read and check one file; the located, sorted findings, with spans still attached."""
    from linter import engine
    from linter.baseline import apply_inline_ignores
    from linter.registry import get_rule

    rules = [r for r in (get_rule(c) for c in task.codes) if r is not None]
    if task.data is not None:
        doc = engine.read_data(task.data, task.display, task.settings)
    else:
        doc = engine.read_path(Path(task.path or task.display), task.display, task.settings)
    not_verified = 0
    if isinstance(doc, Diagnostic):
        found = [doc] if doc.code in task.codes else []
    else:
        checked = engine.check_document(doc, task.display, task.settings, rules)
        not_verified = checked.not_verified
        found = apply_inline_ignores(checked, doc)
    if task.ignored:
        found = [d for d in found if not any(d.code.startswith(c) for c in task.ignored)]
    return engine.Findings(found, not_verified)


def strip(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drop what cannot cross a process boundary, keeping everything the reporters read."""
    for d in diagnostics:  # in place: the list keeps its not_verified count
        d.span = None
        if d.fix is not None:
            d.fix.edits = []
    return diagnostics


def check_in_worker(task: Task) -> list[Diagnostic]:
    return strip(check(task))


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Progress:
    """``Checked 12 of 40 files`` on one line of standard error, rewritten in place."""

    def __init__(self, total: int, stream=None):
        self.total = total
        self.stream = stream or sys.stderr
        self.done = 0
        self.enabled = total >= MIN_FILES_FOR_PROGRESS and self.stream.isatty()
        self.last = 0.0

    def step(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < 0.1 and self.done < self.total:
            return
        self.last = now
        width = 30
        filled = width * self.done // self.total
        self.stream.write(f"\r[{'#' * filled}{' ' * (width - filled)}] checked {self.done} of {self.total} files")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()


def run(tasks: list[Task], jobs: int, progress: Progress | None = None) -> list[list[Diagnostic]]:
    """Findings per task, in task order."""
    progress = progress or Progress(len(tasks))
    try:
        if jobs <= 1 or len(tasks) < MIN_FILES_FOR_POOL or any(t.data is not None for t in tasks):
            results = []
            for task in tasks:
                results.append(check(task))
                progress.step()
            return results
        return _run_pool(tasks, min(jobs, len(tasks)), progress)
    finally:
        progress.close()


def _run_pool(tasks: list[Task], jobs: int, progress: Progress) -> list[list[Diagnostic]]:
    # Imported here: multiprocessing costs start-up time a one-file pre-commit run need not pay.
    from concurrent.futures import ProcessPoolExecutor, as_completed

    results: list[list[Diagnostic] | None] = [None] * len(tasks)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(check_in_worker, task): i for i, task in enumerate(tasks)}
        for future in as_completed(futures):
            i = futures[future]
            try:
                results[i] = future.result()
            except Exception:
                # A worker that died (or a result that would not pickle) must not lose the file:
                # check it again here, where a failure is reported as an IO005 finding.
                results[i] = strip(check(tasks[i]))
            progress.step()
    return [r if r is not None else [] for r in results]
