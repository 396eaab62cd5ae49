"""DR: drafting residue (spec/rules.md): tracked changes, comments, hidden text, placeholders and
personal metadata.

A Kamerbrief becomes public the moment it is sent, with everything the file carries. What a text
export can show is limited: Tika prints deleted and hidden text as ordinary text and drops the
document properties, so there DR001, DR003 and DR005 stay silent; comments (DR002) and placeholders
(DR004) are found in every format.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from linter.i18n import N_, _
from linter.lazy import LazyPattern
from linter.model import Document, Paragraph, Span
from linter.registry import RuleContext, rule

PREVIEW = 60

REVISION_NAMES = {
    "insertion": N_("inserted text"),
    "deletion": N_("deleted text"),
    "move-from": N_("text moved away"),
    "move-to": N_("moved text"),
    "formatting": N_("a formatting change"),
    "paragraph-properties": N_("a paragraph formatting change"),
    "paragraph-mark-insertion": N_("an inserted paragraph break"),
    "paragraph-mark-deletion": N_("a deleted paragraph break"),
    "numbering": N_("a numbering change"),
    "section-properties": N_("a page layout change"),
    "table-properties": N_("a table formatting change"),
    "row-insertion": N_("an inserted table row"),
    "row-deletion": N_("a deleted table row"),
    "cell-insertion": N_("an inserted table cell"),
    "cell-deletion": N_("a deleted table cell"),
    "cell-merge": N_("merged table cells"),
}


def preview(text: str) -> str:
    text = " ".join(text.replace("\ufffc", "[*]").split())
    return text if len(text) <= PREVIEW else text[: PREVIEW - 1] + "…"


def by_whom(author: str | None, date: str | None = None) -> str:
    """`` by J. Jansen (2025-03-01)``, or what of it is known: put right after what was done."""
    if author and date:
        return _(" by {author} ({date})", author=author, date=date[:10])
    if author:
        return _(" by {author}", author=author)
    return f" ({date[:10]})" if date else ""


def quoted(text: str) -> str:
    """``: "the text"`` after a finding's subject, or nothing for no text."""
    return f': "{preview(text)}"' if text.strip() else ""


def merged_ranges(para: Paragraph, kind: str) -> list[tuple[int, int, object]]:
    """Ranges of one kind in a paragraph, touching ones with the same data joined, in order."""
    ranges = para.ranges_of(kind)
    if not ranges:
        return []  # most paragraphs: no sort, no list to build
    out: list[list] = []
    for r in sorted(ranges, key=lambda r: (r.start, r.end)):
        if r.end <= r.start:
            continue
        if out and r.start <= out[-1][1] and r.data == out[-1][2]:
            out[-1][1] = max(out[-1][1], r.end)
        else:
            out.append([r.start, r.end, r.data])
    return [tuple(r) for r in out]


# -- DR001 --------------------------------------------------------------------------------------


@rule("DR001", "tracked-changes", "error")
def tracked_changes(doc: Document, ctx: RuleContext):
    """## What it does
    Finds tracked changes that were never accepted or rejected, in every story (body, notes,
    comments, headers and footers): insertions, deletions, moves, formatting and paragraph changes,
    numbering, page layout and table changes. An insertion is reported on the inserted text, a
    deletion at the place the text was, with the deleted text in the message.

    A text export cannot show tracked changes (Tika prints deleted text as if it were ordinary
    text), so this rule only speaks for .docx and .odt files.

    ## Why is this bad?
    Whoever opens the sent letter can switch on "All markup" and read what was struck out, who did
    it and when. Deleted passages and civil servants' names become public with the letter.

    ## Example
    Wrong: a .docx in which "en de Kamer later informeren" is struck through in red.

    Right: every change accepted or rejected (Review > Accept > Accept All Changes), and tracking
    switched off.

    ## Fix safety
    No fix: only the author can decide between accepting and rejecting a change.
    """
    for rev in doc.revisions:
        what = _(REVISION_NAMES[rev.kind]) if rev.kind in REVISION_NAMES else _("a change ({kind})", kind=rev.kind)
        text = rev.text if rev.kind in ("deletion", "move-from") else (rev.span.text if rev.span else "")
        shown = quoted(text) if rev.kind in ("insertion", "move-to", "deletion", "move-from") else ""
        yield ctx.report(rev.span, _("Tracked change: {what}{by}{text}; accept or reject it", what=what, by=by_whom(rev.author, rev.date), text=shown))


# -- DR002 --------------------------------------------------------------------------------------


