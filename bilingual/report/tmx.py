"""The aligned pairs as a TMX 1.4 translation memory (translate-toolkit).

One translation unit per bead whose two sides both hold text; a side of
several sentences is joined with a space in English and with nothing in Japanese.
"""
from __future__ import annotations

from .view import side_text


def tmx_pairs(report) -> list[tuple[str, str]]:
    """``(source text, target text)`` for every bead with text on both sides, in order."""
    out = []
    for p in report.alignment:
        s, t = side_text(report.source, p.source).strip(), side_text(report.target, p.target).strip()
        if s and t:
            out.append((s, t))
    return out


def render_tmx(report) -> bytes:
    from translate.storage.tmx import tmxfile

    from ..pipeline import __version__

    src, tgt = report.source.lang, report.target.lang
    store = tmxfile(sourcelanguage=src, targetlanguage=tgt)
    header = store.document.getroot().find(store.namespaced("header"))
    header.set("creationtool", "bilingual")
    header.set("creationtoolversion", __version__)
    for s, t in tmx_pairs(report):
        store.addtranslation(s, src, t, tgt)
    return bytes(store)
