"""`lint serve` (issue 22) with its real clients, against a real server process:

* LibreOffice's own LanguageTool client (``org.openoffice.lingu.LanguageToolGrammarChecker``),
  through UNO: what LibreOffice parsed from the answers, for paragraphs and for a .docx in Writer;
* LanguageTool's Python client (``language_tool_python`` with ``remote_server``);
* Chromium through chromedriver: dropping the seed letter, the findings, both copies downloaded
  and opened (python-docx, LibreOffice), keyboard-only use, the page without JavaScript, and
  axe-core (WCAG 2.1 AA: no serious or critical violation);
* and nothing written under the working folder or the temp folder while it serves.

In CI (CI=true) a skip here is a failure: .ci/run installs LibreOffice, python3-uno, Chromium,
chromedriver and axe-core.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

pytest.importorskip("starlette", reason="lint serve needs the serve extra: pip install '.[serve]'")

SEED_DOCX = FIXTURES / "kamerbrief-diaspora.docx"
SYSTEM_PYTHON = "/usr/bin/python3"
AXE = Path(os.environ.get("KAMERLINT_AXE_CORE", ROOT / ".ci" / "node_modules" / "axe-core" / "axe.min.js"))
TOKEN = "kamerlint-test-token-5521"
PARAGRAPH = "Het kabinet heeft, zoals gemeld in Kamerstuk 36180, nr. 168, besloten de regeling voort te zetten."


class Served:
    """A `lint serve` process: its URL, its working folder and temp folder, what it said."""

    def __init__(self, workdir: Path, tmpdir: Path, *args: str):
        self.workdir, self.tmpdir = workdir, tmpdir
        env = {k: v for k, v in os.environ.items() if k not in ("KAMERLINT_OUTPUT_FORMAT",)}
        env.update(TMPDIR=str(tmpdir), TEMP=str(tmpdir), TMP=str(tmpdir), PYTHONPATH=str(ROOT), KAMERLINT_LANG="en", PYTHONDONTWRITEBYTECODE="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "linter.cli", "serve", "--port", "0", "--workers", "2", *args],
            cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        self.lines: list[str] = []
        self.url = ""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            if not line:
                break
            self.lines.append(line)
            if "serving on " in line:
                self.url = line.split("serving on ", 1)[1].split()[0].rstrip("/")
                break
        assert self.url, "".join(self.lines)
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        for line in self.process.stderr:
            self.lines.append(line)

    def get(self, path: str, headers: dict | None = None) -> tuple[int, bytes]:
        request = urllib.request.Request(self.url + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=60) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def post(self, path: str, body: bytes, content_type: str, headers: dict | None = None) -> tuple[int, bytes]:
        request = urllib.request.Request(self.url + path, data=body, headers={"Content-Type": content_type, **(headers or {})}, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=120) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


def multipart(files: list[tuple[str, bytes]], fields: dict | None = None) -> tuple[bytes, str]:
    boundary = "kamerlint-test-boundary-7f3a"
    parts = []
    for name, value in (fields or {}).items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for filename, data in files:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode() + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    work, tmp = tmp_path_factory.mktemp("serve-work"), tmp_path_factory.mktemp("serve-tmp")
    served = Served(work, tmp)
    yield served
    served.stop()


# -- LibreOffice ----------------------------------------------------------------------------------


def needs_libreoffice():
    if not (shutil.which("soffice") and Path(SYSTEM_PYTHON).exists()):
        pytest.skip("needs LibreOffice (soffice)")
    if subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode != 0:
        pytest.skip("needs LibreOffice's Python bridge for /usr/bin/python3 (python3-uno)")


def dutch_docx(source: Path, target: Path) -> Path:
    """The seed letter with its text marked Dutch (nl-NL) in the default run properties, as a
    Dutch template has it, so that Writer hands its paragraphs to a Dutch grammar checker."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/styles.xml":
                assert b'<w:lang w:val="en-US" w:eastAsia="en-US"' in data
                data = data.replace(b'<w:lang w:val="en-US" w:eastAsia="en-US"', b'<w:lang w:val="nl-NL" w:eastAsia="en-US"', 1)
            zout.writestr(item, data)
    return target


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_libreoffice_underlines_what_kamerlint_finds(tmp_path_factory):
    """LibreOffice 7.4's own client: the base URL and the key set through the configuration API;
    the error start, length, comment and suggestion it parsed from the answers."""
    needs_libreoffice()
    base = tmp_path_factory.mktemp("lo")
    served = Served(tmp_path_factory.mktemp("lo-work"), tmp_path_factory.mktemp("lo-tmp"), "--token", TOKEN)
    try:
        paragraphs = [
            PARAGRAPH,
            "Kosten & baten: 3 + 4 = 7, dat is 5% meer (a=b&c); zie Kamerstuk 36180, nr. 168.",
            "De 😀 rapportage, zie Kamerstuk 33625, nr. 287.",
            "Een alinea zonder bevindingen.",
        ]
        job = {
            "port": free_port(), "profile": str(base / "profile"), "base_url": served.url + "/v2",
            "username": "kamerlint", "api_key": TOKEN, "paragraphs": paragraphs,
            "docx": str(dutch_docx(SEED_DOCX, base / "brief.docx")),
        }
        (base / "job.json").write_text(json.dumps(job), encoding="utf-8")
        done = subprocess.run([SYSTEM_PYTHON, str(Path(__file__).with_name("libreoffice_client.py")), str(base / "job.json")],
                              capture_output=True, text=True, timeout=300, cwd=base)
        assert done.returncode == 0, done.stderr[-3000:]
        seen = json.loads(done.stdout)
    finally:
        served.stop()
    assert seen["has_dutch"] and "nl-NL" in seen["locales"]  # from GET /v2/languages, without a key

    first, ampersand, astral, clean = seen["paragraphs"]
    [error] = first["errors"]
    assert (error["start"], error["length"]) == (PARAGRAPH.index("36180"), 5)
    assert error["short_comment"] == 'Schrijf dossiernummer "36180" als "36 180"'  # LibreOffice shows `message`: Dutch for nl-NL
    assert error["full_comment"] == "Kamerstukken (KS001)"
    assert error["suggestions"] == ["36 180"]

    [error] = ampersand["errors"]  # posted unencoded: &, + and % are the paragraph's own
    assert ampersand["text"][error["start"] : error["start"] + error["length"]] == "36180"

    [error] = astral["errors"]  # LibreOffice counts UTF-16 code units too
    assert error["start"] == astral["text"].index("33625") + 1 and error["length"] == 5
    assert error["suggestions"] == ["33 625"]
    assert clean["errors"] == []

    # The seed letter in Writer: paragraphs with footnote anchors, as Writer hands them over.
    assert seen["document"] and {p["language"] for p in seen["document"]} == {"nl-NL"}
    found = {}
    for p in seen["document"]:
        for e in p["errors"]:
            found.setdefault(e["full_comment"].rsplit("(", 1)[1].rstrip(")"), []).append((p["text"], e))
    text, error = found["FN008"][0]  # "ondermijnen.[*]  Deze": two spaces after the marker
    assert text[error["start"] - 1] == "\u200b" and text[error["start"] : error["start"] + error["length"]] == "  "
    assert error["suggestions"] == [" "] and "deze voetnoot" in error["short_comment"]


