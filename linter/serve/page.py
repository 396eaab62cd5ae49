"""The pages ``lint serve`` shows a person: the page to drop a letter on, the report with its
downloads, a rule's documentation, and an error. Every page is one document with its style and
script inline, allowed by hash in the Content-Security-Policy the server sends: nothing is
fetched from anywhere, and nothing from a document can run.

The page to drop a letter on is a plain form (it works without JavaScript); a small script adds
dropping files anywhere on the page. Texts are in the language of the request (Dutch first).
"""

from __future__ import annotations

import base64
from html import escape
from urllib.parse import quote

from linter.i18n import _, ngettext, tag

PAGE_CSS = """
a { color:#154273; }
a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible, label:focus-visible { outline:3px solid #154273; outline-offset:2px; }
header.top a { color:#fff; }
header.top a:focus-visible { outline-color:#fff; }
.skip { position:absolute; left:8px; top:-60px; background:#fff; color:#154273; padding:6px 10px; z-index:10; border:2px solid #154273; }
.skip:focus { top:8px; }
main.page { max-width:880px; }
main.page h1 { font-size:26px; margin:8px 0 12px; }
main.page h2 { font-size:19px; margin:26px 0 8px; }
.panel { background:var(--paper); border:1px solid var(--line); border-radius:6px; padding:16px 20px; margin:16px 0; }
.drop { border:2px dashed #6b7280; border-radius:8px; padding:22px 18px; background:#fff; }
.drop.over { border-color:#154273; background:#eef3fa; }
.drop label { display:block; font-weight:600; margin-bottom:6px; }
.drop input[type=file] { font:inherit; max-width:100%; }
.drop .hint { color:var(--muted); margin:8px 0 0; }
button.go { font:inherit; font-weight:600; margin-top:14px; padding:8px 22px; background:#154273; color:#fff; border:0; border-radius:4px; cursor:pointer; }
button.go:hover { background:#0f3158; }
#drop-status { min-height:1.5em; margin:8px 0 0; font-weight:600; }
.downloads { background:var(--paper); border:1px solid var(--line); border-radius:6px; padding:12px 16px; margin-bottom:18px; }
.downloads h2 { margin:0 0 8px; font-size:17px; }
.downloads h3 { margin:10px 0 4px; font-size:15px; overflow-wrap:anywhere; }
.downloads ul { margin:0; padding-left:20px; }
.downloads li { margin:3px 0; }
.downloads .why, .downloads .note { color:var(--muted); }
table.rules { border-collapse:collapse; width:100%; background:var(--paper); }
table.rules th, table.rules td { border:1px solid var(--line); padding:4px 8px; text-align:left; vertical-align:top; }
.rule-doc h4 { font-size:16px; margin:18px 0 4px; }
dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:4px 14px; }
dl.facts dt { font-weight:600; } dl.facts dd { margin:0; }
"""

DROP_SCRIPT = r"""
(function () {
  "use strict";
  var form = document.getElementById("upload"), input = document.getElementById("file");
  var zone = document.getElementById("drop"), status = document.getElementById("drop-status");
  if (!form || !input || !window.DataTransfer) { return; }
  function hasFiles(e) { return e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, "Files") !== -1; }
  ["dragenter", "dragover"].forEach(function (type) {
    document.addEventListener(type, function (e) { if (hasFiles(e)) { e.preventDefault(); zone.classList.add("over"); } });
  });
  document.addEventListener("dragleave", function (e) { if (!e.relatedTarget) { zone.classList.remove("over"); } });
  document.addEventListener("drop", function (e) {
    zone.classList.remove("over");
    if (!e.dataTransfer || !e.dataTransfer.files.length) { return; }
    e.preventDefault();
    input.files = e.dataTransfer.files;
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  });
  form.addEventListener("submit", function () { status.textContent = status.getAttribute("data-sending"); });
})();
"""

MIME_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docm": "application/vnd.ms-word.document.macroEnabled.12",
    "dotx": "application/vnd.openxmlformats-officedocument.wordprocessingml.template",
    "dotm": "application/vnd.ms-word.template.macroEnabled.12",
    "odt": "application/vnd.oasis.opendocument.text",
    "txt": "text/plain;charset=utf-8",
    "md": "text/markdown;charset=utf-8",
}
ACCEPT = ".docx,.docm,.dotx,.dotm,.odt,.txt,.md"


def style() -> str:
    from linter.reporters.html import CSS

    return CSS + PAGE_CSS


def scripts() -> list[str]:
    from linter.reporters.html import SCRIPT

    return [DROP_SCRIPT, SCRIPT]


