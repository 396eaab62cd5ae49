"""FN: footnotes and endnotes (spec/rules.md).

Findings about a note's own text are located in that note; findings about a marker at the marker.
"""

from __future__ import annotations

import re

from linter.diagnostics import Edit, Fix
from linter.i18n import _, ngettext
from linter.model import CAP_FORMATTING, NOTE_MARK, Document, Note, NoteRef, Span
from linter.registry import RuleContext, rule
from rules.consistency import in_identifier

SENTENCE_END = ".?!"
CLOSERS = ")]\"'’”»"
URL_AT_END = re.compile(r"(?:https?://|www\.)\S+$")
UNITS = {"m", "km", "cm", "mm", "dm", "m2", "km2"}

def note_name(note: Note) -> str:
    """``Footnote 5``, ``Endnote with id 7``: at the start of a sentence."""
    if note.number is not None:
        return _("Footnote {number}", number=note.number) if note.kind == "footnote" else _("Endnote {number}", number=note.number)
    return _("Footnote with id {id}", id=note.id) if note.kind == "footnote" else _("Endnote with id {id}", id=note.id)


def inline_note_name(note: Note) -> str:
    """``footnote 5``, ``endnote with id 7``: inside a sentence."""
    if note.number is not None:
        return _("footnote {number}", number=note.number) if note.kind == "footnote" else _("endnote {number}", number=note.number)
    return _("footnote with id {id}", id=note.id) if note.kind == "footnote" else _("endnote with id {id}", id=note.id)


def note_span(note: Note, where: str = "all") -> Span:
    """A span in the note's own text: all of it, its start or its end."""
    paras = note.story.paragraphs
    first, last = paras[0], paras[-1]
    if where == "start":
        return Span(first, 0, 0)
    if where == "end":
        end = len(last.text.rstrip())
        return Span(last, end, end)
    return Span(first, 0, len(first.text))


def ref_name(ref: NoteRef) -> str:
    """``footnote 5``, ``endnote (id 7)``: inside a sentence; ``this footnote`` for a marker whose
    note is not in the text checked (a paragraph from an editor: ``lint serve``)."""
    footnote = ref.kind == "footnote"
    if not ref.id:
        return _("this footnote") if footnote else _("this endnote")
    if ref.note is not None and ref.note.number is not None:
        return _("footnote {number}", number=ref.note.number) if footnote else _("endnote {number}", number=ref.note.number)
    return _("footnote (id {id})", id=ref.id) if footnote else _("endnote (id {id})", id=ref.id)


def body_refs(doc: Document):
    """Marker references in running text, custom marks aside (their text is the mark itself)."""
    return (r for r in doc.note_refs if r.custom_mark is None)


# -- references -------------------------------------------------------------------------------


@rule("FN001", "undefined-note", "error")
def undefined_note(doc: Document, ctx: RuleContext):
    """## What it does
    Finds a note reference that points to no note: a `w:footnoteReference` whose id is not in the
    notes part; in a text export, a `[footnoteRef:N]` with no `[N: …]` block, or the
    `!!! End note with ID` residue.

    ## Why is this bad?
    The reader sees a note number with nothing at the bottom of the page, or Word repairs the file
    and renumbers the notes, so a citation goes missing from the letter.

    ## Example
    Wrong: `…van herkomst.[footnoteRef:4]` with no note 4 in the file.

    Right: every marker has its note: `…van herkomst.[footnoteRef:4] … [4:  Kamerstuk 33 625, nr. 287.]`

    ## Fix safety
    No fix: only the author knows what the note should say.
    """
    for ref in doc.note_refs:
        if ref.note is None:
            message = (
                _("Note reference points to no footnote (internal id {id}): the note is missing", id=ref.id)
                if ref.kind == "footnote"
                else _("Note reference points to no endnote (internal id {id}): the note is missing", id=ref.id)
            )
            yield ctx.report(ref.span, message)


