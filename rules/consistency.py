"""CO: consistency across the letter (spec/rules.md)."""

from __future__ import annotations

import re

from linter.diagnostics import Edit, Fix, paragraph_place
from linter.i18n import _, ngettext
from linter.model import STORY_ORDER, Document, Paragraph, Span
from linter.registry import RuleContext, rule
from linter.lazy import LazyPattern
from linter.letters import CAPITAL_OR_ASTRAL, is_capital, is_lower, is_word_character, letter_run
from rules.draft import QUOTATION_OPENERS, in_quotation


@rule("CO003", "repeated-reference", "info", fix="always")
def repeated_reference(doc, ctx: RuleContext):
    """## What it does
    Notes a Kamerstuk (or Aanhangsel, Handelingen, Stb., ECLI, …) cited in full in a note when an
    earlier note already cites it. A note whose whole text repeats an earlier note is left to
    FN005; whole dossiers (`Kamerstukken 29 237`) are not counted. An annex is another document
    than its letter (`Bijlage bij Kamerstuk 31 839, nr. 990`), and another page another place
    (`p. 5` after `p. 4`): "Zie voetnoot N." would send the reader to the wrong one, so these are
    not repeats.

    ## Why is this bad?
    The reader looks the same source up twice; "Zie voetnoot 6." says it is the same.

    ## Example
    Wrong: note 6 `Kamerstuk 36 180, nr. 168.` and note 9 `… 2025. Kamerstuk 36 180, nr. 168.`

    Right: note 9 `… 2025. Zie voetnoot 6.`

    ## Fix safety
    Unsafe: the author may prefer the full reference, or to merge the notes.
    """
    from linter.citations.scan import make_fix, scan
    from linter.model import Span

    style = getattr(ctx.settings, "citation_style", "tweede-kamer")
    by_story = {}
    for para, refs in scan(doc, style):
        by_story.setdefault(id(para.story), []).append((para, refs))
    notes = sorted((n for n in doc.normal_notes() if n.number is not None and n.story is not None),
                   key=lambda n: (n.kind, n.number))
    first_cited: dict = {}
    texts: dict = {}
    for note in notes:
        own = " ".join(note.text.split()).rstrip(". ")
        if (note.kind, own) in texts:
            continue  # the whole note repeats an earlier one: FN005 says so
        texts[(note.kind, own)] = note
        for para, refs in by_story.get(id(note.story), []):
            for ref in refs:
                key = ref.key()
                if key is None:
                    continue
                earlier = first_cited.get((note.kind, key))
                if earlier is None:
                    first_cited[(note.kind, key)] = note
                elif earlier is not note:
                    span = Span(para, ref.start, ref.end)
                    word = "voetnoot" if note.kind == "footnote" else "eindnoot"
                    back = f"Zie {word} {earlier.number}."
                    cited = ref.render() or ref.text
                    yield ctx.report(
                        span,
                        _("{citation} is cited in full again; footnote {number} already cites it", citation=cited, number=earlier.number)
                        if note.kind == "footnote"
                        else _("{citation} is cited in full again; endnote {number} already cites it", citation=cited, number=earlier.number),
                        make_fix(span, back, _('refer back: "{replacement}"', replacement=back)),
                    )


# -- CO001, CO002: one name, two spellings ---------------------------------------------------------
#
# Both rules group the occurrences of a name by a key that ignores the trivial difference, and
# report the occurrences of every spelling but the dominant one: the most frequent, or on a tie the
# first in reading order (body, then the notes in their order). Comments are not read: they go.
#
# Letters, capitals and word characters are those of linter.letters (Unicode's, as \p{L}, \p{Lu}
# and \w read them): re finds the candidates in C, and the few it finds are judged a character
# at a time. MAX_NAMES bounds the names CO001 compares.

HYPHENS = re.compile(r"[\-\u2010\u2011]")
HYPHEN_CHARACTERS = "-\u2010\u2011"
#: A capital after a letter: where a word has its second capital (or more). CAPITAL_OR_ASTRAL
#: holds every capital and [^\W\d_] every letter, so no such word is missed; re finds the capitals
#: in C and looks at the character before each. Compiled on first use (a class of some 900
#: ranges takes re a millisecond).
INNER_CAPITAL = LazyPattern(f"{CAPITAL_OR_ASTRAL}(?<=[^\\W\\d_].)")