def csp() -> str:
    """The Content-Security-Policy of every answer: the pages' own style and scripts by hash,
    images only inline, forms only to the server itself, no frames, nothing else."""
    from linter.reporters.html import _csp_hash

    hashes = " ".join(_csp_hash(s) for s in scripts())
    return (
        f"default-src 'none'; style-src {_csp_hash(style())}; script-src {hashes}; img-src data:; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )


def document(title: str, body: str, script: str = "") -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{tag()}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{escape(title)}</title><style>{style()}</style></head><body>{body}"
        + (f"<script>{script}</script>" if script else "")
        + "</body></html>\n"
    )


def top(lang: str, switch: str | None) -> str:
    """The page's banner: the name, and a link to the page in the other language."""
    other = "en" if lang == "nl" else "nl"
    link = ""
    if switch is not None:
        label = "English" if other == "en" else "Nederlands"
        link = f'<nav aria-label="{escape(_("Language"))}"><a href="{escape(switch)}" hreflang="{other}" lang="{other}">{label}</a></nav>'
    return f'<header class="top"><div><p class="brand"><strong>kamerlint</strong></p></div>{link}</header>'


def drop_page(lang: str, base_url: str, max_upload_mb: int) -> str:
    skip = f'<a class="skip" href="#main">{escape(_("Skip to the content"))}</a>'
    intro = _(
        "Choose a draft (.docx, .odt, .txt or .md), or drag it onto this page. kamerlint checks its footnotes, "
        "bookmarks and cross-references, its references to Kamerstukken, moties, toezeggingen and Handelingen, "
        "and what drafting left behind."
    )
    gets = _("You get the report on this page, a copy of a .docx or .odt with a comment at each finding, and a copy with the safe corrections made as tracked changes.")
    private = _("The file is read in this server's memory only: it is not stored, logged or kept after this page is made.")
    form = (
        f'<form id="upload" class="panel" method="post" action="/" enctype="multipart/form-data">'
        f'<input type="hidden" name="lang" value="{lang}">'
        f'<div class="drop" id="drop"><label for="file">{escape(_("Drafts to check"))}</label>'
        f'<input type="file" id="file" name="file" multiple required accept="{ACCEPT}" aria-describedby="file-hint">'
        f'<p class="hint" id="file-hint">{escape(_("Or drag the files onto this page. At most {size} MB at a time.", size=max_upload_mb))}</p></div>'
        f'<button type="submit" class="go">{escape(_("Check"))}</button>'
        f'<p id="drop-status" role="status" aria-live="polite" data-sending="{escape(_("Checking…"))}"></p></form>'
    )
    editors = (
        f'<h2>{escape(_("While you write, in LibreOffice or the browser"))}</h2>'
        f"<p>{escape(_('LibreOffice Writer underlines what kamerlint finds as you type: under Tools › Options › Language Settings › LanguageTool Server, switch it on and set the base URL to'))} "
        f"<code>{escape(base_url)}/v2</code>. "
        f"{escape(_('The LanguageTool browser extension can use the same address as its own server.'))}</p>"
        f'<p><a href="/rules">{escape(_("Every rule kamerlint checks"))}</a> · <a href="/openapi.json">{escape(_("The API for document systems (OpenAPI)"))}</a></p>'
    )
    body = (
        skip + top(lang, f"/?lang={'en' if lang == 'nl' else 'nl'}")
        + f'<main id="main" class="page"><h1>{escape(_("Check a Kamerbrief"))}</h1><p>{escape(intro)}</p><p>{escape(gets)}</p>'
        f"<p>{escape(private)}</p>{form}{editors}</main>"
    )
    return document(_("kamerlint: check a Kamerbrief"), body, DROP_SCRIPT)


def data_url(name: str, data: bytes) -> str:
    suffix = name.rpartition(".")[2].lower()
    mime = MIME_TYPES.get(suffix, "application/octet-stream")
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


def _copy_item(kind: str, copy) -> str:
    if copy is None:
        return ""
    if copy.data is None:
        label = _("No copy with comments: {reason}", reason=copy.why) if kind == "annotated" else _("No corrected copy: {reason}", reason=copy.why)
        return f'<li class="why">{escape(label)}</li>'
    if kind == "annotated":
        label = _("Copy with comments")
        count = ngettext("{n} comment", "{n} comments", copy.count)
    else:
        label = _("Corrected copy")
        count = ngettext("{n} correction", "{n} corrections", copy.count)
    return (
        f'<li><a href="{data_url(copy.name, copy.data)}" download="{escape(copy.name)}" type="{escape(MIME_TYPES.get(copy.name.rpartition(".")[2].lower(), "application/octet-stream"))}">'
        f"{escape(label)}: {escape(copy.name)}</a> ({escape(count)})</li>"
    )