@rule("FN002", "unused-note", "error")
def unused_note(doc: Document, ctx: RuleContext):
    """## What it does
    Finds a normal note that no reference points to: an orphan in the notes part, or in a text export
    a `[N: …]` block without its marker. A note whose reference was deleted with tracked changes on
    is not reported: it goes when the change is accepted (DR001 reports the change).

    ## Why is this bad?
    Word does not print a note without a reference, so its text, often a source, silently drops out
    of the letter; or the draft was edited by hand and the note belongs somewhere.

    ## Example
    Wrong: a footnote "Kamerstuk 36 180, nr. 168." in the notes part with no marker in the text.

    Right: the marker is back in the sentence it supports, or the note is deleted.

    ## Fix safety
    No fix: deleting the note could lose a source.
    """
    for note in doc.normal_notes():
        if not note.references and note.story is not None and (note.kind, note.id) not in doc.deleted_note_refs:
            preview = " ".join(note.text.split())[:60]
            yield ctx.report(note_span(note), _('{note} is not referenced anywhere in the text: "{preview}"', note=note_name(note), preview=preview))


@rule("FN003", "duplicate-note-reference", "error")
def duplicate_note_reference(doc: Document, ctx: RuleContext):
    """## What it does
    Finds one note referenced from two places.

    ## Why is this bad?
    Word numbers references, not notes: two references to one note print two numbers, and a reader
    who follows one of them lands on the wrong text. It happens when a marker is copied.

    ## Example
    Wrong: `…herkomst.[1] … partnerlanden.[1]` (both markers point at the same note).

    Right: a second note, or "Zie voetnoot 1." in a note of its own.

    ## Fix safety
    No fix.
    """
    for note in doc.notes.values():
        for ref in note.references[1:]:
            message = (
                _("This marker points to the same footnote as an earlier one ({note})", note=ref_name(ref))
                if note.kind == "footnote"
                else _("This marker points to the same endnote as an earlier one ({note})", note=ref_name(ref))
            )
            yield ctx.report(ref.span, message)


# -- notes' own text ---------------------------------------------------------------------------


@rule("FN004", "empty-note", "error")
def empty_note(doc: Document, ctx: RuleContext):
    """## What it does
    Finds a note whose text is empty or only white space.

    ## Why is this bad?
    The reader follows a number to an empty line at the foot of the page.

    ## Example
    Wrong: `[3:  ]`

    Right: `[3:  Kamerstuk 36 180, nr. 168.]`

    ## Fix safety
    No fix: the missing text is the author's.
    """
    for note in doc.normal_notes():
        if note.story is not None and not note.text.strip():
            yield ctx.report(note_span(note), _("{note} is empty", note=note_name(note)))


def normalised(text: str) -> str:
    return " ".join(text.split())


@rule("FN005", "repeated-note", "warning", fix="always")
def repeated_note(doc: Document, ctx: RuleContext):
    """## What it does
    Finds a note whose text is the same (white space aside) as an earlier note.

    ## Why is this bad?
    The same source cited twice in full makes the notes longer and the reader compare two notes;
    the house style refers back to the first note.

    ## Example
    Wrong: note 8 `Kamerstuk 33 625, nr. 287.` after note 5 `Kamerstuk 33 625, nr. 287.`

    Right: note 8 `Zie voetnoot 5.`, or one note referenced once.

    ## Fix safety
    The suggested "Zie voetnoot N." is unsafe: if notes are renumbered later the number goes stale.
    """
    seen: dict[tuple[str, str], Note] = {}
    for note in sorted(doc.normal_notes(), key=lambda n: (n.kind, n.number if n.number is not None else 1 << 30)):
        key = (note.kind, normalised(note.text))
        if not key[1]:
            continue
        first = seen.get(key)
        if first is None:
            seen[key] = note
            continue
        label = first.number if first.number is not None else first.id
        replacement = f"Zie voetnoot {label}." if note.kind == "footnote" else f"Zie eindnoot {label}."
        yield ctx.report(
            note_span(note),
            _("{note} repeats {first}: refer back to it", note=note_name(note), first=inline_note_name(first)),
            Fix("unsafe", _('replace the text with "{replacement}"', replacement=replacement), replacement),
        )


def _ends_with_sentence_punctuation(text: str) -> bool:
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and (stripped[-1] in SENTENCE_END or stripped.endswith("…"))


