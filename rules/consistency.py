"""CO: consistency across the letter (spec/rules.md)."""

from __future__ import annotations

from linter.registry import RuleContext, rule


@rule("CO003", "repeated-reference", "info")
def repeated_reference(doc, ctx: RuleContext):
    """## What it does
    Notes a Kamerstuk (or Aanhangsel, Handelingen, Stb., ECLI, …) cited in full in a note when an
    earlier note already cites it. A note whose whole text repeats an earlier note is left to
    FN005; whole dossiers (`Kamerstukken 29 237`) are not counted.

    ## Why is this bad?
    The reader looks the same source up twice; "Zie voetnoot 6." says it is the same.

    ## Example
    Wrong: note 6 `Kamerstuk 36 180, nr. 168.` and note 9 `… 2025. Kamerstuk 36 180, nr. 168.`

    Right: note 9 `… 2025. Zie voetnoot 6.`

    ## Fix safety
    Unsafe: the author may prefer the full reference, or to merge the notes.
    """
    from linter.citations.scan import make_fix, scan
    from linter.model import Span

    style = getattr(ctx.settings, "citation_style", "tweede-kamer")
    by_story = {}
    for para, refs in scan(doc, style):
        by_story.setdefault(id(para.story), []).append((para, refs))
    notes = sorted((n for n in doc.normal_notes() if n.number is not None and n.story is not None),
                   key=lambda n: (n.kind, n.number))
    first_cited: dict = {}
    texts: dict = {}
    for note in notes:
        own = " ".join(note.text.split()).rstrip(". ")
        if (note.kind, own) in texts:
            continue  # the whole note repeats an earlier one: FN005 says so
        texts[(note.kind, own)] = note
        for para, refs in by_story.get(id(note.story), []):
            for ref in refs:
                key = ref.key()
                if key is None:
                    continue
                earlier = first_cited.get((note.kind, key))
                if earlier is None:
                    first_cited[(note.kind, key)] = note
                elif earlier is not note:
                    span = Span(para, ref.start, ref.end)
                    word = "voetnoot" if note.kind == "footnote" else "eindnoot"
                    yield ctx.report(
                        span,
                        f"{ref.render() or ref.text} is cited in full again; {note.kind} {earlier.number} already cites it",
                        make_fix(span, f"Zie {word} {earlier.number}.", "Refer back:"),
                    )
