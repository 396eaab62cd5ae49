"""``lint --annotate``: a copy of the letter with a Word comment by kamerlint at each finding,
read back by python-docx, by kamerlint itself (DR002) and by LibreOffice."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from linter.cli import main

from linter import engine
from linter.annotate import annotate
from linter.settings import Settings
from linter.formats.write import Refused

from conftest import CORPUS, FIXTURES, SHARED, needs_shared

SEEDS = ["kamerbrief-diaspora.docx", "kamerbrief-diaspora-libreoffice.docx", "kamerbrief-diaspora-pandoc.docx"]
IN_CI = bool(os.environ.get("CI"))


def copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copyfile(FIXTURES / name, target)
    return target


def findings(capsys, *argv: str) -> list[dict]:
    capsys.readouterr()
    main(["--isolated", "--output-format", "json", *argv])
    return json.loads(capsys.readouterr().out)


def kamerlint_comments(path: Path) -> list:
    return [c for c in docx.Document(str(path)).comments if c.author == "kamerlint"]


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    """Each seed letter, its findings and its annotated copy (made once: LibreOffice is slow)."""
    folder = tmp_path_factory.mktemp("annotated")
    out = {}
    for name in SEEDS:
        path = copy(folder, name)
        before = path.read_bytes()
        assert main(["--isolated", "-q", "--output-format", "json", "--annotate", str(path)]) == 1
        out[name] = (path, before, path.with_name(path.stem + ".kamerlint.docx"))
    return out


@pytest.mark.parametrize("name", SEEDS)
def test_python_docx_reads_one_comment_by_kamerlint_a_finding(name, annotated, capsys):
    path, before, copy_path = annotated[name]
    found = findings(capsys, str(path))
    comments = kamerlint_comments(copy_path)
    assert found and len(comments) == len(found)
    assert {c.initials for c in comments} == {"KL"}
    texts = sorted(c.text for c in comments)
    assert sorted(t.split(" — ")[0].split(": ")[-1] for t in texts) == sorted(d["code"] for d in found)
    # A finding in a footnote sits on the note's mark in the body and says which note it is about.
    assert 'In footnote 5, paragraph 1: KS001 — Dossier number "33625" should be written "33 625" → Kamerstuk 33 625, nr. 287' in texts
    assert any(t.startswith("About the whole file: DR005 — ") for t in texts) or not any(d["code"] == "DR005" for d in found)

@pytest.mark.parametrize("name", SEEDS)
def test_the_original_is_untouched_and_only_the_comment_parts_change(name, annotated):
    path, before, copy_path = annotated[name]
    assert path.read_bytes() == before
    old, new = parts(path), parts(copy_path)
    changed = {n for n in old if old[n] != new.get(n)}
    assert changed <= {"word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml", "word/comments.xml"}
    assert "word/document.xml" in changed
    assert "word/comments.xml" in new


@pytest.mark.parametrize("name", SEEDS)
def test_kamerlint_counts_the_comments_of_the_copy(name, annotated, capsys):
    path, _, copy_path = annotated[name]
    assert not findings(capsys, "--select", "DR002", str(path))
    assert len(findings(capsys, "--select", "DR002", str(copy_path))) == len(findings(capsys, str(path)))


def test_libreoffice_converts_the_copy_with_every_comment(annotated, tmp_path, capsys):
    soffice = shutil.which("soffice")
    if soffice is None and not IN_CI:
        pytest.skip("soffice is not installed")
    assert soffice, "soffice must be installed in CI (.ci/run)"
    copies = [annotated[name][2] for name in SEEDS]
    out = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "odt", "--outdir", str(tmp_path / "out"), *map(str, copies)],
        capture_output=True, text=True, timeout=600,
    )
    assert out.returncode == 0, out.stderr
    for name in SEEDS:
        path, _, copy_path = annotated[name]
        with zipfile.ZipFile(tmp_path / "out" / (copy_path.stem + ".odt")) as odt:
            content = odt.read("content.xml").decode("utf-8")
        assert content.count("<office:annotation ") + content.count("<office:annotation>") == len(findings(capsys, str(path)))


def notes_of(path: Path) -> list[tuple[str, str]]:
    """Every footnote and endnote of a letter as kamerlint reads it: (number, text)."""
    doc = engine.read_data(path.read_bytes(), str(path), Settings())
    return [(n.label, " ".join(n.text.split())) for n in doc.normal_notes()]


def test_libreoffice_reads_every_note_of_the_copy_back(annotated, tmp_path):
    """LibreOffice 7.4 opened annotated copies with every footnote empty (pandoc's letter) or
    with notes showing each other's text (a real memo): each copy, converted by LibreOffice,
    must hold the notes of the letter converted by LibreOffice, note for note."""
    soffice = shutil.which("soffice")
    if soffice is None and not IN_CI:
        pytest.skip("soffice is not installed")
    assert soffice, "soffice must be installed in CI (.ci/run)"
    pairs = [(annotated[name][0], annotated[name][2]) for name in SEEDS]
    memo = SHARED / "corpus" / "docx" / "ssc-ict-memo-kabinetsvisie-genai.docx"
    if memo.is_file():
        letter = tmp_path / memo.name
        shutil.copyfile(memo, letter)
        main(["--isolated", "-q", "--annotate", str(letter)])
        pairs.append((letter, letter.with_name(letter.stem + ".kamerlint.docx")))
    out = tmp_path / "out"
    for letter, copy_path in pairs:
        for path, folder in ((letter, out / "letter"), (copy_path, out / "copy")):
            done = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "odt",
                                   "--outdir", str(folder), str(path)], capture_output=True, text=True, timeout=600)
            assert done.returncode == 0, done.stderr
        before = notes_of(out / "letter" / (letter.stem + ".odt"))
        after = notes_of(out / "copy" / (copy_path.stem + ".odt"))
        assert before and all(text for _, text in before), letter.name
        assert after == before, letter.name


@pytest.mark.parametrize("name", SEEDS)
def test_each_comment_covers_its_finding_and_never_shows_the_marker_placeholder(name, annotated):
    path, _, copy_path = annotated[name]
    found = engine.lint_bytes(path.read_bytes(), str(path), Settings())
    doc = engine.read_data(copy_path.read_bytes(), str(copy_path), Settings())
    comments = [c for c in doc.comments if c.author == "kamerlint"]
    assert len(comments) == len(found)
    for d, comment in zip(found, comments):
        text = comment.story.text
        assert "[*]" not in text and "\ufffc" not in text, text
        covered = comment.anchor.text if comment.anchor is not None else ""
        if d.location.story == "body" and d.span is not None:
            assert covered == d.span.text, (d.code, covered[:80], d.span.text[:80])
        elif d.location.story in ("footnote", "endnote"):
            assert covered == "\ufffc", (d.code, covered[:80])  # the note's marker in the body
        else:
            assert covered == "", d.code  # about the whole file: a comment at a point


def test_a_marker_in_a_comment_shows_as_the_notes_number(tmp_path):
    path = copy(tmp_path, "fn-wrong.docx")
    data = path.read_bytes()
    doc = engine.read_data(data, str(path), Settings())
    found = [d for d in engine.check_document(doc, str(path), Settings()) if d.code in ("FN006", "FN018")]
    copy_doc = engine.read_data(annotate(doc, data, found), "copy.docx", Settings())
    texts = sorted(c.story.text for c in copy_doc.comments if c.author == "kamerlint")
    assert texts[0].startswith("FN006 — ") and texts[0].endswith("→ .⁶")
    assert texts[1].startswith("FN018 — ") and texts[1].endswith("→ brief¹⁵")


def test_existing_comments_stay_and_ids_do_not_collide(tmp_path, capsys):
    path = copy(tmp_path, "draft-comments.docx")
    old = list(docx.Document(str(path)).comments)
    found = findings(capsys, str(path))
    assert old and found
    main(["--isolated", "-q", "--annotate", "--annotate-output", str(tmp_path / "out.docx"), str(path)])
    new = list(docx.Document(str(tmp_path / "out.docx")).comments)
    assert [(c.author, c.text) for c in new[: len(old)]] == [(c.author, c.text) for c in old]
    assert len(new) == len(old) + len(found)
    assert len({c.comment_id for c in new}) == len(new)
    assert not (tmp_path / "draft-comments.kamerlint.docx").exists()


def test_select_and_ignore_decide_what_is_annotated(tmp_path, capsys):
    path = copy(tmp_path, SEEDS[0])
    main(["--isolated", "-q", "--select", "KS001", "--annotate", str(path)])
    comments = kamerlint_comments(tmp_path / "kamerbrief-diaspora.kamerlint.docx")
    assert comments and all("KS001 — " in c.text for c in comments)
    assert len(comments) == len(findings(capsys, "--select", "KS001", str(path)))


def refused(tmp_path: Path, path: Path, capsys) -> str:
    capsys.readouterr()
    main(["--isolated", "--annotate", str(path)])
    assert not path.with_name(path.stem + ".kamerlint" + path.suffix).exists()
    return capsys.readouterr().err


def test_a_text_draft_is_refused_with_a_reason(tmp_path, capsys):
    err = refused(tmp_path, copy(tmp_path, "kamerbrief-diaspora.txt"), capsys)
    assert "no annotated copy: a text draft has nowhere to put a comment" in err


def test_an_odt_gets_office_annotations_that_libreoffice_and_kamerlint_read(tmp_path, capsys):
    soffice = shutil.which("soffice")
    if soffice is None and not IN_CI:
        pytest.skip("soffice is not installed")
    assert soffice, "soffice must be installed in CI (.ci/run)"
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    subprocess.run([soffice, profile, "--headless", "--convert-to", "odt", "--outdir", str(tmp_path), str(FIXTURES / SEEDS[0])], capture_output=True, timeout=300, check=True)
    path = tmp_path / "kamerbrief-diaspora.odt"
    before = path.read_bytes()
    found = findings(capsys, str(path))
    main(["--isolated", "-q", "--annotate", str(path)])
    copy_path = tmp_path / "kamerbrief-diaspora.kamerlint.odt"
    assert path.read_bytes() == before
    old, new = parts(path), parts(copy_path)
    assert list(old) == list(new) and {n for n in old if old[n] != new[n]} == {"content.xml"}
    assert new["content.xml"].count(b"<office:annotation>") + new["content.xml"].count(b"<office:annotation ") == len(found)
    assert len(findings(capsys, "--select", "DR002", str(copy_path))) == len(found)
    subprocess.run([soffice, profile, "--headless", "--convert-to", "docx", "--outdir", str(tmp_path / "back"), str(copy_path)], capture_output=True, timeout=300, check=True)
    assert len(kamerlint_comments(tmp_path / "back" / "kamerbrief-diaspora.kamerlint.docx")) == len(found)


def test_the_copy_is_never_the_letter_itself(tmp_path, capsys):
    path = copy(tmp_path, SEEDS[0])
    before = path.read_bytes()
    main(["--isolated", "--annotate", "--annotate-output", str(path), str(path)])
    assert "is the letter itself" in capsys.readouterr().err
    assert path.read_bytes() == before


@needs_shared
def test_every_corpus_docx_and_odt_is_annotated_or_refused_and_reads_back(capsys):
    """Over the real .docx and .odt files: no crash, and the copy reads back with no IO finding and one
    more comment a finding (refused only with a reason: signed, damaged, no body text)."""
    annotated = 0
    for path in sorted(p for p in CORPUS.rglob("*") if p.suffix.lower() in (".docx", ".odt")):
        data = path.read_bytes()
        doc = engine.read_data(data, str(path), Settings())
        found = engine.lint_bytes(data, str(path), Settings())
        if not hasattr(doc, "stories") or not found:
            continue
        try:
            copy_data = annotate(doc, data, found)
        except Refused as exc:
            assert str(exc), path
            continue
        again = engine.lint_bytes(copy_data, str(path), Settings())
        assert not [d for d in again if d.code.startswith("IO")], path
        assert sum(d.code == "DR002" for d in again) == len(doc.comments) + len(found), path
        annotated += 1
    assert annotated > 100


def test_findings_in_the_baseline_are_not_annotated(tmp_path, capsys):
    path = copy(tmp_path, SEEDS[0])
    baseline = tmp_path / "baseline.json"
    main(["--isolated", "-q", "--write-baseline", str(baseline), str(path)])
    capsys.readouterr()
    main(["--isolated", "--baseline", str(baseline), "--annotate", str(path)])
    assert "no findings, so no annotated copy" in capsys.readouterr().err
    assert not (tmp_path / "kamerbrief-diaspora.kamerlint.docx").exists()


def test_output_dir_holds_a_copy_of_each_letter_with_findings_and_an_index(tmp_path, capsys):
    import lxml.html

    letters = tmp_path / "letters"
    (letters / "sub").mkdir(parents=True)
    inputs = [copy(letters, "kamerbrief-diaspora.docx"), copy(letters, "draft-clean.docx"), copy(letters, "kamerbrief-diaspora.txt")]
    shutil.copyfile(FIXTURES / "kamerbrief-diaspora-pandoc.docx", letters / "sub" / "kamerbrief-diaspora-pandoc.docx")
    inputs.append(letters / "sub" / "kamerbrief-diaspora-pandoc.docx")
    before = {p: p.read_bytes() for p in inputs}
    out = tmp_path / "out"
    found = findings(capsys, "--annotate", "--output-dir", str(out), str(letters))
    assert {p: p.read_bytes() for p in inputs} == before
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["index.html", "kamerbrief-diaspora.kamerlint.docx", "sub/kamerbrief-diaspora-pandoc.kamerlint.docx"]
    copy_path = out / "kamerbrief-diaspora.kamerlint.docx"
    assert len(kamerlint_comments(copy_path)) == sum(d["path"].endswith("letters/kamerbrief-diaspora.docx") for d in found)

    page = lxml.html.fromstring((out / "index.html").read_bytes())
    rows = {r.xpath("string(td[1])"): r for r in page.xpath("//tbody/tr")}
    assert sorted(Path(k).name for k in rows) == sorted(p.name for p in inputs)
    links = {Path(k).name: r.xpath("td//a/@href") for k, r in rows.items()}
    assert links["draft-clean.docx"] == [] and links["kamerbrief-diaspora.txt"] == []
    assert links["kamerbrief-diaspora.docx"] == ["kamerbrief-diaspora.kamerlint.docx"]
    assert all((out / href).is_file() for hrefs in links.values() for href in hrefs)
    # The counts by severity are the findings the report gives for that letter.
    row = next(r for k, r in rows.items() if k.endswith("/kamerbrief-diaspora.docx"))
    ours = [d for d in found if d["path"].endswith("letters/kamerbrief-diaspora.docx")]
    assert [int(c) for c in row.xpath("td[@class='n']/text()")] == [sum(d["severity"] == s for d in ours) for s in ("error", "warning", "info")]

    # Linting the folder again leaves the copies out (they are kamerlint's, not letters).
    shutil.copyfile(copy_path, letters / copy_path.name)
    capsys.readouterr()
    main(["--isolated", "--show-files", str(letters)])
    assert "kamerlint.docx" not in capsys.readouterr().out


def test_output_dir_needs_annotate_and_never_writes_over_a_letter(tmp_path, capsys):
    assert main(["--isolated", "--output-dir", str(tmp_path), str(copy(tmp_path, "draft-clean.docx"))]) == 2
    assert "use it with --annotate" in capsys.readouterr().err
    letter = copy(tmp_path, "kamerbrief-diaspora.docx")
    trap = tmp_path / "kamerbrief-diaspora.kamerlint.docx"  # a letter that happens to have the copy's name
    shutil.copyfile(FIXTURES / "draft-clean.docx", trap)
    before = trap.read_bytes()
    capsys.readouterr()
    main(["--isolated", "-q", "--annotate", "--output-dir", str(tmp_path), str(letter), str(trap)])
    assert trap.read_bytes() == before
    assert "is a letter being checked" in capsys.readouterr().err