#: A note that ends in a web address, in any of the ways a link is copied: a bare URL
#: (`https://…`, `www.…`), a page title with its site in brackets (`Generatieve AI (pleio.nl)`,
#: `(site.nl/pad/naar)`), or after a bar or dash as a browser tab shows it (`Titel |
#: Rijksoverheid.nl`). One pattern for all: a host name (letters, digits and hyphens, dots, a
#: top-level domain of letters) with an optional path, standing on its own at the very end.
WEB_ADDRESS_AT_END = re.compile(
    r"(?:^|(?<=[\s(\[<|–—:]))(?:https?://|www\.)?(?:[\w-]+\.)+[a-z]{2,24}(?::\d+)?(?:/[^\s]*)?[)\]>]?$"
)


def _ends_in_link(note: Note) -> bool:
    """Whether the last visible characters of the note are a hyperlink's text (a Word hyperlink,
    a HYPERLINK field, an OpenDocument link)."""
    for para in reversed(note.story.paragraphs):
        end = len(para.text.rstrip())
        if end == 0:
            continue
        return any(
            (r.kind == "hyperlink" or (r.kind == "field-result" and getattr(r.data, "keyword", "") == "HYPERLINK"))
            and r.start < end
            and not para.text[r.end:end].strip(CLOSERS + " ")  # only closing brackets or quotes after it
            for r in para.ranges
        )
    return False


def _ends_in_web_address(note: Note, settings) -> bool:
    text = note.text.rstrip()
    if URL_AT_END.search(text) or WEB_ADDRESS_AT_END.search(text):
        return True
    return getattr(settings, "note_link_exempt", True) and _ends_in_link(note)


@rule("FN010", "note-final-punctuation", "warning", fix="always")
def note_final_punctuation(doc: Document, ctx: RuleContext):
    """## What it does
    Finds a note that does not end with a full stop (or a question or exclamation mark). A note
    that ends in a web address is exempt, however the address is written: a bare URL
    (`https://…`, `www.…`), a site name (`rijksoverheid.nl`), with a path or without, alone, in
    brackets after a page title as browsers copy a link (`Generatieve AI (pleio.nl)`,
    `Titel (site.nl/pad/naar)`) or after a bar (`Titel | Rijksoverheid.nl`); and a note whose last
    element is a hyperlink (in a .docx or .odt; set `note-link-exempt = false` to check those too).

    When no note of the letter ends with a full stop (two notes or more), each is still reported,
    and the first finding's message says so once: the letter may follow another convention, and
    one decision fixes them all.

    ## Why is this bad?
    A footnote is a sentence: it starts with a capital and ends with a full stop (Leidraad, and the
    Rijksoverheid's own letters). A note without one looks unfinished.

    ## Example
    Wrong: `Kamerstuk 33 625, nr. 287`

    Right: `Kamerstuk 33 625, nr. 287.`

    ## Fix safety
    Safe: the fix adds a full stop after the last character and changes nothing else.
    """
    notes = [n for n in doc.normal_notes() if n.text.strip()]
    lacking = [n for n in notes if not _ends_with_sentence_punctuation(n.text) and not _ends_in_web_address(n, ctx.settings)]
    every = len(notes) >= 2 and len(lacking) == len(notes)
    for i, note in enumerate(lacking):
        span = note_span(note, "end")
        last = note.text.rstrip().split()[-1]
        if every and i == 0:
            message = _("{note} does not end with a full stop (none of the letter's {count} notes does; each is reported)", note=note_name(note), count=len(notes))
        else:
            message = _("{note} does not end with a full stop", note=note_name(note))
        yield ctx.report(
            span,
            message,
            Fix("safe", _('add "." at the end of the note'), last + ".", [Edit("replace", span, ".")]),
        )


#: Marks that open a quotation: a note that starts with one quotes its source, in its case.
QUOTE_OPENERS = "\"'‘“„«‚"