@rule("DR002", "comments", "error")
def comments(doc: Document, ctx: RuleContext):
    """## What it does
    Finds comments left in the document, with their author and their text. The finding points at
    the commented text (or, lacking a range, at the comment's place); in a text export, at the
    `\\tComment by …` block.

    ## Why is this bad?
    Comments travel with the file: a reader of the sent letter sees the internal discussion and
    the names of the people who took part in it.

    ## Example
    Wrong: a comment "Klopt dit bedrag? Navragen bij FEZ." by J. Jansen on a sentence in the body.

    Right: the question settled and the comment deleted (Review > Delete > Delete All Comments in
    Document).

    ## Fix safety
    No fix: the comment may ask for a change that has not been made yet.
    """
    for comment in doc.comments:
        text = comment.story.text if comment.story is not None else ""
        span = comment.anchor
        if span is None and comment.story is not None and comment.story.paragraphs:
            first = comment.story.paragraphs[0]
            span = Span(first, 0, len(first.text))
        yield ctx.report(span, _("Comment{by}{text}; settle it and delete the comment", by=by_whom(comment.author, comment.date), text=quoted(text)))


# -- DR003 --------------------------------------------------------------------------------------


@rule("DR003", "hidden-text", "warning")
def hidden_text(doc: Document, ctx: RuleContext):
    """## What it does
    Finds text formatted as hidden (Word's "Hidden" font effect, `w:vanish`), directly or through
    a style, in every story. Hidden white space alone is not reported.

    A text export prints hidden text as ordinary text, so this rule only speaks for .docx and .odt files.

    ## Why is this bad?
    Hidden text is not printed and not shown by default, but it is in the file: anyone can show it
    again (or copy it out), so an earlier version of a passage or an internal remark can leak.

    ## Example
    Wrong: a hidden sentence "Alternatief: budget met 2 mln verlagen." after a paragraph.

    Right: the hidden text deleted (File > Info > Check for Issues > Inspect Document finds it).

    ## Fix safety
    No fix: the hidden text may be something the author meant to show.
    """
    for para in doc.paragraphs():
        for start, end, origin in merged_ranges(para, "hidden"):
            text = para.text[start:end]
            if not text.strip():
                continue
            # Point at the words, not at the spaces around them.
            start += len(text) - len(text.lstrip())
            end -= len(text) - len(text.rstrip())
            if origin == "style":
                message = _('Hidden text (hidden through its style): "{text}"; delete it or make it visible', text=preview(text))
            else:
                message = _('Hidden text: "{text}"; delete it or make it visible', text=preview(text))
            yield ctx.report(Span(para, start, end), message)


# -- DR004 --------------------------------------------------------------------------------------

CLOCK_BEFORE = LazyPattern(r"\b\d{1,2}[:.]\d{2} ?$")


@lru_cache(maxsize=8)
def placeholder_pattern(placeholders: tuple[str, ...]) -> re.Pattern | None:
    """One pattern for the configured placeholders, matched as whole words or bracketed forms.

    A placeholder of letters in capitals (``PM``, ``TODO``) matches in that case only, so ``pm`` in
    ordinary text does not; one with small letters (``p.m.``, ``nog invullen``) matches in any case.
    A placeholder of one repeated character (``XXX``) also matches longer runs (``XXXX``)."""
    alternatives = []
    for item in sorted({p.strip() for p in placeholders if p and p.strip()}, key=len, reverse=True):
        body = r"\s+".join(re.escape(word) for word in item.split())
        if len(set(item)) == 1 and item[0].isalnum():
            body = re.escape(item[0]) + "{%d,}" % len(item)
        if not any(c.islower() for c in item):
            body = f"(?-i:{body})"
        # Whole words: no letter or digit directly before, or after a placeholder ending in one.
        before = r"(?<![\w])" if item[0].isalnum() else ""
        after = r"(?![\w])" if item[-1].isalnum() else ""
        alternatives.append(before + body + after)
    if not alternatives:
        return None
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


#: The only characters outside ASCII that ``re.IGNORECASE`` matches to an ASCII letter (İ ı ſ and
#: the Kelvin sign): where a text holds none, an ASCII word matches it without case only where
#: ``text.lower()`` holds the word in small letters.
CASELESS_ASCII_LOOKALIKES = "\u0130\u0131\u017f\u212a"


