"""Which kind of document is checked (``document-type``): a Kamerbrief, or one of the Kamer's own
texts (a motie, a Handelingen page, an Aanhangsel), whose shorthand is right there.

The guess reads only the document's opening and only trusts marks the Kamer prints itself, so a
Kamerbrief that quotes a motie further down stays a Kamerbrief.
"""

from __future__ import annotations

import re

KAMERBRIEF, MOTIE, HANDELINGEN, AANHANGSEL = "kamerbrief", "motie", "handelingen", "aanhangsel"
GENRES = (KAMERBRIEF, MOTIE, HANDELINGEN, AANHANGSEL)
AUTO = "auto"
#: Genres whose citations may use the Kamer's shorthand: "(28 111, nr. 7)", "30123-45; 30123-46".
SHORTHAND = frozenset({MOTIE, HANDELINGEN})

OPENING_PARAGRAPHS = 30
AANHANGSEL_MARK = re.compile(r"Aanhangsel van de Handelingen\b")
#: The Handelingen's own page heading, or its header "Tweede Kamer der Staten-Generaal 2019-2020 nr. 31, item 8".
HANDELINGEN_MARK = re.compile(r"Handelingen?$|.*Staten-Generaal.*nr\. \d+, item \d+$")
MOTIE_MARK = re.compile(r"\bMOTIE VAN (?:HET LID|DE LEDEN)\b|\bDe Kamer, gehoord de beraadslaging\b|^gehoord de beraadslaging,")


def guess(paragraph_texts) -> str:
    """The genre the opening shows (the first paragraphs of the body), else kamerbrief."""
    opening = []
    for text in paragraph_texts:
        text = " ".join(text.split())
        if text:
            opening.append(text)
        if len(opening) >= OPENING_PARAGRAPHS:
            break
    if any(AANHANGSEL_MARK.match(t) for t in opening):
        return AANHANGSEL
    # MOTIE_MARK begins with \b, so re tries it at every position: only where its words are.
    if any(MOTIE_MARK.search(t) for t in opening if "MOTIE VAN" in t or "gehoord de beraadslaging" in t):
        return MOTIE
    if any(HANDELINGEN_MARK.match(t) for t in opening):
        return HANDELINGEN
    return KAMERBRIEF


def document_genre(doc, setting: str | None) -> str:
    """The genre in force: the setting, or the guess when it is ``auto`` (or unset)."""
    if setting in GENRES:
        return setting
    body = next((s for s in doc.stories if s.kind == "body"), None)
    return guess(p.text for p in body.paragraphs) if body is not None else KAMERBRIEF
