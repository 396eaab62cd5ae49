"""Corners that were quadratic: one paragraph of 20,000 reference lines (the citation finder
compared each candidate with every reference taken), a Markdown paragraph of 50,000 links (each
source offset looked through every segment before it). Each lookup is now a bisection, checked
here against the plain loop it replaced, and the growth is checked as a ratio: four times the
input must cost well under sixteen times the time (what quadratic growth gives; LINEAR); both
sizes are measured in this run, best of three."""

from __future__ import annotations

import random
import time

from linter.citations.find import _Taken, find_references
from linter.formats import read_document
from linter.limits import Limits
from linter.model import Paragraph, Segment, Story


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def growth(make, work, small: int) -> float:
    """How much longer ``work(make(4 * small))`` takes than ``work(make(small))``, with the cycle
    collector paused as a run pauses it (its passes over a growing heap are not the code's growth)."""
    from linter.formats import CycleCollectionPaused

    inputs = make(small), make(4 * small)
    with CycleCollectionPaused():
        return best_of(3, lambda: work(inputs[1])) / best_of(3, lambda: work(inputs[0]))


#: Linear growth gives 4; quadratic 16 (the old finder measured 21.7, source offsets more). The
#: bound leaves room for a loaded machine.
LINEAR = 10


# -- the citation finder ----------------------------------------------------------------------------


def test_taken_spans_answer_as_the_loop_did():
    rng = random.Random(26)
    for _ in range(300):
        taken, plain = _Taken(), []
        for _ in range(40):
            start = rng.randrange(0, 200)
            end = start + rng.choice([0, 1, 1, 2, 5, 12])
            expected = all(not (end > a and start < b) for a, b in plain)
            assert taken.free(start, end) == expected, (start, end, plain)
            if expected:
                taken.add(start, end)
                plain.append((start, end))


def reference_lines(n: int) -> tuple[str, frozenset[int]]:
    """One paragraph of ``n`` reference lines, as a text draft joins them."""
    lines = [f"Kamerstuk {33000 + i % 5000}, nr. {i % 90 + 1};" for i in range(n)]
    text = " ".join(lines)
    starts, at = [], 0
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    return text, frozenset(starts)


def test_a_paragraph_of_reference_lines_grows_linearly():
    text, starts = reference_lines(20_000)
    assert len(find_references(text, line_starts=starts)) == 20_000
    ratio = growth(lambda n: reference_lines(n), lambda made: find_references(made[0], line_starts=made[1]), 5_000)
    assert ratio < LINEAR, f"4 times the lines took {ratio:.1f} times as long"


# -- source offsets -------------------------------------------------------------------------------


def plain_source_offset(para: Paragraph, offset: int):
    """Paragraph.source_offset as it was: a loop over every segment."""
    for seg in para.segments:
        if seg.start <= offset < seg.end:
            return seg.offset if seg.length != seg.end - seg.start else seg.offset + (offset - seg.start)
    last = para.segments[-1]
    if offset >= last.end:
        return last.offset + last.length
    for seg in para.segments:
        if seg.start >= offset:
            return seg.offset
    return last.offset + last.length


def plain_source_end(para: Paragraph, end: int):
    for seg in para.segments:
        if seg.start < end <= seg.end:
            return seg.offset + seg.length if seg.length != seg.end - seg.start else seg.offset + (end - seg.start)
    return plain_source_offset(para, end)


def test_source_offsets_answer_as_the_loop_did():
    rng = random.Random(7)
    for _ in range(200):
        para = Paragraph(Story("body"), 1)
        at, source = 0, rng.randrange(0, 5)
        for _ in range(rng.randrange(1, 30)):
            at += rng.choice([0, 0, 1])  # now and then a gap
            width = rng.choice([0, 1, 1, 3, 8])
            length = width if rng.random() < 0.8 else width + rng.randrange(1, 20)  # atomic: a longer source
            para.segments.append(Segment(at, at + width, None, source, length))
            at += width
            source += length + rng.choice([0, 0, 2])
        para.text = "x" * at
        for offset in range(0, at + 3):
            assert para.source_offset(offset) == plain_source_offset(para, offset), offset
            if offset > 0:
                assert para.source_end(offset) == plain_source_end(para, offset), offset


def links(n: int) -> bytes:
    body = " ".join(f"[link {i}][r{i}]" for i in range(n))
    definitions = "\n".join(f"[r{i}]: https://example.org/{i}" for i in range(n))
    return f"# Brief\n\n{body}\n\n{definitions}\n".encode()


#: Limits raised as a configuration may raise them: the algorithms stay linear beyond the defaults.
RAISED = Limits(max_text_chars=100_000_000)


def test_a_markdown_paragraph_of_links_grows_linearly():
    from linter.engine import check_document
    from linter.settings import Settings

    def lint(data: bytes):
        check_document(read_document(data, "brief.md", RAISED), "brief.md", Settings())

    lint(links(50_000))  # 82 s before; 2.8 million characters, past the default max_text_chars
    ratio = growth(links, lint, 5_000)
    assert ratio < LINEAR, f"4 times the links took {ratio:.1f} times as long"


# -- a wide Markdown table ------------------------------------------------------------------------


def table(columns: int, rows: int = 20) -> bytes:
    head = "| " + " | ".join(f"k{i}" for i in range(columns)) + " |\n|" + "---|" * columns + "\n"
    return (head + ("| " + " | ".join(f"v{i}" for i in range(columns)) + " |\n") * rows).encode()


def test_a_wide_markdown_table_grows_linearly_in_its_columns():
    """5,000 columns took 18 s and 1.8 GB; the width is no longer a cost beyond its cells
    (max_text_chars bounds those: tests/test_limits.py)."""
    def read(data: bytes):
        read_document(data, "brief.md", RAISED).release()

    read(table(5_000))
    ratio = growth(table, read, 1_250)
    assert ratio < LINEAR, f"4 times the columns took {ratio:.1f} times as long"