# -- LanguageTool's Python client ------------------------------------------------------------------


def test_language_tool_python_reads_the_answers_as_languagetools(server):
    language_tool_python = pytest.importorskip("language_tool_python")
    tool = language_tool_python.LanguageTool("nl-NL", remote_server=server.url)
    try:
        text = "𝑥 Zie Kamerstuk 36180, nr. 168 en Stb 2011/35."
        matches = tool.check(text)
        by_rule = {m.rule_id: m for m in matches}
        assert set(by_rule) == {"KS001", "PB001"}
        ks = by_rule["KS001"]
        assert (ks.offset, ks.error_length) == (text.index("36180"), 5)  # back to Python's count
        assert ks.replacements == ["36 180"] and ks.category == "KS" and ks.rule_issue_type == "non-conformance"
        assert ks.message == 'Schrijf dossiernummer "36180" als "36 180"'
        assert tool.correct(text) == "𝑥 Zie Kamerstuk 36 180, nr. 168 en Stb. 2011, 35."
    finally:
        tool.close()


# -- Chromium -------------------------------------------------------------------------------------


def chromium(download_dir: Path, profile: Path, javascript: bool = True):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    binary, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not binary or not driver:
        pytest.skip("needs Chromium and chromedriver (Debian: chromium, chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--user-data-dir={profile}", "--window-size=1280,1000", "--lang=nl-NL"):
        options.add_argument(arg)
    prefs = {"download.default_directory": str(download_dir), "download.prompt_for_download": False, "intl.accept_languages": "nl-NL,nl"}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    browser = webdriver.Chrome(options=options, service=Service(driver))
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(download_dir)})
    return browser


