"""Ctrl-C and ``kill`` against real processes: a run of ``lint --fix --jobs 2`` stops at once,
finishes no file after the signal, leaves no temporary copy and no worker behind, prints no
traceback, and exits 130 (143 for SIGTERM). Ctrl-C is sent to the process group, as a terminal
does. The 2-second bound asserted here is the behaviour under test (a stop that waits for the rest
of the run is the bug), not a speed claim."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the workers")

SCRIPT = "import sys; from linter.cli import console_main; sys.argv[0] = 'lint'; console_main()"
LETTERS = 24
#: A letter whose check and fix take about a second: the run lasts far longer than the test waits.
LINES = 4000
STOP_BOUND = 2.0


def letter() -> bytes:
    lines = [f"Zie Kamerstuk {33000 + i}, nr. {i % 90 + 1} over punt {i}. Dit is een zin met wat tekst." for i in range(LINES)]
    return ("Geachte voorzitter,\n\n" + "\n".join(lines) + "\n").encode("utf-8")


@pytest.fixture(scope="module")
def original() -> bytes:
    return letter()


def fill(folder: Path, original: bytes) -> None:
    folder.mkdir(exist_ok=True)
    for path in folder.iterdir():
        path.unlink()
    for i in range(LETTERS):
        (folder / f"brief-{i:02d}.txt").write_bytes(original)


def start(folder: Path, *args: str) -> subprocess.Popen:
    """``lint --fix`` in a process group of its own, as a shell starts a job."""
    return subprocess.Popen(
        [sys.executable, "-c", SCRIPT, "--fix", *args, str(folder)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        env={**os.environ, "NO_COLOR": "1"},
    )


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(p) for p in task.read_text().split()]
        except OSError:
            pass
    return found


def group_members(pgid: int) -> list[int]:
    """Live processes (not zombies) of a process group."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, group = fields[0], int(fields[2])
        if group == pgid and state != "Z":
            found.append(int(stat.parent.name))
    return found


def wait_for_workers(process: subprocess.Popen, jobs: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while len(children(process.pid)) < jobs:
        assert process.poll() is None and time.monotonic() < deadline, "the run did not start its workers"
        time.sleep(0.02)


def changed(folder: Path, original: bytes) -> dict[str, int]:
    """The letters that were fixed, with their modification time (ns)."""
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.suffix == ".txt" and p.read_bytes() != original}


def stop(process: subprocess.Popen, how) -> tuple[float, int, str]:
    """Send the signal; seconds until the process ended, its exit code and standard error."""
    sent = time.monotonic()
    how(process)
    try:
        _, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("the run did not stop within a minute")
    return time.monotonic() - sent, process.returncode, err.decode("utf-8", "replace")


def ctrl_c(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGINT)  # what the terminal does: the whole foreground group


def assert_stopped_cleanly(folder: Path, original: bytes, process: subprocess.Popen, signal_time_ns: int) -> None:
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".")], "a temporary copy was left"
    # No worker outlives the run: the group is empty (give the kernel a moment to reap them).
    deadline = time.monotonic() + STOP_BOUND
    while group_members(process.pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert group_members(process.pid) == []
    fixed = changed(folder, original)
    # No file finished after the signal (50 ms for the kernel's coarse file clock).
    assert all(mtime <= signal_time_ns + 50_000_000 for mtime in fixed.values()), fixed
    time.sleep(0.3)
    assert changed(folder, original) == fixed, "letters were rewritten after the run had ended"


def test_ctrl_c_stops_a_parallel_fix_20_times_in_a_row(tmp_path, original):
    folder = tmp_path / "brieven"
    # Different moments: while the workers start, as they read, as they fix, as they write.
    delays = [0.05 * k for k in range(20)]
    for delay in delays:
        fill(folder, original)
        process = start(folder, "--jobs", "2")
        wait_for_workers(process, 2)
        time.sleep(delay)
        signal_time = time.time_ns()
        seconds, code, err = stop(process, ctrl_c)
        assert code == 130, (delay, err)
        assert "Traceback" not in err and "Error" not in err, err
        assert seconds < STOP_BOUND, f"stopped {seconds:.2f} s after Ctrl-C (delay {delay})"
        assert_stopped_cleanly(folder, original, process, signal_time)


def stopped_run(folder: Path, original: bytes, jobs: int, delay: float, how, started: bool = True) -> tuple[float, int, str]:
    """Start a fix of the folder, wait ``delay`` (after the workers started, if ``started``),
    signal it, and check that it stopped cleanly: the stop's seconds, exit code and stderr."""
    fill(folder, original)
    process = start(folder, "--jobs", str(jobs))
    if jobs > 1 and started:
        wait_for_workers(process, jobs)
    time.sleep(delay)
    signal_time = time.time_ns()
    seconds, code, err = stop(process, how)
    assert "Traceback" not in err, err
    assert seconds < STOP_BOUND
    assert_stopped_cleanly(folder, original, process, signal_time)
    return seconds, code, err


@pytest.mark.parametrize("delay", [0.0, 0.3, 1.5])
def test_ctrl_c_while_starting(tmp_path, original, delay):
    """Before the workers exist, while Python imports: the same clean stop."""
    _, code, err = stopped_run(tmp_path / "brieven", original, 2, delay, ctrl_c, started=False)
    assert code in (130, -signal.SIGINT), err  # before Python has set up its handler: the default action


def test_ctrl_c_stops_a_serial_fix(tmp_path, original):
    _, code, err = stopped_run(tmp_path / "brieven", original, 1, 1.5, ctrl_c)
    assert code == 130, err


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=["term", "int", "kill"])
def test_signal_to_the_main_process_alone_leaves_no_worker(tmp_path, original, sig):
    """``kill PID`` (or kill -INT, or kill -9) names the main process only: its workers must not
    go on checking and rewriting letters after it has gone."""
    _, code, err = stopped_run(tmp_path / "brieven", original, 2, 0.5, lambda p: os.kill(p.pid, sig))
    assert code == {signal.SIGTERM: 143, signal.SIGINT: 130, signal.SIGKILL: -signal.SIGKILL}[sig], err


def test_a_stopped_check_prints_no_report_and_no_traceback(tmp_path, original):
    """A plain check (no --fix) stops as promptly, streamed report or not."""
    folder = tmp_path / "brieven"
    fill(folder, original)
    for fmt in ("full", "json"):
        process = subprocess.Popen(
            [sys.executable, "-c", SCRIPT, "--jobs", "2", "--output-format", fmt, str(folder)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        )
        wait_for_workers(process, 2)
        time.sleep(0.5)
        seconds, code, err = stop(process, ctrl_c)
        assert code == 130 and "Traceback" not in err, err
        assert seconds < STOP_BOUND
