"""Suppressing findings: baselines, and inline ignore comments in text drafts.

A Word document cannot carry ``noqa`` comments, so the main tool is a baseline: a JSON file of
today's findings, after which only new ones are reported. An entry is keyed by path, code and a
fingerprint of the normalised text around the finding, never by paragraph or note number, so that
it survives re-saving in Word, paragraphs moving and notes being renumbered.

Text drafts (Tika exports, Markdown) may also carry ``<!-- kamerlint: ignore KS001 -->`` in the
paragraph before the finding (or at the start of its own paragraph), and
``<!-- kamerlint: ignore-file KS001 -->`` anywhere for the whole file. The comments are read from
the document model, so readers stay unaware of rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

from linter.diagnostics import Diagnostic
from linter.i18n import _, english
from linter.lazy import LazyPattern
from linter.model import Document, Paragraph, Value

BASELINE_VERSION = 1

# -- fingerprints ------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Text as it survives re-saving and re-exporting: NFC, one space for any run of white space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def fingerprint(d: Diagnostic) -> str:
    """A stable id for a finding within its file: code plus the text around it. A finding about
    the whole file (no context) is keyed by its message instead, in English whatever the
    language of the run (so a baseline written in English matches a Dutch run, and older ones)."""
    import hashlib  # here: only a run with a baseline takes fingerprints

    basis = normalise(d.context) if d.context else "file:" + normalise(english(d.message))
    return hashlib.sha256(f"{d.code}\0{basis}".encode("utf-8")).hexdigest()[:20]


def baseline_path_key(path: str, folder: Path) -> str:
    """A checked file's name as stored in a baseline: relative to the baseline's folder, with
    forward slashes, so that the baseline works from any working folder and on any system."""
    if path == "-" or not path:
        return path
    absolute = Path(path).resolve()
    try:
        return absolute.relative_to(folder.resolve()).as_posix()
    except ValueError:
        return absolute.as_posix()


# -- baselines ---------------------------------------------------------------------------------


class BaselineError(Exception):
    pass


class Baseline(Value):
    __slots__ = ("path", "counts")

    def __init__(self, path: Path, counts: Counter | None = None):
        self.path = path
        #: (path key, code, fingerprint) -> how many findings it stands for.
        self.counts = Counter() if counts is None else counts

    def key(self, d: Diagnostic) -> tuple[str, str, str]:
        return (baseline_path_key(d.path, self.path.parent), d.code, fingerprint(d))

    def filter(self, diagnostics: list[Diagnostic], checked: list[str]) -> tuple[list[Diagnostic], int]:
        """The findings not in the baseline, and how many entries for the checked files matched
        nothing (they can be dropped from the baseline)."""
        matching = self.matching()
        return matching.new(diagnostics), matching.stale(checked)

    def matching(self) -> "Matching":
        """A filter for findings given a file at a time, in report order (a streamed report)."""
        return Matching(self)


class Matching:
    """The baseline's entries not yet matched by a finding: each finding matches at most one."""

    __slots__ = ("baseline", "left")

    def __init__(self, baseline: Baseline):
        self.baseline = baseline
        self.left = Counter(baseline.counts)

    def new(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """The findings no entry stands for."""
        out: list[Diagnostic] = []
        for d in diagnostics:
            k = self.baseline.key(d)
            if self.left[k] > 0:
                self.left[k] -= 1
            else:
                out.append(d)
        return out

    def stale(self, checked: list[str]) -> int:
        """How many entries for the checked files matched nothing."""
        checked_keys = {baseline_path_key(p, self.baseline.path.parent) for p in checked}
        return sum(n for (p, _, _), n in self.left.items() if n > 0 and p in checked_keys)


def write_baseline(path: Path, diagnostics: list[Diagnostic]) -> int:
    """Record the findings; returns how many. Message and excerpt are kept for people reading
    the file; only path, code and fingerprint are compared."""
    import json

    b = Baseline(path)
    entries: dict[tuple[str, str, str], dict] = {}
    for d in diagnostics:
        k = b.key(d)
        if k in entries:
            entries[k]["count"] += 1
            continue
        entries[k] = {"path": k[0], "code": k[1], "fingerprint": k[2], "count": 1, "message": d.message, "excerpt": d.excerpt}
    data = {"kamerlint-baseline": BASELINE_VERSION, "findings": list(entries.values())}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(diagnostics)


def read_baseline(path: Path) -> Baseline:
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(_("baseline {file} does not exist; make it with --write-baseline {file}", file=path)) from None
    except (OSError, ValueError) as exc:
        raise BaselineError(_("baseline {file} cannot be read: {error}", file=path, error=exc)) from None
    if not isinstance(data, dict) or data.get("kamerlint-baseline") != BASELINE_VERSION or not isinstance(data.get("findings"), list):
        raise BaselineError(_("{file} is not a kamerlint baseline (version {version}); write it again with --write-baseline", file=path, version=BASELINE_VERSION))
    b = Baseline(path)
    for entry in data["findings"]:
        try:
            b.counts[(entry["path"], entry["code"], entry["fingerprint"])] += int(entry.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise BaselineError(_("{file}: an entry lacks path, code or fingerprint: {entry}", file=path, entry=repr(entry))) from None
    return b


# -- inline ignore comments --------------------------------------------------------------------

IGNORE_COMMENT = LazyPattern(r"<!--\s*kamerlint:\s*(ignore-file|ignore)\b([^>]*?)-->", re.IGNORECASE)
ONLY_COMMENTS = LazyPattern(r"\s*(?:<!--.*?-->\s*)+", re.DOTALL)
ALL = "ALL"


def _codes_in(text: str, kind: str) -> set[str]:
    """Codes named in the comments of ``kind`` in ``text``; ``ALL`` for a comment without codes."""
    out: set[str] = set()
    for m in IGNORE_COMMENT.finditer(text):
        if m.group(1).lower() != kind:
            continue
        codes = [c.upper() for c in re.split(r"[\s,]+", m.group(2)) if c]
        out.update(codes or [ALL])
    return out


def _covers(codes: set[str], code: str) -> bool:
    return any(c == ALL or code.startswith(c) for c in codes)


def _anchor(para: Paragraph) -> Paragraph:
    """The body paragraph a finding belongs to: a note's findings belong to the paragraph that
    references the note (in a Tika export the note text follows that paragraph)."""
    note = para.story.note
    if note is not None and note.references:
        return note.references[0].paragraph
    return para


def _codes_before(para: Paragraph) -> set[str]:
    """Ignore comments at the start of ``para`` and in the comment-only paragraphs right above it."""
    codes: set[str] = set()
    lead = re.match(r"\s*(?:<!--.*?-->\s*)+", para.text)
    if lead:
        codes |= _codes_in(lead.group(), "ignore")
    paragraphs = para.story.paragraphs
    i = para.index - 2
    while i >= 0:
        text = paragraphs[i].text
        if text.strip():
            if not ONLY_COMMENTS.fullmatch(text):
                break
            codes |= _codes_in(text, "ignore")
        i -= 1
    return codes


def apply_inline_ignores(diagnostics: list[Diagnostic], doc: Document) -> list[Diagnostic]:
    """Drop findings that an ignore comment covers. Needs the spans, so it runs before they are
    dropped for the trip back from a worker process."""
    # Paragraph by paragraph: joining a long letter's text first costs more than the tests.
    if not any("<!--" in p.text for p in doc.paragraphs("body")):
        return diagnostics
    whole_file: set[str] = set()
    for p in doc.paragraphs("body"):
        if "<!--" in p.text:
            whole_file |= _codes_in(p.text, "ignore-file")
    kept: list[Diagnostic] = []
    for d in diagnostics:
        if _covers(whole_file, d.code):
            continue
        if d.span is not None and _covers(_codes_before(_anchor(d.span.paragraph)), d.code):
            continue
        kept.append(d)
    return kept
