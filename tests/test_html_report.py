"""The HTML report (--output-format html): every finding of the seed shown and highlighted where it
is, everything from the document escaped, one section per file, and, in headless Chromium, no
console error, every finding in the DOM after the script ran, working keys and filters."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from conftest import FIXTURES, ROOT
from linter.engine import lint_path
from linter.model import NOTE_MARK
from linter.settings import Settings

SEED_FILES = [FIXTURES / "kamerbrief-diaspora.docx", FIXTURES / "kamerbrief-diaspora.txt"]


def sha(text: str) -> str:
    """A Content-Security-Policy source for an inline script or style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def lint(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "linter.cli", *args], capture_output=True, cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT)})


def report(*paths: Path | str, cwd: Path = ROOT) -> str:
    r = lint("--output-format", "html", *map(str, paths), cwd=cwd)
    assert r.returncode in (0, 1), r.stderr
    assert r.stderr == b""
    return r.stdout.decode("utf-8")


STEP = re.compile(r"(?P<tag>[a-z0-9*]*)(?P<rest>(?:[.#][\w-]+|\[[^\]]+\])*)")


def select(el, selector: str) -> list:
    """The few CSS selectors these tests use (``tag.class#id[attr=value]``, descendants, commas),
    as XPath: lxml's own ``cssselect`` needs a package the project does not otherwise use."""
    paths = []
    for alternative in selector.split(","):
        steps = []
        for step in alternative.split():
            m = STEP.fullmatch(step)
            tests = []
            for part in re.findall(r"[.#][\w-]+|\[[^\]]+\]", m.group("rest")):
                if part[0] == ".":
                    tests.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {part[1:]} ')")
                elif part[0] == "#":
                    tests.append(f"@id='{part[1:]}'")
                else:
                    name, _, value = part[1:-1].partition("=")
                    tests.append(f"@{name}='{value.strip(chr(34))}'" if value else f"@{name}")
            steps.append((m.group("tag") or "*") + "".join(f"[{t}]" for t in tests))
        paths.append(".//" + "//".join(steps))
    return el.xpath(" | ".join(paths))


def laid_out(p) -> tuple[str, dict[str, list[tuple[int, int]]]]:
    """A rendered paragraph's text as the model holds it (a note number in ``sup`` back to the
    one marker character) and, for every finding id, the ``[start, end)`` of each element that
    marks it."""
    text: list[str] = []
    hits: dict[str, list[tuple[int, int]]] = {}

    def walk(el) -> None:
        if el.tag == "sup" and "ref" in el.classes:
            text.append(NOTE_MARK)
        else:
            start = len("".join(text))
            text.append(el.text or "")
            for child in el:
                walk(child)
                text.append(child.tail or "")
            if el.get("data-hits"):
                end = len("".join(text)) if el.tag == "mark" else start
                for fid in el.get("data-hits").split():
                    hits.setdefault(fid, []).append((start, end))

    text.append(p.text or "")
    for child in p:
        walk(child)
        text.append(child.tail or "")
    return "".join(text), hits


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_every_seed_finding_is_highlighted_where_it_is(path: Path):
    found = lint_path(path, Settings(), display=str(path.relative_to(ROOT)))
    assert len(found) > 20
    found.sort(key=lambda d: d.location.story_key())  # the page shows the letter story by story
    page = lxml.html.fromstring(report(path.relative_to(ROOT)))
    cards = select(page, "section.file article.card")
    assert [c.get("data-code") for c in cards] == [d.code for d in found]
    for card, d in zip(cards, found):
        fid = card.get("data-f")
        assert d.message in card.text_content()
        if d.fix is not None:
            assert d.fix.message in select(card, ".fix")[0].text_content()
        assert select(card, "details .doc h4")[0].text_content() == "What it does"
        if d.span is None:
            assert card.getparent().getparent().get("class") == "whole"
            continue
        row = card.getparent().getparent()
        assert select(row, ".no")[0].text_content() == f"¶{d.location.paragraph}"
        story = row.getparent()
        assert story.get("data-story") == d.span.paragraph.story.kind
        if d.location.note is not None:
            assert select(story, "h3")[0].text_content() == f"{d.location.story.capitalize()} {d.location.note}"
        text, hits = laid_out(select(row, "p.text")[0])
        assert text == d.span.paragraph.text
        pieces = sorted(hits[fid])
        if d.span.end > d.span.start:
            # The marks of one finding are contiguous and cover exactly its span.
            assert pieces[0][0] == d.span.start and pieces[-1][1] == d.span.end
            assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
        else:
            assert pieces == [(d.span.start, d.span.start)]


