"""Messages in Dutch (issue 12): the catalogue, the choice of language, every output format in
Dutch, a pseudo-language run that shows any text escaping the catalogue, and what must not change
with the language (codes, fingerprints, baselines)."""

from __future__ import annotations

import ast
import gettext
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from conftest import FIXTURES, ROOT, SEED_COPY as SEED, SHARED, needs_shared
from linter import i18n
from linter.catalogue import catalogue_sources, compile_catalogue, placeholders, read_catalogue
from linter.registry import all_rules

sys.path.insert(0, str(ROOT / "scripts"))
import update_catalogue  # noqa: E402

PO = ROOT / "linter" / "locale" / "nl" / "LC_MESSAGES" / "kamerlint.po"
DOCX_SEED = FIXTURES / "kamerbrief-diaspora.docx"
FORMATS = ("full", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit", "html")
#: Words a Dutch run of the seed must show (the findings there are about notes and Kamerstukken).
DUTCH_WORDS = ("voetnoot", "Voetnoot", "Dossiernummer", "gevonden", "correctie")


def catalogue_entries() -> dict[str, object]:
    return {e.msgid: e for e in read_catalogue(catalogue_sources(PO.parent.parent, "kamerlint")) if e.msgid}


def lint(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The command line in a fresh process, with only the language settings given in ``env``."""
    base = {k: v for k, v in os.environ.items() if k not in ("KAMERLINT_LANG", "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    return subprocess.run(
        [sys.executable, "-m", "linter.cli", *args], capture_output=True, text=True, encoding="utf-8",
        env={**base, "PYTHONPATH": str(ROOT), **(env or {})}, cwd=cwd or ROOT,
    )


# -- the catalogue -----------------------------------------------------------------------------


def test_every_message_in_the_code_has_a_dutch_translation_with_the_same_placeholders():
    entries = catalogue_entries()
    problems = []
    for (msgid, plural), where in update_catalogue.code_messages().items():
        entry = entries.get(msgid)
        if entry is None or not entry.translated:
            problems.append(f"{where[0]}: no Dutch for {msgid!r}")
            continue
        for form in entry.translations:
            if placeholders(form) != placeholders(msgid) and placeholders(form) != placeholders(plural or msgid):
                problems.append(f"{where[0]}: placeholders differ: {msgid!r} → {form!r}")
    assert problems == []


def test_every_translation_keeps_its_placeholders():
    """Also argparse's own texts (%-placeholders) and the rule documentation once merged."""
    bad = []
    for e in catalogue_entries().values():
        wanted = {tuple(placeholders(e.msgid)), tuple(placeholders(e.plural or e.msgid))}
        bad += [(e.msgid, form) for form in e.translations if form and tuple(placeholders(form)) not in wanted]
    assert bad == []


def test_placeholders_are_named():
    """Translators reorder placeholders: every one has a name (argparse's own texts aside)."""
    unnamed = [m for (m, _p) in update_catalogue.code_messages() if "{}" in m]
    assert unnamed == []


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_every_rule_documentation_block_and_summary_has_a_dutch_translation(rule):
    """``lint rule CODE --lang nl``: every block and summary is in the catalogue (from
    linter/locale/nl/rule-docs.po, kept by scripts/rule_docs_po.py)."""
    entries = catalogue_entries()
    wanted = [b for b in i18n.doc_blocks(rule.doc) if b] + [rule.summary]
    missing = [b for b in wanted if b not in entries or not entries[b].translated]
    assert missing == []


def test_the_compiled_catalogue_is_the_po_file():
    """The bytes the build writes and the ones a source checkout compiles in memory are one."""
    translations = gettext.GNUTranslations(io.BytesIO(compile_catalogue(catalogue_sources(PO.parent.parent, "kamerlint"))))
    for msgid, entry in catalogue_entries().items():
        if entry.plural is None and entry.translated:
            assert translations.gettext(msgid) == entry.msgstr
    assert translations.ngettext("{n} error", "{n} errors", 1) == "{n} fout"
    assert translations.ngettext("{n} error", "{n} errors", 3) == "{n} fouten"


SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.ClassDef)


def own_scope(fn):
    """The nodes of a function's own scope (not those of comprehensions or functions inside it)."""
    todo = list(fn.body)
    while todo:
        node = todo.pop()
        yield node
        todo.extend(child for child in ast.iter_child_nodes(node) if not isinstance(child, SCOPES))


def test_no_function_hides_the_translation_function():
    """A local ``_`` (``for _, x in …``) in a function that also calls ``_()`` would fail at run time."""
    bad = []
    for folder in ("linter", "rules"):
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for fn in ast.walk(tree):
                if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    continue
                body = list(own_scope(fn))
                calls = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_" for n in body)
                assigns = any(isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store) for n in body)
                if calls and assigns:
                    bad.append(f"{path.relative_to(ROOT)}:{fn.lineno} {fn.name}")
    assert bad == []


