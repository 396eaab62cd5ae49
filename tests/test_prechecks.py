"""The cheap tests that decide whether a costly pattern runs at all (issue 13) must never skip a
match: a paragraph's references, placeholders and acronyms are the same with and without them.

Checked on the real material (../shared/corpus: texts, .docx and .odt paragraphs, references-dev.tsv with
its contexts, the fixtures' drafts) and on variants of it made at random (other spaces, other case,
the letters that match an ASCII letter without case, digits and hyphens moved about).
"""

from __future__ import annotations

import csv
import random
import re

import pytest
import regex  # the test extra: the oracle for linter.letters and the CO rules

from conftest import FIXTURES, SHARED, SEED
from linter.citations import dates, find, scan
from linter.formats import read_document
from linter.limits import DEFAULT_LIMITS
from linter.settings import DEFAULT_PLACEHOLDERS
from rules import consistency, draft

CORPUS = SHARED / "corpus"
NOISE = [" ", "\u00a0", "\u202f", "-", "\u2010", "\u2011", ".", ",", "/", "0", "7", "_", "(", ")", "[", "]", "…",
         "\u0130", "\u0131", "\u017f", "\u212a", "\u0663", "\uff13", "É", "ß", "Ω", "ж", "中", "\u0301", "„", "“", "”", '"', "IJ"]