@pytest.fixture
def browser(tmp_path):
    (tmp_path / "downloads").mkdir()
    b = chromium(tmp_path / "downloads", tmp_path / "profile")
    b.download_dir = tmp_path / "downloads"
    yield b
    b.quit()


def wait_for(condition, timeout: float = 60, what: str = "") -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def seed_findings() -> list:
    """What `lint` finds in the seed letter, with the server's settings (no look-ups)."""
    from linter.engine import lint_bytes
    from linter.settings import Settings

    return lint_bytes(SEED_DOCX.read_bytes(), "kamerbrief-diaspora.docx", Settings(verify="off"))


DROP = """
var bytes = Uint8Array.from(atob(arguments[0]), function (c) { return c.charCodeAt(0); });
var file = new File([bytes], arguments[1], {type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"});
var data = new DataTransfer();
data.items.add(file);
["dragenter", "dragover", "drop"].forEach(function (type) {
  document.body.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: data}));
});
"""


def report_shown(browser) -> bool:
    return browser.execute_script("return document.querySelectorAll('article.card').length") > 0


def downloaded(folder: Path, names: set[str]) -> dict[str, Path]:
    def ready():
        present = {p.name: p for p in folder.iterdir() if not p.name.endswith(".crdownload")}
        return present if names <= set(present) else None

    return wait_for(ready, 60, f"downloads {names}")


