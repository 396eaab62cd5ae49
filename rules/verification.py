"""KS009, MO003 … MO007: what a letter cites, checked against the record.

The answers come from ``ctx.records``, gathered by the engine before the rules run (cache, or the
network with ``--verify``): the publisher's XML (KS009, MO003, MO004, MO005) and the Tweede Kamer's
open data (MO005, MO006, MO007). A reference with no answer is "not verified" and never a finding.
KS009 belongs to the KS family and the others to MO, but they live here because they share the
look-ups and what :mod:`linter.verify.cited` reads of a motie; rules/moties.py's MO001 borrows
:func:`name_the_members` for its fix.
"""

from __future__ import annotations

import re

from linter.i18n import _, ngettext
from linter.model import Span
from linter.registry import RuleContext, rule

#: The publisher's Kamerstukken start with vergaderjaar 1995–1996, whatever the dossier: live
#: dossiers opened earlier (21 501 EU-Raden, 19 637 Vreemdelingenbeleid, 23 432 Midden-Oosten)
#: hold thousands of documents published there. Dossiers numbered below 24 400 (the 1996 budget)
#: were opened before it, and their first documents are older than the collection; in the corpus
#: every number of theirs that is published is above 200, every older one cited with its year
#: below 100. So a 404 there is believed from nr. 100 on, or when the citation's vergaderjaar is
#: 1995/96 or later, or when the same dossier answered for a lower number in the same run.
FIRST_DOSSIER_OF_THE_COLLECTION = 24400
FIRST_YEAR_OF_THE_COLLECTION = 1995
OLD_DOSSIER_FIRST_PUBLISHED_NR = 100


def _style(ctx: RuleContext) -> str:
    return getattr(ctx.settings, "citation_style", "tweede-kamer")


def cited_moties(doc, style: str):
    from linter.verify.cited import cited_moties as cited

    return cited(doc, style)


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


def _may_predate_the_collection(fields: dict, identifier: str, records) -> bool:
    """Whether a 404 for this Kamerstuk may only mean it is older than the publisher's collection."""
    if vj := fields.get("vj"):
        return int(vj[:4]) < FIRST_YEAR_OF_THE_COLLECTION
    if int(fields["dossier"]) >= FIRST_DOSSIER_OF_THE_COLLECTION:
        return False
    nr = identifier.rsplit("-", 1)[1]
    if not nr.isdigit() or int(nr) >= OLD_DOSSIER_FIRST_PUBLISHED_NR:
        return False
    # A lower number of the same dossier, found in this run, is of the collection's years: so is this.
    prefix = identifier.rsplit("-", 1)[0] + "-"
    return not any(
        rid.startswith(prefix) and rec is not None and rid[len(prefix):].isdigit() and int(rid[len(prefix):]) <= int(nr)
        for rid, rec in records.answers.items()
    )


@rule("KS009", "unknown-kamerstuk", "error")
def unknown_kamerstuk(doc, ctx: RuleContext):
    """## What it does
    Finds a cited Kamerstuk that the publisher (officielebekendmakingen.nl) answered does not
    exist, each number of `nrs. 642 en 646` on its own. It needs the answer in the cache
    (`lint --verify`, or `kamerlint sync`); a reference that could not be looked up is counted as
    "not verified" in the summary, with the reason, and never reported. A "does not exist" is
    believed only when the same address finds a document that surely exists in the same run: a
    wrong address or a portal that answers 404 to everything reports nothing.

    ## Why is this bad?
    A wrong dossier or ondernummer (`nr. 186` for `nr. 168`) sends the reader to nothing, in the
    one place a letter is read most closely. No format check can see it.

    ## Example
    Wrong: `Kamerstuk 36 725 XVII, nr. 4599` (there is no such document)

    Right: `Kamerstuk 36 725 XVII, nr. 45`

    The publisher's collection starts with vergaderjaar 1995–1996. Live dossiers opened before
    it (`21 501-02`, `19 637`, `23 432`) are checked like any other; only their first documents
    (below nr. 100 in a dossier numbered below 24 400, or cited with an earlier vergaderjaar) are
    older than the collection and not reported.

    ## Fix safety
    No fix: kamerlint cannot know which number was meant.
    """
    from linter.citations.models import KAMERSTUK
    from linter.citations.scan import scan
    from linter.verify.cited import kamerstuk_ids

    if ctx.records is None:
        return
    for para, refs in scan(doc, _style(ctx)):
        for ref in refs:
            if ref.type != KAMERSTUK:
                continue
            ids = kamerstuk_ids(ref.fields)
            for rid in ids:
                if not ctx.records.does_not_exist(rid) or _may_predate_the_collection(ref.fields, rid, ctx.records):
                    continue
                shown = ref.render("tweede-kamer") or ref.text
                if len(ids) > 1:
                    message = _("{citation}: nr. {number} does not exist: officielebekendmakingen.nl has no {id}; check the dossier and the number",
                                citation=shown, number=rid.rsplit("-", 1)[1], id=rid)
                else:
                    message = _("{citation} does not exist: officielebekendmakingen.nl has no {id}; check the dossier and the number", citation=shown, id=rid)
                yield ctx.report(Span(para, ref.start, ref.end), message)