#: What in a token makes it an identifier (see in_identifier), but a file or domain ending.
IDENTIFIER_MARK = re.compile(r"[/\\@_\d]|://|www\.")
MAX_NAMES = 500

#: What surrounds a word that is part of an identifier rather than a spelling of a name: a kenmerk
#: or case number (`ABC/DEF-2024/123456`), a URL, an e-mail address, a file or domain name. The
#: word is joined (without a space) to a slash, backslash, `@`, `_`, a digit, or a dot before a
#: short lower-case ending.
TOKEN_EDGES = "()[]{}«»“”„\"'‘’,;:!?."


def in_identifier(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is part of an identifier: the run of non-space characters around
    it (its outer punctuation aside) holds a slash, `@`, a digit, a URL or a file or domain ending."""
    lo, hi = start, end
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    token = text[lo:hi].strip(TOKEN_EDGES)
    return bool(IDENTIFIER_MARK.search(token)) or has_short_ending(token)


def has_short_ending(token: str) -> bool:
    """A dot, two to four lower-case letters, and no word character after them (`.nl`, `.docx`)."""
    dot = token.find(".")
    while dot >= 0:
        end = dot + 1
        while end < len(token) and end - dot <= 4 and is_lower(token[end]):
            end += 1
        if end - dot > 2 and (end == len(token) or not is_word_character(token[end])):
            return True
        dot = token.find(".", dot + 1)
    return False


def free_standing(text: str, start: int, end: int, hyphen_after: bool = True) -> bool:
    """Whether text[start:end] is a word on its own: no word character or hyphen before it, no
    word character after it (nor a hyphen, with ``hyphen_after=False``: a name goes on there)."""
    if start and (is_word_character(text[start - 1]) or text[start - 1] in HYPHEN_CHARACTERS):
        return False
    if end == len(text):
        return True
    return not (is_word_character(text[end]) or (not hyphen_after and text[end] in HYPHEN_CHARACTERS))


def capital_words(text: str):
    """(start, end) of each word of letters only, standing free (free_standing), with two
    capitals or more, in order, without a match object for every other word."""
    search = INNER_CAPITAL.search
    pos = 0
    while (m := search(text, pos)) is not None:
        at = m.start()
        if not (text[at].isalpha() and text[at - 1].isalpha()):
            pos = at + 1  # after a number such as ², or a character beyond the BMP that is no letter
            continue
        start, end = letter_run(text, at)
        pos = end
        if sum(1 for c in text[start:end] if c.isupper()) >= 2 and free_standing(text, start, end):
            yield start, end


def letter_words(text: str) -> list[str]:
    """Every word of two letters or more that stands free (for ``shouting``), a character at a time:
    asked only of the rare paragraph that may be in capitals."""
    words = []
    at, n = 0, len(text)
    while at < n:
        if not text[at].isalpha():
            at += 1
            continue
        start, end = letter_run(text, at)
        if end - start >= 2 and free_standing(text, start, end):
            words.append(text[start:end])
        at = end
    return words


def hyphenated_names(text: str):
    """The names of two or more capitalised words joined by hyphens, standing free, each as the
    tuple of its words: a capital and lower-case letters, then after each hyphen a capital and
    either lower-case letters or capitals (`Verwey-Jonker`, `Open-AI`). Letters joined further
    (`Noord-Holland-achtig`, `-Verwey-Jonker`) or to a digit make no such name."""
    n = len(text)
    pos = 0
    for m in HYPHENS.finditer(text):
        joint = m.start()
        if joint < pos or not (joint and text[joint - 1].isalpha() and joint + 1 < n and text[joint + 1].isalpha()):
            continue
        start, end = letter_run(text, joint - 1)
        parts = [text[start:end]]
        while end + 1 < n and text[end] in HYPHEN_CHARACTERS and text[end + 1].isalpha():
            _, run_end = letter_run(text, end + 1)
            parts.append(text[end + 1:run_end])
            end = run_end
        pos = end
        if (is_name_start(parts[0]) and all(map(is_name_part, parts[1:]))
                and free_standing(text, start, end, hyphen_after=False)):
            yield tuple(parts)


def joined_names(text: str):
    """The names written as one word of two or more capitalised parts (`OpenKamer`,
    `VerweyJonker`), standing free, each as the tuple of its parts: every part a capital and
    lower-case letters. Acronyms (`EUDiF`, `DigiD`) have a part without lower-case letters and
    make no such name."""
    for start, end in capital_words(text):
        word = text[start:end]
        cuts = [i for i in range(1, len(word)) if is_capital(word[i])] + [len(word)]
        parts, at = [], 0
        for cut in cuts:
            parts.append(word[at:cut])
            at = cut
        if len(parts) >= 2 and all(map(is_name_start, parts)):
            yield tuple(parts)


def is_name_start(word: str) -> bool:
    return len(word) >= 2 and is_capital(word[0]) and all(map(is_lower, word[1:]))


def is_name_part(word: str) -> bool:
    """A capitalised word (`Jonker`) or one in capitals (`AI`)."""
    return is_name_start(word) or (len(word) >= 2 and all(map(is_capital, word)))


def spellings_of(parts: tuple[str, ...]) -> re.Pattern:
    """The name written with hyphens, with spaces, or as one word (callers check free_standing)."""
    words = [re.escape(w) for w in parts]
    return re.compile(HYPHENS.pattern.join(words) + "|" + "[ \u00a0]+".join(words) + "|" + "".join(words))


def name_spellings(text: str, spellings: re.Pattern):
    """Each match of ``spellings`` that stands free, as re would find them with look-arounds:
    after one that does not, the search goes on from its next character."""
    pos = 0
    while (m := spellings.search(text, pos)) is not None:
        start, end = m.span()
        if free_standing(text, start, end, hyphen_after=False):
            yield m
            pos = end
        else:
            pos = start + 1


def own_text(doc: Document, ctx: RuleContext):
    """A test ``(paragraph, start, end) -> bool`` for the letter's own text: in an answer to
    Kamervragen the quoted questions are the Kamer member's spelling, not the letter's, so they
    neither set nor break the letter's way of writing a name (unless ``report-questions``)."""
    if getattr(ctx.settings, "report_questions", False):
        return lambda para, start, end: True
    from linter.questions import quoted_question

    quoted = quoted_question(doc)
    return lambda para, start, end: not quoted(para, start, end)


def reading_order(doc: Document) -> list[Paragraph]:
    """Paragraphs of the letter as a reader meets them: body, notes by number, headers, footers;
    a text box after the text of the story it is in."""
    story_keys: dict[int, tuple[int, int, int]] = {}  # one key a story, not one a paragraph
    for story in doc.stories:
        note = story.note
        number = note.number if note is not None and note.number is not None else 1 << 30
        story_keys[id(story)] = (STORY_ORDER.get(story.kind, 99), number, story.text_box or 0)
    paras = [p for p in doc.paragraphs() if p.story.kind != "comment"]
    return sorted(paras, key=lambda p: (*story_keys[id(p.story)], p.index))


def place(para: Paragraph) -> str:
    note = para.story.note
    if note is not None:
        return _("footnote {number}", number=note.label) if note.kind == "footnote" else _("endnote {number}", number=note.label)
    return paragraph_place(para)


def minority_spellings(occurrences: list[tuple[str, Span]]):
    """(span, its spelling, the dominant spelling, where that first appears, how often) for every
    occurrence whose spelling is not the dominant one."""
    counts: dict[str, int] = {}
    first: dict[str, Span] = {}
    for spelling, span in occurrences:
        counts[spelling] = counts.get(spelling, 0) + 1
        first.setdefault(spelling, span)
    if len(counts) < 2:
        return
    order = list(first)  # reading order of first appearance
    dominant = max(order, key=lambda s: (counts[s], -order.index(s)))
    for spelling, span in occurrences:
        if spelling != dominant:
            yield span, spelling, dominant, first[dominant], counts[dominant]


def respell_fix(span: Span, dominant: str) -> Fix:
    return Fix("unsafe", _('write "{replacement}"', replacement=dominant), dominant, [Edit("replace", span, dominant)])


def spelling_of(text: str, parts: tuple[str, ...]) -> str:
    """Hyphens that look alike are one spelling; so are one or more spaces."""
    if HYPHENS.search(text):
        return "-".join(parts)
    if " " in text or "\u00a0" in text:
        return " ".join(parts)
    return "".join(parts)


def times(n: int) -> str:
    return ngettext("once", "{n} times", n)


@rule("CO001", "inconsistent-source-name", "warning", fix="always")
def inconsistent_source_name(doc: Document, ctx: RuleContext):
    """## What it does
    Finds a name of two or more capitalised words that the letter writes in two ways: with a
    hyphen, with a space, or as one word (`Verwey-Jonker` and `Verwey Jonker`, `OpenKamer` and
    `Open Kamer`), across the body, the notes, headers and footers. Only names written with a
    hyphen or as one word somewhere are compared (a name that only ever has spaces is ordinary
    words), and the words must match exactly, so ordinary capitalised words never fire. A hyphen
    inside what the letter elsewhere writes as one word counts too (`Open-AI` beside `OpenAI`).
    In an answer to Kamervragen the quoted questions are the Kamer member's spelling and are not
    compared (`report-questions` compares them too). Names inside identifiers
    (a URL, an e-mail address, a file name, a kenmerk, anything joined to a slash, `@` or digits)
    are not compared, nor names inside a quotation, which keeps its source's spelling.

    The spelling used most often is taken as the letter's own; on a tie, the first one in reading
    order. Every occurrence of another spelling is reported, and the message says where the
    letter's own spelling is. On the seed letter that is note 7 (`Verwey Jonker`), pointing back to
    note 2 (`Verwey-Jonker`).

    ## Why is this bad?
    A reader cannot tell whether two spellings are one source or two, and an inconsistent letter
    looks careless. Organisations care how their name is written.

    ## Example
    Wrong: note 2 `Verbonden en Veerkrachtig (Verwey-Jonker)`, note 7 `Verwey Jonker: Verbonden en
    Veerkrachtig`.

    Right: `Verwey-Jonker` in both (the institute's own spelling).

    ## Fix safety
    Unsafe: the fix writes the letter's most frequent spelling, which is not always the right one.
    """
    paras = reading_order(doc)
    names: dict[tuple[str, ...], None] = {}
    for para in paras:
        if len(names) >= MAX_NAMES:
            break
        if "-" in para.text or "\u2010" in para.text or "\u2011" in para.text:
            for parts in hyphenated_names(para.text):
                names.setdefault(parts, None)
        for parts in joined_names(para.text):
            names.setdefault(parts, None)
    own = own_text(doc, ctx)
    for parts in names:
        spellings = spellings_of(parts)
        occurrences = []
        for para in paras:
            if parts[0] not in para.text:
                continue  # cheap test first: a long letter has many names and paragraphs
            for m in name_spellings(para.text, spellings):
                if in_identifier(para.text, m.start(), m.end()) or in_quotation(para.text, m.start()) or not own(para, m.start(), m.end()):
                    continue
                occurrences.append((spelling_of(m.group(), parts), Span(para, m.start(), m.end())))
        for span, spelling, dominant, where, count in minority_spellings(occurrences):
            args = {"text": span.text, "dominant": dominant, "place": place(where.paragraph)}
            yield ctx.report(
                span,
                _('"{text}" is written "{dominant}" in {place}; write the name one way', **args)
                if count == 1
                else _('"{text}" is written "{dominant}" in {place} ({times} in the letter); write the name one way', times=times(count), **args),
                respell_fix(span, dominant),
            )


def capitals(word: str) -> int:
    """Capital letters in a word; the Dutch IJ at its start counts as one (IJssel)."""
    n = sum(1 for c in word if c.isupper())
    return n - 1 if word.startswith("IJ") else n


def shouting(words: list[str]) -> bool:
    """A paragraph written mostly in capitals (a heading, or Tika's upper-cased small caps): its
    words say nothing about how the letter spells an acronym."""
    return len(words) >= 2 and sum(map(str.isupper, words)) > 0.6 * len(words)


#: Short words that are each one word of a paragraph wherever spaces surround them, never in capitals.
COMMON_WORDS = (" de ", " het ", " een ", " van ", " en ", " in ", " op ", " te ", " voor ", " met ", " dat ",
                " die ", " is ", " zijn ", " aan ", " om ", " bij ", " niet ", " ook ", " naar ", " of ", " als ")


def may_be_shouting(text: str, capital_spans: list[tuple[int, int]]) -> bool:
    """False where ``shouting`` of all the paragraph's words must be false, told without reading
    every word: at most the capital words in capitals plus one word per character beyond ASCII
    (only those can make a word with one capital all capitals) against at least the capital
    words and the common small words."""
    upper = sum(1 for start, end in capital_spans if text[start:end].isupper())
    if not text.isascii():
        upper += len(text) - len(text.encode("ascii", "ignore"))
    words = len(capital_spans)
    for common in COMMON_WORDS:
        if upper <= 0.6 * words:
            return False  # enough words already
        words += text.count(common)
    return upper > 0.6 * words


@rule("CO002", "inconsistent-acronym", "warning", fix="always")
def inconsistent_acronym(doc: Document, ctx: RuleContext):
    """## What it does
    Finds an acronym written in two capitalisations (`EUDiF` and `EUDIF`, `BuZa` and `BUZA`). Only
    words of letters with at least two capitals count as acronyms, so a word with one capital
    (sentence starts, headings in title case, `De` and `de`) never fires; paragraphs written mostly
    in capitals (headings) are left out. A word that is part of an identifier is no spelling of
    the acronym: a kenmerk or case number (`ABC/DEF-2024/123456`), a URL, an e-mail address, a
    file name, anything joined to a slash, `@` or digits. A word inside a quotation (a report's
    title, `«Hoezo MIJNOverheid?»`) keeps the spelling of its source and is not compared, nor one
    in a question an answer to Kamervragen quotes (`report-questions` compares those too).

    The spelling used most often is taken as the letter's own (on a tie, the first in reading
    order) and every other spelling is reported where it occurs.

    ## Why is this bad?
    The reader wonders whether two organisations are meant, and the letter looks careless.

    ## Example
    Wrong: `De European Union Global Diaspora Facility (EUDiF) …` and later `… aan EUDIF …`.

    Right: `EUDiF` throughout.

    ## Fix safety
    Unsafe: the fix writes the letter's most frequent spelling, which is not always the official one.
    """
    groups: dict[str, list[tuple[str, Span]]] = {}
    own = own_text(doc, ctx)
    for para in reading_order(doc):
        text = para.text
        words = list(capital_words(text))
        if not words or (may_be_shouting(text, words) and shouting(letter_words(text))):
            continue
        # in_quotation needs an opening mark before the word: a paragraph without one has none.
        quoted = any(mark in text for mark in QUOTATION_OPENERS)
        for start, end in words:
            word = text[start:end]
            # capital_words gives words with two capitals: only IJ at the start may count as one.
            if word.startswith("IJ") and capitals(word) < 2:
                continue
            # A word of letters between spaces is a token of its own, and no identifier.
            spaced = (not start or text[start - 1].isspace()) and (end == len(text) or text[end].isspace())
            if (not spaced and in_identifier(text, start, end)) or (quoted and in_quotation(text, start)) or not own(para, start, end):
                continue
            groups.setdefault(word.casefold(), []).append((word, Span(para, start, end)))
    for occurrences in groups.values():
        for span, spelling, dominant, where, count in minority_spellings(occurrences):
            yield ctx.report(
                span,
                _(
                    '"{text}" is written "{dominant}" elsewhere ({times}, first in {place}); write the acronym one way',
                    text=spelling, dominant=dominant, times=times(count), place=place(where.paragraph),
                ),
                respell_fix(span, dominant),
            )
