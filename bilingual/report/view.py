"""What every renderer shows: the aligned pairs with their flagged spans cut out.

The renderers (text, markdown, HTML, Jupyter) differ only in markup; the
grouping of flags under their bead and the cutting of a segment's text into
plain and flagged runs happen once, here.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..types import Document, Flag

SEVERITY_RANK = {"major": 2, "minor": 1}


def joiner(lang: str) -> str:
    """How a language's sentences join into one passage: a space in English, nothing in Japanese."""
    return "" if lang == "ja" else " "


def side_text(doc: Document, ids: tuple[int, ...]) -> str:
    return joiner(doc.lang).join(doc.segments[i].text for i in ids)


@dataclass(frozen=True)
class Run:
    """A piece of a segment's text, with the flag that covers it (None when unflagged)."""

    text: str
    flag: Flag | None = None


@dataclass(frozen=True)
class PairView:
    index: int
    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float
    note: str
    source_runs: tuple[tuple[Run, ...], ...]  # one tuple of runs per source segment
    target_runs: tuple[tuple[Run, ...], ...]
    flags: tuple[Flag, ...]

    @property
    def flagged(self) -> bool:
        return bool(self.flags)


def runs(text: str, flags: list[Flag]) -> tuple[Run, ...]:
    """Cut ``text`` at every flag boundary; where flags overlap the most severe one wins."""
    spans = []
    for f in flags:
        a, b = max(0, min(f.start, len(text))), max(0, min(f.end, len(text)))
        if b > a:
            spans.append((a, b, f))
    if not spans:
        return (Run(text),) if text else ()
    cuts = sorted({0, len(text), *(a for a, _, _ in spans), *(b for _, b, _ in spans)})
    out: list[Run] = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [f for s, e, f in spans if s <= a and b <= e]
        best = max(covering, key=lambda f: SEVERITY_RANK.get(f.severity, 0), default=None)
        if out and out[-1].flag is best:
            out[-1] = Run(out[-1].text + text[a:b], best)
        else:
            out.append(Run(text[a:b], best))
    return tuple(out)


def pair_views(report) -> list[PairView]:
    """One :class:`PairView` per bead, in document order, each with the flags on its segments."""
    by_seg: dict[tuple[str, int], list[Flag]] = {}
    for f in report.flags:
        by_seg.setdefault((f.side, f.segment), []).append(f)
    views = []
    for i, p in enumerate(report.alignment):
        src = tuple(runs(report.source.segments[s].text, by_seg.get(("source", s), [])) for s in p.source)
        tgt = tuple(runs(report.target.segments[t].text, by_seg.get(("target", t), [])) for t in p.target)
        flags = [f for s in p.source for f in by_seg.get(("source", s), [])]
        flags += [f for t in p.target for f in by_seg.get(("target", t), [])]
        views.append(PairView(i, p.source, p.target, float(p.score), p.note, src, tgt, tuple(flags)))
    return views


def pair_of_flags(report) -> dict[int, int]:
    """Map ``id(flag)`` to the index of the bead holding its segment (flags outside every bead are absent)."""
    where: dict[tuple[str, int], int] = {}
    for i, p in enumerate(report.alignment):
        for s in p.source:
            where[("source", s)] = i
        for t in p.target:
            where[("target", t)] = i
    return {id(f): where[(f.side, f.segment)] for f in report.flags if (f.side, f.segment) in where}


def summary_rows(report) -> list[tuple[str, int]]:
    """Counts shown at the top of every view, in a fixed order."""
    c = report.counts()
    return [
        ("beads", len(report.alignment)),
        ("flags", len(report.flags)),
        ("major", c.get("major", 0)),
        ("minor", c.get("minor", 0)),
        ("omission", c.get("omission", 0)),
        ("addition", c.get("addition", 0)),
        ("drift", c.get("drift", 0)),
    ]


def flag_label(f: Flag) -> str:
    return f"{f.kind} ({f.severity}, {f.side} {f.segment})"