def _records_of(cited, records) -> list | None:
    """The publisher's records of every Kamerstuk the citation may be; None when one is unknown."""
    found = [records.get(rid) for rid in cited.identifiers]
    return None if any(r is None for r in found) else found


def _is_among(name: str, members: list[str]) -> bool:
    from linter.verify.record import same_person

    return any(same_person(name, m) for m in members)


@rule("MO003", "motie-members-mismatch", "warning")
def motie_members_mismatch(doc, ctx: RuleContext):
    """## What it does
    Finds a member the letter names for a motie or amendement (`de motie van de leden Jansen en
    De Vries (Kamerstuk …)`, `de motie-Jansen`, with a subject between, or with the Kamerstuk in a
    note) who is not among its indieners in the record, and a citation that leaves out a member
    the Kamer names for it: `van het lid A` for a motie of the leden A and B, or for one of
    `A c.s.`. Surnames are compared the way people write them: tussenvoegsels in either case
    (`van der`, `De`), initials (`D.G.M. Ceder`), one half of a double name
    (`Rikkers-Oosterkamp`), letters with or without accents (`Kostić`, `Gündoğan`); where the
    letter gives a first name or initials, they must fit (`Tjeerd de Groot` is not
    `P.C. (Peter) de Groot`). Naming some members followed by `c.s.` is always right. It needs the
    record in the cache (`lint --verify` or `kamerlint sync`).

    ## Why is this bad?
    Attributing a motie to the wrong members, or to one of its two authors, is a factual error
    about the Kamer, and the members concerned will notice.

    ## Example
    Wrong: `de motie van de leden Ceder en Jansen (Kamerstuk 36 725 XVII, nr. 45)`

    Wrong: `de motie van het lid Ceder (Kamerstuk 36 725 XVII, nr. 45)` (it is of the leden Ceder and Bamenga)

    Right: `de motie van de leden Ceder en Bamenga (Kamerstuk 36 725 XVII, nr. 45)`

    ## Fix safety
    No fix: the letter may cite the wrong number rather than the wrong members.
    """
    if ctx.records is None:
        return
    for cited in cited_moties(doc, _style(ctx)):
        if not cited.names:
            continue
        found = _records_of(cited, ctx.records)
        if not found or any(r.family == "other" or not r.members for r in found):
            continue  # unknown, or not a motie (MO004 says so)
        if cited.plural or len(found) > 1:
            if not all(r.members_complete for r in found):
                continue
            members = [m for r in found for m in r.members]
            if cited.plural:  # "de moties van de leden A en B": each is among some of them
                wrong = [n for n in cited.names if not _is_among(n, members)]
            elif any(all(_is_among(n, r.members) for n in cited.names) for r in found):
                continue  # a note citing several: the motie is the one whose members these are
            else:
                wrong = [n for n in cited.names if not _is_among(n, members)] or cited.names
            if wrong:
                yield ctx.report(cited.span, ngettext(
                    "{who} is not among the indieners of {citation}: the record names {members}",
                    "{who} are not among the indieners of {citation}: the record names {members}",
                    len(wrong), who=", ".join(f'"{n}"' for n in wrong), citation="; ".join(cited.citations.values()),
                    members=", ".join(members)))
            continue
        record = found[0]
        # The Kamer's register (the Zaak's Onderwerp) names them too, and says "c.s." where the
        # publication's title sometimes does not.
        motion = ctx.records.motion(cited.identifier)
        from linter.verify.record import members_in_title, phrase_of

        kamer, kamer_cs, _who = members_in_title(motion.subject, record.members) if motion else ([], False, "")
        members = record.members + [n for n in kamer if not _is_among(n, record.members)]
        wrong = [n for n in cited.names if not _is_among(n, members)] if record.members_complete else []
        if wrong:
            who = ", ".join(f'"{n}"' for n in wrong)
            yield ctx.report(
                cited.span,
                ngettext(
                    "{who} is not among the indieners of {citation}: the record names {members} ({title})",
                    "{who} are not among the indieners of {citation}: the record names {members} ({title})",
                    len(wrong), who=who, citation=cited.citation(), members=", ".join(members), title=record.title,
                ),
            )
            continue
        if cited.cs:
            continue
        # Every phrase of the Kamer's own must name who is left out, or say "c.s.": where the
        # publication's title and the register differ, the letter may follow either.
        phrases = [p for p in (kamer, record.title_members) if p] or [record.members]
        named = phrases[0]
        title_cs = (kamer_cs or not kamer) and (record.title_cs or not record.title_members)
        phrase = phrase_of(named, kamer_cs or record.title_cs)
        left_out = [t for t in named
                    if all(_is_among(t, p) for p in phrases[1:]) and not any(_is_among(n, [t]) for n in cited.names)]
        if left_out:
            yield ctx.report(cited.span, ngettext(
                "The letter leaves out {who}, who also submitted {citation}: the Kamer names it \"{phrase}\"",
                "The letter leaves out {who}, who also submitted {citation}: the Kamer names it \"{phrase}\"",
                len(left_out), who=", ".join(f'"{n}"' for n in left_out), citation=cited.citation(), phrase=phrase))
        elif title_cs and (not record.members_complete or any(not any(_is_among(n, [m]) for n in cited.names) for m in members)):
            yield ctx.report(cited.span, _(
                'Others also submitted {citation}: write "c.s." after the members, as the Kamer names it "{phrase}"',
                citation=cited.citation(), phrase=phrase))