def test_the_translation_module_is_cheap_to_import():
    code = "import sys, linter.i18n; print(sorted(m for m in ('gettext', 'locale', 'argparse') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.stdout.strip() == "[]"


def test_a_built_wheel_holds_the_compiled_catalogue_and_speaks_the_same_dutch(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)], capture_output=True, text=True
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = tmp_path.glob("kamerlint-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        mo = zf.read("linter/locale/nl/LC_MESSAGES/kamerlint.mo")
    installed = gettext.GNUTranslations(io.BytesIO(mo))
    source = i18n.load_catalogue("nl")
    for msgid in catalogue_entries():
        assert installed.gettext(msgid) == source.gettext(msgid)
    assert installed.gettext("Footnote {number}") == "Voetnoot {number}"


# -- choosing the language ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, lang",
    [("nl_NL.UTF-8", "nl"), ("nl_BE", "nl"), ("nl", "nl"), ("Dutch_Netherlands", "nl"), ("Dutch_Belgium.1252", "nl"),
     ("C", "en"), ("C.UTF-8", "en"), ("POSIX", "en"), ("en_GB.UTF-8", "en"), ("de_DE", "en"), (None, None), ("", None)],
)
def test_locale_names(name, lang):
    assert i18n.from_locale_name(name) == lang


def test_the_order_of_the_sources():
    env = {"KAMERLINT_LANG": "en", "LANG": "nl_NL.UTF-8"}
    assert i18n.choose_language("nl", "en", "k.toml", env)[0] == "nl"
    assert i18n.choose_language(None, "nl", "k.toml", env) == ("en", "KAMERLINT_LANG=en")
    assert i18n.choose_language(None, "en", "k.toml", {"LANG": "nl_NL.UTF-8"}) == ("en", "lang in k.toml")
    assert i18n.choose_language(None, None, None, {"LANG": "nl_NL.UTF-8"}) == ("nl", "system locale (LANG=nl_NL.UTF-8)")
    assert i18n.choose_language(None, None, None, {"LC_ALL": "C", "LANG": "nl_NL.UTF-8"})[0] == "en"
    assert i18n.choose_language(None, None, None, {"LANG": "en_US.UTF-8", "LANGUAGE": "nl:en"})[0] == "nl"
    assert i18n.choose_language(None, None, None, {"LANG": "C", "LANGUAGE": "nl"})[0] == "en"  # as gettext: C wins
    assert i18n.choose_language(None, None, None, {"KAMERLINT_LANG": "klingon", "LANG": "nl_NL"})[0] == "nl"


def test_windows_user_locale_without_lang(monkeypatch):
    """Windows rarely sets LANG: the user locale (``Dutch_Netherlands``) decides."""
    import locale

    monkeypatch.setattr(locale, "getlocale", lambda *a: ("Dutch_Netherlands", "1252"))
    assert i18n.choose_language(None, None, None, {}) == ("nl", "system locale (user locale Dutch_Netherlands)")
    monkeypatch.setattr(locale, "getlocale", lambda *a: (None, None))
    assert i18n.choose_language(None, None, None, {}) == ("en", "default")


def test_lang_nl_in_the_environment_speaks_dutch():
    out = lint(str(SEED), env={"LANG": "nl_NL.UTF-8"})
    assert "problemen gevonden" in out.stdout and "Voetnoot" in out.stdout


def test_lang_c_speaks_english():
    out = lint(str(SEED), env={"LANG": "C"})
    assert "Found" in out.stdout and "gevonden" not in out.stdout


