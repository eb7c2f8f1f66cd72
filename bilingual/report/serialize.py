"""Plain-dict forms of the typed results: the JSON machine contract (stable key order)."""
from __future__ import annotations

from ..errors import BaselineError
from ..types import Alignment, Clause, Document, Flag, Segment

FLAG_KEYS = ("kind", "severity", "side", "segment", "start", "end", "text", "message")


def segment_dict(s: Segment, clauses: bool = False) -> dict:
    d = {"id": s.id, "text": s.text, "start": s.start, "end": s.end}
    if clauses:
        d["clauses"] = [{"text": c.text, "start": c.start, "end": c.end} for c in s.clauses]
    return d


def document_dict(doc: Document) -> dict:
    return {"lang": doc.lang, "segments": [segment_dict(s) for s in doc.segments]}


def flag_dict(f: Flag) -> dict:
    return {k: getattr(f, k) for k in FLAG_KEYS}


def alignment_dict(a: Alignment) -> dict:
    return {
        "signature": a.signature,
        "en": document_dict(a.en),
        "ja": document_dict(a.ja),
        "alignment": [
            {"en": list(b.en), "ja": list(b.ja), "score": round(float(b.score), 6), **({"note": b.note} if b.note else {})}
            for b in a.beads
        ],
    }


def document_from_dict(d: dict, where: str) -> Document:
    try:
        segs = tuple(
            Segment(int(s["id"]), str(s["text"]), int(s["start"]), int(s["end"]), "sentence", (Clause(str(s["text"]), int(s["start"]), int(s["end"])),))
            for s in d["segments"]
        )
        return Document(str(d["lang"]), "", segs)
    except (KeyError, TypeError, ValueError):
        raise BaselineError(f"{where}: segments are not in the bilingual report format") from None


def flag_from_dict(d: dict, where: str) -> Flag:
    try:
        return Flag(
            str(d["kind"]), str(d["severity"]), str(d["side"]), int(d["segment"]), int(d["start"]), int(d["end"]), str(d["text"]), str(d["message"])
        )
    except (KeyError, TypeError, ValueError):
        raise BaselineError(f"{where}: a flag is not in the bilingual report format") from None