@rule("MO004", "not-a-motie", "warning")
def not_a_motie(doc, ctx: RuleContext):
    """## What it does
    Finds a document the letter calls a motie or an amendement that the record says is another
    kind of document (a brief, a verslag, or an amendement where the letter says motie), with or
    without members (`de motie (Kamerstuk …)`, `de motie-Jansen (Kamerstuk …)`), each number of
    `de moties …, nrs. 642 en 646`. For a note that cites several Kamerstukken, it is reported
    when none of them is one. It needs the record in the cache (`lint --verify` or
    `kamerlint sync`).

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
        if cited.plural or len(cited.identifiers) == 1:
            for rid in cited.identifiers:
                record = ctx.records.get(rid)
                if record is None or not record.kind or record.family == cited.word:
                    continue
                yield ctx.report(cited.span, _(
                    "The letter calls {citation} a {word}, but the record says it is a {kind}: {title}",
                    citation=cited.citation(rid), word=cited.word, kind=record.kind.lower(), title=record.title))
        else:
            found = _records_of(cited, ctx.records)
            if found and all(r.kind for r in found) and not any(r.family == cited.word for r in found):
                yield ctx.report(cited.span, _(
                    "The letter calls one of {citations} a {word}, but the record says none of them is one",
                    citations="; ".join(cited.citations.values()), word=cited.word))


# -- MO005: is it the motie the letter describes? --------------------------------------------
_STOPWORDS = frozenset(
    "aan achter af al als bij binnen boven daar dan dat de deze die dit door een en er geen het hier hij hoe hun "
    "in is je kan kunnen later maar meer met na naar niet nog nu of om onder ons ook op over per te tegen ten ter "
    "tot tussen u uit van vanuit veel voor vooral waar wat wel welke wie worden wordt zal ze zich zij zijn zo "
    "zonder zoals alle andere ander eigen extra goed mogelijk nieuwe onder meer regering kabinet kamer motie "
    "verzoekt verzoek wijze manier komen gaan maken nemen zetten brengen houden doen geven zorgen "
    # words of the trade, in the subjects of moties on anything
    "mogelijkheden mogelijkheid nederland nederlands nederlandse opnemen onderzoeken onderzoek inzetten inzet "
    "informeren plan plannen voorstel voorstellen maatregelen maatregel verbeteren verbetering instellen "
    "uitspreken bevorderen versterken stimuleren realiseren beleid aanpak".split()
)


def content_words(text: str) -> set[str]:
    """The words that carry a subject, folded: no stop words, no words under four letters unless
    written as an acronym ("mbo", "EU")."""
    from linter.verify.record import fold

    words = set()
    for raw in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text):
        w = fold(raw)
        if w in _STOPWORDS:
            continue
        if len(w) >= 4 or (raw.isupper() and len(raw) >= 2) or w in ("mbo", "hbo", "wo", "ov", "ggz", "zzp", "ai"):
            words.add(w)
    return words


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 4:
        return True  # "kind" / "kinderen", not "hulp" / "hulpgoederen"
    if len(short) >= 6 and short[:6] == long[:6]:
        return True  # "bekostiging" / "bekostigen"
    return len(short) >= 5 and short in long  # "zorg…": "jeugdzorg" holds "zorg" only from five letters


def subject_overlap(letter: str, record_texts: list[str]) -> float:
    """The share of the letter's content words that the record's texts hold (0.0 to 1.0); 1.0
    when the letter's subject has fewer than two content words (too little to judge)."""
    said = content_words(letter)
    if len(said) < 2:
        return 1.0
    known = set().union(*(content_words(t) for t in record_texts))
    return sum(1 for w in said if any(_same_word(w, k) for k in known)) / len(said)