@rule("FN011", "note-initial-capital", "warning", fix="always")
def note_initial_capital(doc: Document, ctx: RuleContext):
    """## What it does
    Finds a note that does not start with a capital letter or a digit.

    A note that starts with a quotation (`“op verantwoorde wijze …”`) is not reported: the quotation
    keeps the case of its source. Nor is one that starts with an identifier: a web address, a
    domain or repository name (`github.com/…`, `pbl-nl/appl-docchat`), an e-mail address, a file
    name, or a word written with a lower-case first letter and a capital inside (`eIDAS`, `iPhone`,
    `eID`); nor `'s-Gravenhage`.

    ## Why is this bad?
    A footnote is a sentence and starts with a capital (Leidraad).

    ## Example
    Wrong: `zie Kamerstuk 36 180, nr. 168.`

    Right: `Zie Kamerstuk 36 180, nr. 168.`

    ## Fix safety
    Unsafe: some names start with a small letter on purpose.
    """
    for note in doc.normal_notes():
        text = note.text.lstrip()
        if not text or text[0] in QUOTE_OPENERS:
            continue
        word = text.split()[0]
        first = word.lstrip("([")
        if not first or not first[0].isalpha() or first[0].isupper():
            continue
        offset = len(note.text) - len(text)
        if (
            any(c.isupper() for c in first[1:])
            or URL_AT_END.match(first)
            or re.match(r"['‘’]?[st]\b|['‘’][st]-", word)
            or in_identifier(note.text, offset, offset + len(word))
        ):
            continue
        first_para = note.story.paragraphs[0]
        span = Span(first_para, offset, offset + len(word)) if offset + len(word) <= len(first_para.text) else note_span(note)
        capital = word.replace(first[0], first[0].upper(), 1)
        yield ctx.report(
            span,
            _("{note} starts with a small letter", note=note_name(note)),
            Fix("unsafe", _('capitalise "{word}"', word=word), capital, [Edit("replace", span, capital)]),
        )


@rule("FN012", "note-whitespace", "warning", fix="always")
def note_whitespace(doc: Document, ctx: RuleContext):
    """## What it does
    Finds leading or trailing white space in a note's own text, and runs of two or more spaces.
    The separator Word puts after the note's own number is not the author's and is never reported.

    ## Why is this bad?
    Stray spaces shift the note's text, show up in the published PDF and make the same source look
    different from one note to the next.

    ## Example
    Wrong: `[8:  Kamerstuk 33 625, nr. 287 ]` (a space before the closing bracket of the export).

    Right: `[8:  Kamerstuk 33 625, nr. 287.]`

    ## Fix safety
    Safe: the fix only removes white space.
    """
    for note in doc.normal_notes():
        paras = note.story.paragraphs if note.story else []
        if not paras or not note.text.strip():
            continue
        first = next(p for p in paras if p.text.strip())
        last = [p for p in paras if p.text.strip()][-1]
        lead = len(first.text) - len(first.text.lstrip())
        if lead:
            span = Span(first, 0, lead)
            yield ctx.report(span, _("{note} starts with white space", note=note_name(note)), Fix("safe", _("remove the white space"), "", [Edit("replace", span, "")]))
        trail = len(last.text) - len(last.text.rstrip())
        if trail:
            span = Span(last, len(last.text) - trail, len(last.text))
            yield ctx.report(span, _("{note} ends with white space", note=note_name(note)), Fix("safe", _("remove the white space"), "", [Edit("replace", span, "")]))
        for para in paras:
            if "  " not in para.text and "\u00a0" not in para.text:
                continue  # no two spaces in a row can be in it
            core_start = len(para.text) - len(para.text.lstrip())
            core_end = len(para.text.rstrip())
            for m in re.finditer(r"[ \u00a0]{2,}", para.text[core_start:core_end]):
                span = Span(para, core_start + m.start(), core_start + m.end())
                yield ctx.report(
                    span, _("{note} has {count} spaces in a row", note=note_name(note), count=m.end() - m.start()), Fix("safe", _("replace them with one space"), " ", [Edit("replace", span, " ")])
                )


# -- markers in running text --------------------------------------------------------------------


def _marker_before_final_punctuation(ref: NoteRef) -> bool:
    text = ref.paragraph.text
    nxt = text[ref.offset + 1 : ref.offset + 2]
    after = text[ref.offset + 2 : ref.offset + 3]
    return nxt != "" and nxt in SENTENCE_END and (after == "" or after.isspace() or after == NOTE_MARK)


def _marker_after_final_punctuation(ref: NoteRef) -> bool:
    prev = ref.paragraph.text[ref.offset - 1 : ref.offset] if ref.offset else ""
    return prev != "" and prev in SENTENCE_END