def test_summary_counts_every_rule_and_severity():
    found = lint_path(SEED_FILES[0], Settings())
    page = lxml.html.fromstring(report(SEED_FILES[0].relative_to(ROOT)))
    rows = {select(r, "a.code")[0].text_content(): r for r in select(page, "ul.rules li")}
    assert set(rows) == {d.code for d in found}
    for code, row in rows.items():
        assert select(row, ".n")[0].text_content() == f"{sum(d.code == code for d in found)}×"
        first = next(i for i, d in enumerate(found) if d.code == code)
        assert select(row, "a.code")[0].get("href") == f"#f-1-{first + 1}"
    chips = [c.text_content() for c in select(page, ".overview .chip")]
    assert chips == ["1 error", "27 warnings", "3 info"]
    families = {b.get("value") for b in select(page, "input[name=family]")}
    assert families == {d.code.rstrip("0123456789") for d in found}


def test_the_page_fetches_nothing():
    html = report(SEED_FILES[0].relative_to(ROOT))
    page = lxml.html.fromstring(html)
    assert not select(page, "link, img, iframe, object, embed, script[src]")
    for el in page.iter():
        for name in ("href", "src"):
            assert el.get(name) is None or el.get(name).startswith("#"), el.get(name)
    csp = select(page, 'meta[http-equiv="Content-Security-Policy"]')[0].get("content")
    assert "default-src 'none'" in csp
    # The policy allows exactly the page's own script and style, by hash.
    for tag, directive in (("script", "script-src"), ("style", "style-src")):
        assert f"{directive} {sha(select(page, tag)[0].text)}" in csp


HOSTILE = (
    "Geachte voorzitter,\n\n"
    'Zie <script>alert("x")</script> en <img src=x onerror=alert(1)> en "><b onclick=alert(2)>vet</b> '
    "in Kamerstuk 36180, nr. 168 &amp; TODO </textarea><!--\n"
)


def test_a_hostile_document_cannot_inject_markup(tmp_path: Path):
    draft = tmp_path / 'brief<b>"x".txt'
    draft.write_text(HOSTILE, encoding="utf-8")
    html = report(draft.name, cwd=tmp_path)
    page = lxml.html.fromstring(html)
    assert len(select(page, "script")) == 1
    assert not select(page, "img, b, textarea")
    assert not [el for el in page.iter() if any(name.startswith("on") for name in el.attrib)]
    assert "<!--" not in html.split("<body>", 1)[1]
    body = select(page, ".story p.text")[-1]
    assert body.text_content() == HOSTILE.splitlines()[2]
    assert select(page, "section.file h2")[0].text_content() == draft.name
    assert {c.get("data-code") for c in select(page, ".card")} >= {"KS001", "DR004"}


def test_several_files_give_one_report_with_a_section_each():
    broken = FIXTURES / "hostile" / "random-bytes.docx"
    paths = [p.relative_to(ROOT) for p in (*SEED_FILES, broken)]
    page = lxml.html.fromstring(report(*paths))
    sections = select(page, "section.file")
    assert [select(s, "h2")[0].text_content() for s in sections] == [str(p) for p in paths]
    assert [a.get("href") for a in select(page, ".overview ol a")] == ["#file-1", "#file-2", "#file-3"]
    for section, path in zip(sections[:2], SEED_FILES):
        assert len(select(section, ".card")) == len(lint_path(path, Settings()))
    io = sections[2]
    assert select(io, ".whole h3")[0].text_content() == "This file could not be checked"
    assert [c.get("data-code") for c in select(io, ".card")] == ["IO002"]
    assert not select(io, ".story")
    ids = [c.get("id") for c in select(page, ".card")]
    assert len(ids) == len(set(ids))


def test_headers_and_footers_come_after_the_body_with_their_findings(tmp_path: Path):
    import docx

    letter = docx.Document()
    letter.add_paragraph("Geachte voorzitter,")
    letter.add_paragraph("Zie Kamerstuk 36 180, nr. 168.")
    section = letter.sections[0]
    section.header.paragraphs[0].text = "Kenmerk: Kamerstuk 36180, nr. 168"
    section.footer.paragraphs[0].text = "Pagina 1"
    letter.save(tmp_path / "brief.docx")
    found = lint_path(tmp_path / "brief.docx", Settings(), display="brief.docx")
    in_header = [d for d in found if d.location.story == "header"]
    assert [d.code for d in in_header] == ["KS001"]
    page = lxml.html.fromstring(report("brief.docx", cwd=tmp_path))
    assert [s.get("data-story") for s in select(page, ".story")] == ["body", "header", "footer"]
    header = select(page, ".story")[1]
    assert select(header, "h3")[0].text_content().startswith("Header")
    text, hits = laid_out(select(header, "p.text")[0])
    fid = select(header, ".card")[0].get("data-f")
    span = in_header[0].span
    assert text == span.paragraph.text and hits[fid] == [(span.start, span.end)]


def test_a_clean_file_says_so(tmp_path: Path):
    (tmp_path / "brief.txt").write_text("Geachte voorzitter,\n\nHierbij informeer ik uw Kamer.\n", encoding="utf-8")
    page = lxml.html.fromstring(report("brief.txt", cwd=tmp_path))
    assert select(page, "p.none")[0].text_content() == "No problems found."
    assert "Hierbij informeer ik uw Kamer." in select(page, ".story")[0].text_content()


