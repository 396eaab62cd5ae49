"""Make the README's screenshots: docs/img/html-report.png and docs/img/annotated-letter.png.

    python scripts/screenshots.py

Lints the seed letter (fixtures/kamerbrief-diaspora.docx) with ``--output-format html`` and
photographs the page in headless Chromium (Debian's ``chromium``). The test of the HTML report
starts Chromium the same way (:func:`chromium_command`). Then annotates the seed letter
(``--annotate``), prints the copy to PDF with LibreOffice (comments in the margin) and turns its
first page into a PNG with ``pdftoppm`` (Debian's poppler-utils).
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
ANNOTATED_OUT = ROOT / "docs" / "img" / "annotated-letter.png"
#: Asks LibreOffice's PDF export to print the comments beside the page. LibreOffice 7.4.7 (Debian 12)
#: does not know the option (it is not in its configuration) and ignores it: its PDF carries the
#: comments as PDF annotations, which pdftoppm draws as a comment mark where each one sits.
PDF_WITH_COMMENTS = 'pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"}}'


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def chromium_command(chromium: str, page: Path, profile: Path, *extra: str) -> list[str]:
    """Headless, offline, with a fresh profile, console messages logged to standard error."""
    return [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
        f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--hide-scrollbars",
        "--force-device-scale-factor=1", *extra, page.as_uri(),
    ]  # fmt: skip


def annotated_letter() -> int:
    """docs/img/annotated-letter.png: the first page of the seed letter's annotated copy as
    LibreOffice prints it, the comments in the margin."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        print("screenshots: LibreOffice and pdftoppm are needed (apt-get install libreoffice-writer poppler-utils)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        letter = Path(tmp) / Path(SEED).name
        shutil.copyfile(ROOT / SEED, letter)
        lint = subprocess.run([sys.executable, "-m", "linter.cli", "--isolated", "-q", "--annotate", str(letter)], cwd=ROOT, capture_output=True)
        copy = letter.with_name(letter.stem + ".kamerlint.docx")
        if lint.returncode not in (0, 1) or not copy.exists():
            sys.stderr.write(lint.stderr.decode("utf-8", "replace"))
            return 2
        profile = (Path(tmp) / "profile").as_uri()
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", PDF_WITH_COMMENTS, "--outdir", tmp, str(copy)],
            capture_output=True, timeout=180, check=True,
        )  # fmt: skip
        pdf = copy.with_suffix(".pdf")
        subprocess.run([pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(Path(tmp) / "page")], check=True, timeout=60)
        ANNOTATED_OUT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(tmp) / "page.png", ANNOTATED_OUT)
    print(f"wrote {ANNOTATED_OUT.relative_to(ROOT)} ({ANNOTATED_OUT.stat().st_size // 1024} KB)")
    return 0


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
    return annotated_letter()


if __name__ == "__main__":
    raise SystemExit(main())
