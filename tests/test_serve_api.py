"""`lint serve` (issue 22), in process through Starlette's test client: LanguageTool's API (its
shape, UTF-16 offsets, annotated text, LibreOffice 7.4's unencoded body, rule selection), the
page to drop a letter on and what it answers, the JSON API against `lint --output-format json`,
the rules' pages, and what keeps the server safe (token, Host, CORS, CSP, limits, hostile files,
a worker that hangs or dies). The real clients (LibreOffice, LanguageTool's Python client,
Chromium) are in tests/test_serve_clients.py."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import logging
import re
import subprocess
import sys
import warnings
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

pytest.importorskip("starlette", reason="lint serve needs the serve extra: pip install '.[serve]'")
with warnings.catch_warnings():  # Starlette 1.x would rather have httpx2; httpx serves as well
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient  # noqa: E402

from linter.config import Resolver  # noqa: E402
from linter.serve.app import Options, create_app, safe_names  # noqa: E402
from linter.serve.languagetool import read_form, utf16  # noqa: E402
from linter.serve.work import configured_from, is_paragraph_rule  # noqa: E402

SEED_DOCX = FIXTURES / "kamerbrief-diaspora.docx"
SEED_TXT = FIXTURES / "kamerbrief-diaspora.txt"
HOSTILE = FIXTURES / "hostile"
BASE = "http://127.0.0.1:8081"
PARAGRAPH = "Het kabinet heeft, zoals gemeld in Kamerstuk 36180, nr. 168, besloten de regeling voort te zetten."


def make_client(tmp_path: Path | None = None, **options) -> TestClient:
    config = Resolver(None, True).for_path(ROOT / "x")
    app, _server = create_app(Options(**{"workers": 1, **options}), configured_from(config), config)
    return TestClient(app, base_url=BASE)


@pytest.fixture(scope="module")
def client():
    with make_client(workers=2) as c:
        yield c


def check(client, text: str, language: str = "nl-NL", **fields) -> dict:
    r = client.post("/v2/check", data={"text": text, "language": language, **fields})
    assert r.status_code == 200, r.text
    return r.json()


# -- LanguageTool's API ----------------------------------------------------------------------------


def test_languages_are_dutch_with_the_long_code_libreoffice_reads(client):
    r = client.get("/v2/languages")
    assert r.status_code == 200
    assert {"name": "Dutch", "code": "nl", "longCode": "nl-NL"} in r.json()


def test_check_answers_in_languagetools_shape_with_dutch_messages(client):
    answer = check(client, PARAGRAPH)
    assert answer["software"]["apiVersion"] == 1 and answer["language"]["code"] == "nl-NL"
    [match] = answer["matches"]
    start = PARAGRAPH.index("36180")
    assert (match["offset"], match["length"]) == (start, 5)
    assert match["replacements"] == [{"value": "36 180"}]
    assert match["message"] == 'Schrijf dossiernummer "36180" als "36 180"'
    assert match["rule"]["id"] == "KS001" and match["rule"]["category"] == {"id": "KS", "name": "Kamerstukken"}
    assert match["rule"]["issueType"] == "non-conformance" and match["rule"]["description"].startswith("Vindt een dossiernummer")
    assert match["rule"]["urls"] == [{"value": f"{BASE}/rules/KS001"}]
    assert match["context"]["text"][match["context"]["offset"] :][:5] == "36180"
    assert match["sentence"] == PARAGRAPH


def test_offsets_count_utf16_code_units_as_java_does(client):
    text = "𝑥 en 😀 zie Kamerstuk 36180, nr. 168."
    [match] = check(client, text)["matches"]
    python_offset = text.index("36180")
    assert match["offset"] == python_offset + 2  # two characters outside the BMP before it
    assert match["length"] == 5
    assert text.encode("utf-16-le")[2 * match["offset"] : 2 * (match["offset"] + match["length"])].decode("utf-16-le") == "36180"
    assert match["context"]["text"].encode("utf-16-le")[2 * match["context"]["offset"] :][:10].decode("utf-16-le") == "36180"


def test_annotated_data_skips_markup_and_counts_it_in_offsets(client):
    annotation = [
        {"markup": "<p>"},
        {"text": "Zie "},
        {"markup": "<b>", "interpretAs": ""},
        {"text": "Kamerstuk 36180"},
        {"markup": "</b>"},
        {"text": ", nr. 168."},
        {"markup": "<br/>", "interpretAs": "\n\n"},
        {"text": "Op dinsdag 26 maart 2025 besloten."},
    ]
    original = "".join(a.get("text", a.get("markup")) for a in annotation)
    r = client.post("/v2/check", data={"data": json.dumps({"annotation": annotation}), "language": "nl"})
    matches = {m["rule"]["id"]: m for m in r.json()["matches"]}
    assert set(matches) == {"KS001", "DT002"}
    for code, expected in (("KS001", "36180"), ("DT002", "dinsdag 26 maart 2025")):
        m = matches[code]
        assert original[m["offset"] : m["offset"] + m["length"]] == expected


def test_libreoffice_74_posts_the_paragraph_unencoded(client):
    paragraph = "Kosten & baten: 3 + 4 = 7, 5% meer; zie Kamerstuk 36180, nr. 168 (a=b&c)."
    body = f"text={paragraph}&language=nl-NL".encode()
    r = client.post("/v2/check", content=body, headers={"content-type": "application/x-www-form-urlencoded"})
    [match] = r.json()["matches"]
    assert paragraph[match["offset"] : match["offset"] + match["length"]] == "36180"
    # with LibreOffice's user name and key after it
    r = client.post("/v2/check", content=body + b"&username=jan&apiKey=geheim", headers={"content-type": "application/x-www-form-urlencoded"})
    assert [m["offset"] for m in r.json()["matches"]] == [match["offset"]]


def test_read_form_tells_libreoffices_body_from_an_encoded_one():
    assert read_form(b"text=a+b%20c&language=nl-NL") == {"text": "a b c", "language": "nl-NL"}
    assert read_form("text=a+b %20c&language=nl-NL".encode()) == {"text": "a+b %20c", "language": "nl-NL"}
    assert read_form(b"text=100%&language=nl-NL") == {"text": "100%", "language": "nl-NL"}
    assert read_form("text=één & twee&language=nl-NL&username=u&apiKey=k".encode())["text"] == "één & twee"
    assert read_form(b"language=nl&text=x")["text"] == "x"


def test_utf16_offsets():
    to16 = utf16("a😀b𝑥c")
    assert [to16(i) for i in range(6)] == [0, 1, 3, 4, 6, 7]


def test_enabled_and_disabled_rules(client):
    text = "Zie Kamerstuk 36180, nr. 168, de Motie van de leden A en B en Stb 2011/35."
    default = {m["rule"]["id"] for m in check(client, text)["matches"]}
    assert {"KS001", "MO002", "PB001"} <= default
    assert "KS001" not in {m["rule"]["id"] for m in check(client, text, disabledRules="KS001")["matches"]}
    assert {m["rule"]["id"] for m in check(client, text, disabledRules="KS,MO")["matches"]} == {"PB001"}
    assert {m["rule"]["id"] for m in check(client, text, enabledRules="PB001", enabledOnly="true")["matches"]} == {"PB001"}
    # a rule that needs the whole letter is not run on a paragraph, even when asked for
    assert {m["rule"]["id"] for m in check(client, text, enabledRules="CO001,KS007", enabledOnly="true")["matches"]} == set()


def test_paragraph_rules_are_those_the_issue_names():
    from linter.registry import all_rules

    on = {r.code for r in all_rules() if is_paragraph_rule(r.code)}
    assert {"KS001", "MO001", "DT002", "TZ001", "HA001", "PB001", "DR004", "BM006", "FN006", "FN008"} <= on
    assert not on & {"KS007", "KS009", "MO003", "MO004", "CO001", "FN001", "FN010", "DR001", "BM001", "IO001"}


def test_a_zero_width_space_is_libreoffices_footnote_anchor(client):
    """LibreOffice hands a grammar checker a footnote anchor as U+200B: the marker rules see it."""
    text = "Dit staat in het rapport\u200b. Het kabinet zegt het.\u200bHet neemt de Kamer\u200bbrief over."
    matches = {m["rule"]["id"]: m for m in check(client, text)["matches"]}
    assert set(matches) == {"FN006", "FN008", "FN018"}
    assert matches["FN006"]["replacements"] == []  # replacing the anchor would delete the note
    assert "deze voetnoot" in matches["FN006"]["message"]
    m = matches["FN008"]
    assert text[m["offset"] : m["offset"] + m["length"]] == "Het" and m["replacements"] == [{"value": " Het"}]
    assert matches["FN018"]["replacements"] == []  # an unsafe fix, and it would move the anchor


@pytest.mark.parametrize(
    "fields, status",
    [({"text": "x", "language": "en-US"}, 400), ({"text": "x"}, 400), ({"language": "nl"}, 400), ({"data": "{", "language": "nl"}, 400)],
)
def test_refusals_are_plain_text_as_languagetool_answers(client, fields, status):
    r = client.post("/v2/check", data=fields)
    assert r.status_code == status and r.text.startswith("Error")


def test_auto_is_read_as_dutch(client):
    answer = check(client, PARAGRAPH, language="auto")
    assert answer["language"]["detectedLanguage"]["code"] == "nl-NL" and answer["matches"]


def test_a_text_over_the_limit_is_refused():
    with make_client(max_text=100) as c:
        r = c.post("/v2/check", data={"text": "x" * 101, "language": "nl"})
        assert r.status_code == 413


# -- the pages --------------------------------------------------------------------------------------


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parsed(html: str) -> list[tuple[str, dict]]:
    p = Links()
    p.feed(html)
    return p.tags


def test_drop_page_is_dutch_first_and_loads_nothing_from_outside(client):
    r = client.get("/")
    assert r.status_code == 200 and '<html lang="nl-NL">' in r.text and "Een Kamerbrief controleren" in r.text
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "form-action 'self'" in csp and "frame-ancestors 'none'" in csp
    assert r.headers["cache-control"] == "no-store" and r.headers["x-content-type-options"] == "nosniff"
    tags = parsed(r.text)
    for tag, attrs in tags:
        for key in ("src", "href", "action"):
            assert not attrs.get(key, "").startswith(("http:", "https:", "//")), (tag, attrs)
    form = next(attrs for tag, attrs in tags if tag == "form")
    assert form["method"] == "post" and form["enctype"] == "multipart/form-data"
    assert any(tag == "input" and attrs.get("type") == "file" and attrs.get("name") == "file" for tag, attrs in tags)


def test_english_by_accept_language_or_the_switch(client):
    assert "Check a Kamerbrief" in client.get("/", headers={"accept-language": "en-GB,en;q=0.9,nl;q=0.5"}).text
    assert "Een Kamerbrief controleren" in client.get("/", headers={"accept-language": "nl,en;q=0.8"}).text
    assert "Een Kamerbrief controleren" in client.get("/", headers={"accept-language": "fr-FR"}).text
    assert "Check a Kamerbrief" in client.get("/?lang=en").text
    assert 'href="/?lang=en"' in client.get("/").text


def downloads(html: str) -> dict[str, bytes]:
    out = {}
    for tag, attrs in parsed(html):
        if tag == "a" and "download" in attrs:
            head, _sep, data = attrs["href"].partition(",")
            assert head.startswith("data:") and head.endswith(";base64")
            out[attrs["download"]] = base64.b64decode(data)
    return out


def test_upload_gives_the_report_and_both_copies_made_in_memory(client):
    import docx

    with open(SEED_DOCX, "rb") as fh:
        r = client.post("/", files={"file": ("kamerbrief-diaspora.docx", fh.read())}, data={"lang": "nl"})
    assert r.status_code == 200
    assert "kamerlint-rapport" in r.text and 'class="card' in r.text and "KS001" in r.text
    copies = downloads(r.text)
    assert set(copies) == {"kamerbrief-diaspora.kamerlint.docx", "kamerbrief-diaspora.gecorrigeerd.docx"}
    annotated = zipfile.ZipFile(io.BytesIO(copies["kamerbrief-diaspora.kamerlint.docx"]))
    assert b'w:author="kamerlint"' in annotated.read("word/comments.xml")
    fixed = zipfile.ZipFile(io.BytesIO(copies["kamerbrief-diaspora.gecorrigeerd.docx"]))
    tracked = b"".join(fixed.read(part) for part in ("word/document.xml", "word/footnotes.xml"))
    assert re.search(rb'<w:ins w:id="\d+" w:author="kamerlint"', tracked) and re.search(rb'<w:del w:id="\d+" w:author="kamerlint"', tracked)
    for data in copies.values():
        assert docx.Document(io.BytesIO(data)).paragraphs
    assert "bijgehouden wijzigingen van kamerlint" in r.text


def test_a_text_draft_has_no_comments_and_a_plainly_corrected_copy(client):
    text = "Zie Kamerstuk 36180, nr. 168.\n"
    r = client.post("/", files={"file": ("concept.txt", text.encode())}, data={"lang": "en"})
    assert "No copy with comments: a text draft has nowhere to put a comment" in r.text
    assert downloads(r.text) == {"concept.fixed.txt": b"Zie Kamerstuk 36 180, nr. 168.\n"}


def test_upload_without_a_file_says_what_to_do(client):
    r = client.post("/", files={"lang": (None, "nl")})
    assert r.status_code == 400 and "Geen bestand gekozen" in r.text


def test_rule_pages(client):
    r = client.get("/rules/KS001")
    assert r.status_code == 200 and "Standaard" not in r.text and "KS001" in r.text and "<h4>" in r.text
    assert client.get("/rules/KS001?lang=en").text.count("What it does") == 1
    assert client.get("/rules/XX999").status_code == 404
    listing = client.get("/rules").text
    assert listing.count('href="/rules/') >= 60


def test_names_of_uploads():
    assert safe_names(["C:\\Users\\jan\\brief.docx", "../../etc/passwd", "brief.docx", "\x00\x1b.txt", ""]) == [
        "brief.docx", "passwd", "brief (2).docx", ".txt", "document"
    ]


# -- the JSON API ----------------------------------------------------------------------------------


def test_api_lint_answers_in_the_json_outputs_shape(client):
    with open(SEED_DOCX, "rb") as fh:
        r = client.post("/api/lint?lang=en", files=[("file", ("kamerbrief-diaspora.docx", fh.read()))])
    assert r.status_code == 200
    served = r.json()
    done = subprocess.run(
        [sys.executable, "-m", "linter.cli", "--isolated", "--output-format", "json", "--lang", "en", str(SEED_DOCX)],
        capture_output=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "KAMERLINT_LANG": "en", "PATH": "/usr/bin:/bin", "KAMERLINT_CACHE_DIR": "/nonexistent"},
    )
    cli = json.loads(done.stdout)
    for finding in cli:
        finding["path"] = "kamerbrief-diaspora.docx"
        finding["url"] = f"{BASE}/rules/{finding['code']}"
    assert served == cli


def test_api_lint_several_files_and_a_hostile_one(client):
    files = [("file", ("brief.txt", b"Zie Kamerstuk 36180, nr. 168.\n"))]
    for name in sorted(p.name for p in HOSTILE.iterdir() if p.suffix in (".docx", ".txt", ".doc")):
        files.append(("file", (name, (HOSTILE / name).read_bytes())))
    r = client.post("/api/lint", files=files)
    assert r.status_code == 200
    by_path: dict[str, set[str]] = {}
    for f in r.json():
        by_path.setdefault(f["path"], set()).add(f["code"])
    assert by_path["brief.txt"] == {"KS001"}
    assert by_path["billion-laughs.docx"] & {"IO002", "IO003"}
    assert "IO002" in by_path["encrypted.docx"] and "IO002" in by_path["random-bytes.docx"]
    assert client.get("/health").json()["workers"] == 2


def test_openapi_describes_every_route(client):
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    for path in ("/", "/api/lint", "/v2/check", "/v2/languages", "/rules/{code}", "/rules", "/health", "/openapi.json"):
        assert path in doc["paths"], path
    assert doc["paths"]["/api/lint"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]["items"] == {"$ref": "#/components/schemas/Finding"}
    output_md = (ROOT.parent / "shared" / "spec" / "output.md")
    finding_keys = set(doc["components"]["schemas"]["Finding"]["required"])
    assert finding_keys == {"path", "code", "name", "severity", "message", "location", "excerpt", "fix", "url"}
    if output_md.is_file():
        assert all(f'"{key}"' in output_md.read_text(encoding="utf-8") for key in finding_keys)


# -- safe by default -------------------------------------------------------------------------------


def test_only_requests_addressed_to_the_loopback_name_are_answered(client):
    assert client.get("/", headers={"host": "evil.example:8081"}).status_code == 421
    assert client.get("/", headers={"host": "localhost:8081"}).status_code == 200
    assert client.get("/", headers={"host": "[::1]:8081"}).status_code == 200


def test_a_token_on_every_request_but_the_language_list():
    with make_client(host="0.0.0.0", token="s3cret-token") as c:
        c.headers["host"] = "kamerlint.intranet:8081"
        assert c.get("/").status_code == 401 and "Basic" in c.get("/").headers["www-authenticate"]
        assert c.get("/", headers={"authorization": "Bearer s3cret-token"}).status_code == 200
        assert c.get("/", headers={"authorization": "Bearer wrong"}).status_code == 401
        basic = base64.b64encode(b"jan:s3cret-token").decode()
        assert c.get("/", headers={"authorization": f"Basic {basic}"}).status_code == 200
        assert c.get("/v2/languages").status_code == 200
        assert c.post("/v2/check", data={"text": PARAGRAPH, "language": "nl"}).status_code == 401
        assert c.post("/v2/check", data={"text": PARAGRAPH, "language": "nl", "apiKey": "s3cret-token", "username": "jan"}).status_code == 200
        body = f"text={PARAGRAPH}&language=nl-NL&username=jan&apiKey=s3cret-token".encode()
        assert c.post("/v2/check", content=body, headers={"content-type": "application/x-www-form-urlencoded"}).json()["matches"]
        assert c.post("/api/lint", files={"file": ("a.txt", b"x")}).status_code == 401


def test_cors_only_for_the_origins_named(client):
    origin = "chrome-extension://abcdefghijklmnop"
    assert "access-control-allow-origin" not in client.get("/v2/languages", headers={"origin": origin}).headers
    with make_client(allow_origins=[origin]) as c:
        r = c.options("/v2/check", headers={"origin": origin, "access-control-request-method": "POST"})
        assert r.status_code == 200 and r.headers["access-control-allow-origin"] == origin
        assert c.post("/v2/check", data={"text": "x", "language": "nl"}, headers={"origin": origin}).headers["access-control-allow-origin"] == origin
        other = c.post("/v2/check", data={"text": "x", "language": "nl"}, headers={"origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_an_upload_over_the_limit_is_refused_before_it_is_read():
    with make_client(max_upload_mb=1) as c:
        r = c.post("/", files={"file": ("big.txt", b"a" * (1024 * 1024 + 1))}, headers={"accept-language": "en"})
        assert r.status_code == 413 and "Send at most 1 MB at a time." in r.text
        assert c.post("/api/lint", files={"file": ("big.txt", b"a" * (1024 * 1024 + 1))}).status_code == 413


def test_a_body_that_arrives_too_slowly_is_cut_off():
    with make_client(timeout=1) as c:

        def slow():
            yield b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n"
            import time

            time.sleep(2.5)
            yield b"x\r\n--b--\r\n"

        r = c.post("/api/lint", content=slow(), headers={"content-type": "multipart/form-data; boundary=b"})
        assert r.status_code == 408


def test_nothing_of_a_request_is_logged(client, caplog):
    caplog.set_level(logging.DEBUG)
    secret = "Geheimzinnig-Concept-7781"
    client.post("/v2/check", data={"text": f"{secret} Kamerstuk 36180, nr. 168.", "language": "nl"})
    client.post("/", files={"file": (f"{secret}.txt", f"{secret} Kamerstuk 36180, nr. 168.".encode())})
    client.post("/api/lint", files={"file": (f"{secret}.docx", b"PK\x03\x04broken")})
    assert secret not in caplog.text


# -- worker processes ------------------------------------------------------------------------------


def test_a_job_that_hangs_or_kills_its_worker_is_answered_and_the_worker_replaced():
    from linter.serve.pool import JobFailed, Pool

    async def scenario():
        pool = Pool(1, timeout=5.0, max_waiting=4, memory_limit=0, module="serve_jobs")
        await pool.start()
        try:
            assert await pool.run("echo", 5) == 5
            with pytest.raises(JobFailed) as hung:
                await pool.run("sleep", 60)
            assert hung.value.reason == "timeout"
            assert await pool.run("echo", 6) == 6  # a new worker took its place
            with pytest.raises(JobFailed) as died:
                await pool.run("die", None)
            assert died.value.reason == "lost"
            with pytest.raises(JobFailed) as failed:
                await pool.run("fail", None)
            assert (failed.value.reason, failed.value.detail) == ("error", "ValueError")
            assert await pool.run("echo", 7) == 7
            assert pool.replaced == 2 and pool.alive() == 1
        finally:
            pool.stop()

    sys.path.insert(0, str(Path(__file__).parent))
    try:
        asyncio.run(scenario())
    finally:
        sys.path.remove(str(Path(__file__).parent))


def test_a_document_job_without_a_result_is_each_files_io_finding():
    from linter.serve.work import UploadJob, failed_upload
    from linter.settings import Settings

    job = UploadJob([("a.docx", b""), ("b.txt", b"")], Settings(), ["IO003", "IO005"], [[], []], "nl", url_base="/rules/")
    result = failed_upload(job, "timeout", 60)
    assert [f.findings[0]["code"] for f in result.files] == ["IO003", "IO003"]
    assert "60 seconden" in result.files[0].findings[0]["message"]
    assert failed_upload(job, "lost", 60).files[0].findings[0]["code"] == "IO005"


def test_the_readme_says_which_rules_work_on_a_paragraph():
    """The README's table of what `/v2/check` runs and what it leaves out agrees with the server,
    and names every rule once."""
    from linter.registry import all_rules

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- serve-rules: begin -->", 1)[1].split("<!-- serve-rules: end -->", 1)[0]

    def codes(cell: str) -> set[str]:
        out = set()
        for first, last in re.findall(r"\b([A-Z]{2}\d{3})(?:–([A-Z]{2}\d{3}))?", cell):
            family, lo = first[:2], int(first[2:])
            hi = int(last[2:]) if last else lo
            out |= {f"{family}{n:03d}" for n in range(lo, hi + 1)}
        return out

    on, off = set(), set()
    for row in table.strip().splitlines()[2:]:
        cells = row.strip("|").split("|")
        on |= codes(cells[0])
        off |= codes(cells[1])
    known = {r.code for r in all_rules()}
    assert on == {c for c in known if is_paragraph_rule(c)}
    assert off == known - on
