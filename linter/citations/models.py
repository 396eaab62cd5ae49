"""What the citation parser returns: typed references with their span, fields and problems."""

from __future__ import annotations

import re

from linter.lazy import LazyPattern
from linter.model import Fields, Value

# Reference types.
KAMERSTUK = "kamerstuk"  # one document (or several numbers) in a dossier
DOSSIER = "dossier"  # whole dossier(s): "Kamerstukken 29 237 en 36 410"
MOTIE = "motie"  # a motie or amendement phrase
TOEZEGGING = "toezegging"  # Tweede Kamer register number TZyyyymm-nnn
TOEZEGGING_EK = "toezegging-ek"  # Eerste Kamer T01237
HANDELINGEN = "handelingen"
AANHANGSEL = "aanhangsel"
ZAAK = "zaak"  # Kamervragen / document / activiteit numbers: 2025Z01234, 2025D12345
JOURNAL = "journal"  # Stb., Stcrt., Trb.
PBEU = "pbeu"
ECLI = "ecli"
BWB = "bwb"
DATE = "date"
WORD = "word"  # a capitalised Motie/Amendement/Toezegging inside a sentence

TWEEDE_KAMER = "tweede-kamer"
JURIDISCH = "juridisch"


# Plain slotted classes, not dataclasses, as in linter.model: importing dataclasses costs every
# run start-up time.
class Problem(Value):
    """One thing wrong with a reference: a rule code and a plain-sentence message."""

    __slots__ = ("code", "message", "fix", "span", "fix_span")

    def __init__(
        self,
        code: str,
        message: str,
        #: The corrected text of the whole reference, if it can be computed; None when it cannot.
        fix: str | None = None,
        #: When only part of the reference is meant (MO002: the word), its span in the text.
        span: tuple[int, int] | None = None,
        #: The text the fix replaces, when it is more than the finding's span: every finding on a
        #: motie phrase carries the motie's one whole fix (one reference, one fix).
        fix_span: tuple[int, int] | None = None,
    ):
        self.code = code
        self.message = message
        self.fix = fix
        self.span = span
        self.fix_span = fix_span


class Reference(Fields):
    """A reference found in text. ``start``/``end`` index the text given to find_references."""

    __slots__ = ("type", "start", "end", "text", "fields", "problems", "style")

    def __init__(
        self,
        type: str,
        start: int,
        end: int,
        text: str,
        fields: dict | None = None,
        problems: list[Problem] | None = None,
        #: For Kamerstukken: "tweede-kamer", "juridisch" or None (no label, identifier, informal).
        style: str | None = None,
    ):
        self.type = type
        self.start = start
        self.end = end
        self.text = text
        self.fields = {} if fields is None else fields
        self.problems = [] if problems is None else problems
        self.style = style

    @property
    def codes(self) -> list[str]:
        return [p.code for p in self.problems]

    def render(self, style: str | None = None) -> str | None:
        """The corrected form of this reference in ``style`` (default: its own style, or the
        Tweede Kamer house style when it has none). None when it cannot be written out."""
        return _render()(self, style)

    def key(self) -> tuple | None:
        """What identifies the cited item, for finding the same item cited twice."""
        f = self.fields
        if self.type == KAMERSTUK and (f.get("nr") or f.get("ek")):
            # An annex is another document than its letter, and another page another place in it.
            return (KAMERSTUK, f["dossier"], tuple(f.get("more_dossiers") or ()), f.get("sub"), f.get("toev"),
                    f.get("nr") or f.get("ek"), f.get("more") or "", f.get("bijlage") or "", f.get("page") or "")
        if self.type in (AANHANGSEL, HANDELINGEN, JOURNAL, PBEU, ECLI, ZAAK, BWB):
            return (self.type, re.sub(r"\W", "", self.text).lower())
        return None


def _render():
    """linter.citations.render.render (which imports this module), found once: an import
    statement in Reference.render cost every rendered reference its lookup."""
    global _RENDER
    if _RENDER is None:
        from linter.citations.render import render as _RENDER
    return _RENDER


_RENDER = None

NOT_WORD = LazyPattern(r"[^\w]")
# 20242025 and 202425 are the same parliamentary year.
LONG_YEAR = LazyPattern(r"((?:19|20)\d\d)(?:19|20)?(\d\d)")


def is_safe_change(old: str, new: str) -> bool:
    """A fix is safe when it only changes spacing, punctuation or the year form."""
    if old.replace(" ", "") == new.replace(" ", ""):
        return True  # only spaces differ (most fixes: "33625" to "33 625"), and norm drops them

    def norm(s: str) -> str:
        s = NOT_WORD.sub("", s)
        # A template substitution costs a Python call even where nothing matches: search first.
        return LONG_YEAR.sub(r"\1\2", s) if LONG_YEAR.search(s) else s

    return norm(old) == norm(new)
