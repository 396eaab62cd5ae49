"""Writing a reference out in a citation style: the corrected form that a fix offers."""

from __future__ import annotations

from linter.citations.models import DOSSIER, JURIDISCH, KAMERSTUK, TWEEDE_KAMER, Reference

SPACES = " \u00a0\u202f"


def render(ref: Reference, style: str | None = None) -> str | None:
    if ref.type in (KAMERSTUK, DOSSIER):
        # Without a style asked for, a legal-style reference keeps its own (accepted) spacing.
        return _kamerstuk(ref, style or ref.style or TWEEDE_KAMER, keep=style is None)
    fix = next((p.fix for p in ref.problems if p.fix), None)
    return fix if fix is not None else (ref.text if not ref.problems else None)


def _number(ref: Reference, style: str, keep: bool = False) -> str:
    f = ref.fields
    d = f["dossier"]
    dsep = f.get("dsep") or ""
    if style == TWEEDE_KAMER:
        sep = dsep if dsep and dsep in SPACES else " "
    elif keep and dsep in SPACES:
        sep = dsep  # "Kamerstukken II 2022/23, 36 229, nr. 1" is common practice; keep it
    else:
        sep = ""
    out = d[:2] + sep + d[2:]
    if f.get("sub"):
        out += "-" + f["sub"]
    if f.get("toev"):
        out += " " + f["toev"]
    if f.get("rnum"):
        out += f" ({f['rnum']})"
    return out


def _kamerstuk(ref: Reference, style: str, keep: bool = False) -> str:
    f = ref.fields
    kamer = f.get("kamer")
    kamer = {"ll": "II", "Il": "II", "lI": "II", "l": "I"}.get(kamer, kamer)
    vj = f.get("vj")
    legal = style == JURIDISCH and kamer in ("I", "II") and vj
    if legal:
        y1 = int(vj[:4])
        head = f"Kamerstukken {kamer} {y1}/{(y1 + 1) % 100:02d}, "
        number = _number(ref, JURIDISCH, keep)
    else:
        several = (ref.type == DOSSIER and f.get("more_dossiers")) or (
            (f.get("more") or f.get("joint") or f.get("list_head")) and f.get("label") == "Kamerstukken")
        head = "Kamerstukken " if several else "Kamerstuk "
        number = _number(ref, TWEEDE_KAMER)
    out = head + number
    # More dossiers ("Kamerstukken 29 237 en 36 410"; one document in two: "29 544 en 31 311, nr. 98"),
    # joined as the letter joins them.
    for d, join in zip(f.get("more_dossiers") or [], f.get("more_joins") or []):
        out += (", " if "," in join else " en ") + (d if legal else f"{d[:2]} {d[2:]}")
    if ref.type == DOSSIER:
        return out
    if f.get("nr"):
        more = f.get("more") or ""
        word = "nrs." if more or (f.get("nrword") or "").lower().startswith("nrs") else "nr."
        out += f", {word} {f['nr']}{more}"
    elif f.get("ek"):
        out += f", {f['ek']}"
    if f.get("page"):
        out += f", {f.get('pword') or 'p.'} {f['page']}"
    return out