def test_lang_in_kamerlint_toml_speaks_dutch_and_show_settings_says_why(tmp_path):
    (tmp_path / "kamerlint.toml").write_text('lang = "nl"\n', encoding="utf-8")
    letter = tmp_path / "brief.txt"
    letter.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    out = lint(str(letter), env={"LANG": "C"}, cwd=tmp_path)
    assert "problemen gevonden" in out.stdout
    shown = lint("--show-settings", str(letter), env={"LANG": "C"}, cwd=tmp_path).stdout
    assert f"Taal: nl (lang in {tmp_path / 'kamerlint.toml'})" in shown
    assert 'lang = "nl"' in shown
    # The command line beats the file, and says so.
    shown = lint("--show-settings", "--lang", "en", str(letter), env={"LANG": "C"}, cwd=tmp_path).stdout
    assert "Language: en (--lang en)" in shown


def test_a_bad_lang_in_the_configuration_is_a_usage_error(tmp_path):
    (tmp_path / "kamerlint.toml").write_text('lang = "fr"\n', encoding="utf-8")
    (tmp_path / "brief.txt").write_text("Een brief.\n", encoding="utf-8")
    out = lint("brief.txt", cwd=tmp_path)
    assert out.returncode == 2 and "lang must be one of 'nl', 'en'" in out.stderr


def test_rule_explained_in_dutch():
    out = lint("rule", "KS001", "--lang", "nl")
    assert out.returncode == 0
    assert "Standaardernst: waarschuwing" in out.stdout
    english = lint("rule", "KS001").stdout
    assert "Default severity: warning" in english


def test_rule_documentation_is_translated_block_by_block(monkeypatch):
    """A translated block replaces its English; an untranslated one stays English."""
    rule = next(r for r in all_rules() if r.code == "KS001")
    blocks = i18n.doc_blocks(rule.doc)

    class OneBlock:
        def gettext(self, msgid):
            return "## Wat het doet\nVindt een dossiernummer." if msgid == blocks[0] else msgid

    i18n.set_language("nl")
    monkeypatch.setattr(i18n, "_catalogue", OneBlock())
    doc = i18n.rule_doc(rule)
    assert doc.startswith("## Wat het doet\nVindt een dossiernummer.\n\n")
    assert doc.split("\n\n")[1:] == blocks[1:]


def test_help_in_dutch_argparse_included():
    out = lint("--help", "--lang", "nl")
    assert out.stdout.startswith("gebruik: lint")
    assert "toon deze hulptekst en stop" in out.stdout
    assert "alleen deze regels" in out.stdout
    error = lint("--output-format", "nope", "--lang", "nl")
    assert error.returncode == 2 and "ongeldige keuze" in error.stderr


# -- the seed in Dutch, every format -------------------------------------------------------------


@needs_shared
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_seed_in_dutch_through_every_format(fmt, tmp_path):
    out = lint(str(SEED), str(DOCX_SEED), "--lang", "nl", "--output-format", fmt, "-o", str(tmp_path / "report"))
    assert out.returncode == 1, out.stderr
    text = (tmp_path / "report").read_text(encoding="utf-8")
    assert any(word in text for word in DUTCH_WORDS)
    if fmt == "json":
        findings = json.loads(text)
        assert {f["code"] for f in findings} >= {"FN010", "KS001"}
        assert all(f["severity"] in ("error", "warning", "info") for f in findings)  # codes, not words
        assert all(f["location"]["story"] in ("body", "footnote", "endnote", "comment", "header", "footer") for f in findings)
    elif fmt == "json-lines":
        assert all(json.loads(line)["message"] for line in text.splitlines())
    elif fmt == "sarif":
        log = json.loads(text)
        run = log["runs"][0]
        assert run["language"] == "nl-NL"
        assert any(r["message"]["text"].startswith("voetnoot") for r in run["results"])
        schema_path = SHARED / "schemas" / "sarif-schema-2.1.0.json"
        jsonschema = pytest.importorskip("jsonschema")
        jsonschema.validate(log, json.loads(schema_path.read_text(encoding="utf-8")), cls=jsonschema.Draft7Validator)
    elif fmt == "gitlab":
        assert all(issue["check_name"][:2].isalpha() for issue in json.loads(text))
    elif fmt == "junit":
        assert ET.fromstring(text).tag == "testsuites"
    elif fmt == "html":
        assert '<html lang="nl-NL">' in text and "Samenvatting per regel" in text