@lru_cache(maxsize=8)
def placeholder_words(placeholders: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """A literal each placeholder cannot match without, as placeholder_pattern reads it: (words that
    must be in the text as written, words that must be in it in small letters). None when some
    placeholder has no such word (then every paragraph is searched)."""
    exact, caseless = [], []
    for item in {p.strip() for p in placeholders if p and p.strip()}:
        if not any(c.islower() for c in item):
            exact.append(max(item.split(), key=len))
            continue
        words = [w for w in item.split() if w.isascii()]
        if not words:
            return None
        caseless.append(max(words, key=len).lower())
    return tuple(exact), tuple(caseless)


@lru_cache(maxsize=64)
def gate_character(word: str) -> str:
    """The character of ``word`` least likely in running text: punctuation before capitals
    before small letters."""
    return min(word, key=lambda c: (c.isalnum(), c.islower(), word.index(c)))


def may_hold_placeholder(text: str, words: tuple[tuple[str, ...], tuple[str, ...]] | None) -> bool:
    """False only where no placeholder can match: a cheap test before the pattern."""
    if words is None:
        return True
    exact, caseless = words
    for word in exact:
        # A one-character test first: far cheaper than a search for the word, and most
        # paragraphs lack the rarest character of every placeholder.
        if gate_character(word) in text and word in text:
            return True
    if not caseless:
        return False
    if not text.isascii() and any(map(text.__contains__, CASELESS_ASCII_LOOKALIKES)):
        return True
    return any(map(text.lower().__contains__, caseless))


#: The marks that open a quotation (in_quotation): without one before it, no offset is inside one.
QUOTATION_OPENERS = '„“«‘"'


def in_quotation(text: str, offset: int) -> bool:
    """Whether ``offset`` sits inside a quotation that opened earlier in the paragraph: there
    ``[…]`` marks words left out of the quote, not a placeholder."""
    changes, depths = _quotation_depths(text)
    i = bisect_left(changes, offset) - 1  # the last change before offset
    return i >= 0 and depths[i] > 0


@lru_cache(maxsize=4)
def _quotation_depths(text: str) -> tuple[list[int], list[int]]:
    """Where the quotation depth changes in ``text`` and what it becomes there, in one pass:
    asking at each match anew made a long paragraph quadratic."""
    changes: list[int] = []
    depths: list[int] = []
    if not any(mark in text for mark in QUOTATION_OPENERS):
        return changes, depths  # no quotation opens (the closing marks only lower the depth)
    depth = 0
    for i, ch in enumerate(text):
        if ch in "„“«" or (ch == "‘" and (i == 0 or not text[i - 1].isalnum())):
            depth += 1
        elif ch in "”»" or (ch == "’" and depth and (i + 1 >= len(text) or not text[i + 1].isalnum())):
            depth = max(0, depth - 1)
        elif ch == '"':
            depth = 0 if depth else 1
        else:
            continue
        changes.append(i)
        depths.append(depth)
    return changes, depths


#: The texts Word's content controls show until they are filled in, in Dutch and English: Word 365's
#: ("Klik of tik …") and Word 2010–2016's ("Klik hier als u …"). A template can set its own (Word
#: then marks the control with ``w:showingPlcHdr``, which is read too).
CONTROL_PLACEHOLDERS = (
    "Klik of tik om tekst in te voeren.",
    "Klik of tik om een datum in te voeren.",
    "Kies een item.",
    "Klik hier als u tekst wilt invoeren.",
    "Klik hier als u een datum wilt invoeren.",
    "Click or tap here to enter text.",
    "Click or tap to enter a date.",
    "Choose an item.",
    "Click here to enter text.",
    "Click here to enter a date.",
)
#: The longest paragraph searched for those texts outside a content control.
PLACEHOLDER_LINE = 160
CONTROL_PLACEHOLDER = LazyPattern(
    "|".join(r"\s+".join(re.escape(word) for word in text.split()) for text in CONTROL_PLACEHOLDERS), re.IGNORECASE
)


def unfilled_controls(doc: Document):
    """(control, span, shown text) for each content control that still shows its placeholder:
    marked so by Word, or holding one of Word's own placeholder texts."""
    for control in doc.content_controls:
        span = next((s for s in control.spans if s.end > s.start), control.span)
        if span is None or span.paragraph.story.kind == "comment" or control.type == "checkbox":
            continue
        shown = " ".join(control.text.split())
        if control.showing_placeholder or (shown and CONTROL_PLACEHOLDER.fullmatch(shown)):
            yield control, span, shown


@rule("DR004", "placeholder-text", "error")
def placeholder_text(doc: Document, ctx: RuleContext):
    """## What it does
    Finds placeholders left in the letter: `PM`, `p.m.`, `XXX`, `[datum]`, `[…]`, `TODO`,
    `nog invullen` (the list is configurable: `placeholders`), and highlighted text, which drafters
    use to mark what is still to be filled in. Placeholders match as whole words or in their
    bracketed form only: `PM` but not `PMO` or `SPM`; a placeholder in capitals matches only in
    capitals. `[…]` inside a quotation marks words left out of the quote, and `PM` after a time of
    day (`10:30 PM`) is a time: neither is reported.
    It also finds content controls of the letter template that were never filled in: those Word
    marks as still showing their placeholder, and those that hold Word's own placeholder text
    (`Klik of tik om tekst in te voeren.`, `Klik of tik om een datum in te voeren.`,
    `Kies een item.`, `Click or tap here to enter text.` and their siblings), named by the
    control's title or tag; and that text where it was pasted outside a control, on a line of
    its own or most of one.
    The body, notes, headers, footers, text boxes and frames are searched; comments are not
    (DR002 reports them whole).

    ## Why is this bad?
    A letter that goes out with "[datum]" or "XXX" in it is an embarrassment for the minister,
    and the Kamer will ask what was meant to be there. An empty `Kenmerk` or `Datum` in the
    letter's head is the same mistake in the template's fields.

    ## Example
    Wrong: `De evaluatie volgt op [datum].` or `Het budget bedraagt EUR XXX miljoen.`, or the
    `Kenmerk` control in the head still showing `Klik of tik om tekst in te voeren.`

    Right: `De evaluatie volgt op 1 juli 2026.`, and `Kenmerk` filled in.

    ## Fix safety
    No fix: the missing text is the author's.
    """
    placeholders = tuple(ctx.settings.placeholders or ())
    pattern = placeholder_pattern(placeholders)
    words = placeholder_words(placeholders)
    # Each unfilled control once, by its name: what is inside it is not reported again.
    reported: dict[int, list[tuple[int, int]]] = {}
    for control, span, shown in unfilled_controls(doc):
        name = control.name
        if shown:
            message = (_('Content control "{name}" is not filled in: it still shows "{text}"', name=name, text=preview(shown)) if name
                       else _('A content control is not filled in: it still shows "{text}"', text=preview(shown)))
        else:
            message = _('Content control "{name}" is not filled in', name=name) if name else _("A content control is not filled in")
        for piece in control.spans:
            reported.setdefault(id(piece.paragraph), []).append((piece.start, piece.end))
        yield ctx.report(span, message)
    for para in doc.paragraphs():
        if para.story.kind == "comment":
            continue
        text = para.text
        found: list[tuple[int, int]] = list(reported.get(id(para), ())) if reported else []
        # Word's texts left outside a control stand on a line of their own or most of one (a head's
        # "Kenmerk: Klik of tik …"): only short paragraphs are searched, and only those with letters
        # each of the texts has in small letters, whatever the case of its first.
        if len(text) <= PLACEHOLDER_LINE and ("lik" in text or "lick" in text or "ies een" in text or "hoose" in text):
            for m in CONTROL_PLACEHOLDER.finditer(text):
                if not any(m.start() < e and s < m.end() for s, e in found):
                    found.append((m.start(), m.end()))
                    yield ctx.report(Span(para, m.start(), m.end()),
                                     _('Word\'s placeholder text "{text}" is left in the letter', text=m.group()))
        if pattern is not None and may_hold_placeholder(para.text, words):
            for m in pattern.finditer(para.text):
                if m.group().startswith("[") and in_quotation(para.text, m.start()):
                    continue
                # The time ends where the match starts: a few characters before it are enough
                # (searching from the paragraph's start made a long one quadratic).
                if CLOCK_BEFORE.search(para.text, max(0, m.start() - 8), m.start()):
                    continue  # "10:30 PM" is a time of day
                if any(m.start() < e and s < m.end() for s, e in found):
                    continue
                found.append((m.start(), m.end()))
                yield ctx.report(Span(para, m.start(), m.end()), _('Placeholder "{text}" left in the text', text=m.group()))
        for start, end, colour in merged_ranges(para, "highlight"):
            text = para.text[start:end]
            if not text.strip() or any(start < e and s < end for s, e in found):
                continue
            if isinstance(colour, str):
                shown = _(HIGHLIGHT_NAMES[colour]) if colour in HIGHLIGHT_NAMES else colour
                message = _('Highlighted text ({colour}), usually still to be filled in or checked: "{text}"', colour=shown, text=preview(text))
            else:
                message = _('Highlighted text, usually still to be filled in or checked: "{text}"', text=preview(text))
            yield ctx.report(Span(para, start, end), message)


# -- DR005 --------------------------------------------------------------------------------------

#: Author values that name no one: defaults of programs and templates.
NO_PERSON = {
    "",
    "python-docx",
    "apache poi",
    "pandoc",
    "microsoft office user",
    "microsoft office-gebruiker",
    "windows user",
    "windows-gebruiker",
    "gebruiker",
    "user",
    "author",
    "auteur",
    "unknown",
    "onbekend",
    "administrator",
    "admin",
    "rijksoverheid",
}
#: Company names of government bodies: they say nothing about a person.
GOVERNMENT = LazyPattern(r"rijksoverheid|ministerie|ministry|tweede kamer|kabinet|staat der nederlanden", re.IGNORECASE)
#: A file path through a user's own folder.
USER_PATH = re.compile(
    r"(?:[A-Za-z]:)?[\\/](?:Users|Documents and Settings|home|Gebruikers)[\\/]([^\\/]+)[\\/]",
    re.IGNORECASE,
)
#: Custom property names that hold people.
PERSON_KEY = LazyPattern(
    r"author|auteur|owner|eigenaar|creator|maker|opsteller|behandel|contact|editor|redacteur|"
    r"manager|person|persoon|user|gebruiker|medewerker|reviewer|approver|e-?mail|assigned|setby",
    re.IGNORECASE,
)
EMAIL = LazyPattern(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

#: Word's highlight colours (``w:highlight w:val``) by the names of Word's own colour menu.
HIGHLIGHT_NAMES = {
    "yellow": N_("yellow"), "green": N_("bright green"), "cyan": N_("turquoise"),
    "magenta": N_("pink"), "blue": N_("blue"), "red": N_("red"), "darkBlue": N_("dark blue"), "darkCyan": N_("teal"),
    "darkGreen": N_("green"), "darkMagenta": N_("violet"), "darkRed": N_("dark red"), "darkYellow": N_("dark yellow"),
    "darkGray": N_("gray 50%"), "lightGray": N_("gray 25%"), "black": N_("black"), "white": N_("white"),
}

PROPERTY_NAMES = {
    "core.creator": N_("author"),
    "core.lastModifiedBy": N_("last editor"),
    "app.Manager": N_("manager"),
    "app.Company": N_("company"),
    "app.Template": N_("template"),
    "settings.attachedTemplate": N_("attached template"),
}


def personal_properties(properties: dict[str, str]):
    """(property, what it is, value) for each property that names a person, a company or a user's
    folder."""
    for key, value in properties.items():
        value = value.strip()
        what = _(PROPERTY_NAMES[key]) if key in PROPERTY_NAMES else None
        if key in ("core.creator", "core.lastModifiedBy", "app.Manager"):
            if value.lower() not in NO_PERSON:
                yield key, what, value
        elif key == "app.Company":
            if value.lower() not in NO_PERSON and not GOVERNMENT.search(value):
                yield key, what, value
        elif key in ("app.Template", "settings.attachedTemplate"):
            if USER_PATH.search(value):
                yield key, _("{what} path, with a user name in it", what=what), value
        elif key.startswith("custom."):
            name = key[len("custom.") :]
            if EMAIL.search(value):
                yield key, _("custom property {name}, an e-mail address", name=repr(name)), value
            elif PERSON_KEY.search(name) and value.lower() not in NO_PERSON and any(c.isalpha() for c in value):
                yield key, _("custom property {name}", name=repr(name)), value


@rule("DR005", "personal-metadata", "info")
def personal_metadata(doc: Document, ctx: RuleContext):
    """## What it does
    Finds names of people, a company, or a template path through a user's folder in the file's
    properties and settings: author and last editor, manager, company, the template path
    (`C:\\Users\\jjansen\\…\\Normal.dotm`), and custom properties that hold people (names like
    "Owner" or "Behandelaar", or an e-mail address). The finding is about the file, so it has no
    place in the text. Program defaults ("python-docx", "Microsoft Office User"), a government
    company name ("Rijksoverheid", "Ministerie van …") and a template named without a user folder
    are not reported.

    A text export carries no document properties, so this rule only speaks for .docx and .odt files.

    ## Why is this bad?
    The properties travel with the sent file (File > Info shows them): they name the civil
    servants who wrote the letter, or an outside firm that drafted it.

    ## Example
    Wrong: Author "J. Jansen", Template `C:\\Users\\jjansen\\AppData\\Roaming\\Microsoft\\Templates\\Normal.dotm`.

    Right: the properties cleared (File > Info > Check for Issues > Inspect Document > Document
    Properties and Personal Information > Remove All).

    ## Fix safety
    No fix.
    """
    for _key, what, value in personal_properties(doc.properties):
        yield ctx.report(None, _('The file\'s properties name its {what}: "{value}"; remove it before sending', what=what, value=preview(value)))
