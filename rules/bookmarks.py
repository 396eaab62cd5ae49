"""BM: bookmarks and cross-references (spec/rules.md)."""

from __future__ import annotations

import re

from linter.i18n import _
from linter.diagnostics import Edit, Fix
from linter.model import CAP_BOOKMARK_ENDS, CAP_FIELDS, CAP_WORD_BOOKMARK_NAMES, Bookmark, Document, Span
from linter.registry import RuleContext, rule

#: Bookmarks Word makes by itself: always residue unless something points at them.
RESIDUE_PREFIXES = ("_Hlk", "_GoBack")
#: Bookmarks Word makes for cross-references and tables of contents: residue only when unused.
TARGET_PREFIXES = ("_Ref", "_Toc")
VALID_NAME = re.compile(r"[^\W\d_]\w*|_\w+")
MAX_NAME = 40

ERROR_TEXT = re.compile(
    r"(?:Fout|Error)[!:]\s*(?:"
    r"Bladwijzer niet gedefinieerd|Verwijzingsbron niet gevonden|Bookmark not defined|Reference source not found"
    r"|Geen tekst met (?:de )?opgegeven stijl in (?:het )?document|No text of specified style in document"
    r"|Onbekende schakeloptie voor argument|Unknown switch argument"
    r"|Hoofdstuknummer niet gevonden|Main Document Only"
    r")\.?",
    re.IGNORECASE,
)


def targets(doc: Document) -> set[str]:
    return {x.target.casefold() for x in doc.cross_references}


@rule("BM001", "hidden-bookmark", "warning", fix="always")
def hidden_bookmark(doc: Document, ctx: RuleContext):
    """## What it does
    Finds bookmarks that Word made by itself and that serve no purpose in the letter: `_Hlk…` (made
    on copy and paste) and `_GoBack`; `_Ref…` and `_Toc…` only when no field or link points to them.
    A bookmark that a field or internal link points to is never reported. In a text export fields
    are lost, so `_Ref…` and `_Toc…` are not reported there.

    ## Why is this bad?
    They are drafting residue: they travel with every copy of the text, show where text was pasted
    from, and get in the way when someone later inserts a real cross-reference.

    ## Example
    Wrong: `[bookmark: _Hlk233125581]Graag licht ik in deze brief toe, …`

    Right: `Graag licht ik in deze brief toe, …`

    ## Fix safety
    Safe: removing a bookmark that nothing points to changes nothing the reader sees.
    """
    used = targets(doc)
    fields_known = doc.has(CAP_FIELDS)
    for bm in doc.bookmarks:
        name = bm.name
        if name.casefold() in used:
            continue
        if name.startswith(RESIDUE_PREFIXES):
            why = _("made by Word on copy and paste") if name.startswith("_Hlk") else _("Word's last-edit position")
        elif name.startswith(TARGET_PREFIXES) and fields_known:
            why = _("nothing points to it")
        else:
            continue
        span = bm.span
        if span is None:
            continue
        yield ctx.report(
            span,
            _('Hidden bookmark "{name}" ({why}) is drafting residue', name=name, why=why),
            Fix("safe", _('remove bookmark "{name}"', name=name), "", [Edit("remove-bookmark", span, "", bm)]),
        )


@rule("BM002", "unclosed-bookmark", "error")
def unclosed_bookmark(doc: Document, ctx: RuleContext):
    """## What it does
    Finds a bookmark start without an end, or an end without a start. Only in formats that keep
    bookmark ends (.docx, .odt); a text export prints starts only.

    ## Why is this bad?
    The document does not conform to the standard; Word and other programs repair it each in their
    own way, and cross-references to it may show the wrong text.

    ## Example
    Wrong: `<w:bookmarkStart w:id="3" w:name="Besluit"/>` with no `<w:bookmarkEnd w:id="3"/>`.

    Right: every start has its end.

    ## Fix safety
    No fix.
    """
    if not doc.has(CAP_BOOKMARK_ENDS):
        return
    for bm in doc.bookmarks:
        if bm.end is None and bm.span is not None:
            yield ctx.report(bm.span, _('Bookmark "{name}" is opened but never closed', name=bm.name))
    for bm_id, pos in doc.orphan_bookmark_ends:
        if pos is not None:
            yield ctx.report(Span(pos.paragraph, pos.offset, pos.offset), _("A bookmark end (id {id}) has no start", id=bm_id))


