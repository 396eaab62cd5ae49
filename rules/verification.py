"""KS009, MO003, MO004: what a letter cites, checked against the record (the publisher's XML).

The answers come from ``ctx.records``, gathered by the engine before the rules run (cache, or the
network with ``--verify``); a reference with no answer is "not verified" and never a finding.
KS009 belongs to the KS family and MO003/MO004 to MO, but they live here because they share the
look-ups; rules/moties.py's MO001 borrows :func:`name_the_members` for its fix.
"""

from __future__ import annotations

import re
import weakref

from linter.model import NOTE_MARK, Paragraph, Span, Value
from linter.lazy import LazyPattern
from linter.i18n import _, ngettext
from linter.registry import RuleContext, rule

#: Dossiers opened before about 1995 (numbers below 24 000) hold documents older than the
#: publisher's collection, which starts in 1995/96: a 404 there does not mean "does not exist".
FIRST_PUBLISHED_DOSSIER = 24000


class CitedMotie(Value):
    """A motie or amendement the letter names members for, with the Kamerstuk that identifies it."""

    __slots__ = ("word", "names", "cs", "span", "identifier", "citation")

    def __init__(self, word: str, names: list[str], cs: bool, span: Span, identifier: str, citation: str):
        self.word = word  # "motie" | "amendement"
        self.names = names
        self.cs = cs
        self.span = span  # the members as written
        self.identifier = identifier
        self.citation = citation  # the Kamerstuk as the house style writes it


def _style(ctx: RuleContext) -> str:
    return getattr(ctx.settings, "citation_style", "tweede-kamer")


def _names(tail: str) -> tuple[list[str], bool]:
    body = re.sub(r"^[ \u00a0]van[ \u00a0](?:het[ \u00a0]lid|de[ \u00a0]leden)[ \u00a0]", "", tail)
    cs = bool(re.search(r"[ \u00a0]c\.s\.$", body))
    body = re.sub(r"[ \u00a0]c\.s\.$", "", body)
    return [n.strip() for n in re.split(r",[ \u00a0]|[ \u00a0]en[ \u00a0]", body) if n.strip()], cs


#: Between the members and the Kamerstuk: " over <words>" at most, never a sentence's end.
GAP = LazyPattern(r"(?:[ \u00a0]over[ \u00a0][\w \u00a0'’-]{1,150}?)?")


#: cited_moties per document and style: two rules ask for them.
_CITED_MOTIES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def cited_moties(doc, style: str) -> list[CitedMotie]:
    per_doc = _CITED_MOTIES.setdefault(doc, {})
    if style not in per_doc:
        per_doc[style] = find_cited_moties(doc, style)
    return per_doc[style]