def test_drop_the_seed_letter_see_the_findings_and_download_both_copies(server, browser, tmp_path):
    import docx
    from selenium.webdriver.common.by import By

    browser.get(server.url + "/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Een Kamerbrief controleren"
    browser.execute_script(DROP, base64.b64encode(SEED_DOCX.read_bytes()).decode(), "kamerbrief-diaspora.docx")
    wait_for(lambda: report_shown(browser), 60, "the report")
    assert "kamerbrief-diaspora.docx" in browser.title
    cards = browser.find_elements(By.CSS_SELECTOR, "article.card")
    assert len(cards) == len(seed_findings()) and any(c.get_attribute("data-code") == "KS001" for c in cards)
    links = browser.find_elements(By.CSS_SELECTOR, "#downloads a[download]")
    assert [a.get_attribute("download") for a in links] == ["kamerbrief-diaspora.kamerlint.docx", "kamerbrief-diaspora.gecorrigeerd.docx"]
    for link in links:
        link.click()
    files = downloaded(browser.download_dir, {"kamerbrief-diaspora.kamerlint.docx", "kamerbrief-diaspora.gecorrigeerd.docx"})

    annotated, fixed = files["kamerbrief-diaspora.kamerlint.docx"], files["kamerbrief-diaspora.gecorrigeerd.docx"]
    original = docx.Document(SEED_DOCX)
    for copy in (annotated, fixed):
        assert len(docx.Document(copy).paragraphs) == len(original.paragraphs)
    assert zipfile.ZipFile(annotated).read("word/comments.xml").count(b"<w:comment ") == len(seed_findings())
    assert b'w:author="kamerlint"' in zipfile.ZipFile(fixed).read("word/footnotes.xml")

    if shutil.which("soffice"):
        out = tmp_path / "opened"
        done = subprocess.run(
            ["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--convert-to", "txt:Text",
             "--outdir", str(out), str(annotated), str(fixed)],
            capture_output=True, text=True, timeout=180,
        )
        assert done.returncode == 0, done.stderr
        for copy in (annotated, fixed):
            text = (out / (copy.stem + ".txt")).read_text(encoding="utf-8-sig", errors="replace")
            assert "Diaspora" in text or "diaspora" in text


def focused(browser) -> dict:
    return browser.execute_script(
        "var e = document.activeElement, s = getComputedStyle(e);"
        "return {tag: e.tagName.toLowerCase(), id: e.id, cls: e.className, text: (e.textContent || '').trim().slice(0, 80),"
        " outline: s.outlineStyle, width: parseFloat(s.outlineWidth), top: e.getBoundingClientRect().top};"
    )


def test_keyboard_only(server, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    def press(*keys):
        ActionChains(browser).send_keys(*keys).perform()

    browser.get(server.url + "/")
    press(Keys.TAB)
    skip = focused(browser)
    assert skip["cls"] == "skip" and skip["top"] >= 0 and skip["outline"] != "none" and skip["width"] >= 2
    press(Keys.TAB)
    assert focused(browser)["text"] == "English"
    press(Keys.TAB)
    assert focused(browser)["id"] == "file"
    # Choosing the file: the keyboard opens the system's file dialog, which WebDriver types into.
    browser.switch_to.active_element.send_keys(str(SEED_DOCX))
    press(Keys.TAB)
    button = focused(browser)
    assert button["tag"] == "button" and button["text"] == "Controleren" and button["outline"] != "none"
    press(Keys.ENTER)
    wait_for(lambda: report_shown(browser), 60, "the report")
    press(Keys.TAB)
    assert focused(browser)["text"] == "Naar de downloads"
    press(Keys.ENTER)
    press(Keys.TAB)
    link = focused(browser)
    assert link["tag"] == "a" and link["text"].startswith("Kopie met opmerkingen") and link["outline"] != "none"
    press("j")
    status = browser.find_element(By.ID, "status").text
    assert status.startswith("Bevinding 1 van"), status
    current = browser.execute_script("return document.activeElement.getAttribute('data-code') || document.querySelector('.card.current').getAttribute('data-code')")
    assert current


def test_the_page_works_without_javascript(server, tmp_path):
    from selenium.webdriver.common.by import By

    (tmp_path / "downloads").mkdir()
    b = chromium(tmp_path / "downloads", tmp_path / "profile", javascript=False)
    try:
        b.get(server.url + "/")
        b.find_element(By.ID, "file").send_keys(str(SEED_DOCX))
        b.find_element(By.CSS_SELECTOR, "button.go").click()
        wait_for(lambda: b.find_elements(By.CSS_SELECTOR, "article.card"), 60, "the report")
        assert len(b.find_elements(By.CSS_SELECTOR, "#downloads a[download]")) == 2
    finally:
        b.quit()


AXE_RUN = """
var done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
  .then(function (r) { done(JSON.stringify(r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(function (n) { return n.target.join(" "); })};
  }))); })
  .catch(function (e) { done("error: " + e); });
"""


def axe_violations(browser) -> list[dict]:
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    browser.set_script_timeout(120)
    result = browser.execute_async_script(AXE_RUN)
    assert not result.startswith("error"), result
    return json.loads(result)


def test_axe_core_finds_no_serious_or_critical_violation(server, browser):
    if not AXE.is_file():
        pytest.skip(f"needs axe-core ({AXE}; .ci/run installs it from npm)")
    pages = {}
    for path in ("/", "/?lang=en", "/rules", "/rules/KS001", "/rules/XX999"):
        browser.get(server.url + path)
        pages[path] = axe_violations(browser)
    browser.get(server.url + "/")
    browser.execute_script(DROP, base64.b64encode(SEED_DOCX.read_bytes()).decode(), "kamerbrief-diaspora.docx")
    wait_for(lambda: report_shown(browser), 60, "the report")
    pages["report"] = axe_violations(browser)
    serious = {page: [v for v in found if v["impact"] in ("serious", "critical")] for page, found in pages.items()}
    assert serious == {page: [] for page in pages}, json.dumps(serious, indent=1)


# -- nothing written -------------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.rglob("*"))}


def test_nothing_is_written_under_the_working_folder_or_the_temp_folder(tmp_path):
    work, tmp = tmp_path / "work", tmp_path / "tmp"
    work.mkdir()
    tmp.mkdir()
    (work / "kamerlint.toml").write_text('ignore = ["PB001"]\n', encoding="utf-8")
    served = Served(work, tmp)
    try:
        before_work, before_tmp = snapshot(work), snapshot(tmp)
        assert before_tmp == {}
        assert served.get("/")[0] == 200
        status, body = served.post("/v2/check", "text=Zie Kamerstuk 36180, nr. 168 en Stb 2011/35.&language=nl-NL".encode(), "application/x-www-form-urlencoded")
        assert status == 200 and [m["rule"]["id"] for m in json.loads(body)["matches"]] == ["KS001"]  # the folder's kamerlint.toml
        big = ("Zie Kamerstuk 36180, nr. 168.\n\n" * 120_000).encode()  # 3.6 MB: past Starlette's 1 MB spooling
        files = [("kamerbrief-diaspora.docx", SEED_DOCX.read_bytes()), ("groot.txt", big)]
        for hostile in sorted((FIXTURES / "hostile").iterdir()):
            if hostile.suffix != ".md":
                files.append((hostile.name, hostile.read_bytes()))
        body, content_type = multipart(files, {"lang": "nl"})
        status, page = served.post("/", body, content_type)
        assert status == 200 and b"gecorrigeerd.docx" in page
        status, found = served.post("/api/lint", *multipart(files[:2]))
        assert status == 200 and json.loads(found)
        assert served.get("/rules/KS001")[0] == 200
        assert json.loads(served.get("/health")[1])["workers"] == 2
        assert snapshot(work) == before_work
        assert snapshot(tmp) == {}
        log = "".join(served.lines)
        assert "groot.txt" not in log and "Kamerstuk" not in log
    finally:
        served.stop()


# -- the README's words on a fresh clone -----------------------------------------------------------


def readme_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Where drafters write: `lint serve`", 1)[1]
    return section.split("```sh\n", 1)[1].split("\n```", 1)[0].strip()


def test_the_readmes_words_on_a_fresh_clone_serve_the_page_and_the_languagetool_api(tmp_path):
    """`python3 -m venv .venv && .venv/bin/pip install '.[serve]' && .venv/bin/lint serve` in a
    clone: the page and /v2/check answer, and nothing is written under the clone or the temp folder
    while it serves. The install needs PyPI (for the dependencies); in CI a skip is a failure."""
    from conftest import snapshot_repo

    if os.environ.get("KAMERLINT_CLONED"):
        pytest.skip("this is the suite run inside a fresh clone (tests/test_fresh_clone.py): installing again proves nothing more")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of kamerlint")
    command = readme_command()
    assert command == "python3 -m venv .venv && .venv/bin/pip install '.[serve]' && .venv/bin/lint serve"
    clone, tmp = tmp_path / "kamerlint", tmp_path / "tmp"
    clone.mkdir()
    tmp.mkdir()
    snapshot_repo(clone)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "KAMERLINT_OUTPUT_FORMAT")}
    env.update(TMPDIR=str(tmp), KAMERLINT_LANG="en", PIP_DISABLE_PIP_VERSION_CHECK="1")
    # A session of its own, so that the server started by the shell is stopped with it.
    process = subprocess.Popen(["bash", "-c", command + " --port 0"], cwd=clone, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    lines: list[str] = []
    try:
        url = ""
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline and not url:
            line = process.stderr.readline()
            if not line:
                break
            lines.append(line)
            if "serving on " in line:
                url = line.split("serving on ", 1)[1].split()[0].rstrip("/")
        assert url, "".join(lines[-40:])
        threading.Thread(target=lambda: lines.extend(process.stderr), daemon=True).start()
        before_clone, before_tmp = snapshot(clone), snapshot(tmp)
        with urllib.request.urlopen(url + "/", timeout=60) as r:
            assert r.status == 200 and "Een Kamerbrief controleren" in r.read().decode("utf-8")
        body = f"text={PARAGRAPH}&language=nl-NL".encode()
        request = urllib.request.Request(url + "/v2/check", data=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(request, timeout=60) as r:
            assert [m["rule"]["id"] for m in json.loads(r.read())["matches"]] == ["KS001"]
        upload, content_type = multipart([("kamerbrief-diaspora.docx", SEED_DOCX.read_bytes())], {"lang": "nl"})
        request = urllib.request.Request(url + "/", data=upload, headers={"Content-Type": content_type})
        with urllib.request.urlopen(request, timeout=120) as r:
            assert b"gecorrigeerd.docx" in r.read()
        assert snapshot(clone) == before_clone
        assert snapshot(tmp) == before_tmp
    finally:
        import signal

        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