@rule("FN006", "marker-before-full-stop", "warning", fix="always")
def marker_before_full_stop(doc: Document, ctx: RuleContext):
    """## What it does
    Finds a marker placed before the sentence-final full stop, question or exclamation mark
    (`herkomst[1].`) where the house style puts it after (`herkomst.[1]`). A marker before a comma
    or inside a sentence is a note on one word and is fine.

    The setting `footnote-marker` chooses: `consistent` (default: the document's own majority rules;
    on a tie, after the punctuation, as the Leidraad has it), `after-punctuation` or
    `before-punctuation`. Ministries differ here, and published letters do both.

    ## Why is this bad?
    A letter that places its markers two ways looks careless; the reader cannot tell whether a note
    covers the sentence or the last word.

    ## Example
    Wrong (after-punctuation): `…land van herkomst[1].`

    Right: `…land van herkomst.[1]`

    ## Fix safety
    Safe: the fix moves the punctuation mark to before the marker and changes nothing else.
    """
    refs = list(body_refs(doc))
    before = [r for r in refs if _marker_before_final_punctuation(r)]
    after = [r for r in refs if _marker_after_final_punctuation(r)]
    mode = getattr(ctx.settings, "footnote_marker", "consistent")
    if mode == "consistent":
        mode = "before-punctuation" if len(before) > len(after) else "after-punctuation"
    if mode == "after-punctuation":
        for ref in before:
            mark = ref.paragraph.text[ref.offset + 1]
            span = Span(ref.paragraph, ref.offset, ref.offset + 2)
            yield ctx.report(
                span,
                _('The marker of {note} stands before the "{mark}" that ends the sentence; put it after', note=ref_name(ref), mark=mark),
                Fix("safe", _('move "{mark}" before the marker', mark=mark), mark + "[*]", [Edit("replace", span, mark + NOTE_MARK)]),
            )
    else:
        for ref in after:
            mark = ref.paragraph.text[ref.offset - 1]
            span = Span(ref.paragraph, ref.offset - 1, ref.offset + 1)
            yield ctx.report(
                span,
                _('The marker of {note} stands after the "{mark}"; this document puts markers before it', note=ref_name(ref), mark=mark),
                Fix("safe", _('move "{mark}" after the marker', mark=mark), "[*]" + mark, [Edit("replace", span, NOTE_MARK + mark)]),
            )


@rule("FN007", "space-before-marker", "warning", fix="always")
def space_before_marker(doc: Document, ctx: RuleContext):
    """## What it does
    Finds white space between the word or punctuation and the marker (`herkomst. [1]`).

    ## Why is this bad?
    The marker belongs to the word or sentence before it; with a space it can end up alone at the
    start of the next line.

    ## Example
    Wrong: `…land van herkomst. [1] Ook…`

    Right: `…land van herkomst.[1] Ook…`

    ## Fix safety
    Safe: the fix removes the white space.
    """
    for ref in body_refs(doc):
        text = ref.paragraph.text
        i = ref.offset
        while i > 0 and text[i - 1] in " \t\u00a0":
            i -= 1
        if i < ref.offset and i > 0 and text[i - 1] != NOTE_MARK:
            span = Span(ref.paragraph, i, ref.offset)
            yield ctx.report(span, _("White space before the marker of {note}", note=ref_name(ref)), Fix("safe", _("remove the white space"), "", [Edit("replace", span, "")]))


@rule("FN008", "space-after-marker", "warning", fix="always")
def space_after_marker(doc: Document, ctx: RuleContext):
    """## What it does
    Finds no space between a marker and the next word (`[1]Ook`), or more than one (`[7]  Deze`).
    Punctuation after a marker, and the end of a paragraph, are fine. A marker inside a word
    (`Kamer[1]brief`) is FN018, not this: a space there would split the word.

    ## Why is this bad?
    Without a space the note number runs into the next word; two spaces leave a visible gap.

    ## Example
    Wrong: `…ondermijnen.[7]  Deze risico's…`

    Right: `…ondermijnen.[7] Deze risico's…`

    ## Fix safety
    Safe: the fix sets exactly one space.
    """
    for ref in body_refs(doc):
        text = ref.paragraph.text
        start = ref.offset + 1
        end = start
        while end < len(text) and text[end] in " \u00a0":
            end += 1
        if end >= len(text) or text[end] in "\n\t" or text[end] == NOTE_MARK:
            continue  # end of paragraph, a tab or another marker (FN013)
        gap = end - start
        if gap == 0 and inside_word(text, ref.offset):
            continue  # FN018
        if gap == 0 and text[end].isalnum():
            span = Span(ref.paragraph, ref.offset, start)
            yield ctx.report(span, _("No space after the marker of {note}", note=ref_name(ref)), Fix("safe", _("insert a space"), " ", [Edit("replace", Span(ref.paragraph, start, start), " ")]))
        elif gap > 1:
            span = Span(ref.paragraph, start, end)
            yield ctx.report(span, _("{count} spaces after the marker of {note}", count=gap, note=ref_name(ref)), Fix("safe", _("replace them with one space"), " ", [Edit("replace", span, " ")]))