def find_cited_moties(doc, style: str) -> list[CitedMotie]:
    """Members-first (``de motie van de leden A en B (Kamerstuk …)``, or a note marker after the
    members whose note cites one Kamerstuk) and number-first (``Motie 36 725-XVII nr. 45 van de
    leden …``, MO001's form) citations."""
    from linter.citations import patterns as P
    from linter.citations.find import motie_tail
    from linter.citations.models import KAMERSTUK, MOTIE
    from linter.citations.scan import scan
    from linter.verify import kamerstuk_id

    scanned = scan(doc, style)
    note_refs = {}
    for para, refs in scanned:
        note = para.story.note
        if note is not None:
            note_refs.setdefault(id(note), []).extend(r for r in refs if r.type == KAMERSTUK)
    out: list[CitedMotie] = []

    def add(para: Paragraph, word: str, tail: re.Match, ref) -> None:
        rid = kamerstuk_id(ref.fields)
        if rid:
            names, cs = _names(tail.group())
            cite = ref.render("tweede-kamer") or ref.text
            out.append(CitedMotie(word.lower(), names, cs, Span(para, tail.start(), tail.end()), rid, cite))

    refs_of = {id(para): refs for para, refs in scanned}
    for para in doc.paragraphs():
        text = para.text
        if ("otie" not in text and "mendement" not in text) or ("lid" not in text and "leden" not in text):
            continue  # both forms need the word and the members (MOTIE_TAIL: "van het lid", "van de leden")
        refs = refs_of.get(id(para), [])
        by_start = {r.start: r for r in refs if r.type == KAMERSTUK}
        for ref in refs:
            if ref.type == MOTIE:  # number first: the tail follows the number
                ks = ref.fields["kamerstuk"]
                tail = P.MOTIE_TAIL.search(text, ks.end, ref.end)
                if tail:
                    add(para, ref.fields["word"], tail, ks)
        for m in P.MOTIE_WORD.finditer(text):
            tail = motie_tail(text, m.end())
            if not tail:
                continue
            gap = GAP.match(text, tail.end())
            pos = gap.end()
            paren = re.match(r"[ \u00a0]?\(", text[pos:pos + 2])
            if paren and pos + paren.end() in by_start:
                add(para, m.group("word"), tail, by_start[pos + paren.end()])
                continue
            mark = re.match(rf"[,.;:]?{NOTE_MARK}", text[pos:pos + 2])
            if mark:
                noteref = next((n for n in para.note_refs if n.offset == pos + mark.end() - 1), None)
                cited = note_refs.get(id(noteref.note), []) if noteref and noteref.note else []
                if len(cited) == 1:
                    add(para, m.group("word"), tail, cited[0])
    return out


def name_the_members(doc, ctx: RuleContext, diagnostics):
    """MO001's fix, where the record is known: the members as the Kamer names them
    (``de motie van de leden Ceder en Bamenga (Kamerstuk 36 725 XVII, nr. 45)``)."""
    from linter.citations.models import MOTIE
    from linter.citations.scan import make_fix, scan
    from linter.verify import kamerstuk_id

    records = ctx.records
    by_span = {}
    if records is not None:
        for para, refs in scan(doc, _style(ctx)):
            for ref in refs:
                if ref.type == MOTIE:
                    by_span[(id(para), ref.start, ref.end)] = ref
    for d in diagnostics:
        ref = by_span.get((id(d.span.paragraph), d.span.start, d.span.end)) if d.span is not None else None
        record = records.get(kamerstuk_id(ref.fields["kamerstuk"].fields)) if ref is not None else None
        if record is not None and record.members_phrase:
            ks = ref.fields["kamerstuk"]
            art = re.match(r"([Dd]e|[Ee]en)[ \u00a0]", ref.text)
            word = ref.fields["word"].lower()
            cited = ks.render("tweede-kamer")
            fix = f"{art.group(1) + ' ' if art else ''}{word} {record.members_phrase} ({cited})"
            d.message = _('Cite the {word} by its members first, then the Kamerstuk in parentheses: "{fix}"', word=word, fix=fix)
            d.fix = make_fix(d.span, fix)
        yield d


@rule("KS009", "unknown-kamerstuk", "error")
def unknown_kamerstuk(doc, ctx: RuleContext):
    """## What it does
    Finds a cited Kamerstuk that the publisher (officielebekendmakingen.nl) answered does not
    exist. It needs the answer in the cache (`lint --verify`, or `kamerlint sync`); a reference
    that could not be looked up is counted as "not verified" in the summary and never reported.

    ## Why is this bad?
    A wrong dossier or ondernummer (`nr. 186` for `nr. 168`) sends the reader to nothing, in the
    one place a letter is read most closely. No format check can see it.

    ## Example
    Wrong: `Kamerstuk 36 725 XVII, nr. 4599` (there is no such document)

    Right: `Kamerstuk 36 725 XVII, nr. 45`

    Documents in dossiers numbered below 24 000 (opened before the publisher's collection starts,
    in 1995/96) are not reported: their older numbers are not published there.

    ## Fix safety
    No fix: kamerlint cannot know which number was meant.
    """
    from linter.citations.models import KAMERSTUK
    from linter.citations.scan import scan
    from linter.verify import kamerstuk_id

    if ctx.records is None:
        return
    for para, refs in scan(doc, _style(ctx)):
        for ref in refs:
            if ref.type != KAMERSTUK or int(ref.fields["dossier"]) < FIRST_PUBLISHED_DOSSIER:
                continue
            rid = kamerstuk_id(ref.fields)
            if ctx.records.does_not_exist(rid):
                shown = ref.render("tweede-kamer") or ref.text
                yield ctx.report(Span(para, ref.start, ref.end),
                                 _("{citation} does not exist: officielebekendmakingen.nl has no {id}; check the dossier and the number", citation=shown, id=rid))