def test_sarif_language_in_english():
    log = json.loads(lint(str(SEED), "--output-format", "sarif").stdout)
    assert log["runs"][0]["language"] == "en-US"


def test_codes_fingerprints_and_places_do_not_change_with_the_language():
    def results(lang):
        log = json.loads(lint(str(SEED), str(DOCX_SEED), "--lang", lang, "--output-format", "sarif").stdout)
        return [(r["ruleId"], r["level"], r["partialFingerprints"], r["locations"][0]["physicalLocation"]) for r in log["runs"][0]["results"]]

    assert results("nl") == results("en")


def test_workers_speak_the_language_of_the_run(tmp_path):
    """Several files go to worker processes; their findings come back in Dutch."""
    files = []
    for i in range(3):
        copy = tmp_path / f"brief{i}.txt"
        copy.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
        files.append(str(copy))
    findings = json.loads(lint(*files, "--jobs", "2", "--lang", "nl", "--output-format", "json").stdout)
    assert len({f["path"] for f in findings}) == 3
    assert all("Voetnoot" in f["message"] for f in findings if f["code"] == "FN010")


def test_a_baseline_written_in_english_gives_a_clean_run_in_dutch(tmp_path):
    baseline = tmp_path / "baseline.json"
    unreadable = tmp_path / "oud.doc"
    unreadable.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)  # a whole-file finding (IO002)
    paths = [str(SEED), str(DOCX_SEED), str(unreadable)]
    written = lint(*paths, "--lang", "en", "--write-baseline", str(baseline))
    assert written.returncode == 0, written.stderr
    assert any(e["code"] == "IO002" for e in json.loads(baseline.read_text(encoding="utf-8"))["findings"])
    again = lint(*paths, "--lang", "nl", "--baseline", str(baseline))
    assert again.returncode == 0, again.stdout
    assert "Alles gecontroleerd" in again.stdout


def test_a_message_knows_its_english():
    i18n.set_language("nl")
    note = i18n._("Footnote {number}", number=5)
    message = i18n._("{note} is empty", note=note)
    assert message == "Voetnoot 5 is leeg"
    assert message.english == "Footnote 5 is empty"
    import pickle

    assert pickle.loads(pickle.dumps(message)).english == "Footnote 5 is empty"
    plural = i18n.ngettext("{n} error", "{n} errors", 2)
    assert (plural, plural.english) == ("2 fouten", "2 errors")


# -- the pseudo language: nothing escapes the catalogue --------------------------------------------


def wrapped(text: str) -> bool:
    return text.startswith("⟦") and text.endswith("⟧")


