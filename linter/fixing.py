"""Applying fixes, as ruff's fix loop: choose, write, read back, check again, until nothing changes.

Each pass takes the applicable fixes in reading order and skips one whose edits overlap an edit
already taken (the next pass finds it again if it still applies). A pass that makes the document
worse (more findings than before, or one that cannot be read back) is thrown away, and the file is
kept as it was before that pass.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from linter.diagnostics import Diagnostic, Edit, EditError, story_place, visible
from linter.i18n import _
from linter.model import Document
from linter.stopping import may_write
from linter.formats.write import Revisions, write_fixes

MAX_PASSES = 10


@dataclass
class FixOutcome:
    """What fixing one file gave: the new bytes (None: unchanged), how many fixes were applied,
    what is left, and what the drafter should know (refused edits, a pass thrown away)."""

    data: bytes | None
    fixed: int = 0
    remaining: list[Diagnostic] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    #: The visible text before any fix (``diff``), for :func:`visible_diff`: the text, not the
    #: model, so that a model is released as soon as the next pass is written.
    before: VisibleText | None = None
    after: Document | None = None
    #: The findings before any fix (what still stands if the result is not written).
    initial: list[Diagnostic] = field(default_factory=list)


def wanted(d: Diagnostic, unsafe: bool) -> bool:
    fix = d.fix
    return fix is not None and fix.applicable and (fix.applicability == "safe" or (unsafe and fix.applicability == "unsafe"))


def _overlap(a: Edit, b: Edit) -> bool:
    if a.kind != "replace" or b.kind != "replace":
        return a.target is not None and a.target is b.target
    if a.span is None or b.span is None or a.span.paragraph is not b.span.paragraph:
        return False
    (s1, e1), (s2, e2) = (a.span.start, a.span.end), (b.span.start, b.span.end)
    if s1 == e1 and s2 == e2:
        return s1 == s2  # two insertions at one place: their order would be a guess
    # An insertion at either edge of a span replaced by new text touches that text: CO003 writing
    # "Zie voetnoot 6." over a note's text and FN010 adding "." after it would give "6..". The
    # later one waits for the next pass, which sees what the first one wrote. Beside a deletion
    # nothing can double up.
    if s1 == e1:
        return s2 <= s1 <= e2 if b.text else s2 < s1 < e2
    if s2 == e2:
        return s1 <= s2 <= e1 if a.text else s1 < s2 < e1
    return s1 < e2 and s2 < e1


def choose(diagnostics: list[Diagnostic], unsafe: bool) -> tuple[list[list[Edit]], list[str]]:
    """The fixes to apply in one pass, each as its smallest edits, none overlapping another."""
    taken = _TakenEdits()
    fixes: list[list[Edit]] = []
    refused: list[str] = []
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        if not wanted(d, unsafe):
            continue
        try:
            edits = [small for edit in d.fix.edits for small in edit.smallest()]
        except EditError as exc:
            refused.append(_("{code}: {problem}; not applied", code=d.code, problem=exc))
            continue
        if not edits or any(_overlap(e, t) for e in edits for t in taken.near(e)):
            continue
        taken.extend(edits)
        fixes.append(edits)
    return fixes, refused


class _TakenEdits:
    """The edits chosen so far, found by what _overlap compares: the same target, or (two
    replacements) the same paragraph. Comparing each new edit with every earlier one made choosing
    a thousand fixes quadratic."""

    def __init__(self):
        self.by_target: dict[int, list[Edit]] = {}
        self.by_paragraph: dict[int, list[Edit]] = {}

    def extend(self, edits: list[Edit]) -> None:
        for edit in edits:
            if edit.target is not None:
                self.by_target.setdefault(id(edit.target), []).append(edit)
            if edit.kind == "replace" and edit.span is not None:
                self.by_paragraph.setdefault(id(edit.span.paragraph), []).append(edit)

    def near(self, edit: Edit) -> list[Edit]:
        """Every taken edit that _overlap(edit, it) can be true for (and perhaps some more)."""
        out: list[Edit] = []
        if edit.target is not None:
            out += self.by_target.get(id(edit.target), ())
        if edit.kind == "replace" and edit.span is not None:
            out += self.by_paragraph.get(id(edit.span.paragraph), ())
        return out


def fix_data(data: bytes, display: str, settings, lint, unsafe: bool = False, revisions: Revisions | None = None,
             diff: bool = False) -> FixOutcome:
    """Fix one file's bytes. ``lint(doc)`` gives the findings for a document (the caller decides
    which rules and ignores apply); ``diff``: keep the text before the fixes for visible_diff.
    Each pass's model is released before the next is read, so that fixing a large letter holds
    one model at a time (and the writer's copy of the parts it changes), not two."""
    from linter import engine

    doc = engine.read_data(data, display, settings)
    if isinstance(doc, Diagnostic):
        return FixOutcome(None, remaining=[doc], initial=[doc])
    found = lint(doc)
    outcome = FixOutcome(None, remaining=found, before=visible_texts(doc) if diff else None, after=doc, initial=found)
    current = data
    # Tracked changes are written once: the next reading sees the revisions, not the result.
    passes = 1 if revisions is not None else MAX_PASSES
    for number in range(1, passes + 1):
        fixes, refused = choose(found, unsafe)
        _note(outcome, refused)
        if not fixes:
            break
        try:
            written = write_fixes(doc, current, fixes, revisions)
        except Exception as exc:  # a writer bug must not cost the drafter the file or the report
            if os.environ.get("KAMERLINT_DEBUG"):
                raise
            _note(outcome, [_("kamerlint failed while writing the fixes ({error}); this pass was not written. Please report this with the file if you can.", error=type(exc).__name__)])
            break
        _note(outcome, written.refused)
        if not written.applied or written.data is None or written.data == current:
            break
        # The findings so far are located and counted: the model they came from is let go
        # before the next is read (read again from ``current`` if this pass is thrown away).
        doc.release()
        new_doc = engine.read_data(written.data, display, settings)
        if isinstance(new_doc, Diagnostic):
            _note(outcome, [_("pass {number} of the fixes gave a file that cannot be read back ({problem}); it was not written", number=number, problem=new_doc.message)])
            outcome.after = engine.read_data(current, display, settings)
            break
        new_found = lint(new_doc)
        if _worse(found, new_found, revisions is not None):
            _note(outcome, [_("pass {number} of the fixes would leave more findings than before; it was not written", number=number)])
            new_doc.release()
            outcome.after = engine.read_data(current, display, settings)
            break
        outcome.fixed += written.applied
        current, doc, found = written.data, new_doc, new_found
        outcome.after, outcome.remaining = doc, found
    else:
        if revisions is None and choose(found, unsafe)[0]:
            _note(outcome, [_("fixes still apply after {passes} passes; run --fix again", passes=MAX_PASSES)])
    outcome.data = current if current is not data else None
    return outcome


def _worse(before: list[Diagnostic], after: list[Diagnostic], tracked: bool) -> bool:
    def count(found: list[Diagnostic]) -> int:
        # Revisions are what --track-changes is for: they are not new problems.
        return sum(1 for d in found if not (tracked and d.code == "DR001"))

    if any(d.code.startswith("IO") for d in after) and not any(d.code.startswith("IO") for d in before):
        return True
    return count(after) > count(before)


def _note(outcome: FixOutcome, messages: list[str]) -> None:
    for m in messages:
        if m not in outcome.messages:
            outcome.messages.append(m)


def story_label(doc: Document, index: int) -> str:
    story = doc.stories[index]
    if story.part and story.note is None and story.text_box is None:
        return _("{story} ({part})", story=story_place(story), part=story.part)
    return story_place(story)


#: What --diff compares: each story's label and lines of visible text, and the bookmarks' lines.
VisibleText = tuple[list[tuple[str, list[str]]], list[str]]


def visible_texts(doc: Document) -> VisibleText:
    """The visible text story by story (a note marker shows as ``[*]``) and the bookmarks: what a
    diff needs of a model, kept instead of the model."""
    stories = [(story_label(doc, i), [visible(p.text) + "\n" for p in story.paragraphs]) for i, story in enumerate(doc.stories)]
    return stories, bookmark_lines(doc)


def visible_diff(display: str, before: VisibleText, after: Document) -> str:
    """Every change a fix made, as a unified diff from the text before the fixes
    (:func:`visible_texts`) to the fixed model: the visible text story by story, then what is no
    text (the bookmarks, one line each), so that a fix that only removes bookmarks shows too."""
    (old_stories, old_marks), (new_stories, new_marks) = before, visible_texts(after)
    out: list[str] = []
    for (label, old_lines), (_label, new_lines) in zip(old_stories, new_stories):
        if old_lines == new_lines:
            continue
        out.extend(difflib.unified_diff(old_lines, new_lines, f"{display} ({label})", f"{display} (" + _("{place}, fixed", place=label) + ")"))
    if old_marks != new_marks:
        label = _("bookmarks")
        out.extend(difflib.unified_diff(old_marks, new_marks, f"{display} ({label})", f"{display} (" + _("{place}, fixed", place=label) + ")", n=0))
    return "".join(out)


def bookmark_lines(doc: Document) -> list[str]:
    """The document's bookmarks as lines of a diff: name and where each starts."""
    indexes = {id(story): i for i, story in enumerate(doc.stories)}
    lines = []
    for bookmark in doc.bookmarks:
        start = bookmark.start
        if start is None:
            lines.append(_("bookmark {name}", name=bookmark.name) + "\n")
            continue
        para = start.paragraph
        index = indexes.get(id(para.story))
        place = story_label(doc, index) if index is not None else para.story.kind
        lines.append(_("bookmark {name} ({place} ¶{paragraph})", name=bookmark.name, place=place, paragraph=para.index) + "\n")
    return lines


# -- writing the result ----------------------------------------------------------------------------

#: Formats whose editors leave a lock file beside a document they hold open.
PACKAGE_SUFFIXES = (".docx", ".docm", ".odt")


def lock_file(path: Path) -> Path | None:
    """Word's owner file (``~$`` and the name, its first two letters dropped when it is long) or
    LibreOffice's ``.~lock.NAME#``, if one is beside ``path``."""
    name = path.name
    for candidate in (f"~${name}", f"~${name[1:]}", f"~${name[2:]}", f".~lock.{name}#"):
        lock = path.with_name(candidate)
        if lock.exists():
            return lock
    return None


def write_back(path: Path, original: bytes, new: bytes) -> str | None:
    """Replace the file with ``new`` atomically, keeping its permissions; None when written, or
    why it was not. The file is left alone if it changed since it was read or an editor holds it.
    Another kamerlint run fixing the same file waits for this one's write (an advisory lock on the
    file, see :func:`locked`), then finds the file changed and says so: one run's fixes are never
    written over the other's in silence."""
    real = Path(os.path.realpath(path))
    if real.suffix.lower() in PACKAGE_SUFFIXES:
        lock = lock_file(real)
        if lock is not None:
            return _("not written: {lock} beside it says the document is open in an editor; close it and run --fix again", lock=lock.name)
    try:
        with locked(real):
            return _replace(real, original, new)
    except OSError as exc:
        return _("not written: the file cannot be read again ({error})", error=exc.strerror or exc)


@contextlib.contextmanager
def locked(path: Path):
    """Hold an exclusive advisory lock (flock) on the file now at ``path``. A run that took the
    lock on a file another run has since replaced holds the old file: it looks again, so that the
    check "unchanged since read" and the replacement are one step for every kamerlint run. Where
    there is no flock (Windows), no lock."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    for _attempt in range(100):
        fd = os.open(path, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            held, now = os.fstat(fd), os.stat(path)
            if (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino):
                yield
                return
        finally:
            os.close(fd)  # releases the lock
    raise OSError(_("another program keeps replacing it"))


def _replace(real: Path, original: bytes, new: bytes) -> str | None:
    try:
        if real.read_bytes() != original:
            return _("not written: the file changed on disk while kamerlint was checking it; run --fix again")
        st = real.stat()
        folder = os.stat(real.parent)
    except OSError as exc:
        return _("not written: the file cannot be read again ({error})", error=exc.strerror or exc)
    if not st.st_mode & 0o222 or not os.access(real, os.W_OK):
        return _("not written: the file is read-only")
    if not folder.st_mode & 0o222 or not os.access(real.parent, os.W_OK | os.X_OK):
        return _("not written: its folder is read-only, so the file cannot be replaced safely")
    try:
        fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".kamerlint-tmp")
    except OSError as exc:
        return _("not written: no temporary file can be made beside it ({error})", error=exc.strerror or exc)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(new)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        may_write()
        os.replace(tmp, real)
    except BaseException as exc:  # a full disk, or Ctrl-C / kill (linter.stopping): no copy left behind
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if not isinstance(exc, OSError):
            raise
        return _("not written: {error}", error=exc.strerror or exc)
    return None