def inside_word(text: str, offset: int) -> bool:
    """Whether the marker at ``offset`` stands inside a word: a letter before it and a small
    letter after it (`Kamer[1]brief`, `V¹ideo`), or digits on both sides (`20[1]16`). A capital
    after it starts a new word (`herkomst[1]Ook`: a space is missing)."""
    if not 0 < offset < len(text) - 1:
        return False
    before, after = text[offset - 1], text[offset + 1]
    return (before.isalpha() and after.isalpha() and after.islower()) or (before.isdigit() and after.isdigit())


@rule("FN018", "marker-inside-word", "warning", fix="always")
def marker_inside_word(doc: Document, ctx: RuleContext):
    """## What it does
    Finds a marker inside a word (`Kamer[1]brief`): a letter before it and a small letter after
    it, or digits on both sides.

    ## Why is this bad?
    The note number splits the word for the reader, and in a text export or a screen reader it
    becomes part of it (`Kamer1brief`). Usually the marker was meant after the word or the
    sentence, or a space or punctuation went missing.

    ## Example
    Wrong: `…in deze Kamer[1]brief licht ik toe…`

    Right: `…in deze Kamerbrief[1] licht ik toe…`

    ## Fix safety
    Unsafe: the fix moves the marker to the end of the word, which is where it usually belongs,
    but it may have been meant elsewhere. A space after the marker (FN008's fix) would split the
    word, so this is never FN008.
    """
    for ref in body_refs(doc):
        text = ref.paragraph.text
        if not inside_word(text, ref.offset):
            continue
        end = ref.offset + 1
        while end < len(text) and text[end].isalnum():
            end += 1
        rest = text[ref.offset + 1 : end]
        span = Span(ref.paragraph, ref.offset, end)
        yield ctx.report(
            Span(ref.paragraph, ref.offset, ref.offset + 1),
            _("The marker of {note} stands inside a word", note=ref_name(ref)),
            Fix("unsafe", _("move the marker to the end of the word"), rest + "[*]", [Edit("replace", span, rest + NOTE_MARK)]),
        )


@rule("FN009", "marker-after-digit", "warning")
def marker_after_digit(doc: Document, ctx: RuleContext):
    """## What it does
    Finds a marker directly after a digit (`2015 – 2016³`). Between two digits (`20[1]16`) the
    marker is inside a number: FN018.

    ## Why is this bad?
    Once the superscript is lost (in a text export, a screen reader, a quote in an e-mail) the note
    number reads as part of the number: `2016³` becomes `20163`.

    ## Example
    Wrong: `…in de periode 2015 – 2016[3] is…`

    Right: `…in de periode 2015 – 2016 is gekozen…[3]` (at the end of the sentence or clause).

    ## Fix safety
    No fix: where the marker should go depends on the sentence.
    """
    for ref in body_refs(doc):
        if ref.offset and ref.paragraph.text[ref.offset - 1].isdigit() and not inside_word(ref.paragraph.text, ref.offset):
            yield ctx.report(Span(ref.paragraph, ref.offset - 1, ref.offset + 1), _("The marker of {note} follows a digit and reads as part of the number", note=ref_name(ref)))


@rule("FN013", "adjacent-markers", "warning")
def adjacent_markers(doc: Document, ctx: RuleContext):
    """## What it does
    Finds two markers side by side (`[1][2]`).

    ## Why is this bad?
    Two numbers in a row read as one number (`12`); the house style puts both sources in one note,
    separated by a semicolon.

    ## Example
    Wrong: `…herkomst.[1][2]`

    Right: `…herkomst.[1]` with note 1 `Kamerstuk 33 625, nr. 287; Kamerstuk 36 180, nr. 168.`

    ## Fix safety
    No fix: merging notes is the author's call.
    """
    for ref in body_refs(doc):
        text = ref.paragraph.text
        i = ref.offset - 1
        while i >= 0 and text[i] in " \u00a0":
            i -= 1
        if i >= 0 and text[i] == NOTE_MARK:
            yield ctx.report(Span(ref.paragraph, i, ref.offset + 1), _("The marker of {note} stands right after another marker: combine the notes", note=ref_name(ref)))


