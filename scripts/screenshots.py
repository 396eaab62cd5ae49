"""Make the README's screenshot of the HTML report: docs/img/html-report.png.

    python scripts/screenshots.py

Lints the seed letter (fixtures/kamerbrief-diaspora.docx) with ``--output-format html`` and
photographs the page in headless Chromium (Debian's ``chromium``). The test of the HTML report
starts Chromium the same way (:func:`chromium_command`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = "fixtures/kamerbrief-diaspora.docx"
OUT = ROOT / "docs" / "img" / "html-report.png"
#: Wide enough for the text and the cards beside it; tall enough for the summary and the first
#: paragraphs with their findings.
WINDOW = "1200,1500"


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def chromium_command(chromium: str, page: Path, profile: Path, *extra: str) -> list[str]:
    """Headless, offline, with a fresh profile, console messages logged to standard error."""
    return [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
        f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--hide-scrollbars",
        "--force-device-scale-factor=1", *extra, page.as_uri(),
    ]  # fmt: skip


def main() -> int:
    chromium = find_chromium()
    if chromium is None:
        print("screenshots: Chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    lint = subprocess.run([sys.executable, "-m", "linter.cli", "--output-format", "html", SEED], cwd=ROOT, capture_output=True)
    if lint.returncode not in (0, 1):
        sys.stderr.write(lint.stderr.decode("utf-8", "replace"))
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_bytes(lint.stdout)
        shot = Path(tmp) / "shot.png"
        command = chromium_command(chromium, page, Path(tmp) / "profile", f"--screenshot={shot}", f"--window-size={WINDOW}")
        subprocess.run(command, capture_output=True, timeout=120, check=True)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, OUT)
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
