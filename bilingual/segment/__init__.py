"""Tokenizer layer: split text into sentence-level segments, then clauses, keeping offsets.

Each language backend (``english.py``, ``japanese.py``) exposes two functions:

- ``sentence_spans(text) -> list[tuple[int, int, str]]``: ``(start, end, kind)``
  for every sentence-level unit of a whole document side, in order, markup
  (bullets, heading marks) and page artefacts excluded; kind is one of
  ``sentence | item | heading | line``.
- ``clause_spans(text, start, end) -> list[tuple[int, int]]``: clause spans
  inside ``text[start:end]``, absolute offsets, in order, non-overlapping.
"""
from __future__ import annotations

import re

from ..types import Clause, Document, Segment

_JA_CHARS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_lang(text: str) -> str:
    """``"ja"`` when kana/kanji make up a noticeable share of the letters, else ``"en"``."""
    ja = len(_JA_CHARS.findall(text))
    latin = len(_LATIN.findall(text))
    if ja == 0 and latin == 0:
        return "en"
    # A Japanese character carries roughly as much as 3 Latin letters.
    return "ja" if ja * 3 >= latin * 0.5 else "en"


def _backend(lang: str):
    if lang == "en":
        from . import english

        return english
    if lang == "ja":
        from . import japanese

        return japanese
    raise ValueError(f"unsupported language {lang!r} (use en or ja)")


# A "sentence" longer than this (a run-on line with no final punctuation, a
# 2 MB single-line file) is cut into pieces: an encoder gives one vector for a
# whole page, which can neither be aligned nor checked clause by clause.  The
# longest units in the eval sets are under 1,000 characters.
MAX_SEGMENT_CHARS = 3000
_SOFT_CUT = "。．！？!?.;；、，,:： \t"


def _cap(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    while end - start > MAX_SEGMENT_CHARS:
        limit = start + MAX_SEGMENT_CHARS
        cut = max(text.rfind(ch, start + MAX_SEGMENT_CHARS // 2, limit) for ch in _SOFT_CUT)
        cut = cut + 1 if cut > start else limit
        a, b = start, cut
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append((start, end))
    return out


def segment_text(text: str, lang: str = "auto", clauses: bool = True) -> Document:
    """Segment one document side into a :class:`Document`."""
    if lang == "auto":
        lang = detect_lang(text)
    backend = _backend(lang)
    segments = []
    spans = [(a, b, kind) for start, end, kind in backend.sentence_spans(text) for a, b in _cap(text, start, end)]
    for i, (start, end, kind) in enumerate(spans):
        cl: tuple[Clause, ...] = ()
        if clauses:
            cl = tuple(Clause(text[a:b], a, b) for a, b in backend.clause_spans(text, start, end))
        segments.append(Segment(i, text[start:end], start, end, kind, cl))
    return Document(lang, text, tuple(segments))


def presplit(text: str, lang: str = "auto", clauses: bool = True) -> Document:
    """One segment per line, taken as is (empty lines keep their id so line numbers match)."""
    if lang == "auto":
        lang = detect_lang(text)
    backend = _backend(lang) if clauses else None
    segments = []
    pos = 0
    body = text[:-1] if text.endswith("\n") else text
    for i, line in enumerate(body.split("\n")):
        start, end = pos, pos + len(line)
        pos = end + 1
        cl: tuple[Clause, ...] = ()
        if backend is not None and line.strip():
            cl = tuple(Clause(text[a:b], a, b) for a, b in backend.clause_spans(text, start, end))
        segments.append(Segment(i, line, start, end, "line", cl))
    return Document(lang, text, tuple(segments))