@rule("FN014", "typed-marker", "error")
def typed_marker(doc: Document, ctx: RuleContext):
    """## What it does
    Finds a note number typed as superscript text instead of a real note: a superscript run of
    digits that is not a note reference. Only detectable in .docx and .odt files (a text export
    has no formatting). Exponents (`10⁶`, `m²`) and field results (a `NOTEREF \\f`
    cross-reference to a note number) are left alone.

    ## Why is this bad?
    A typed number does not renumber when notes are added or removed, and has no note behind it.

    ## Example
    Wrong: `…herkomst.³` typed with Ctrl+Shift+= .

    Right: Insert › Footnote, so Word numbers and links the note.

    ## Fix safety
    No fix.
    """
    if not doc.has(CAP_FORMATTING):
        return
    for para in doc.paragraphs():
        fields = list(para.ranges_of("field-result"))
        for r in para.ranges_of("superscript"):
            if any(f.start < r.end and r.start < f.end for f in fields):
                continue  # a NOTEREF \f result: Word's own cross-reference to a note number
            text = para.text[r.start : r.end]
            digits = text.strip()
            if not (digits.isdigit() and len(digits) <= 3) or NOTE_MARK in text:
                continue
            before = para.text[: r.start].rstrip(" ")
            if not before or before[-1].isdigit():
                continue  # an exponent, or a number at the start of a paragraph
            last_word = before.split()[-1].strip("(").lower() if before.split() else ""
            if last_word in UNITS:
                continue
            yield ctx.report(Span(para, r.start, r.end), _('Superscript "{digits}" is typed, not a real footnote', digits=digits))


@rule("FN015", "custom-mark-note", "info")
def custom_mark_note(doc: Document, ctx: RuleContext):
    """## What it does
    Finds a note with a custom mark (`w:customMarkFollows`, such as `*`).

    ## Why is this bad?
    A custom mark is not numbered automatically: the sequence of the other notes skips it, and it
    does not change when notes are moved.

    ## Example
    Wrong: a note marked `*` among numbered notes.

    Right: an ordinary, numbered footnote.

    ## Fix safety
    No fix.
    """
    for ref in doc.note_refs:
        if ref.custom_mark is not None:
            message = (
                _('This footnote has a custom mark "{mark}" and is not numbered automatically', mark=ref.custom_mark)
                if ref.kind == "footnote"
                else _('This endnote has a custom mark "{mark}" and is not numbered automatically', mark=ref.custom_mark)
            )
            yield ctx.report(ref.span, message)


@rule("FN016", "endnote-used", "info")
def endnote_used(doc: Document, ctx: RuleContext):
    """## What it does
    Reports endnotes in a letter, once, at the first endnote reference.

    ## Why is this bad?
    Kamerbrieven use footnotes; endnotes send the reader to the end of the letter and are often
    numbered in Roman numerals.

    ## Example
    Wrong: Insert › Endnote.

    Right: Insert › Footnote.

    ## Fix safety
    No fix.
    """
    refs = [r for r in doc.note_refs if r.kind == "endnote"]
    if refs:
        yield ctx.report(refs[0].span, ngettext("This letter uses endnotes ({n} reference); Kamerbrieven use footnotes", "This letter uses endnotes ({n} references); Kamerbrieven use footnotes", len(refs)))


@rule("FN017", "reference-in-note", "error")
def reference_in_note(doc: Document, ctx: RuleContext):
    """## What it does
    Finds a note reference inside a note.

    ## Why is this bad?
    The standard does not allow it and Word renders it unpredictably: the inner note may be lost or
    numbered out of order.

    ## Example
    Wrong: a footnote whose text contains another footnote marker.

    Right: put the second source in the same note, separated by a semicolon.

    ## Fix safety
    No fix.
    """
    for ref in doc.note_refs:
        if ref.paragraph.story.kind in ("footnote", "endnote"):
            yield ctx.report(ref.span, _("A footnote reference inside a note") if ref.kind == "footnote" else _("An endnote reference inside a note"))