def real_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted((CORPUS / "texts").glob("*.txt")) + sorted(FIXTURES.glob("*.txt")) + sorted(FIXTURES.glob("*.md")):
        texts += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if SEED.is_file():
        texts += [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    tsv = CORPUS / "references-dev.tsv"
    if tsv.is_file():
        with tsv.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                texts += [row["string"], row["context"]]
    documents = sorted((CORPUS / "docx").glob("*.docx")) + sorted(
        p for p in (CORPUS / "public").rglob("*") if p.suffix in (".docx", ".odt"))
    for path in documents:
        try:
            doc = read_document(path.read_bytes(), str(path), DEFAULT_LIMITS)
        except Exception:  # an unreadable file has no paragraphs to compare
            continue
        texts += [p.text for p in doc.paragraphs() if p.text.strip()]
    return texts


def variants(texts: list[str], count: int, seed: int = 13) -> list[str]:
    """Texts changed at random: a character swapped for noise, case flipped, a piece doubled."""
    rng = random.Random(seed)
    short = [t for t in texts if len(t) < 400] or texts
    out = []
    for _ in range(count):
        text = list(rng.choice(short))
        for _ in range(rng.randint(1, 4)):
            if not text:
                break
            i = rng.randrange(len(text))
            how = rng.random()
            if how < 0.4:
                text[i] = rng.choice(NOISE)
            elif how < 0.7:
                text[i] = text[i].swapcase()
            else:
                text.insert(i, rng.choice(NOISE))
        out.append("".join(text))
    return out


@pytest.fixture(scope="module")
def texts() -> list[str]:
    found = real_texts()
    if len(found) < 100:
        pytest.skip("../shared/corpus is not beside the project")
    return found + variants(found, 4000)


def references(text: str) -> list[tuple]:
    return [
        (r.type, r.start, r.end, r.text, r.style,
         [(p.code, p.message, p.fix, p.span, p.fix_span) for p in r.problems])
        for r in find.find_references(text)
    ]


def test_citation_prechecks_skip_no_reference(texts, monkeypatch):
    with_checks = [references(t) for t in texts]
    monkeypatch.setattr(find, "families_in", lambda text: find.FAMILIES)
    monkeypatch.setattr(dates, "YEAR_TRIGGER", re.compile(""))
    without = [references(t) for t in texts]
    differ = [(t, a, b) for t, a, b in zip(texts, with_checks, without) if a != b]
    assert not differ, differ[:3]


def test_families_in_finds_every_family_that_matches(texts):
    """Each family's pre-check holds wherever one of its patterns matches (a finer check than the
    references, where one family's hit can hide another's)."""
    P = find.P
    patterns = {
        "kst-id": [P.KST_ID], "label": [P.LABEL], "identifier": [P.IDENT], "handelingen": [P.HANDELINGEN],
        "toezegging": [P.TZ_LENIENT], "toezegging-ek": [P.TZ_EK], "zaak": [P.ZAAK],
        "journal": [P.JOURNAL, P.JOURNAL_NO_YEAR, P.JOURNAL_PLACEHOLDER], "pbeu": [P.PBEU, P.PBEU_NEW],
        "ecli": [P.ECLI], "bwb": [P.BWB], "motie": [P.MOTIE_WORD], "capital-word": [P.CAPITAL_WORD],
    }
    for text in texts:
        present = find.families_in(text)
        for family, family_patterns in patterns.items():
            if family in ("label", "motie") and not P.DOSSIER_TRIGGER.search(text):
                continue  # a label or motie word without a dossier number cites nothing: left out
            assert family in present or not any(p.search(text) for p in family_patterns), (family, text)
        for pattern in (dates.US_ORDER, dates.MONTH_YEAR, P.DATE):
            assert ("date" in present and dates.YEAR_TRIGGER.search(text)) or not pattern.search(text), text


def test_guarded_patterns_tried_wherever_they_match(texts):
    """The literal tests before RNUM, REPEATED_NR, PAGE and MOTIE_TAIL hold at every position
    where the pattern matches (a look-ahead finds every such position, overlapping ones too)."""
    P = find.P
    guarded = [(P.RNUM, find.rnum_at), (P.REPEATED_NR, find.repeated_nr_at), (P.PAGE, find.page_at), (P.MOTIE_TAIL, find.motie_tail)]
    extra = ["36 410, nr. 5, p. 3", "36 410 nr. 5,blz. 7", "36 410-(R1519)-3", "36 410 -(R 1519), nr. 3", "23 908 (R 1519), nr. 4, nr. 8 en nr. 9",
             "motie 36 410, nr. 5 van het lid Van der Berg c.s.", "nr. 5\u00a0en\u202fnr.\u00a09"]
    for pattern, at in guarded:
        everywhere = re.compile(f"(?=(?:{pattern.pattern}))")
        for text in texts + extra:
            for m in everywhere.finditer(text):
                expected = pattern.match(text, m.start())
                found = at(text, m.start())
                assert found is not None and found.span() == expected.span(), (pattern.pattern[:30], text, m.start())


def test_space_branches_match_as_the_plain_classes(texts):
    """S and SPACE_OR_DOT are spelled as branches so that re compiles them cheaply (patterns.py):
    each pattern finds what it finds with the classes [ \u00a0\u202f] and [ \u00a0\u202f.]."""
    P = find.P
    spaced = texts + [t.replace(" ", "\u202f") for t in texts[:3000]] + [t.replace(" ", "\u00a0") for t in texts[:3000]]
    for name in dir(P):
        pattern = getattr(P, name)
        if not isinstance(pattern, re.Pattern) or (P.S not in pattern.pattern and P.SPACE_OR_DOT not in pattern.pattern):
            continue
        plain = re.compile(pattern.pattern.replace(P.SPACE_OR_DOT, "[ \u00a0\u202f.]").replace(P.S, "[ \u00a0\u202f]"), pattern.flags)
        for text in spaced:
            found = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            assert found == [(m.span(), m.groups()) for m in plain.finditer(text)], (name, text)


def test_imprint_patterns_match_only_from_their_first_words(texts):
    extra = ["kst-34951-13 ISSN 0921 - 7371 ’s-Gravenhage 2023", "Tweede Kamer, vergaderjaar 2022–2023, 34 951, nr. 13"]
    for text in texts + extra:
        text = text.strip()
        if find.P.COLOPHON.fullmatch(text):
            assert text.startswith(scan.COLOPHON_STARTS), text
        if find.P.RUNNING_FOOTER.fullmatch(text):
            assert text.startswith(scan.RUNNING_FOOTER_STARTS), text


PLACEHOLDER_LISTS = [
    DEFAULT_PLACEHOLDERS,
    ("nog in te vullen", "xx", "tbd", "[naam]", "Invullen", "ZZZ", "€ …", "ıds", "sic"),
    ("K", "kk", "ſtaat", "p.m"),
]


@pytest.mark.parametrize("placeholders", PLACEHOLDER_LISTS)
def test_placeholder_precheck_skips_no_placeholder(texts, placeholders):
    pattern = draft.placeholder_pattern(placeholders)
    words = draft.placeholder_words(placeholders)
    extra = [f"{a} {w} {b}" for w in placeholders for a, b in (("de", "volgt"), ("(", ")"))]
    extra += [t.swapcase() for t in extra] + [t.replace("i", "\u0131").replace("k", "\u212a").replace("s", "\u017f") for t in extra]
    for text in texts + extra:
        if pattern.search(text):
            assert draft.may_hold_placeholder(text, words), (placeholders, text)


# CO001 and CO002 read letters with re and linter.letters; these are the patterns of the regex
# module (\p{L}, \p{Lu}, \p{Ll} and its \w) that they must find what they find.
LETTERS_WORD = regex.compile(r"(?<![\w\-\u2010\u2011])\p{L}{2,}(?![\w])")
HYPHENATED_NAME = regex.compile(
    r"(?<![\w\-\u2010\u2011])\p{Lu}\p{Ll}+(?:[\-\u2010\u2011]\p{Lu}(?:\p{Ll}+|\p{Lu}+))+(?![\w\-\u2010\u2011])")
IDENTIFIER_TOKEN = regex.compile(r"[/\\@_\d]|://|www\.|\.\p{Ll}{2,4}\b")
LETTER_EDGES = ["CO₂ en CO2", "EUDiF, EUDIF en EuDiF", "A\u0301BC DE", "ABC\u0301 DE", "IJssel IJSSEL", "ΑΒ Γδ ЖЖ",
                "\U0001d400\U0001d401 𝐀b", "x\u200dAB", "AB‿CD", "Ⓐ AB", "Ⅻ AB ⅫAB", "aB²C", "Verwey-Jonker en Verwey Jonker",
                "Abc-De²f-Gh", "-Verwey-Jonker", "Verwey-Jonker-", "Noord-Holland-achtig", "Open-AI, OpenAI", "Ab-Ab-Ab",
                "rapport.docx", "zie www.x.nl", "a.NL", "b.nlx.", "c.abcde", "mail@x.nl", "ABC/DEF-2024/123456"]


def test_capital_words_are_the_words_with_two_capitals(texts):
    for text in texts + LETTER_EDGES:
        expected = [m.span() for m in LETTERS_WORD.finditer(text) if sum(c.isupper() for c in m.group()) >= 2]
        assert list(consistency.capital_words(text)) == expected, text


def test_letter_words_are_the_words_of_letters(texts):
    for text in texts + LETTER_EDGES:
        assert consistency.letter_words(text) == LETTERS_WORD.findall(text), text


def test_hyphenated_names_are_those_of_the_pattern(texts):
    hyphenated = [t for t in texts if "-" in t or "\u2010" in t or "\u2011" in t] + LETTER_EDGES
    hyphenated += [t.replace("-", "\u2011") for t in hyphenated[:2000]]
    for text in hyphenated:
        expected = [tuple(regex.split(r"[\-\u2010\u2011]", m.group())) for m in HYPHENATED_NAME.finditer(text)]
        assert list(consistency.hyphenated_names(text)) == expected, text


def test_name_spellings_are_those_of_the_pattern(texts):
    """CO001's search for one name, written three ways, against the pattern with look-arounds."""
    names = {tuple(regex.split(r"[\-\u2010\u2011]", m.group())) for t in texts + LETTER_EDGES for m in HYPHENATED_NAME.finditer(t)}
    names |= {("Ab", "Ab"), ("Verwey", "Jonker"), ("Open", "AI")}
    for parts in sorted(names)[:300]:
        words = [regex.escape(w) for w in parts]
        variant = regex.compile(r"(?<![\w\-\u2010\u2011])(?:" + r"[\-\u2010\u2011]".join(words) + "|"
                                + r"[ \u00a0]+".join(words) + "|" + "".join(words) + r")(?![\w\-\u2010\u2011])")
        spellings = consistency.spellings_of(parts)
        for text in [t for t in texts if parts[0] in t] + LETTER_EDGES + [" ".join(parts) + "s " + "-".join(parts)]:
            expected = [m.span() for m in variant.finditer(text)]
            assert [m.span() for m in consistency.name_spellings(text, spellings)] == expected, (parts, text)


def test_identifiers_are_those_of_the_pattern(texts):
    tokens = {token for text in texts + LETTER_EDGES for token in text.split()}
    for token in sorted(tokens):
        token = token.strip(consistency.TOKEN_EDGES)
        expected = bool(IDENTIFIER_TOKEN.search(token))
        assert consistency.in_identifier(token, 0, len(token)) is expected, token


def test_may_be_shouting_is_false_only_where_shouting_is(texts):
    headings = ["VOORTGANG EN VERVOLG", "DE EU EN DE NAVO", "Ä Ö Ü ÉÉN", "ΑΒ Γ δε", "中A 中B 中C", "AB de CD"]
    for text in texts + headings + [t.upper() for t in texts[::7]]:
        spans = list(consistency.capital_words(text))
        if not consistency.may_be_shouting(text, spans):
            assert not consistency.shouting(consistency.letter_words(text)), text


def test_hyphenated_names_hold_a_hyphen(texts):
    for text in texts:
        if list(consistency.hyphenated_names(text)):
            assert "-" in text or "\u2010" in text or "\u2011" in text, text


def test_no_decimal_digit_lies_between_ascii_and_the_first_arabic_indic_digit():
    # has_digit reads only the characters from U+0660 on once the ASCII digits are ruled out.
    assert not any(chr(c).isdecimal() for c in range(0x80, 0x660))
    assert "\u0660".isdecimal()
    assert re.fullmatch(r"\d", "\u0660") and not re.search(r"\d", "".join(map(chr, range(0x80, 0x660))))


@pytest.mark.parametrize("text", ["geen cijfer", "note\ufffc mark’s", "٣ (U+0663)", "full width ５", "Kamer 36 180", "²½"])
def test_has_digit_is_a_search_for_d(text):
    from linter.citations.find import has_digit

    assert has_digit(text) is (re.search(r"\d", text) is not None)


#: The plain form of each pattern that takes its first letter before its look-behind
#: (patterns.py, GLUED_TO_LABEL): what it must match, written the readable way.
PLAIN_FORMS = {
    "LABEL": r"(?<![^\W\d_]|[./-])(?P<label>[Kk]amerstuk(?:ken|nummers?)?|TK|T\.K\.)(?![\w])",
    "IDENT": r"(?<![\w./$-])(?<!€)(?P<dossier>[1-3]\d{4})",
    "KST_ID": r"(?<![\w/.-])kst-(?P<dossier>\d{5})",
    "MOTIE_WORD": r"(?<![\w-])(?P<word>[Mm]otie|[Aa]mendement)(?![\w])",
    "CAPITAL_WORD": r"(?<![\w-])(?P<word>Motie|Moties|Amendement|Amendementen|Toezegging|Toezeggingen)(?![\w])",
    "TZ_LENIENT": r"(?<![\w-])TZ(?P<body>",
    "TZ_EK": r"(?<![\w-])T(?P<n>\d{5})(?![\w-])",
    "HANDELINGEN": r"(?<![\w])(?P<aanh>Aanhangsel{S}(?:(?:van{S}de|der){S})?)?Handelingen",
    "JOURNAL": r"(?<![\w])(?P<j>Stb|Stcrt|Trb|Staatsblad|Staatscourant|Tractatenblad)(?P<dot>",
    "JOURNAL_NO_YEAR": r"(?<![\w])(?P<j>Stb|Stcrt|Trb)(?P<dot>",
    "JOURNAL_PLACEHOLDER": r"(?<![\w])(?P<j>Stb|Stcrt|Trb)\.?{S}?(?:…",
    "PBEU": r"(?<![\w])(?P<j>PbEU|PbEG|PB|OJ|Pb)(?P<y1>",
    "PBEU_NEW": r"(?<![\w])PbEU{S}L",
    "ECLI": r"(?<![\w])(?P<e>ECLI|ecli|Ecli)(?P<s1>",
    "BWB": r"(?<![\w])(?P<b>[Bb][Ww][Bb])",
    # Zero-width in its plain form; the fast form takes the first digit (callers use the start).
    "BARE_START": r"(?<![\w.,/$£-])(?<!€)(?<![\d$£][ \u00a0])(?<!€[ \u00a0])(?=\d\d{S}?\d{{3}}(?![\d]))",
}
FAST_FORM_EDGES = [
    "xKamerstuk 36 725, nr. 5", ".TK 36725 nr. 5", "T.K. 36 725, nr. 3", "-kamerstukken 36 725", "Kamerstuknummers 36 725",
    "\nKamerstuk 36 725", "Kamerstuk36725", "€36725, nr. 5", "€ 36 725, nr. 5", "$ 36725 nr. 5", "1 36725 nr. 5",
    "336725 nr. 5", "a 12345 67890 nr. 5", "34722-1; 33997-95", "€34722-1", "/34722-1", "35300-XII-53", "23908-(R1519)-131",
    "kst-34951-13", "xkst-34951-13", "/kst-36725-XVII-45", "motie 36 725, nr. 4", "-motie 36 725", "Moties", "Motiesx",
    "-Motie", "Amendementen.", "Toezeggingen x", "TZ202301-001", "xTZ202301-001", "-TZ2023 01 001", "T01234", "xT01234",
    "Handelingen II 2019/20, nr. 5", "Aanhangsel van de Handelingen II 2019/20", "xAanhangsel Handelingen II 2019/20",
    "Aanhangsel Handelingen II 2019/20", "Stb. 2020, 12", "xStb 2020, 1", "Staatscourant 2021, 12345", "Trb. 2019, 4",
    "Stb. …", "Stcrt. xxx, xxx", "Stb 12", "PbEU 2020, L 123/4", "PbEG L 12", "PB L 1", "OJ L 12", "Pb L 12", "xPb L 12",
    "PbEU L 2024/123", "ECLI:NL:HR:2020:123", "ecli:nl:hr:2020:1", "xECLI:NL:HR:2020:1", "BWBR0001", "xBWBR0001", "bwbv12",
]


@pytest.mark.parametrize("name", sorted(PLAIN_FORMS))
def test_fast_forms_match_as_the_plain_forms(texts, name):
    """A pattern that looks behind its first letter (to be scanned fast) matches what its plain
    form with the look-behind first matches, with the same groups; BARE_START at the same starts."""
    P = find.P
    fast = getattr(P, name)
    head = PLAIN_FORMS[name].replace("{S}", P.S).replace("{{3}}", "{3}")
    rest = _after_head(name, fast.pattern)
    plain = re.compile(head + rest, fast.flags)
    for text in texts + FAST_FORM_EDGES:
        if name == "BARE_START":
            assert [m.start() for m in fast.finditer(text)] == [m.start() for m in plain.finditer(text)], text
        else:
            assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == [
                (m.span(), m.groupdict()) for m in plain.finditer(text)], (name, text)


def _after_head(name: str, fast: str) -> str:
    """What follows the rewritten head in the fast form: the two forms share it."""
    if name in ("LABEL", "MOTIE_WORD", "CAPITAL_WORD", "TZ_EK", "BARE_START"):
        return ""  # the plain form above is the whole pattern
    marks = {"IDENT": r"\d{4})", "KST_ID": r"(?P<dossier>\d{5})", "TZ_LENIENT": "(?P<body>", "HANDELINGEN": "andelingen",
             "JOURNAL": "(?P<dot>", "JOURNAL_NO_YEAR": "(?P<dot>", "JOURNAL_PLACEHOLDER": "(?:…", "PBEU": "(?P<y1>",
             "PBEU_NEW": "bEU" + find.P.S + "L", "ECLI": "(?P<s1>", "BWB": "[Ww][Bb])"}
    mark = marks[name]
    return fast[fast.index(mark) + len(mark):]