def downloads(result, lang: str) -> str:
    """The block above the report: each file's copies to download, or why there is none."""
    parts = [f'<section id="downloads" class="downloads" aria-labelledby="downloads-title"><h2 id="downloads-title">{escape(_("Downloads"))}</h2>']
    for f in result.files:
        parts.append(f"<h3>{escape(f.name)}</h3><ul>{_copy_item('annotated', f.annotated)}{_copy_item('fixed', f.fixed)}</ul>")
        if f.fixed is not None and f.fixed.data is not None and f.format in ("docx", "odt"):
            parts.append(f'<p class="note">{escape(_("The corrections are tracked changes by kamerlint: accept or reject each one in Word or LibreOffice."))}</p>')
        for note in f.notes:
            parts.append(f'<p class="note">{escape(note)}</p>')
    parts.append(f'<p><a href="/?lang={lang}">{escape(_("Check another draft"))}</a></p></section>')
    return "".join(parts)


def report_page(result, lang: str) -> str:
    from linter.reporters.html import SCRIPT, title

    names = [f.name for f in result.files]
    skip = f'<a class="skip" href="#downloads">{escape(_("Skip to the downloads"))}</a>'
    body = skip + result.report.replace("<main>", f"<main>{downloads(result, lang)}", 1)
    return document(title(names), body, SCRIPT)


def rules_page(rules: list[dict], lang: str) -> str:
    from linter.reporters.text import severity_name

    rows = "".join(
        f'<tr><td><a href="/rules/{quote(r["code"])}">{escape(r["code"])}</a></td><td>{escape(r["name"])}</td>'
        f'<td>{escape(severity_name(r["severity"]))}</td><td>{escape(_("yes") if r["paragraph"] else _("no"))}</td><td>{escape(r["summary"])}</td></tr>'
        for r in rules
    )
    table = (
        f'<table class="rules"><caption>{escape(_("Every rule"))}</caption><thead><tr><th scope="col">{escape(_("code"))}</th><th scope="col">{escape(_("name"))}</th>'
        f'<th scope="col">{escape(_("severity"))}</th><th scope="col">{escape(_("while you write"))}</th><th scope="col">{escape(_("what it finds"))}</th></tr></thead><tbody>{rows}</tbody></table>'
    )
    explain = _("“While you write”: the rule also checks a paragraph on its own, as LibreOffice and the browser extension hand one over; the others need the whole letter, so drop the letter on the start page for them.")
    body = (
        f'<a class="skip" href="#main">{escape(_("Skip to the content"))}</a>' + top(lang, f"/rules?lang={'en' if lang == 'nl' else 'nl'}")
        + f'<main id="main" class="page"><h1>{escape(_("The rules of kamerlint"))}</h1><p>{escape(explain)}</p>{table}'
        f'<p><a href="/?lang={lang}">{escape(_("Check a Kamerbrief"))}</a></p></main>'
    )
    return document(_("The rules of kamerlint"), body)


def rule_page(info: dict, lang: str) -> str:
    from linter.reporters.html import rule_doc_html
    from linter.reporters.text import severity_name

    code = info["code"]
    where = _("yes: LibreOffice and the browser extension underline it as you type") if info["paragraph"] else _("no: it needs the whole letter; drop the letter on the start page")
    facts = (
        f'<dl class="facts"><dt>{escape(_("name"))}</dt><dd><code>{escape(info["name"])}</code></dd>'
        f'<dt>{escape(_("severity"))}</dt><dd>{escape(severity_name(info["severity"]))}</dd>'
        f'<dt>{escape(_("while you write"))}</dt><dd>{escape(where)}</dd></dl>'
    )
    body = (
        f'<a class="skip" href="#main">{escape(_("Skip to the content"))}</a>' + top(lang, f"/rules/{quote(code)}?lang={'en' if lang == 'nl' else 'nl'}")
        + f'<main id="main" class="page"><h1>{escape(code)}: {escape(info["summary"])}</h1>{facts}<div class="rule-doc">{rule_doc_html(code)}</div>'
        f'<p><a href="/rules?lang={lang}">{escape(_("Every rule kamerlint checks"))}</a></p></main>'
    )
    return document(f"{code} · kamerlint", body)


def error_page(lang: str, heading: str, message: str) -> str:
    body = (
        top(lang, None)
        + f'<main id="main" class="page"><h1>{escape(heading)}</h1><p>{escape(message)}</p>'
        f'<p><a href="/?lang={lang}">{escape(_("Back to the start page"))}</a></p></main>'
    )
    return document(heading, body)