#: Below this share of the letter's subject words found in the record, the subjects differ.
SUBJECT_OVERLAP = 0.25
#: A date the letter gives a motie may be the day it was submitted or the day of the vote (weeks
#: later, or months when it was held): outside this window of the submission it is another motie.
DATE_BEFORE_DAYS, DATE_AFTER_DAYS = 7, 400


def _subject_of(text: str) -> str:
    m = re.search(r"(?i)\bover\s+(.+?)(?:\s*\(t\.v\.v\.[^)]*\))?\s*$", text)
    return m.group(1) if m else ""


@rule("MO005", "motie-subject-mismatch", "warning")
def motie_subject_mismatch(doc, ctx: RuleContext):
    """## What it does
    Finds a motie whose subject or date in the letter does not fit the record of the number it
    cites: `de motie van het lid Jansen over de bekostiging van het mbo (Kamerstuk …)` where the
    record's motie is about something else, or a date far from the day it was submitted. The
    subject is compared by the words that carry it, not as equal text (letters paraphrase): it is
    reported when hardly any of the letter's words (`over …`, `inzake …`) are in the record's
    title, subject or text. It needs the record in the cache (`lint --verify` or
    `kamerlint sync`); the Kamer's open data (its subject of the motie) is used when known.

    ## Why is this bad?
    A wrong number often lands on another motie of the same members, from the same debate: the
    members fit, the subject does not. The reader who follows the citation reads another motie.

    ## Example
    Wrong: `de motie van het lid Welzijn over reclames voor buy now, pay later-diensten (Kamerstuk 24 515, nr. 809)` (nr. 809 is about lending to young people; nr. 810 is about the reclames)

    Right: `de motie van het lid Welzijn over reclames voor buy now, pay later-diensten (Kamerstuk 24 515, nr. 810)`

    ## Fix safety
    No fix: the subject or the number may be wrong. The message shows both.
    """
    if ctx.records is None:
        return
    from datetime import date

    for cited in cited_moties(doc, _style(ctx)):
        rid = cited.identifier
        record, motion = ctx.records.get(rid), ctx.records.motion(rid)
        if record is None and motion is None:
            continue
        if (record is not None and record.family == "other") or (motion is not None and motion.kind.lower() not in ("motie", "amendement", "")):
            continue
        if cited.subject:
            texts = [t for t in (record.title if record else "", record.subject if record else "", motion.subject if motion else "") if t]
            subject = _subject_of(motion.subject) if motion else ""
            subject = subject or (record.subject if record else "")
            if not subject and record is not None:
                texts.append(record.dictum)  # the title says nothing of it: the motie's text does
            if texts and subject_overlap(cited.subject, texts) < SUBJECT_OVERLAP:
                yield ctx.report(cited.span, _(
                    'The letter says {citation} is about "{said}", but the record\'s motie is about "{subject}"',
                    citation=cited.citation(), said=cited.subject, subject=subject or (record.title if record else "")))
                continue
        when = (motion.date if motion else "") or (record.date if record else "")
        if cited.date and when:
            try:
                delta = (date.fromisoformat(cited.date) - date.fromisoformat(when)).days
            except ValueError:
                continue
            if delta < -DATE_BEFORE_DAYS or delta > DATE_AFTER_DAYS:
                yield ctx.report(cited.span, _(
                    "The letter dates {citation} {said}, but the record's motie was submitted on {date}",
                    citation=cited.citation(), said=cited.date, date=when))