def test_parallel_run_gives_the_same_report():
    paths = [str(p.relative_to(ROOT)) for p in SEED_FILES]
    serial = lint("--output-format", "html", "--jobs", "1", *paths)
    parallel = lint("--output-format", "html", "--jobs", "2", *paths)
    assert serial.stdout == parallel.stdout and serial.stdout


# -- Chromium ------------------------------------------------------------------------------------

sys.path.insert(0, str(ROOT / "scripts"))
from screenshots import chromium_command, find_chromium  # noqa: E402  (a script, not a package)

CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and os.environ.get("CI") != "true", reason="Chromium is not installed (CI installs it)"
)

#: Run after the report's own script: press keys, flip a filter and write what happened into the
#: page, where --dump-dom shows it. Errors anywhere are caught by the probe put before it.
PROBE_FIRST = "window.__errors = []; window.addEventListener('error', function (e) { window.__errors.push(String(e.message)); });"
PROBE_AFTER = """
(function () {
  function key(k) { document.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true })); }
  function current() { var c = document.querySelector('.card.current'); return c ? c.getAttribute('data-f') : null; }
  var out = {};
  key('j'); out.first = current();
  key('j'); out.second = current();
  key('k'); out.back = current();
  out.focused = document.activeElement.getAttribute('data-f');
  key('n'); key('n'); out.third = current();
  out.marked = document.querySelectorAll('mark.current, .pin.current').length;
  var warning = document.querySelector('input[name=severity][value=warning]');
  warning.checked = false; warning.dispatchEvent(new Event('change'));
  out.shownWithoutWarnings = document.querySelectorAll('.card:not([hidden])').length;
  warning.checked = true; warning.dispatchEvent(new Event('change'));
  out.shown = document.querySelectorAll('.card:not([hidden])').length;
  out.errors = window.__errors;
  var pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
"""


def chromium(tmp_path: Path, page: Path, *extra: str) -> subprocess.CompletedProcess:
    if CHROMIUM is None:
        pytest.fail("CI=true but Chromium is not installed: .ci/run installs it")
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    args = chromium_command(CHROMIUM, page, profile, *extra)
    return subprocess.run(args, capture_output=True, timeout=120)


def console_lines(r: subprocess.CompletedProcess) -> list[str]:
    return [line for line in r.stderr.decode("utf-8", "replace").splitlines() if ":CONSOLE" in line or "Uncaught" in line]


@needs_chromium
def test_chromium_renders_every_finding_without_errors(tmp_path: Path):
    seed = SEED_FILES[0]
    found = lint_path(seed, Settings())
    page = tmp_path / "report.html"
    page.write_text(report(seed.relative_to(ROOT)), encoding="utf-8")

    # The page as it is: no console message at all (errors, CSP violations), and the DOM after
    # the script ran holds every finding.
    dom = chromium(tmp_path, page, "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert console_lines(dom) == []
    tree = lxml.html.fromstring(dom.stdout)
    assert tree.get("data-ready") == "yes"
    assert [c.get("data-code") for c in select(tree, ".card")] == [d.code for d in found]
    assert select(tree, "#status")[0].text_content() == f"{len(found)} of {len(found)} findings shown"

    shot = tmp_path / "report.png"
    r = chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=1280,2000")
    assert r.returncode == 0 and console_lines(r) == []
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000

    pdf = tmp_path / "report.pdf"
    r = chromium(tmp_path, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert r.returncode == 0 and console_lines(r) == []
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.read_bytes().count(b"/Type /Page") > 1

    # Keys and filters, with probes allowed by the page's policy.
    html = page.read_text(encoding="utf-8")
    html = re.sub(r"script-src ", lambda m: f"script-src {sha(PROBE_FIRST)} {sha(PROBE_AFTER)} ", html, count=1)
    html = html.replace("<style>", f"<script>{PROBE_FIRST}</script><style>", 1)
    html = html.replace("</body>", f"<script>{PROBE_AFTER}</script></body>", 1)
    probed = tmp_path / "probed.html"
    probed.write_text(html, encoding="utf-8")
    r = chromium(tmp_path, probed, "--dump-dom")
    assert console_lines(r) == []
    out = json.loads(select(lxml.html.fromstring(r.stdout), "#probe")[0].text_content())
    # The first two findings are about the whole file; the third (a bookmark over a paragraph
    # that other findings cut into pieces) is marked in the text.
    assert out.pop("marked") > 0
    assert out == {
        "first": "1-1",
        "second": "1-2",
        "back": "1-1",
        "focused": "1-1",
        "third": "1-3",
        "shownWithoutWarnings": sum(d.severity != "warning" for d in found),
        "shown": len(found),
        "errors": [],
    }
