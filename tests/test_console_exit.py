"""The console scripts leave through ``console_main``, which skips the interpreter's teardown
(os._exit): what they print and the exit code must be exactly those of ``main``, for a clean run,
findings, a usage error and --version, and the report file must be complete."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import SEED

SCRIPT = "import sys; from linter.cli import console_main; sys.argv[0] = 'lint'; console_main()"


def run(entry: list[str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *entry, *args], capture_output=True, text=True, encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        [str(SEED)],
        ["--output-format", "json", str(SEED)],
        ["--select", "FN004", str(SEED)],
        ["--no-such-option"],
        ["rule", "FN001"],
    ],
    ids=["version", "findings", "json", "clean", "usage-error", "rule"],
)
def test_console_main_prints_and_exits_as_main_does(args):
    via_main = run(["-m", "linter.cli"], *args)
    via_console = run(["-c", SCRIPT], *args)
    assert via_console.returncode == via_main.returncode
    assert via_console.stdout == via_main.stdout
    assert via_console.stderr == via_main.stderr


def test_console_main_writes_the_whole_report_file(tmp_path):
    out = tmp_path / "report.json"
    done = run(["-c", SCRIPT], "--output-format", "json", "-o", str(out), str(SEED))
    assert done.returncode == 1
    assert out.read_text(encoding="utf-8") == run(["-m", "linter.cli"], "--output-format", "json", str(SEED)).stdout
