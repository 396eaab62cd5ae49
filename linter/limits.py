"""Safety limits, in one place, with names. Configuration may raise them (``[limits]``).

A file over a limit is an IO003 finding, never a crash or a hang: every limit is checked before
the work it guards (a zip entry's declared size before inflating it, the part count before
opening any part, a text draft's size before decoding it), and inflation is streamed so a lying
header cannot get past it either.

The defaults bound a run, whatever the input within them, to under 1 GB of memory and 30 s
(benchmarks/memory.py measures it, from 1 MB to the limits, for the costliest shapes of input:
empty paragraphs, Markdown table cells, a finding every few characters). They are set from what
letters need, with a wide margin: the largest real letter in the corpora and fixtures unpacks 377 kB
of XML (350 kB of it styles) and the largest text is 18 kB (tests/test_limits.py). What an input
costs is measured per byte: up to about 95 bytes of memory for each byte of XML (a part of nothing
but empty paragraphs), 190 with --fix or --diff, which write the file and read it again; up to
about 500 for each character of a Markdown table (markdown-it's tokens); about 1.5 kB for each
finding, which ``max_findings`` bounds. Hence 4 MB of XML and a million characters of text.
"""

from __future__ import annotations

from linter.model import Value


class Limits(Value):
    """Frozen: set once, from the defaults and the configuration's ``[limits]``."""

    __slots__ = ("max_file_bytes", "max_part_bytes", "max_total_bytes", "max_parts", "max_compression_ratio",
                 "max_xml_depth", "max_text_chars", "max_findings")

    def __init__(
        self,
        #: Largest input file we open at all (read into memory whole; a letter with photos is a
        #: few MB).
        max_file_bytes: int = 64 * 1024 * 1024,
        #: Largest XML part after inflation (a letter's document.xml is some ten kB; 4 MB of
        #: Word's XML is some 300 pages). Media are never inflated and have no limit but the file's.
        max_part_bytes: int = 4 * 1024 * 1024,
        #: The XML parts a reader unpacks, together (a template's styles it never reads do not
        #: count; a real letter's come to a few hundred kB, mostly styles).
        max_total_bytes: int = 4 * 1024 * 1024,
        #: Entries in a zip container.
        max_parts: int = 10_000,
        #: Inflated / compressed size of one XML part; XML compresses well, but not a thousandfold.
        max_compression_ratio: int = 1_000,
        #: Element nesting depth in a part.
        max_xml_depth: int = 256,
        #: Characters in a text draft (a Tika export of a 300-page report is well under 1 MB).
        max_text_chars: int = 1_000_000,
        #: Findings reported for one file; past them the file's check stops with an IO003.
        max_findings: int = 10_000,
    ):
        for name, value in zip(self.__slots__, (max_file_bytes, max_part_bytes, max_total_bytes, max_parts,
                                                max_compression_ratio, max_xml_depth, max_text_chars, max_findings)):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Limits are frozen: make new ones with replace({name}=...)")

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, name) for name in self.__slots__))

    def __reduce__(self):  # pickle and copy through __init__, as setting attributes is refused
        return (Limits, tuple(getattr(self, name) for name in self.__slots__))

    @classmethod
    def names(cls) -> list[str]:
        return list(cls.__slots__)

    def replace(self, **changes: int) -> "Limits":
        """These limits with some changed."""
        return Limits(**{name: changes.get(name, getattr(self, name)) for name in self.__slots__})


DEFAULT_LIMITS = Limits()