@rule("MO003", "motie-members-mismatch", "warning")
def motie_members_mismatch(doc, ctx: RuleContext):
    """## What it does
    Finds a member the letter names for a motie or amendement (`de motie van de leden Jansen en
    De Vries (Kamerstuk …)`, or with the Kamerstuk in a note) who is not among its indieners in
    the record. Surnames are compared the way people write them: tussenvoegsels in either case
    (`van der`, `De`), initials (`D.G.M. Ceder`), one half of a double name
    (`Rikkers-Oosterkamp`), accents (`Yeşilgöz`). `c.s.` (more members than named) is never a
    finding by itself. It needs the record in the cache (`lint --verify` or `kamerlint sync`).

    ## Why is this bad?
    Attributing a motie to the wrong members is a factual error about the Kamer, and the members
    concerned will notice.

    ## Example
    Wrong: `de motie van de leden Ceder en Jansen (Kamerstuk 36 725 XVII, nr. 45)`

    Right: `de motie van de leden Ceder en Bamenga (Kamerstuk 36 725 XVII, nr. 45)`

    ## Fix safety
    No fix: the letter may cite the wrong number rather than the wrong members.
    """
    if ctx.records is None:
        return
    for cited in cited_moties(doc, _style(ctx)):
        record = ctx.records.get(cited.identifier)
        if record is None or not record.members or not record.members_complete or record.family == "other":
            continue
        from linter.verify.record import same_person  # here: only a record found needs it

        wrong = [n for n in cited.names if not any(same_person(n, m) for m in record.members)]
        if wrong:
            who = ", ".join(f'"{n}"' for n in wrong)
            yield ctx.report(
                cited.span,
                ngettext(
                    "{who} is not among the indieners of {citation}: the record names {members} ({title})",
                    "{who} are not among the indieners of {citation}: the record names {members} ({title})",
                    len(wrong), who=who, citation=cited.citation, members=", ".join(record.members), title=record.title,
                ),
            )


@rule("MO004", "not-a-motie", "warning")
def not_a_motie(doc, ctx: RuleContext):
    """## What it does
    Finds a document the letter calls a motie or an amendement that the record says is another
    kind of document (a brief, a verslag, or an amendement where the letter says motie). It needs
    the record in the cache (`lint --verify` or `kamerlint sync`).

    ## Why is this bad?
    The number is probably wrong: the letter points the reader to a different document than the
    motie it discusses.

    ## Example
    Wrong: `het amendement van het lid Van Baarle (Kamerstuk 21 501-02, nr. 2907)` (nr. 2907 is a motie)

    Right: `de motie van het lid Van Baarle (Kamerstuk 21 501-02, nr. 2907)`

    ## Fix safety
    No fix: either the word or the number is wrong, and only the writer knows which.
    """
    if ctx.records is None:
        return
    for cited in cited_moties(doc, _style(ctx)):
        record = ctx.records.get(cited.identifier)
        if record is None or not record.kind or record.family == cited.word:
            continue
        yield ctx.report(
            cited.span,
            _("The letter calls {citation} a {word}, but the record says it is a {kind}: {title}", citation=cited.citation, word=cited.word, kind=record.kind.lower(), title=record.title),
        )
