"""Line-level structure shared by the English and Japanese segmenters.

Markdown heading marks, bold/italic marks and list bullets are structure, not
text: a segment's span excludes them.  Page artefacts (a repeated ``(仮訳)``
marker, a bare page number) are dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# "(仮訳)", "（仮訳）", "[仮訳]", "仮訳" alone on a line, and English equivalents.
PROVISIONAL_MARKER = re.compile(
    r"^\s*[\(（\[【]?\s*(?:仮\s*訳|provisional\s+translation|tentative\s+translation)\s*[\)）\]】]?\s*$",
    re.IGNORECASE,
)
PAGE_NUMBER = re.compile(r"^\s*(?:[-‐－—–]\s*)?(?:\d{1,4}|[０-９]{1,4})(?:\s*[-‐－—–])?\s*$|^\s*(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?\s*$", re.IGNORECASE)
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
BULLET = re.compile(r"^\s*(?:[-*+•・●○■□◆◇▪︎‣➢➤※]|(?:\(?(?:\d{1,3}|[０-９]{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[\.\)）．]))\s+|^\s*[・●○■□◆◇]")
EMPHASIS = re.compile(r"(\*\*|__|\*|_)")


@dataclass(frozen=True)
class Line:
    """The content span of one physical line, markup excluded."""

    start: int
    end: int
    kind: str  # heading | item | text
    blank_before: bool


def is_artefact(line: str) -> bool:
    return bool(PROVISIONAL_MARKER.match(line) or PAGE_NUMBER.match(line))


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past leading and trailing whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def cut_spans(text: str, cuts: list[int], start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``[start, end)`` cut at the sorted offsets ``cuts``: the non-blank pieces, each stripped
    of surrounding whitespace."""
    end = len(text) if end is None else end
    out = []
    for a, b in zip([start] + cuts, cuts + [end]):
        a, b = strip_span(text, a, b)
        if a < b:
            out.append((a, b))
    return out


def strip_emphasis(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past leading/trailing ``**``/``__`` and whitespace."""
    changed = True
    while changed and start < end:
        changed = False
        while start < end and text[start].isspace():
            start += 1
            changed = True
        while end > start and text[end - 1].isspace():
            end -= 1
            changed = True
        for mark in ("**", "__"):
            if text.startswith(mark, start) and text[start:end].count(mark) % 2 == 0 and text[start:end].endswith(mark) and end - start > 2 * len(mark):
                start += len(mark)
                end -= len(mark)
                changed = True
    return start, end


def lines(text: str) -> list[Line]:
    """Content spans of the non-empty, non-artefact lines of ``text``."""
    out: list[Line] = []
    pos = 0
    blank = True
    for raw in text.split("\n"):
        line_start, line_end = pos, pos + len(raw)
        pos = line_end + 1
        if not raw.strip() or is_artefact(raw):
            blank = True
            continue
        kind = "text"
        start = line_start
        m = HEADING.match(raw)
        if m:
            kind = "heading"
            start = line_start + m.end()
        else:
            m = BULLET.match(raw)
            if m:
                kind = "item"
                start = line_start + m.end()
        start, end = strip_emphasis(text, start, line_end)
        if start >= end:
            blank = True
            continue
        out.append(Line(start, end, kind, blank))
        blank = False
    return out
