"""The HTML report: one self-contained page (inline CSS and script, nothing fetched) that shows
each letter story by story with every finding highlighted where it is, its message, fix and rule
documentation beside it, a summary by rule and severity, filters and keyboard navigation.

Everything that comes from a document (its text, its path, messages quoting it) is escaped; the
page's Content-Security-Policy allows only its own style and script (by hash), so even a missed
escape could not load or run anything.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from html import escape

from linter.diagnostics import EXCERPT_SPAN, SEVERITIES, SEVERITY_ORDER, Diagnostic, StoryText
from linter.model import NOTE_MARK, STORY_ORDER
from linter.i18n import _, ngettext, rule_doc, tag
from linter.registry import all_rules, get_rule
from linter.reporters.text import applicability_name, severity_count, severity_name, summary, where

CSS = """
:root { --error:#b3261e; --error-bg:#fde2df; --warning:#8a5a00; --warning-bg:#fff0c2; --info:#1f5fa8; --info-bg:#dde9fb;
  --ink:#1d1d1f; --muted:#5f6368; --line:#d9dce1; --paper:#fff; --page:#f4f5f7; }
* { box-sizing: border-box; }
body { margin:0; background:var(--page); color:var(--ink); font:15px/1.5 system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header.top { background:#154273; color:#fff; padding:14px 24px; }
header.top h1 { margin:0; font-size:20px; font-weight:600; }
header.top p { margin:2px 0 0; opacity:.9; }
nav.bar { position:sticky; top:0; z-index:5; background:#fff; border-bottom:1px solid var(--line); padding:8px 24px; display:flex; flex-wrap:wrap; gap:6px 18px; align-items:center; font-size:14px; }
nav.bar fieldset { border:0; margin:0; padding:0; display:flex; gap:4px 10px; flex-wrap:wrap; align-items:center; }
nav.bar legend { float:left; font-weight:600; margin-right:6px; padding:0; }
nav.bar label { white-space:nowrap; cursor:pointer; }
nav.bar .go { display:flex; gap:8px; align-items:center; margin-left:auto; }
nav.bar .fam { color:var(--muted); }
nav.bar fieldset.families { flex-basis:100%; }
#status { color:var(--muted); min-width:10em; }
header.top { display:flex; justify-content:space-between; align-items:flex-end; gap:16px; flex-wrap:wrap; }
header.top .keys { font-size:13px; opacity:.95; }
header.top kbd { color:var(--ink); }
nav.bar button { font:inherit; padding:2px 10px; border:1px solid var(--line); background:#fff; border-radius:4px; cursor:pointer; }
kbd { border:1px solid var(--line); border-bottom-width:2px; border-radius:3px; padding:0 4px; font-size:12px; background:#fafafa; color:var(--ink); }
main { max-width:1240px; margin:0 auto; padding:16px 24px 48px; }
.overview { background:var(--paper); border:1px solid var(--line); border-radius:6px; padding:12px 16px; margin-bottom:18px; }
.overview h2 { margin:0 0 8px; font-size:17px; }
.chips { display:flex; gap:8px; flex-wrap:wrap; margin:0 0 10px; padding:0; list-style:none; }
.chip { border-radius:12px; padding:1px 10px; font-weight:600; font-size:13px; }
.chip.error, .badge.error { background:var(--error-bg); color:var(--error); }
.chip.warning, .badge.warning { background:var(--warning-bg); color:var(--warning); }
.chip.info, .badge.info { background:var(--info-bg); color:var(--info); }
ul.rules { list-style:none; margin:0; padding:0; display:grid; grid-template-columns:repeat(auto-fill, minmax(330px, 1fr)); gap:2px 18px; font-size:14px; }
ul.rules li { display:flex; gap:8px; align-items:baseline; padding:2px 0; border-bottom:1px solid var(--line); }
ul.rules .n { min-width:2.6em; text-align:right; font-variant-numeric:tabular-nums; font-weight:600; }
ul.rules a.code { color:inherit; font-family:ui-monospace, Menlo, Consolas, monospace; font-weight:700; }
ul.rules .name { color:var(--muted); flex:1; }
section.file { background:var(--paper); border:1px solid var(--line); border-radius:6px; margin-bottom:22px; }
section.file > h2 { margin:0; padding:10px 16px; font-size:17px; border-bottom:1px solid var(--line); background:#fafbfc; border-radius:6px 6px 0 0; overflow-wrap:anywhere; }
section.file > p.result { margin:0; padding:6px 16px; color:var(--muted); border-bottom:1px solid var(--line); }
.whole { padding:10px 16px; border-bottom:1px solid var(--line); }
.whole h3, .story h3 { font-size:14px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); margin:0 0 6px; }
.whole .cards { display:grid; grid-template-columns:repeat(auto-fill, minmax(320px, 1fr)); gap:8px; }
.story { padding:10px 16px; border-bottom:1px solid var(--line); }
.story:last-child { border-bottom:0; }
.row { display:grid; grid-template-columns:42px minmax(0,1fr) 360px; gap:0 16px; padding:3px 0; }
.row .no { color:var(--muted); font-size:12px; text-align:right; padding-top:3px; user-select:none; }
.row .text { margin:0; font-family:Georgia, "Times New Roman", serif; font-size:16px; line-height:1.6; white-space:pre-wrap; overflow-wrap:anywhere; }
.row.found { background:linear-gradient(90deg, transparent 0, transparent 58px, #fbfbfc 58px); }
.row .cards { display:flex; flex-direction:column; gap:6px; }
.empty { color:var(--muted); font-style:italic; }
sup.ref { color:#154273; font-weight:700; font-size:.7em; padding:0 1px; }
mark { background:none; color:inherit; border-bottom:2px solid; padding:1px 0; cursor:pointer; }
mark.error { background:var(--error-bg); border-color:var(--error); }
mark.warning { background:var(--warning-bg); border-color:var(--warning); }
mark.info { background:var(--info-bg); border-color:var(--info); }
mark.wide { background:none; border-bottom-style:dotted; }
mark.blank { outline:1px dashed; outline-offset:-1px; }
mark.off { background:none; border-color:transparent; cursor:auto; }
.pin { display:inline-block; width:0; position:relative; cursor:pointer; }
.pin::before { content:""; position:absolute; left:-1px; top:-2px; height:1.35em; border-left:3px solid; }
.pin.error::before { border-color:var(--error); } .pin.warning::before { border-color:var(--warning); } .pin.info::before { border-color:var(--info); }
.pin.off::before { border-color:transparent; }
mark.current, .pin.current::before { outline:3px solid #154273; outline-offset:1px; }
.card { border:1px solid var(--line); border-left:4px solid; border-radius:4px; padding:6px 10px; background:#fff; font-size:14px; scroll-margin-top:70px; }
.card.error { border-left-color:var(--error); } .card.warning { border-left-color:var(--warning); } .card.info { border-left-color:var(--info); }
.card[hidden] { display:none; }
.card.current { box-shadow:0 0 0 3px #154273; }
.card:focus { outline:3px solid #154273; outline-offset:2px; }
.card .head { display:flex; gap:6px; align-items:baseline; flex-wrap:wrap; }
.card .code { font-weight:700; font-family:ui-monospace, Menlo, Consolas, monospace; }
.badge { border-radius:3px; padding:0 5px; font-size:12px; font-weight:600; }
.card .name { color:var(--muted); font-size:12px; }
.card .where { color:var(--muted); font-size:12px; margin-left:auto; }
.card .msg { margin:3px 0; overflow-wrap:anywhere; }
.card .fix { margin:3px 0; color:#1b5e20; overflow-wrap:anywhere; }
.card .fix strong { font-weight:600; }
.card .excerpt { margin:3px 0; font-family:Georgia, serif; color:var(--muted); overflow-wrap:anywhere; }
.card details { margin-top:2px; }
.card summary { cursor:pointer; color:#154273; font-size:13px; }
.card .doc h4 { margin:8px 0 2px; font-size:13px; }
.card .doc p { margin:2px 0; }
code { font-family:ui-monospace, Menlo, Consolas, monospace; font-size:.92em; background:#f1f3f4; padding:0 3px; border-radius:3px; }
.ins { color:#1b5e20; }
p.none { padding:10px 16px; margin:0; }
footer { color:var(--muted); font-size:13px; text-align:center; }
@media (max-width: 900px) { .row { grid-template-columns:32px minmax(0,1fr); } .row .cards { grid-column:2; margin:4px 0 8px; } }
@media print {
  body { background:#fff; font-size:11pt; }
  nav.bar, .card summary, header.top .keys { display:none; }
  header.top { background:none; color:#000; padding:0 0 6pt; border-bottom:1pt solid #000; }
  main { max-width:none; padding:0; }
  section.file, .overview { border:0; }
  section.file { break-before:page; }
  section.file:first-of-type { break-before:auto; }
  .row { grid-template-columns:28pt minmax(0,1fr) 38%; }
  .row.found { background:none; }
  .card, .row { break-inside:avoid; }
  .card[hidden] { display:block; }
  mark.wide { background:none; border-bottom-style:dotted; }
mark.blank { outline:1px dashed; outline-offset:-1px; }
mark.off { border-bottom:2px solid; }
  mark, .badge, .chip, .pin::before { -webkit-print-color-adjust:exact; print-color-adjust:exact; }
  .card.current, mark.current { box-shadow:none; outline:0; }
}
"""

SCRIPT = r"""
(function () {
  "use strict";
  var cards = Array.prototype.slice.call(document.querySelectorAll(".card[data-f]"));
  var hits = Array.prototype.slice.call(document.querySelectorAll("[data-hits]"));
  var boxes = Array.prototype.slice.call(document.querySelectorAll("nav.bar input[type=checkbox]"));
  var status = document.getElementById("status");
  var current = -1;
  function on(kind) {
    var set = {};
    boxes.forEach(function (b) { if (b.name === kind && b.checked) { set[b.value] = true; } });
    return set;
  }
  function visible() { return cards.filter(function (c) { return !c.hidden; }); }
  function hitsOf(id) { return hits.filter(function (h) { return (" " + h.getAttribute("data-hits") + " ").indexOf(" " + id + " ") !== -1; }); }
  function say() {
    var shown = visible();
    var at = current >= 0 ? shown.indexOf(cards[current]) + 1 : 0;
    // The phrases come from the page (data-at, data-shown), in the report's language.
    var phrase = at ? status.getAttribute("data-at") : status.getAttribute("data-shown");
    status.textContent = phrase.replace("{at}", at).replace("{shown}", shown.length).replace("{total}", cards.length);
  }
  function filter() {
    var sev = on("severity"), fam = on("family"), shownIds = {};
    cards.forEach(function (c) {
      c.hidden = !(sev[c.getAttribute("data-severity")] && fam[c.getAttribute("data-family")]);
      if (!c.hidden) { shownIds[c.getAttribute("data-f")] = true; }
    });
    hits.forEach(function (h) {
      var ids = h.getAttribute("data-hits").split(" ");
      h.classList.toggle("off", !ids.some(function (id) { return shownIds[id]; }));
    });
    if (current >= 0 && cards[current].hidden) { select(-1); } else { say(); }
  }
  function select(i) {
    document.querySelectorAll(".current").forEach(function (el) { el.classList.remove("current"); });
    current = i;
    if (i >= 0) {
      var card = cards[i];
      card.classList.add("current");
      var marks = hitsOf(card.getAttribute("data-f"));
      marks.forEach(function (m) { m.classList.add("current"); });
      card.focus({ preventScroll: true });
      (marks[0] || card).scrollIntoView({ block: "center" });
    }
    say();
  }
  function step(by) {
    var shown = visible();
    if (!shown.length) { return; }
    var at = current >= 0 ? shown.indexOf(cards[current]) : -1;
    var next = at === -1 ? (by > 0 ? 0 : shown.length - 1) : (at + by + shown.length) % shown.length;
    select(cards.indexOf(shown[next]));
  }
  boxes.forEach(function (b) { b.addEventListener("change", filter); });
  document.getElementById("next").addEventListener("click", function () { step(1); });
  document.getElementById("prev").addEventListener("click", function () { step(-1); });
  cards.forEach(function (c, i) { c.addEventListener("click", function (e) { if (!e.target.closest("summary, a")) { select(i); } }); });
  hits.forEach(function (h) {
    h.addEventListener("click", function () {
      var ids = h.getAttribute("data-hits").split(" ");
      for (var k = 0; k < ids.length; k++) {
        var card = document.querySelector('.card[data-f="' + ids[k] + '"]');
        if (card && !card.hidden) { select(cards.indexOf(card)); return; }
      }
    });
  });
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    var k = e.key;
    if (k === "j" || k === "n") { step(1); e.preventDefault(); }
    else if (k === "k" || k === "p") { step(-1); e.preventDefault(); }
    else if (k === "Escape") { select(-1); }
  });
  filter();
  document.documentElement.setAttribute("data-ready", "yes");
})();
"""

_CODE = re.compile(r"`([^`]+)`")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _inline(text: str) -> str:
    """Escaped text with the docs' `code` shown as code."""
    return _CODE.sub(lambda m: f"<code>{m.group(1)}</code>", escape(text))


def rule_doc_html(code: str) -> str:
    """A rule's documentation as HTML: its sections' titles as ``h4``, its paragraphs as ``p``,
    `code` as ``code``; "" for no such rule."""
    r = get_rule(code)
    if r is None or not r.doc:
        return ""
    parts: list[str] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            parts.append(f"<p>{_inline(' '.join(para))}</p>")
            para.clear()

    for line in rule_doc(r).splitlines():
        if line.startswith("## "):
            flush()
            parts.append(f"<h4>{escape(line[3:].strip())}</h4>")
        elif not line.strip():
            flush()
        else:
            para.append(line.strip())
    flush()
    return "".join(parts)


def _doc_html(code: str) -> str:
    doc = rule_doc_html(code)
    if not doc:
        return ""
    return f'<details><summary>{escape(_("About {code}", code=code))}</summary><div class="doc">{doc}</div></details>'


def _family(code: str) -> str:
    return code.rstrip("0123456789")


def _family_name(family: str) -> str:
    """What a family is about: its rules' module (``FN`` → ``footnotes``)."""
    r = next((r for r in all_rules() if r.family == family), None)
    return r.module.rpartition(".")[2] if r else ""


def _visible_text(text: str, marks: dict[int, str], lo: int, hi: int) -> str:
    """Escaped text of ``[lo, hi)``; a note marker shows as the number a reader sees."""
    out = []
    at = lo
    while (mark := text.find(NOTE_MARK, at, hi)) != -1:
        out.append(escape(text[at:mark]))
        out.append(f'<sup class="ref">{escape(marks.get(mark, "?"))}</sup>')
        at = mark + 1
    out.append(escape(text[at:hi]))
    return "".join(out)


def _paragraph_html(text: str, marks: dict[int, str], found: list[tuple[str, Diagnostic]]) -> str:
    """The paragraph with every finding's span in a ``mark`` (overlaps split into pieces, each
    naming all its findings) and a zero-width finding as a pin."""
    spans = []
    pins: dict[int, list[tuple[str, Diagnostic]]] = {}
    for fid, d in found:
        start = min(max(d.location.offset or 0, 0), len(text))
        end = min(max(d.location.end_offset or start, start), len(text))
        if end > start:
            spans.append((start, end, fid, d))
        else:
            pins.setdefault(start, []).append((fid, d))
    cuts = sorted({0, len(text), *(s for s, *_ in spans), *(e for _, e, *_ in spans), *pins})
    out = []
    for a, b in zip(cuts, cuts[1:] + [None]):
        for fid, d in pins.get(a, []):
            out.append(f'<span class="pin {d.severity}" data-hits="{fid}" title="{escape(d.code)}"></span>')
        if b is None:
            break
        covering = [(fid, d, e - s > EXCERPT_SPAN) for s, e, fid, d in spans if s <= a and b <= e]
        piece = _visible_text(text, marks, a, b)
        if covering:
            # A short span is filled; a long one (a bookmark over a paragraph) only underlined,
            # so that the short findings inside it stay visible.
            narrow = [(fid, d) for fid, d, wide in covering if not wide] or [(fid, d) for fid, d, _ in covering]
            worst = min((d.severity for _, d in narrow), key=SEVERITY_ORDER.__getitem__)
            wide = " wide" if all(w for *_, w in covering) else ""
            ids = " ".join(fid for fid, _, _ in covering)
            title = escape(", ".join(d.code for _, d, _ in covering))
            # A finding on white space alone would be invisible: outline it.
            blank = " blank" if any(not text[s:e].strip() for s, e, _, _ in spans if s <= a and b <= e) else ""
            out.append(f'<mark class="{worst}{wide}{blank}" data-hits="{ids}" title="{title}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


def _card(fid: str, d: Diagnostic, show_excerpt: bool = False) -> str:
    fix = ""
    if d.fix is not None:
        shown = d.fix.replacement and f'"{d.fix.replacement}"' not in d.fix.message
        arrow = f' → <span class="ins">“{escape(d.fix.replacement)}”</span>' if shown else ""
        label = _("Fix ({applicability}):", applicability=applicability_name(d.fix.applicability))
        fix = f'<p class="fix"><strong>{escape(label)}</strong> {escape(d.fix.message)}{arrow}</p>'
    excerpt = f'<p class="excerpt">{escape(d.excerpt)}</p>' if show_excerpt and d.excerpt else ""
    loc = where(d)
    place = loc[len(d.path) + 1 :] if loc.startswith(d.path + ":") else _("whole file")
    return (
        f'<article class="card {d.severity}" id="f-{fid}" data-f="{fid}" data-code="{escape(d.code)}" '
        f'data-severity="{d.severity}" data-family="{escape(_family(d.code))}" data-where="{escape(loc)}" tabindex="-1">'
        f'<div class="head"><span class="code">{escape(d.code)}</span><span class="badge {d.severity}">{escape(severity_name(d.severity))}</span>'
        f'<span class="name">{escape(d.name)}</span><span class="where">{escape(place)}</span></div>'
        f'<p class="msg">{escape(d.message)}</p>{fix}{excerpt}{_doc_html(d.code)}</article>'
    )


#: The rule that reports every comment in a letter: with its findings, the report may show them.
COMMENTS_RULE = "DR002"


def _story_key(item: tuple[int, StoryText]) -> tuple:
    index, story = item
    return (STORY_ORDER.get(story.kind, 99), story.note if story.note is not None else 1 << 30, index)


def _file_section(number: int, path: str, found: list[Diagnostic], stories: list[StoryText] | None) -> str:
    ids = [(f"{number}-{i + 1}", d) for i, d in enumerate(found)]
    placed: dict[tuple[int, int], list[tuple[str, Diagnostic]]] = {}
    whole: list[tuple[str, Diagnostic]] = []
    for fid, d in ids:
        loc = d.location
        known = (
            stories is not None
            and loc is not None
            and loc.story_index is not None
            and loc.story_index < len(stories)
            and loc.paragraph is not None
            and 1 <= loc.paragraph <= len(stories[loc.story_index].paragraphs)
        )
        if known:
            placed.setdefault((loc.story_index, loc.paragraph), []).append((fid, d))
        else:
            whole.append((fid, d))
    out = [f'<section class="file" id="file-{number}"><h2>{escape(path)}</h2>']
    out.append(f'<p class="result">{escape(summary(found, [path]))}</p>')
    if whole:
        title = escape(_("About the whole file") if stories is not None else _("This file could not be checked"))
        cards = "".join(_card(fid, d, show_excerpt=True) for fid, d in whole)
        out.append(f'<div class="whole"><h3>{title}</h3><div class="cards">{cards}</div></div>')
    comments_reported = any(d.code == COMMENTS_RULE for d in found)
    for index, story in sorted(enumerate(stories or []), key=_story_key):
        has_text = any(p.strip() for p in story.paragraphs)
        has_found = any(si == index for si, _ in placed)
        if not has_text and not has_found:
            continue
        if story.kind == "comment" and not (has_found or comments_reported):
            continue  # a comment and its author are shown only when a selected rule reports them
        rows = []
        for n, text in enumerate(story.paragraphs, start=1):
            here = placed.get((index, n), [])
            if not here and not text.strip():
                continue
            body = _paragraph_html(text, story.marks[n - 1], here) if text else f'<span class="empty">{escape(_("(empty paragraph)"))}</span>'
            cards = "".join(_card(fid, d) for fid, d in here)
            cls = "row found" if here else "row"
            rows.append(f'<div class="{cls}"><span class="no">¶{n}</span><p class="text">{body}</p><div class="cards">{cards}</div></div>')
        out.append(f'<div class="story" data-story="{escape(story.kind)}"><h3>{escape(story.label)}</h3>{"".join(rows)}</div>')
    if not found:
        out.append(f'<p class="none">{escape(_("No problems found."))}</p>')
    out.append("</section>")
    return "".join(out)


def _overview(diagnostics: list[Diagnostic], files: list[str]) -> str:
    by_sev = Counter(d.severity for d in diagnostics)
    chips = "".join(f'<li class="chip {s}">{escape(severity_count(s, by_sev[s]))}</li>' for s in SEVERITIES if by_sev[s])
    by_rule = Counter(d.code for d in diagnostics)
    names = {d.code: (d.name, d.severity) for d in diagnostics}
    first = _first_cards(diagnostics, files)
    rows = []
    for code, count in sorted(by_rule.items(), key=lambda kv: (SEVERITY_ORDER[names[kv[0]][1]], -kv[1], kv[0])):
        name, sev = names[code]
        rows.append(
            f'<li><span class="n">{count}×</span><a href="#f-{first[code]}" class="code">{escape(code)}</a>'
            f'<span class="name">{escape(name)}</span><span class="badge {sev}">{escape(severity_name(sev))}</span></li>'
        )
    table = f'<ul class="rules">{"".join(rows)}</ul>' if rows else ""
    files_list = ""
    if len(files) > 1:
        items = "".join(f'<li><a href="#file-{i + 1}">{escape(p)}</a></li>' for i, p in enumerate(files))
        files_list = f"<p>{escape(_('Files:'))}</p><ol>{items}</ol>"
    return f'<section class="overview"><h2>{escape(_("Summary by rule"))}</h2><ul class="chips">{chips}</ul>{table}{files_list}</section>'


def _first_cards(diagnostics: list[Diagnostic], files: list[str]) -> dict[str, str]:
    """Each code's first card id (its file's number and its place in that file), in file order."""
    number = {path: i + 1 for i, path in enumerate(files)}
    first: dict[str, str] = {}
    seen: Counter = Counter()
    for d in diagnostics:
        seen[d.path] += 1
        first.setdefault(d.code, f"{number[d.path]}-{seen[d.path]}")
    return first


def _toolbar(diagnostics: list[Diagnostic]) -> str:
    by_sev = Counter(d.severity for d in diagnostics)
    by_family = Counter(_family(d.code) for d in diagnostics)
    sev = "".join(
        f'<label><input type="checkbox" name="severity" value="{s}" checked> {escape(severity_name(s))} ({by_sev[s]})</label>' for s in SEVERITIES if by_sev[s]
    )
    fam = "".join(
        f'<label title="{escape(_family_name(f))}"><input type="checkbox" name="family" value="{escape(f)}" checked> '
        f'{escape(f)} <span class="fam">{escape(_family_name(f))}</span> ({n})</label>'
        for f, n in sorted(by_family.items())
    )
    return (
        f'<nav class="bar" aria-label="{escape(_("Filters and navigation"))}">'
        f'<fieldset><legend>{escape(_("Severity"))}</legend>{sev}</fieldset>'
        f'<span class="go"><button type="button" id="prev" title="{escape(_("previous finding (k or p)"))}">◀ {escape(_("previous"))}</button>'
        f'<button type="button" id="next" title="{escape(_("next finding (j or n)"))}">{escape(_("next"))} ▶</button>'
        f'<span id="status" role="status" aria-live="polite" data-at="{escape(_("Finding {at} of {shown}", at="{at}", shown="{shown}"))}" '
        f'data-shown="{escape(_("{shown} of {total} findings shown", shown="{shown}", total="{total}"))}"></span></span>'
        f'<fieldset class="families"><legend>{escape(_("Rule family"))}</legend>{fam}</fieldset></nav>'
    )


def render(diagnostics: list[Diagnostic], run) -> str:
    csp = f"default-src 'none'; style-src {_csp_hash(CSS)}; script-src {_csp_hash(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{tag()}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title(_files(diagnostics, run)))}</title><style>{CSS}</style></head><body>"
        f"{render_body(diagnostics, run)}</body></html>\n"
    )


def title(files: list[str]) -> str:
    return _("kamerlint report: {file}", file=files[0]) if len(files) == 1 else ngettext("kamerlint report ({n} file)", "kamerlint report ({n} files)", len(files))


def _files(diagnostics: list[Diagnostic], run) -> list[str]:
    files = list(run.files)
    for d in diagnostics:  # a finding for a file the run did not list still gets a section
        if d.path not in files:
            files.append(d.path)
    return files


def render_body(diagnostics: list[Diagnostic], run, before: str = "") -> str:
    """What the page's ``body`` holds: header, filters, the report and its script (its style is
    :data:`CSS`); ``before`` (HTML) opens the ``main`` element: a page that shows the report
    inside its own (``lint serve``) puts its downloads there."""
    files = _files(diagnostics, run)
    by_file: dict[str, list[Diagnostic]] = {p: [] for p in files}
    for d in diagnostics:
        by_file[d.path].append(d)
    ordered = [d for p in files for d in by_file[p]]
    sections = "".join(_file_section(i + 1, p, by_file[p], run.texts.get(p)) for i, p in enumerate(files))
    return (
        f'<header class="top"><div><h1>{escape(_("kamerlint report"))}</h1><p>{escape(summary(ordered, files))}</p></div>'
        f'<p class="keys">{_("Keys: {j} or {n} next finding · {k} or {p} previous · {esc} clear", j="<kbd>j</kbd>", n="<kbd>n</kbd>", k="<kbd>k</kbd>", p="<kbd>p</kbd>", esc="<kbd>Esc</kbd>")}</p></header>'
        f"{_toolbar(ordered)}<main>{before}{_overview(ordered, files)}{sections}"
        f'<footer><p>{escape(_("Made by kamerlint. Every finding is marked in the text; the cards beside it say what is wrong and how to fix it."))}</p></footer>'
        f"</main><script>{SCRIPT}</script>"
    )
