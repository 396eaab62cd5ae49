"""Shared test helpers: lint a text draft or bytes, and the paths of the shared material."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from linter.engine import lint_bytes
from linter.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "kamerbrief-diaspora.txt"
#: The seed as the repository keeps it, byte for byte (tests/test_fixtures.py checks): for tests
#: that must also run on a clone without ../shared, as the README promises.
SEED_COPY = FIXTURES / "kamerbrief-diaspora.txt"
CORPUS = SHARED / "corpus" / "public"

# Verification reads the user's look-up cache by default; tests must not depend on what is there.
os.environ["KAMERLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="kamerlint-test-cache-")
# Nor may a test ask the real publisher or the Kamer's open data: a test that looks up serves them.
os.environ["KAMERLINT_VERIFY_URL"] = os.environ["KAMERLINT_OPENDATA_URL"] = "http://127.0.0.1:9"
# The suite speaks English on a Dutch machine too; tests of the language choice set their own.
os.environ["KAMERLINT_LANG"] = "en"


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A test that runs the command line in Dutch leaves the next one in English."""
    yield
    from linter.i18n import set_language

    set_language("en")

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


#: Python source of ``peak_memory()``, for a measuring child process: its own peak resident
#: memory in bytes. VmHWM, not ru_maxrss: Linux carries the parent's peak into a child's
#: ru_maxrss across fork and exec, so a child of a large pytest process would report pytest's.
PEAK_MEMORY = """
def peak_memory():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource, sys
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
"""


# -- tests that must not be skipped in CI --------------------------------------------------------------

#: Test files whose skips are failures in CI (CI=true, which .ci/run sets): CI installs the tools
#: they need, so a skip there would mean a test that silently never runs.
MUST_RUN_IN_CI = {"test_precommit.py", "test_ci_templates.py", "test_findings_unchanged.py", "test_fresh_clone.py", "test_serve_api.py", "test_serve_clients.py"}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1")


def _skip_is_failure(path: Path, report) -> bool:
    return report.skipped and in_ci() and path.name in MUST_RUN_IN_CI and not hasattr(report, "wasxfail")


def _as_failure(report) -> None:
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    reason = reason.removeprefix("Skipped: ")
    report.outcome = "failed"
    report.longrepr = f"skipped in CI, where this test must run (CI=true): {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if _skip_is_failure(item.path, report):
        _as_failure(report)


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    report = outcome.get_result()
    if isinstance(collector, pytest.Module) and _skip_is_failure(collector.path, report):
        _as_failure(report)


# -- this working tree as a repository a user would install from -------------------------------------

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "kamerlint tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "kamerlint tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
}


def snapshot_repo(dest: Path) -> str:
    """A git repository at ``dest`` holding this working tree (tracked and new files, as they are
    now) in one commit, and that commit's hash: what a user clones and pins, without the changes
    under test having to be committed first."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    for name in filter(None, listed.decode("utf-8").split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree is left out
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    env = {**os.environ, **GIT_IDENTITY}
    for args in (["init", "-q", "."], ["add", "-A"], ["commit", "-q", "--no-verify", "-m", "snapshot"]):
        subprocess.run(["git", *args], cwd=dest, env=env, capture_output=True, check=True)
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=dest, capture_output=True, check=True, text=True).stdout.strip()