@pytest.mark.parametrize("fmt", FORMATS)
def test_pseudo_language_wraps_every_text_a_person_reads(fmt):
    out = lint(str(SEED), str(DOCX_SEED), "--output-format", fmt, env={"KAMERLINT_LANG": "pseudo"})
    text = out.stdout
    escaped = []
    if fmt in ("full", "concise"):
        for line in text.splitlines():
            if not line or line.lstrip().startswith(("|", "^")) or " | " in line[:8]:
                continue  # the letter's own text
            if line.lstrip().startswith("= "):
                body = line.split("= ", 1)[1].split(" → ")[0]
            elif line.startswith("⟦"):
                body = line  # the summary line
            else:
                head = line.split(": ", 1)[1]  # after "path:place:col"
                parts = head.split(" ", 2) if fmt == "full" else head.split(" ", 1)
                if fmt == "full":
                    escaped += [parts[1]] if not wrapped(parts[1].strip("[]")) else []
                body = parts[-1]
            if not wrapped(body):
                escaped.append(body)
    elif fmt in ("json", "json-lines"):
        objects = json.loads(text) if fmt == "json" else [json.loads(line) for line in text.splitlines()]
        for o in objects:
            escaped += [t for t in (o["message"], (o["fix"] or {}).get("message", "⟦⟧")) if not wrapped(t)]
    elif fmt == "sarif":
        run = json.loads(text)["runs"][0]
        for r in run["results"]:
            place, message = r["message"]["text"].split(": ", 1)
            escaped += [t for t in (place, message) if not wrapped(t)]
        for rule in run["tool"]["driver"]["rules"]:
            escaped += [t for t in (rule["shortDescription"]["text"],) if not wrapped(t)]
            escaped += [b for b in rule["fullDescription"]["text"].split("\n\n") if not wrapped(b)]
    elif fmt == "github":
        for line in text.splitlines():
            if not line.startswith("::"):  # the plain line after the commands: where the rest is
                escaped += [] if wrapped(line.removeprefix("kamerlint: ")) else [line]
                continue
            message = line.split("::", 2)[2].split(" ", 1)[1].split("%0A")[0]
            if ": ⟦" in message:
                place, message = message.split(": ", 1)
                escaped += [place] if not wrapped(place) else []
            escaped += [message] if not wrapped(message) else []
    elif fmt == "gitlab":
        for issue in json.loads(text):
            description = issue["description"].split(" ", 1)[1]
            if description.endswith("⟧)"):
                description, _, place = description.rpartition(" (")
                escaped += [place[:-1]] if not wrapped(place[:-1]) else []
            escaped += [description] if not wrapped(description) else []
    elif fmt == "junit":
        root = ET.fromstring(text)
        for failure in root.iter("failure"):
            escaped += [failure.get("message")] if not wrapped(failure.get("message")) else []
        for case in root.iter("testcase"):
            name = re.sub(r":\d+$", "", case.get("name").split(" ", 1)[-1])  # the column
            escaped += [name] if not wrapped(name) and not name.replace(":", "").isdigit() else []
    elif fmt == "html":
        from lxml import html

        page = html.fromstring(text.encode("utf-8"))
        labels = page.xpath(
            "//title|//h1|//section[@class='overview']/h2|//legend|//button|//span[contains(@class,'badge')]"
            "|//p[@class='msg']|//p[@class='result']|//footer/p|//div[@class='whole']/h3|//details/summary|//li[contains(@class,'chip')]"
        )
        escaped += [el.text_content().strip(" ◀▶") for el in labels if not wrapped(el.text_content().strip(" ◀▶"))]
        escaped += [p.text_content() for p in page.xpath("//p[@class='fix']/strong") if not wrapped(p.text_content())]
        status = page.get_element_by_id("status")
        escaped += [status.get(a) for a in ("data-at", "data-shown") if not wrapped(status.get(a))]
    assert escaped == []


def test_help_follows_the_configuration_in_the_working_folder(tmp_path):
    (tmp_path / "kamerlint.toml").write_text('lang = "nl"\n', encoding="utf-8")
    out = lint("--help", env={"LANG": "C"}, cwd=tmp_path)
    assert out.stdout.startswith("gebruik: lint")
    assert lint("--help", "--isolated", env={"LANG": "C"}, cwd=tmp_path).stdout.startswith("usage: lint")


def test_rule_list_in_dutch():
    out = lint("rule", "--all", "--lang", "nl")
    line = next(l for l in out.stdout.splitlines() if l.startswith("FN004"))
    assert "fout" in line.split()


def test_pseudo_language_wraps_reader_config_and_usage_messages(tmp_path):
    old = tmp_path / "oud.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    empty = tmp_path / "leeg.docx"
    empty.write_bytes(b"")
    findings = json.loads(lint(str(old), str(empty), "--output-format", "json", env={"KAMERLINT_LANG": "pseudo"}).stdout)
    assert {f["code"] for f in findings} == {"IO002"}
    assert all(wrapped(f["message"]) for f in findings)
    (tmp_path / "kamerlint.toml").write_text('colour = "red"\n', encoding="utf-8")
    bad = lint(str(old), env={"KAMERLINT_LANG": "pseudo"}, cwd=tmp_path)
    assert bad.returncode == 2 and bad.stderr.startswith("lint: ⟦error: ⟦") and bad.stderr.rstrip().endswith("⟧⟧")
    usage = lint("--jobs", "-1", "x.txt", env={"KAMERLINT_LANG": "pseudo"})
    assert usage.stderr.rstrip().endswith("⟦--jobs must be 0 (one a processor) or more⟧⟧")