@rule("BM003", "duplicate-bookmark", "error")
def duplicate_bookmark(doc: Document, ctx: RuleContext):
    """## What it does
    Finds two bookmarks with the same name (Word compares names without regard to case).

    ## Why is this bad?
    Only one survives, and Word and the standard disagree on which: a cross-reference may jump to
    the wrong place.

    ## Example
    Wrong: two bookmarks named `Besluit`.

    Right: `Besluit` and `Besluit2`.

    ## Fix safety
    No fix.
    """
    seen: dict[str, Bookmark] = {}
    for bm in doc.bookmarks:
        key = bm.name.casefold()
        if key in seen and bm.span is not None:
            yield ctx.report(bm.span, _('A second bookmark named "{name}"', name=bm.name))
        seen.setdefault(key, bm)


@rule("BM004", "invalid-bookmark-name", "warning")
def invalid_bookmark_name(doc: Document, ctx: RuleContext):
    """## What it does
    Finds a bookmark name Word would not accept: over 40 characters, not starting with a letter
    (hidden ones start with `_`), containing characters other than letters, digits and `_`, or
    empty.

    ## Why is this bad?
    Word cannot show or edit such a bookmark, and a cross-reference to it may break when the file
    is opened and saved in Word.

    ## Example
    Wrong: `bijlage-2`, `2e_alinea`, a 50-character name. Not checked in .odt files, whose
    bookmark names follow ODF's rules, not Word's.

    Right: `Bijlage_2`.

    ## Fix safety
    No fix: renaming would break what points to it.
    """
    if not doc.has(CAP_WORD_BOOKMARK_NAMES):
        return  # ODF names (and LibreOffice's reference marks) follow other rules than Word's
    for bm in doc.bookmarks:
        name = bm.name
        if not name:
            message = _('Bookmark name "{name}" is empty', name=name)
        elif len(name) > MAX_NAME:
            message = _('Bookmark name "{name}" is {length} characters long (Word allows {most})', name=name, length=len(name), most=MAX_NAME)
        elif not VALID_NAME.fullmatch(name):
            message = _('Bookmark name "{name}" may only hold letters, digits and _ and must start with a letter', name=name)
        else:
            continue
        if bm.span is not None:
            yield ctx.report(bm.span, message)


@rule("BM005", "broken-cross-reference", "error")
def broken_cross_reference(doc: Document, ctx: RuleContext):
    """## What it does
    Finds a REF, NOTEREF or PAGEREF field, or an internal hyperlink, that names a bookmark that does
    not exist; simple fields and complex fields alike. Only in formats that keep fields.

    ## Why is this bad?
    When the fields update (on printing, or saving as PDF), the reference turns into
    "Fout! Verwijzingsbron niet gevonden." in the letter that goes out.

    ## Example
    Wrong: `{ REF _Ref12345 \\h }` where no bookmark `_Ref12345` exists.

    Right: insert the cross-reference again (Insert › Cross-reference).

    ## Fix safety
    No fix.
    """
    if not doc.has(CAP_FIELDS):
        return
    names = {bm.name.casefold() for bm in doc.bookmarks}
    for ref in doc.cross_references:
        if ref.target.casefold() not in names:
            if ref.kind == "anchor":
                message = _('The internal link points to bookmark "{target}", which does not exist', target=ref.target)
            else:
                message = _('The {field} field points to bookmark "{target}", which does not exist', field=ref.kind, target=ref.target)
            yield ctx.report(ref.span, message)


@rule("BM006", "cross-reference-error-text", "error")
def cross_reference_error_text(doc: Document, ctx: RuleContext):
    """## What it does
    Finds the text Word leaves when a reference breaks: `Fout! Bladwijzer niet gedefinieerd.`,
    `Fout! Verwijzingsbron niet gevonden.`, `Error! Bookmark not defined.`,
    `Error! Reference source not found.` and their variants (LibreOffice writes
    `Error: Reference source not found`), in any story.

    ## Why is this bad?
    The error text is printed in the letter exactly as it stands.

    ## Example
    Wrong: `Zie paragraaf Fout! Verwijzingsbron niet gevonden.`

    Right: `Zie paragraaf 3.2.`

    ## Fix safety
    No fix: only the author knows what the reference should say.
    """
    for para in doc.paragraphs():
        if "!" not in para.text and ":" not in para.text:
            continue  # a cheap test first: the residue always has one of these
        for m in ERROR_TEXT.finditer(para.text):
            yield ctx.report(Span(para, m.start(), m.end()), _('Word\'s error text "{text}" is in the letter: a cross-reference is broken', text=m.group()))