# -- MO006, MO007: what became of it -----------------------------------------------------------
@rule("MO006", "motie-outcome-mismatch", "warning")
def motie_outcome_mismatch(doc, ctx: RuleContext):
    """## What it does
    Finds a motie the letter calls adopted, rejected, held or withdrawn (`de aangenomen motie …`,
    `de motie …, die de Kamer heeft verworpen`) where the Kamer's vote says otherwise, and a letter
    that carries out a motie (`ter uitvoering van de motie …`, `geef ik uitvoering aan de motie
    …`) that the Kamer rejected, that was withdrawn or that is held. The outcome is the Tweede
    Kamer's open data (`Besluit`); a motie not yet decided is never reported. It needs the record
    in the cache (`lint --verify` or `kamerlint sync`).

    ## Why is this bad?
    A letter that carries out a motie the Kamer rejected, or calls a rejected motie adopted,
    misstates what the Kamer decided; it usually means the number is wrong.

    ## Example
    Wrong: `de aangenomen motie van het lid Van Baarle (Kamerstuk 30 950, nr. 404)` (verworpen)

    Right: `de verworpen motie van het lid Van Baarle (Kamerstuk 30 950, nr. 404)`

    ## Fix safety
    No fix: the word or the number may be wrong.
    """
    if ctx.records is None:
        return
    for cited in cited_moties(doc, _style(ctx)):
        motion = ctx.records.motion(cited.identifier)
        if motion is None or not motion.outcome or (not cited.claim and not cited.carries_out):
            continue
        said, held = cited.claim, motion.outcome
        if said and said != held:
            yield ctx.report(cited.span, _(
                "The letter calls {citation} {said}, but the Kamer's record says it was {outcome}",
                citation=cited.citation(), said=said, outcome=held))
        elif not said and cited.carries_out and held != "aangenomen":
            yield ctx.report(cited.span, _(
                "The letter carries out {citation}, but the Kamer's record says it was {outcome}",
                citation=cited.citation(), outcome=held))


@rule("MO007", "motie-replaced", "warning")
def motie_replaced(doc, ctx: RuleContext):
    """## What it does
    Finds a motie that a gewijzigde motie replaced (the register's `t.v.v.`, "ter vervanging
    van"): the Kamer voted on the gewijzigde motie, under its own number, and the letter cites the
    one it replaced. A letter that cites both is not reported. It needs the Tweede Kamer's record
    in the cache (`lint --verify` or `kamerlint sync`).

    ## Why is this bad?
    The replaced text is not what the Kamer decided: the reader who follows the number reads a
    motie that was withdrawn in favour of another text.

    ## Example
    Wrong: `de motie van het lid Bontenbal c.s. (Kamerstuk 32 813, nr. 1497)` (replaced by nr. 1504)

    Right: `de gewijzigde motie van het lid Bontenbal c.s. (Kamerstuk 32 813, nr. 1504)`

    ## Fix safety
    No fix: the letter may mean the first text on purpose.
    """
    if ctx.records is None:
        return
    from linter.verify.cited import house_style

    moties = cited_moties(doc, _style(ctx))
    cited_anywhere = {rid for c in moties for rid in c.identifiers}
    from linter.verify import cited_ids

    cited_anywhere.update(cited_ids(doc, _style(ctx)))
    for cited in moties:
        motion = ctx.records.motion(cited.identifier)
        if motion is None or not motion.replaced_by or any(r in cited_anywhere for r in motion.replaced_by):
            continue
        new = motion.replaced_by[-1]
        yield ctx.report(cited.span, _(
            "{citation} was replaced by a gewijzigde motie ({new}, t.v.v.): the Kamer voted on that one; cite it",
            citation=cited.citation(), new=house_style(new)))

