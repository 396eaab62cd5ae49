"""Finding references: strict and lenient passes over text, each hit classified with its problems.

Stages, as in eyecite: the patterns (patterns.py) find candidates; the parsers here read each
candidate part by part into fields; ``_classify_*`` names what is wrong (rule code + message);
render.py writes the corrected form. Positions are offsets in the text as given, so a caller can
map them back (NOTE_MARK and no-break spaces are left in place).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from linter.citations import patterns as P
from linter.citations.models import (
    AANHANGSEL, DOSSIER, ECLI, HANDELINGEN, JOURNAL, JURIDISCH, KAMERSTUK, MOTIE, PBEU, TOEZEGGING,
    TOEZEGGING_EK, TWEEDE_KAMER, WORD, ZAAK, Problem, Reference, is_safe_change,
)
from linter.citations.dates import find_dates
from linter.citations.genre import KAMERBRIEF, SHORTHAND
from linter.i18n import _

SPACES = " \u00a0\u202f"


class _Taken:
    """The spans of the references found so far, which never overlap, sorted by start: whether a
    candidate is free looks at its neighbours only. Comparing it with every span taken made a
    paragraph of 20,000 reference lines quadratic (18 s)."""

    __slots__ = ("starts", "ends")

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        starts, ends = self.starts, self.ends
        i = bisect_right(starts, start)
        j = i - 1  # the span starting at or before ``start`` (an empty span there overlaps nothing)
        while j >= 0 and starts[j] == ends[j]:
            j -= 1
        if j >= 0 and end > starts[j] and start < ends[j]:
            return False
        while i < len(starts) and starts[i] < end:  # spans starting inside the candidate
            if start < ends[i]:
                return False
            i += 1
        return True

    def add(self, start: int, end: int) -> None:
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def find_references(text: str, style: str = TWEEDE_KAMER, line_starts: frozenset[int] = frozenset(),
                    defined: frozenset[str] = frozenset(), genre: str = KAMERBRIEF) -> list[Reference]:
    """All references in ``text``, in order, each with its problems against ``style`` and the
    conventions of ``genre`` (linter.citations.genre).
    ``line_starts``: offsets where a source line begins inside the paragraph (a text draft joins
    the lines of a paragraph); ``defined``: terms the document defines (``hierna: Motie#3``)."""
    refs: list[Reference] = []
    present = families_in(text)
    if not present:
        return refs  # most paragraphs of a long letter
    taken = _Taken()
    free = taken.free

    def add(ref: Reference | None) -> None:
        if ref is not None and free(ref.start, ref.end):
            refs.append(ref)
            taken.add(ref.start, ref.end)

    if "kst-id" in present:
        for m in P.KST_ID.finditer(text):
            add(_identifier(text, m, kst=True))
    if "label" in present:
        for m in P.LABEL.finditer(text):
            if free(m.start(), m.end()):
                add(_kamerstuk(text, m.start(), m) or _labelled_zaak(text, m))
    if "identifier" in present:
        if "(" in text:
            for m in P.PAREN_IDENT.finditer(text):
                add(_identifier(text, m, kst=False))
        for m in _listed_identifiers(text):
            add(_identifier(text, m, kst=False))
    if "bare-dossier" in present:
        for m in P.BARE_START.finditer(text):
            if free(m.start(), m.start() + 1):
                add(_kamerstuk(text, m.start(), None))
        for m in P.BARE_SIX.finditer(text):
            if free(m.start(), m.start() + 1):
                add(_kamerstuk(text, m.start(), None))
    if "bare-ek" in present:
        for m in P.PAREN_EK.finditer(text):
            if free(m.start("d"), m.start("d") + 1):
                add(_kamerstuk(text, m.start("d"), None, ek=True))
    if "handelingen" in present:
        for m in P.HANDELINGEN.finditer(text):
            add(_handelingen(text, m))
    if "toezegging" in present:
        for m in P.TZ_LENIENT.finditer(text):
            add(_toezegging(m))
    if "toezegging-ek" in present:
        for m in P.TZ_EK.finditer(text):
            if m.group("n").startswith("0") or "toezegging" in text.lower():
                add(Reference(TOEZEGGING_EK, m.start(), m.end(), m.group(), {"number": m.group()}))
    if "zaak" in present:
        for m in P.ZAAK.finditer(text):
            add(_zaak(text, m))
    if "journal" in present:
        for m in P.JOURNAL_PLACEHOLDER.finditer(text):
            add(_problem_only(JOURNAL, m, "PB004", _('Placeholder "{text}" left in the letter: fill in the publication', text=m.group())))
        for m in P.JOURNAL.finditer(text):
            add(_journal(m))
        for m in P.JOURNAL_NO_YEAR.finditer(text):
            if len(m.group("n")) == 4 and m.group("n")[:2] in ("17", "18", "19", "20") and not m.group("nrword"):
                continue  # "Staatscourant 2015": a year, not a number without one
            journal = ABBR.get(m.group("j"), m.group("j"))
            add(_problem_only(JOURNAL, m, "PB001", _('"{text}" lacks the year: write "{journal}. year, number"', text=m.group(), journal=journal)))
    if "pbeu" in present:
        for m in P.PBEU_NEW.finditer(text):
            add(Reference(PBEU, m.start(), m.end(), m.group()))
        for m in P.PBEU.finditer(text):
            add(_pbeu(m))
    if "ecli" in present:
        for m in P.ECLI.finditer(text):
            add(_ecli(m))
    if "bwb" in present:
        for m in P.BWB.finditer(text):
            add(Reference("bwb", m.start(), m.end(), m.group(), {"id": m.group().upper()}))
    for ref in find_dates(text) if "date" in present else ():
        add(ref)
    refs.sort(key=lambda r: r.start)
    if "motie" in present or "capital-word" in present:  # _moties reads only these two families
        _moties(text, refs, line_starts, defined | defined_terms(text), present, genre in SHORTHAND)
        refs.sort(key=lambda r: r.start)
    link_lists(text, refs)
    for ref in refs:
        if ref.type in (KAMERSTUK, DOSSIER):
            _classify_kamerstuk(text, ref, style, genre in SHORTHAND)
    _one_fix_per_motie(refs)
    return refs


def _one_fix_per_motie(refs: list[Reference]) -> None:
    """Findings inside a motie phrase that MO001 rewrites offer MO001's whole fix, so that applying
    any of them gives the same text (a KS002 fix of the number alone would fight MO001's)."""
    for motie in refs:
        if motie.type != MOTIE or not motie.problems or motie.problems[0].fix is None:
            continue
        whole = motie.problems[0].fix
        for ref in refs:
            if ref is motie or ref.start < motie.start or ref.end > motie.end:
                continue
            for problem in ref.problems:
                problem.fix = whole
                problem.fix_span = (motie.start, motie.end)


#: The families of patterns find_references runs, each only in a text that families_in finds it may match.
FAMILIES = frozenset({
    "kst-id", "label", "identifier", "bare-dossier", "bare-ek", "handelingen", "toezegging", "toezegging-ek", "zaak",
    "journal", "pbeu", "ecli", "bwb", "motie", "capital-word", "date",
})


def families_in(text: str) -> set[str]:
    """The families of patterns that can match in ``text``: each needs a literal (or a small
    pattern that starts with one) that the text holds. As eyecite filters with Aho-Corasick: most
    paragraphs of a long letter cite nothing, and the full patterns are costly to try everywhere."""
    found = set()
    if P.WORD_TRIGGERS.search(text):  # one scan, half the time of the nine tests below
        if ("Stb" in text or "Stcrt" in text or "Trb" in text
                or "Staatsblad" in text or "Staatscourant" in text or "Tractatenblad" in text):
            found.add("journal")  # "Stb. …" is a placeholder without a digit
        if "Motie" in text or "Amendement" in text or "Toezegging" in text:
            found.add("capital-word")
    if not has_digit(text):
        return found  # every other family holds a number (a motie phrase, the Kamerstuk after it)
    found.add("date")
    if P.DOSSIER_TRIGGER.search(text):  # every Kamerstuk form holds a dossier number of five digits
        if "kst-" in text:
            found.add("kst-id")
        if "amerstuk" in text or "TK" in text or "T.K." in text:
            found.add("label")
        if "-" in text:
            found.add("identifier")
        if "nr" in text or "Nr" in text or "nummer" in text:  # a bare number is one only with its "nr."
            found.add("bare-dossier")
        if "(" in text and "," in text:  # "(34 000 XIII, H)": an Eerste Kamer document, in parentheses
            found.add("bare-ek")
        if "otie" in text or "mendement" in text:
            found.add("motie")
    if "andeling" in text:
        found.add("handelingen")
    if "TZ" in text:
        found.add("toezegging")
    if P.TZ_EK_TRIGGER.search(text):
        found.add("toezegging-ek")
    if P.ZAAK_TRIGGER.search(text):
        found.add("zaak")
    if "Pb" in text or "PB" in text or "OJ" in text:
        found.add("pbeu")
    if "cli" in text or "CLI" in text:
        found.add("ecli")
    if P.BWB_TRIGGER.search(text):
        found.add("bwb")
    return found


def has_digit(text: str) -> bool:
    """Whether ``text`` holds a digit as the patterns' \\d reads it (any decimal digit): the
    ASCII ones by the fast single-character search, the others only in a text beyond ASCII."""
    for digit in "0123456789":
        if digit in text:
            return True
    if text.isascii():
        return False
    return any(ch.isdecimal() for ch in P.FROM_FIRST_NON_ASCII_DIGIT.findall(text))


# -- Kamerstukken ---------------------------------------------------------------------------
def _kamerstuk(text: str, start: int, label: re.Match | None, ek: bool = False) -> Reference | None:
    """A Kamerstuk reference from its label (or, without one, from its dossier number at
    ``start``); ``ek``: a bare number may have an Eerste Kamer letter instead of "nr." (only when
    the whole parenthesis holds it, ``(34 000 XIII, H)``)."""
    f: dict = {"label": None, "parts": {}}
    parts = f["parts"]
    pos = start
    if label is not None:
        f["label"] = label.group("label")
        pos = label.end()
        f["bijlage"] = annex_before(text, start)
        m = P.CHAMBER.match(text, pos)
        if m:
            parts["kamer"] = m
            f["kamer"] = m.group("kamer")
            pos = m.end()
        m = P.VJ.match(text, pos)
        if m:
            parts["vj"] = m
            f["vj"] = m.group("vj")
            pos = m.end()
    m = P.DOSSIER.match(text, pos)
    if not m:
        six = P.SIX_DIGITS.match(text, pos)
        return _six_digit_dossier(text, start, six, label) if six and (six.group("pre") or label is None) else None
    if label is not None and not m.group("pre") and pos == label.end():
        return None  # "Kamerstuk36180": too odd to guess at
    parts["dossier"] = m
    f["dossier"] = m.group("d1") + m.group("d2")
    f["dsep"] = m.group("dsep")
    dossier_start = m.start("d1")
    if label is None:
        words = chamber_words_before(text, dossier_start)
        if words is not None:
            # "Kamerstuk Tweede Kamer, vergaderjaar 2021–2022, 35 925, nr. 120": the chamber in
            # words and the label before it; the reference starts at those words.
            f["label"] = words.group("label")
            f["kamer"] = "II" if words.group("kamer") == "Tweede" else "I"
            f["vj"] = words.group("vj")
            f["kamer_words"] = True
            dossier_start = words.start()
        f["bijlage"] = annex_before(text, dossier_start)
    pos = m.end()
    m = P.SUB.match(text, pos)
    if m and (f["dossier"] in P.SUB_DOSSIERS or P.NR.match(text, m.end())):
        f["sub"] = m.group("sub")
        f["subsep"] = m.group("subsep")
        pos = m.end()
    # Otherwise "34567-12" is an identifier (nr. 12), read below by IDENT_NR.
    m = P.TOEV.match(text, pos)
    if m and (m.group("toev") != "I" or "-" in m.group("tsep")):
        f["toev"] = m.group("toev")
        f["tsep"] = m.group("tsep")
        pos = m.end()
    elif (m := P.GLUED_TOEV.match(text, pos)) and "sub" not in f:
        f["toev"] = m.group("toev")  # "35 300A": a fund letter glued to the number (KS004)
        f["tsep"] = ""
        pos = m.end()
    m = rnum_at(text, pos)
    if m:
        f["rnum"] = m.group("rnum").replace(" ", "").replace("\u00a0", "")
        f["rraw"] = m.group()
        pos = m.end()
    end = pos
    nr_end = _read_nr(text, pos, f, labelled=f["label"] is not None or label is not None)
    if nr_end is not None:
        end = pos = nr_end
    elif (label is not None or ek) and (m := P.EK_LETTER.match(text, pos)):
        f["ek"] = m.group("ek")
        end = pos = m.end()
    elif label is not None and (m := P.IDENT_NR.match(text, pos)):
        f["nr"] = m.group("inr")
        f["ident"] = True
        end = pos = m.end()
    else:
        # No number after the first dossier: more dossiers may follow ("Kamerstukken 29 237 en
        # 36 410"), and then the number of one document they share ("29 544 en 31 311, nr. 98").
        more, joins, seps = [], [], []
        probe = end
        while (m := P.MORE_DOSSIERS.match(text, probe)):
            more.append(m.group("d1") + m.group("d2"))
            joins.append(m.group("join"))
            seps.append(m.group("dsep"))
            probe = m.end()
        nr_end = _read_nr(text, probe, f, labelled=label is not None) if more else None
        if nr_end is not None:
            f["joint"] = True
            end = pos = nr_end
        elif label is None:
            return None  # a bare number is only a Kamerstuk when "nr." follows
        else:
            end = probe
        f["more_dossiers"], f["more_joins"], f["more_dseps"] = more, joins, seps
    if "nr" in f or "ek" in f:
        m = page_at(text, pos)
        if m:
            f["page"] = m.group("page")
            f["pword"] = m.group("pword")
            end = m.end()
        rtype = KAMERSTUK
    else:
        rtype = DOSSIER
    ref_start = start if label is not None else dossier_start
    ref = Reference(rtype, ref_start, end, text[ref_start:end], f)
    if f.get("kamer") and f.get("vj"):
        ref.style = JURIDISCH
    elif label is not None and not f.get("vj") and not f.get("kamer"):
        ref.style = TWEEDE_KAMER
    return ref


def _read_nr(text: str, pos: int, f: dict, labelled: bool) -> int | None:
    """The ondernummer(s) at ``pos`` into ``f`` (``nr``, ``nrword``, ``more``): where they end,
    or None when no number is there. A bare number needs a real "nr." (not "no.")."""
    m = P.NR.match(text, pos) or P.NR_COMMA.match(text, pos)
    if not m or not (labelled or m.group("nrword") in ("nr.", "nrs.", "Nr.", "nummer", "nr,")):
        return None
    f["parts"]["nr"] = m
    f["nr"] = m.group("nr")
    f["nrword"] = m.group("nrword")
    plural = m.group("nrword").lower().startswith(("nrs", "nummers"))
    # "nr. 287 en 25 maart": only "nrs."/"nummers" announce more numbers, or a repeated "nr.".
    f["more"] = m.group("more") if plural else ""
    end = m.end() if plural else m.end("nr")
    rep = None if plural else repeated_nr_at(text, end)
    if rep:
        f["more"] = re.sub(rf"nrs?\.?{P.S}?", "", rep.group())
        f["repeated_nr"] = rep.group()
        end = rep.end()
    return end


def _labelled_zaak(text: str, label: re.Match) -> Reference | None:
    """"kamerstuk nr. 2021Z14231": a Kamervragen or document number under the Kamerstuk label.
    Which Kamerstuk is meant cannot be told from it: one KS005, no fix."""
    m = P.LABELLED_ZAAK.match(text, label.end())
    if m is None:
        return None
    shown = text[label.start():m.end()]
    return Reference(ZAAK, label.start(), m.end(), shown, {"number": m.group("z")}, [Problem(
        "KS005", _('"{text}" gives a Kamervragen or document number as a Kamerstuk: cite the Kamerstuk by its dossier and number, or the number alone ("{number}")',
                   text=shown, number=m.group("z")))])


def _six_digit_dossier(text: str, start: int, m: re.Match, label: re.Match | None) -> Reference | None:
    """``354410-XII, nr. 4``: a dossier number of six digits, with its number. No dossier has six
    digits, and which one is too many cannot be told: one KS001 without a fix."""
    pos = m.end()
    t = P.TOEV.match(text, pos)
    if t:
        pos = t.end()
    f = {"label": label.group("label") if label is not None else None, "parts": {}, "dossier": m.group("d"),
         "dsep": "", "bad_dossier": True}
    end = _read_nr(text, pos, f, labelled=label is not None)
    if end is None:
        return None
    ref_start = start if label is not None else m.start("d")
    return Reference(KAMERSTUK, ref_start, end, text[ref_start:end], f)


def annex_before(text: str, start: int) -> str:
    """"Bijlage bij" (or "Bijlage 2 bij") right before a reference: the annex is what is cited."""
    m = P.ANNEX_BEFORE.search(text, max(0, start - 24), start)
    return " ".join(m.group().split()).lower() if m else ""


def chamber_words_before(text: str, at: int) -> re.Match | None:
    """"[Kamerstuk] Tweede Kamer, vergaderjaar 2021–2022, " ending right at ``at``."""
    if "Kamer" not in text[max(0, at - 90):at]:
        return None
    m = P.CHAMBER_WORDS.search(text, max(0, at - 90), at)
    return m if m and m.end() == at else None


def _listed_identifiers(text: str) -> list[re.Match]:
    """Bare identifiers (34722-1) that are clearly Kamerstukken: with a chapter or R-number
    (35300-XII-53), or in a list of them ("34722-1; 33997-95"). A lone 31508-00-6 is a CAS
    number, 11534-75 a standard, 13026-0024 a ZIP code: precision first."""
    found = [m for m in P.IDENT.finditer(text) if m.group("sub") != "00"]
    keep = []
    for i, m in enumerate(found):
        prev_gap = text[found[i - 1].end():m.start()] if i else None
        next_gap = text[m.end():found[i + 1].start()] if i + 1 < len(found) else None
        listed = any(g is not None and P.LIST_GAP.fullmatch(g) for g in (prev_gap, next_gap))
        if m.group("toev") or m.group("rnum") or listed:
            keep.append(m)
    return keep


def _identifier(text: str, m: re.Match, kst: bool) -> Reference | None:
    dsep = m.groupdict().get("dsep") or ""
    f = {"label": None, "dossier": m.group("dossier").replace(dsep, "") if dsep else m.group("dossier"), "dsep": dsep,
         "sub": m.group("sub"), "toev": m.group("toev"), "ident": True, "parts": {}}
    if m.groupdict().get("rnum"):
        f["rnum"] = m.group("rnum")
    nr = m.group("nr")
    if nr.isdigit() or nr[:-1].isdigit():
        f["nr"] = nr
    else:
        f["ek"] = nr
    if f["toev"] and not P.KNOWN_TOEV.fullmatch(f["toev"]):
        return None
    # An identifier alone in parentheses ("(28 089-104)") is the text inside them.
    start, end = (m.start("dossier"), m.end("nr")) if m.group().startswith("(") else (m.start(), m.end())
    ref = Reference(KAMERSTUK, start, end, text[start:end], f)
    ref.fields["kst"] = kst
    return ref


def _classify_kamerstuk(text: str, ref: Reference, style: str, shorthand: bool = False) -> None:
    """``shorthand``: the document is the Kamer's own (motie, Handelingen), where an unlabelled
    "(35300-A, nr. 15)" or an identifier "30123-45" is its house style, not an error."""
    f = ref.fields
    label = f.get("label")
    parts = f.get("parts", {})
    problems: list[tuple[str, str]] = []
    shown = ref.text
    if f.get("bad_dossier"):
        # No dossier has six digits; which digit is one too many cannot be told: no fix.
        ref.problems.append(Problem("KS001", _('Dossier number "{number}" has six digits; a dossier number has five', number=f["dossier"])))
        return
    # KS005: the label.
    if f.get("ident"):
        if f.get("kst"):
            problems.append(("KS005", _('"{text}" is a KOOP identifier, not a citation', text=shown)))
        else:
            problems.append(("KS005", _('"{text}" is written as an identifier, not a citation', text=shown)))
    elif f.get("kamer_words"):
        pass  # reported below, once the corrected form is known
    elif label is None:
        if not f.get("motie_first") and not f.get("list_member"):
            problems.append(("KS005", _('Kamerstuk reference "{text}" has no "Kamerstuk" label', text=shown)))
    elif label in ("TK", "T.K.") or label.startswith("Kamerstuknummer") or label[0] == "k":
        problems.append(("KS005", _('"{label}" is an informal label: write "Kamerstuk"', label=label)))
    elif (label in ("Kamerstuk", "Kamerstukken") and not f.get("kamer") and not f.get("vj")
          and parts["dossier"].group("pre").strip(SPACES) == ","):
        problems.append(("KS005", _('No comma after the label: write "{start} …"', start=f'{label} {f["dossier"][:2]}')))
    elif label == "Kamerstuk" and (f.get("kamer") or f.get("vj")):
        problems.append(("KS005", _('"Kamerstuk" with a chamber or session year: the legal style writes "Kamerstukken"')))
    elif (label == "Kamerstukken" and ref.type == KAMERSTUK and not f.get("kamer") and not f.get("vj")
          and not f.get("more") and not f.get("joint") and not f.get("list_head")):
        problems.append(("KS005", _('"Kamerstukken" for one document: write "Kamerstuk"')))
    # KS008: the chamber mark.
    if not f.get("ident"):
        km = parts.get("kamer")
        vm = parts.get("vj")
        if km:
            if km.group("kamer") not in ("I", "II"):
                problems.append(("KS008", _('Chamber "{chamber}" should be "I" (Eerste Kamer) or "II" (Tweede Kamer)', chamber=km.group("kamer"))))
            elif (km.group("pre").strip(SPACES) or km.group("post").strip(SPACES)
                  or not km.group("post") or not km.group("pre")):
                start = f'{label} {km.group("kamer")}'
                if vm:
                    y1 = int(vm.group("y1"))
                    problems.append(("KS008", _('Write the chamber and session year as "{start} {year},", without other punctuation', start=start, year=f"{y1}/{(y1 + 1) % 100:02d}")))
                else:
                    problems.append(("KS008", _('Write the chamber as "{start}", then the session year and a comma, without other punctuation', start=start)))
        elif vm and label and label.lower() == "kamerstukken":
            problems.append(("KS008", _("The chamber (I or II) is missing before the session year (vergaderjaar)")))
        if vm and parts.get("dossier") and parts["dossier"].group("pre").strip(SPACES) != ",":
            problems.append(("KS008", _("A comma is missing after the session year (vergaderjaar)")))
    # KS006: the parliamentary year.
    vj = f.get("vj")
    if vj and label and label.lower().startswith("kamerstuk") and not f.get("kamer_words"):
        vm = parts["vj"]
        y1 = int(vm.group("y1"))
        y2 = vm.group("y2")
        good = f"{y1}/{(y1 + 1) % 100:02d}"
        if not session_year_exists(y1, y2):
            problems.append(("KS006", _('Session year (vergaderjaar) "{year}" does not exist: a session year runs from one year into the next', year=vj)))
        elif vj != good:
            problems.append(("KS006", _('Session year (vergaderjaar) "{year}" should be written "{good}"', year=vj, good=good)))
    # KS001: the dossier number (and the dossiers it shares a document with).
    dsep = f.get("dsep", "")
    dossier_text = f["dossier"][:2] + dsep + f["dossier"][2:]
    if not f.get("ident"):
        own = ref.style or style
        legal = ref.style == JURIDISCH and style == JURIDISCH
        numbers = [(f["dossier"], dsep)] + list(zip(f.get("more_dossiers") or [], f.get("more_dseps") or []))
        dash = f.get("subsep") == "–"
        for i, (dossier, sep) in enumerate(numbers):
            written = dossier[:2] + sep + dossier[2:]
            good = dossier if legal else f"{dossier[:2]} {dossier[2:]}"
            if i == 0 and dash:  # "21501–32": a sub-dossier takes a hyphen
                written, good = f'{written}–{f["sub"]}', f'{good}-{f["sub"]}'
            if sep == "." or (not legal and own == TWEEDE_KAMER and ref.style in (TWEEDE_KAMER, None) and sep == "") or (i == 0 and dash):
                problems.append(("KS001", _('Dossier number "{number}" should be written "{good}"', number=written, good=good)))
                break
            if legal and sep:
                problems.append(("KS001", _('Dossier number "{number}" should be written "{good}" in the legal style', number=written, good=good)))
                break
    # KS002, KS003: the ondernummer.
    nm = parts.get("nr")
    if nm:
        nsep = nm.group("nsep")
        if not (len(nsep) == 2 and nsep[0] == "," and nsep[1] in SPACES):
            problems.append(("KS002", _('A comma is missing before "nr." in "{text}"', text=shown) if "," not in nsep
                             else _('Write ", nr." with one space after the comma in "{text}"', text=shown)))
        word = nm.group("nrword")
        if f.get("repeated_nr"):
            problems.append(("KS003", _('Several numbers take one "nrs.": write "nrs. {numbers}"', numbers=nm.group("nr") + f["more"])))
        elif word not in ("nr.", "nrs.") or len(nm.group("nsp")) != 1:
            good = "nrs." if word.lower().startswith("nrs") or f.get("more") else "nr."
            bad = word + nm.group("nsp") + nm.group("nr")
            problems.append(("KS003", _('Write "{good}", not "{bad}"', good=f'{good} {nm.group("nr")}', bad=bad)))
    # KS004: the chapter suffix.
    toev = f.get("toev")
    hyphen = False
    if toev and not f.get("ident"):
        tsep = f.get("tsep", " ")
        known = P.KNOWN_TOEV.fullmatch(toev)
        if not known:
            problems.append(("KS004", _('"{suffix}" is no known budget chapter (begrotingshoofdstuk) or fund letter', suffix=toev)))
        elif tsep.strip(SPACES) or not tsep:
            hyphen = bool(tsep.strip(SPACES))
            problems.append(("KS004", _('The budget chapter in "{text}" should be written "{good}" in prose', text=f"{dossier_text}{tsep}{toev}", good=f"{dossier_text} {toev}")))
    if shorthand and (label is None or f.get("ident")):
        # The Kamer's shorthand: no label, an identifier, a hyphen before the chapter.
        problems = [(code, msg) for code, msg in problems if code not in ("KS001", "KS005")
                    and not (code == "KS004" and hyphen)]
    if ref.style == JURIDISCH and style == JURIDISCH:
        fix = ref.render(JURIDISCH)
    else:
        fix = ref.render(None if ref.style else style)
    if f.get("kamer_words"):
        problems.insert(0, ("KS005", _('"{text}" names the chamber in words: write "{good}"', text=shown, good=fix)))
    if f.get("motie_first") and fix:
        fix = fix.split(" ", 1)[1]  # MO001 adds the label; these fixes keep to the number itself
    ref.problems.extend(Problem(code, msg, fix) for code, msg in problems)


def session_year_exists(y1: int, y2: str) -> bool:
    """A session year runs from one year into the next: 2021–2022, 2021/22 (not 2021–202, 2023/34)."""
    if len(y2) == 4:
        return int(y2) == y1 + 1
    return len(y2) == 2 and int(y2) == (y1 + 1) % 100


def link_lists(text: str, refs: list[Reference]) -> None:
    """Kamerstukken cited one after another ("Kamerstukken 31 288, nr. 5 van 3 maart 2024 en
    31 288, nr. 9"): the later ones are members of the first one's list, under its label, and
    the plural label is right for them. A member may carry its date or title."""
    previous = None
    for ref in refs:
        if ref.type != KAMERSTUK:
            continue  # a date or a word inside the gap; the gap's pattern says what may be there
        if (previous is not None and ref.fields.get("label") is None and not ref.fields.get("kamer_words")
                and not ref.fields.get("ident") and P.LIST_MEMBER_GAP.fullmatch(text, previous.end, ref.start)):
            head = previous.fields.get("list_of") or previous
            ref.fields["list_member"] = True
            ref.fields["list_of"] = head
            head.fields["list_head"] = True
        previous = ref


# Parts of a Kamerstuk that need a literal at a fixed place: tried (and compiled) only where it is.
PAGE_WORDS = ("p.", "blz.")


def rnum_at(text: str, pos: int) -> re.Match | None:
    """RNUM at ``pos``: its "(" comes after at most a space and a hyphen."""
    return P.RNUM.match(text, pos) if "(" in text[pos:pos + 3] else None


def repeated_nr_at(text: str, pos: int) -> re.Match | None:
    """REPEATED_NR at ``pos``: it holds another "nr"."""
    return P.REPEATED_NR.match(text, pos) if text.find("nr", pos) >= 0 else None


def page_at(text: str, pos: int) -> re.Match | None:
    """PAGE at ``pos``: "p." or "blz." after an optional comma and one space."""
    return P.PAGE.match(text, pos) if text.startswith(PAGE_WORDS, pos + 1) or text.startswith(PAGE_WORDS, pos + 2) else None


# -- Moties -----------------------------------------------------------------------------------
def motie_tail(text: str, pos: int) -> re.Match | None:
    """MOTIE_TAIL (" van het lid …") at ``pos``, tried only where its "van" is."""
    return P.MOTIE_TAIL.match(text, pos) if text.startswith("van", pos + 1) else None


def defined_terms(text: str) -> frozenset[str]:
    """Terms a text defines: "(hierna: Motie#21)" makes "Motie#21" a name."""
    if "(hierna" not in text:
        return frozenset()
    return frozenset(m.group(1) for m in P.HIERNA.finditer(text))


def _moties(text: str, refs: list[Reference], line_starts: frozenset[int] = frozenset(),
            defined: frozenset[str] = frozenset(), present: frozenset[str] | set[str] = FAMILIES,
            shorthand: bool = False) -> None:
    by_start = {r.start: r for r in refs if r.type == KAMERSTUK}
    # A motie phrase needs a Kamerstuk after its word.
    for m in P.MOTIE_WORD.finditer(text) if "motie" in present else ():
        after = m.end()
        if not shorthand and (text.startswith(" op stuk", after) or text.startswith("\u00a0op stuk", after)):
            _motie_op_stuk(text, m, refs)
            continue
        if not by_start:
            continue
        ref = None
        paren = False
        rest = text[after:after + 8]
        nr = re.match(r"[ \u00a0](?:nr\.?[ \u00a0])?", rest)
        if nr and after + nr.end() in by_start:
            ref = by_start[after + nr.end()]
        else:
            p = re.match(r"[ \u00a0]\(", rest)
            if p and after + p.end() in by_start:
                ref = by_start[after + p.end()]
                paren = True
        if ref is None:
            continue
        if paren and P.POSSESSIVE_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            # "onze motie (Kamerstuk …)": the possessive names the members, as the Kamer does.
            continue
        word = m.group("word")
        art = re.search(r"(?:^|(?<=[\s(]))([Dd]e|[Ee]en)[ \u00a0]$", text[max(0, m.start() - 4):m.start()])
        start = m.start() - (len(art.group()) if art else 0)
        end = ref.end + (1 if paren and text[ref.end:ref.end + 1] == ")" else 0)
        tail = motie_tail(text, end)
        if tail:
            end = tail.end()
        if ref.fields.get("label") is None:
            ref.fields["motie_first"] = True
        lower = word.lower()
        article = (art.group(1) + " ") if art else ""
        cited = ref.render(TWEEDE_KAMER if ref.style != JURIDISCH else JURIDISCH)
        fix = f"{article}{lower} {tail.group().strip()} ({cited})" if tail and cited else None
        what = "motie" if lower == "motie" else "amendement"
        msg = (_('Cite the {word} by its members first, then the Kamerstuk in parentheses: "{fix}"', word=what, fix=fix) if fix
               else _("Cite the {word} by its members (van het lid … / van de leden …), then the Kamerstuk in parentheses", word=what))
        refs.append(Reference(MOTIE, start, end, text[start:end], {"word": word, "kamerstuk": ref},
                              [Problem("MO001", msg, fix)]))
    for m in P.CAPITAL_WORD.finditer(text) if "capital-word" in present else ():
        before = text[max(0, m.start() - 40):m.start()]
        if P.SENTENCE_START.search(before) or _starts_line(text, m.start(), line_starts):
            continue
        if any(text.startswith(term, m.start()) and not text[m.start() + len(term):][:1].isalnum()
               for term in defined):
            continue  # "(hierna: Motie#21)": the letter's own name for it
        word = m.group("word")
        refs.append(Reference(WORD, m.start(), m.end(), word, {"word": word},
                              [Problem("MO002", _('"{word}" inside a sentence is written "{good}"', word=word, good=word.lower()), word.lower())]))


def _motie_op_stuk(text: str, m: re.Match, refs: list[Reference]) -> None:
    """"de motie op stuk nr. 804 (32 813)": the Handelingen's way to name a motie, by its number
    first and its dossier after it. In a letter the motie is named by its members (MO001)."""
    op = P.MOTIE_OP_STUK.match(text, m.end())
    if op is None:
        return
    art = re.search(r"(?:^|(?<=[\s(]))([Dd]e|[Ee]en)[ \u00a0]$", text[max(0, m.start() - 4):m.start()])
    start = m.start() - (len(art.group()) if art else 0)
    end = op.end()
    f = {"label": None, "dossier": op.group("d1") + op.group("d2"), "dsep": op.group("dsep"), "nr": op.group("nr"),
         "toev": op.group("toev"), "tsep": op.group("tsep"), "parts": {}}
    kamerstuk = Reference(KAMERSTUK, op.start("nr"), op.end(), op.group(), f)
    cited = kamerstuk.render(TWEEDE_KAMER)
    tail = motie_tail(text, end)
    word = m.group("word")
    what = "motie" if word.lower() == "motie" else "amendement"
    fix = None
    if tail:
        end = tail.end()
        fix = f"{(art.group(1) + ' ') if art else ''}{word.lower()} {tail.group().strip()} ({cited})"
    msg = (_('Cite the {word} by its members first, then the Kamerstuk in parentheses: "{fix}"', word=what, fix=fix) if fix
           else _("Cite the {word} by its members (van het lid … / van de leden …), then the Kamerstuk in parentheses", word=what))
    refs.append(Reference(MOTIE, start, end, text[start:end], {"word": word, "kamerstuk": kamerstuk}, [Problem("MO001", msg, fix)]))


def _starts_line(text: str, at: int, line_starts: frozenset[int]) -> bool:
    """A word at the start of a source line after a line without final punctuation (a heading,
    a list item) starts a sentence; a line after a full stop already does."""
    return len(text[:at].rstrip("\"'“‘(*•-")) in line_starts


# -- Toezeggingen ---------------------------------------------------------------------------
def _toezegging(m: re.Match) -> Reference:
    text = m.group()
    ref = Reference(TOEZEGGING, m.start(), m.end(), text)
    s = P.TZ_STRICT.fullmatch(text)
    if s and 1 <= int(s.group("m")) <= 12:
        ref.fields.update(year=int(s.group("y")), month=int(s.group("m")), seq=s.group("seq"))
        return ref
    groups = re.findall(r"\d+", m.group("body"))
    fix = None
    if len(groups) == 1 and len(groups[0]) in (9, 10):
        g = groups[0]
        groups = [g[:4], g[4:6], g[6:]]
    elif len(groups) == 2 and len(groups[0]) == 6:
        groups = [groups[0][:4], groups[0][4:], groups[1]]
    if len(groups) == 3 and len(groups[0]) == 4 and 1 <= int(groups[1]) <= 12 and 3 <= len(groups[2]) <= 4:
        fix = f"TZ{groups[0]}{int(groups[1]):02d}-{groups[2]}"
        ref.fields.update(year=int(groups[0]), month=int(groups[1]), seq=groups[2])
    if s:
        msg = _('Toezegging number "{text}" has month {month}, which does not exist', text=text, month=s.group("m"))
    elif fix:
        msg = _('Toezegging number "{text}" should be written "TZ" + year + month + "-" + number: "{fix}"', text=text, fix=fix)
    else:
        msg = _('Toezegging number "{text}" should be written "TZ" + year + month + "-" + number', text=text)
    ref.problems.append(Problem("TZ001", msg, fix))
    return ref


# -- Handelingen and Aanhangsel ---------------------------------------------------------------
def _handelingen(whole: str, m: re.Match) -> Reference:
    text = m.group().rstrip(", ")
    if m.group("aanh") and not re.search(r"nr\.?\s*\d", m.group("tail")):
        # "Aanhangsel Handelingen, vergaderjaar 2023–2024, 1234": the number without its "nr.".
        bare = re.compile(rf",{P.S}(\d{{1,5}})(?![\d\w]|[.,]\d)").match(whole, m.start() + len(text))
        if bare:
            text = whole[m.start():bare.end()]
            nr_text = bare.group(1)
            y1 = int(m.group("y1"))
            kamer = m.group("kamer")
            if kamer in ("I", "II"):
                fix = f"Aanhangsel Handelingen {kamer} {y1}/{(y1 + 1) % 100:02d}, nr. {nr_text}"
            else:
                fix = f"Aanhangsel Handelingen, vergaderjaar {y1}–{y1 + 1}, nr. {nr_text}"
            if not session_year_exists(y1, m.group("y2")):
                fix = None
            return Reference(AANHANGSEL, m.start(), bare.end(), text,
                             {"kamer": kamer, "vj": m.group("vj"), "nr": nr_text},
                             [Problem("HA002", _('Aanhangsel reference "{text}" lacks "nr." before its number: write "{fix}"', text=text, fix=fix) if fix
                                      else _('Aanhangsel reference "{text}" lacks "nr." before its number', text=text), fix)])
    y1 = int(m.group("y1"))
    y2 = m.group("y2")
    vj_ok_year = session_year_exists(y1, y2)
    kamer = m.group("kamer")
    tail = m.group("tail")
    nr = re.search(r"nr\.?\s*(\d+)", tail)
    if m.group("aanh"):
        ref = Reference(AANHANGSEL, m.start(), m.start() + len(text), text,
                        {"kamer": kamer, "vj": m.group("vj"), "nr": nr.group(1) if nr else None})
        chamber_form = re.fullmatch(r"Aanhangsel Handelingen (I|II) (\d{4})/(\d\d), nr\. \d{1,5}", text.replace("\u00a0", " "))
        kamer_form = re.fullmatch(r"Aanhangsel Handelingen, vergaderjaar (\d{4})[–-](\d{4}), nr\. \d{1,5}", text.replace("\u00a0", " "))
        ok = (chamber_form and int(chamber_form.group(3)) == (y1 + 1) % 100) or (
            kamer_form and int(kamer_form.group(2)) == y1 + 1)
        if not vj_ok_year:
            # "vergaderjaar 2021–202": no such session year, so no number can be trusted either.
            ref.problems.append(Problem("HA002", _('Aanhangsel reference "{text}": session year (vergaderjaar) "{year}" does not exist', text=text, year=m.group("vj")), None))
        elif not ok and nr:
            if kamer in ("I", "II", "ll", "l"):
                k = "II" if kamer in ("II", "ll") else "I"
                fix = f"Aanhangsel Handelingen {k} {y1}/{(y1 + 1) % 100:02d}, nr. {nr.group(1)}"
            else:
                fix = f"Aanhangsel Handelingen, vergaderjaar {y1}–{y1 + 1}, nr. {nr.group(1)}"
            fix = fix if vj_ok_year else None
            ref.problems.append(Problem("HA002", _('Aanhangsel reference "{text}" is malformed: write "{fix}"', text=text, fix=fix) if fix
                                        else _('Aanhangsel reference "{text}" is malformed', text=text), fix))
        return ref
    ref = Reference(HANDELINGEN, m.start(), m.start() + len(text), text, {"kamer": kamer, "vj": m.group("vj")})
    plain = text.replace("\u00a0", " ")
    post = re.fullmatch(r"Handelingen (I|II) (\d{4})/(\d\d), nr\. \d{1,3}, item \d{1,3}(?:, p\. \d+(?:[-–]\d+)?)?", plain)
    pre = re.fullmatch(r"Handelingen (I|II) (\d{4})/(\d\d), nr\. \d+, p\. \d+(?:[-–]\d+)?", plain)
    ok = (post or (pre and y1 < 2011)) and vj_ok_year
    if not ok:
        why = []
        if "blz" in tail or "pag" in tail:
            why.append(_('pages are cited with "p."'))
        if not re.fullmatch(r"\d{4}/\d\d", m.group("vj")):
            why.append(_('the session year is written "{year}"', year=f"{y1}/{(y1 + 1) % 100:02d}"))
        if y1 >= 2011 and "item" not in tail:
            why.append(_('the "item" is missing'))
        if kamer not in ("I", "II"):
            why.append(_("the chamber should be I or II"))
        if not why:
            why.append(_('the form is "Handelingen II {year}, nr. 26, item 6"', year=f"{y1}/{(y1 + 1) % 100:02d}"))
        ref.problems.append(Problem("HA001", _('Handelingen reference "{text}" is malformed: {reasons}', text=text, reasons="; ".join(why)), None))
    return ref


def _zaak(text: str, m: re.Match) -> Reference | None:
    y, sep, letter, n = m.group("y"), m.group("sep"), m.group("letter"), m.group("n")
    if y and not sep:
        return Reference(ZAAK, m.start(), m.end(), m.group(), {"number": m.group()})
    if y and sep:
        fix = f"{y}{letter}{n}"
        return Reference(ZAAK, m.start(), m.end(), m.group(), {"number": fix},
                         [Problem("HA003", _('Write "{good}", not "{bad}"', good=fix, bad=m.group()), fix)])
    if letter in "ZD" and P.ZAAK_CONTEXT.search(text):
        args = {"number": m.group(), "form": f"{letter}{n}"}
        message = (_('Kamervragen (zaak) number "{number}" lacks its year: write the year before it ("YYYY{form}")', **args) if letter == "Z"
                   else _('document number "{number}" lacks its year: write the year before it ("YYYY{form}")', **args))
        return Reference(ZAAK, m.start(), m.end(), m.group(), {"number": m.group()}, [Problem("HA003", message, None)])
    return None


# -- Journals, PbEU, ECLI ---------------------------------------------------------------------------
ABBR = {"Staatsblad": "Stb", "Staatscourant": "Stcrt", "Tractatenblad": "Trb"}


def _journal(m: re.Match) -> Reference | None:
    j = m.group("j")
    sep = m.group("sep")
    if j in ABBR and not sep.strip(SPACES):
        return None  # "Staatsblad 2019 10 …" is too vague to call a reference
    abbr = ABBR.get(j, j)
    good = f"{abbr}. {m.group('y')}, {m.group('n')}"
    ref = Reference(JOURNAL, m.start(), m.end(), m.group(), {"journal": abbr, "year": m.group("y"), "number": m.group("n")})
    if m.group().replace("\u00a0", " ") != good:
        ref.problems.append(Problem("PB001", _('Write "{good}", not "{bad}"', good=good, bad=m.group()), good))
    return ref


def _problem_only(rtype: str, m: re.Match, code: str, message: str) -> Reference:
    return Reference(rtype, m.start(), m.end(), m.group(), {}, [Problem(code, message, None)])


def _pbeu(m: re.Match) -> Reference | None:
    j = m.group("j")
    text = m.group()
    if j in ("PbEU", "PbEG") and m.group("y") and P.PBEU_STRICT.fullmatch(text.replace("\u00a0", " ")):
        return Reference(PBEU, m.start(), m.end(), text, {"year": m.group("y")})
    if j == "Pb" and not m.group("y"):
        return None
    year = m.group("y") or m.group("yy")
    fix = None
    if year:
        journal = "PbEG" if int(year) < 2003 else "PbEU"
        fix = f"{journal} {year}, {m.group('s')} {m.group('n')}" + (f"/{m.group('p')}" if m.group("p") else "")
    msg = (_('Write EU journal references as "PbEU year, L number": "{fix}"', fix=fix) if fix
           else _('Write EU journal references as "PbEU year, L number", not "{text}"', text=text))
    return Reference(PBEU, m.start(), m.end(), text, {"year": year}, [Problem("PB003", msg, fix)])


def _ecli(m: re.Match) -> Reference:
    text = m.group()
    good = f"ECLI:{m.group('c').upper()}:{m.group('court').upper()}:{m.group('y')}:{m.group('n').upper()}"
    ref = Reference(ECLI, m.start(), m.end(), text, {"ecli": good})
    valid = P.ECLI_STRICT.fullmatch(good) and (not good.startswith("ECLI:NL:") or P.ECLI_NL.fullmatch(good))
    if text != good or not valid:
        fix = good if valid else None
        msg = _('Malformed ECLI "{text}": write "{good}"', text=text, good=good) if valid else _('Malformed ECLI "{text}"', text=text)
        ref.problems.append(Problem("PB002", msg, fix))
    return ref


__all__ = ["find_references", "is_safe_change"]
