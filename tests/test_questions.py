"""Issue 20: an answer to Kamervragen repeats each question word for word. Findings about the
wording of a quoted question are left out of the report by default (`--report-questions` reports
them), in every output format; findings about the file stay. Tested on the 1,024 real answers of
../shared/corpus/kamervragen/, on typeset Aanhangsel pages, and on Word letters."""

from __future__ import annotations

import json
import re

import pytest

from linter.cli import main
from linter.engine import lint_bytes, lint_path
from linter.questions import question_blocks
from linter.settings import Settings
from tests.conftest import SHARED, codes, lint_text, needs_shared
from tests.test_docx_reader import build, fn_ref, note, note_para, para, run, separators

KAMERVRAGEN = SHARED / "corpus" / "kamervragen"


def answer_letter(question: str, answer: str, heading: str = "Vraag 1", answer_heading: str = "Antwoord 1") -> str:
    return f"{heading}\n\n{question}\n\n{answer_heading}\n\n{answer}\n"


WRONG = "Kamerstuk 36180, nr. 168"


@pytest.mark.parametrize("heading, answer_heading", [
    ("Vraag 1", "Antwoord 1"), ("Vraag", "Antwoord"), ("Vraag 1:", "Antwoord op vraag 1"), ("1", "Antwoord"),
])
def test_a_finding_in_the_question_is_left_out_and_one_in_the_answer_stays(heading, answer_heading):
    text = answer_letter(f"Kent u {WRONG}?", f"Ja, {WRONG} ken ik.", heading, answer_heading)
    kept = lint_text(text, select="KS")
    assert codes(kept) == ["KS001"] and "Ja," in kept[0].span.paragraph.text
    assert codes(lint_text(text, select="KS", report_questions=True)) == ["KS001", "KS001"]


def test_an_inline_question_and_numbered_questions():
    inline = f"Vraag 1: Kent u {WRONG}?\nAntwoord 1: Ja, {WRONG}.\n"
    assert [d.span.start > 20 for d in lint_text(inline, select="KS")] == [True]
    numbered = (f"1. Kent u {WRONG}?\n\nAntwoord\n\nJa, {WRONG}.\n\n"
                f"2. En {WRONG}?\n\nAntwoord\n\nOok {WRONG}, zie de lijst:\n\n1. punt {WRONG}\n\n2. punt twee\n")
    kept = lint_text(numbered, select="KS")
    assert [d.span.paragraph.text[:4] for d in kept] == ["Ja, ", "Ook ", "1. p"]


def test_no_answer_no_answer_letter():
    """A letter with a "Vraag" heading but no answer is no answer letter: all is reported."""
    assert codes(lint_text(f"Vraag\n\nKent u {WRONG}?\n", select="KS")) == ["KS001"]


def test_file_findings_in_a_question_stay():
    """A placeholder or a tracked change in the quoted question is the drafter's, not the Kamer's."""
    text = answer_letter(f"Kent u {WRONG} (XXX)?", "Ja.")
    assert codes(lint_text(text, select=["KS", "DR004"])) == ["DR004"]


def test_a_word_letter_with_a_note_in_the_question():
    """In a .docx every line is a paragraph; a note whose marker is in the question is the Kamer's."""
    body = (para(run("Vraag 1")) + para(run("Kent u de brief?"), fn_ref(1)) + para(run("Antwoord 1"))
            + para(run(f"Ja, zie {WRONG}."), fn_ref(2)))
    notes = separators() + note(1, note_para(f"{WRONG}.")) + note(2, note_para(f"Zie {WRONG}."))
    data = build(body, footnotes=notes)
    got = lint_bytes(data, "antwoord.docx", Settings(select=["KS"]))
    assert [(d.code, d.location.story, d.location.note) for d in got] == [("KS001", "body", None), ("KS001", "footnote", 2)]
    assert len(lint_bytes(data, "antwoord.docx", Settings(select=["KS"], report_questions=True))) == 3


@needs_shared
def test_typeset_aanhangsel_pages_keep_the_notes_at_the_page_foot():
    """In a text export of a typeset Aanhangsel ("Vraag 2" and the question in one paragraph,
    the page's notes after it), only the question itself is a question."""
    path = SHARED / "corpus" / "texts" / "ah-tk-20232024-1980.txt"
    kept = {(d.code, d.span.text) for d in lint_path(path, Settings())}
    assert ("KS006", "Kamerstukken II 2023–34, 23 235, nr. 240") in kept  # note 2, cited by the answer


@needs_shared
def test_every_left_out_finding_of_the_real_answers_is_in_a_question():
    """The 1,024 real answers: what is left out sits between "Vraag" and "Antwoord", and what
    sits there is left out."""
    left_out = 0
    for path in sorted(KAMERVRAGEN.glob("qa-*.txt")):
        text = path.read_text(encoding="utf-8")
        question = re.search(r"\nVraag\n\n(.*?)\n\nAntwoord\n", text, re.S)
        q_lines = range(text[:question.start(1)].count("\n") + 1, text[:question.end(1)].count("\n") + 2)
        everything = lint_path(path, Settings(report_questions=True))
        kept = {(d.code, d.location.line, d.location.column) for d in lint_path(path, Settings())}
        for d in everything:
            in_question = d.location.line in q_lines
            if not in_question and d.code.startswith("CO") and (d.code, d.location.line, d.location.column) not in kept:
                continue  # its other spelling was the question's, which is not the letter's own
            assert ((d.code, d.location.line, d.location.column) in kept) != in_question, (path.name, d.code, d.message)
            left_out += in_question
    assert left_out >= 5


@needs_shared
def test_the_question_of_every_real_answer_is_found():
    from linter.engine import read_path

    for path in sorted(KAMERVRAGEN.glob("qa-*.txt"))[:200]:
        doc = read_path(path, path.name, Settings())
        blocks = question_blocks(doc)
        assert blocks, path.name


def test_every_output_format_and_the_configuration(tmp_path, capsys):
    letter = tmp_path / "antwoord.txt"
    letter.write_text(answer_letter(f"Kent u {WRONG}?", f"Ja, {WRONG}."), encoding="utf-8")
    for fmt in ("json", "sarif", "html", "junit", "gitlab", "github", "concise"):
        capsys.readouterr()
        main(["--isolated", "--select", "KS", "--output-format", fmt, str(letter)])
        one = capsys.readouterr().out
        main(["--isolated", "--select", "KS", "--report-questions", "--output-format", fmt, str(letter)])
        both = capsys.readouterr().out
        assert one.count("36180") < both.count("36180"), fmt
    (tmp_path / "kamerlint.toml").write_text("report-questions = true\n", encoding="utf-8")
    capsys.readouterr()
    main(["--select", "KS", "--output-format", "json", str(letter)])
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_lint_rule_says_so(capsys):
    main(["rule", "KS001"])
    assert "--report-questions" in capsys.readouterr().out
    main(["rule", "DR001"])
    assert "--report-questions" not in capsys.readouterr().out


def test_the_quoted_question_does_not_set_the_letters_spelling():
    """qa-23547: the question writes DdoS, the answer DDoS; the answer's spelling is the letter's."""
    text = answer_letter("Klopt het dat een DdoS-aanval werd uitgevoerd?", "Het ging om DDoS-aanvallen.")
    assert lint_text(text, select="CO") == []
    assert codes(lint_text(text, select="CO", report_questions=True)) == ["CO002"]
