"""Coverage regressions: content the reviewed translation carried and an update lost (or the reverse).

A check has what a single report lacks: the reviewed translation of the same
source.  When a bead's source text is unchanged but its translation changed,
each source content word is looked up in both translations with the lexical
evidence of :mod:`bilingual.analyze.lexcov` (dictionary, reading, number).  A
word the baseline's translation covered and the update's does not is content
the update dropped: an *omission* flag on the source side, raised by the check
``"regression"``.  The reverse (covered now, not in the baseline) is an
omission the update resolved.

This is relative evidence, much stronger than a report's absolute coverage:
the reviewed translation shows how that very word was rendered.  Calibration on
the 276 before/after twins of ../shared/eval/kyoto/omission.tsv (Japanese
source, a checker restored dropped English words; see
``scripts/eval_check_regress.py``): with the fixed English as baseline and the
English before the fix as update, the update loses a covered content word in
81% of twins (a run of at least 2 units, major: 76%); the other way round (the
fix as update) in 1.8% (major: 1.4%).  A lost run of :data:`MAJOR_WEIGHT` units or more is
major, a smaller one minor.  Units: characters of a Japanese content morpheme,
or an English word (letters / 4, at least 1), as in lexcov.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from ..types import Document, Flag, Token
from .compare import normalise

COVERED = 0.5  # a unit counts as covered from this lexcov coverage on
MAJOR_WEIGHT = 2.0  # a two-character Japanese word, two English words (see module doc)
_SEP = "\n"
_LANG = {"en": "English", "ja": "Japanese"}


@dataclass(frozen=True)
class _Bead:
    source: tuple[int, ...]
    target: tuple[int, ...]


class _Joined:
    """Segments of one side joined by newlines, with each segment's offset and (Japanese) tokens."""

    def __init__(self, doc: Document, ids: Sequence[int], tokens_of):
        parts, self.offsets, self.tokens, pos = [], [], [], 0
        by_id = {s.id: s for s in doc.segments}
        for i in ids:
            text = by_id[i].text
            self.offsets.append((i, pos, len(text)))
            if doc.lang == "ja":
                self.tokens.extend(Token(k.surface, k.lemma, k.reading, k.pos, k.start + pos, k.end + pos) for k in tokens_of(text))
            parts.append(text)
            pos += len(text) + len(_SEP)
        self.text = _SEP.join(parts)

    def locate(self, start: int, end: int) -> tuple[int, int, int]:
        """Segment id and offsets inside it of the span ``[start, end)`` (clamped to the segment)."""
        seg, base, size = self.offsets[0]
        for sid, off, n in self.offsets:
            if off <= start:
                seg, base, size = sid, off, n
        return seg, max(0, start - base), max(0, min(end - base, size))


def _beads(report) -> list[_Bead]:
    return [_Bead(tuple(p.source), tuple(p.target)) for p in report.alignment if p.source and p.target]


def coverage_changes(old, new, *, tokenize=None, lex=None) -> tuple[list[Flag], list[Flag]]:
    """``(lost, gained)``: omission flags on ``new``'s source for content its translation lost
    against ``old`` (same source text, changed translation), and flags on ``old``'s source for
    content that ``old`` left out and ``new`` translates.  ``old``/``new``: Baseline or Report."""
    from ..analyze import lexcov
    from ..analyze._lang import tokenize_ja

    tokenize = tokenize or tokenize_ja
    if old.source.lang != new.source.lang or old.source.lang not in _LANG:
        return [], []
    src_lang = new.source.lang
    cache: dict[str, list[Token]] = {}

    def toks(text: str) -> list[Token]:
        if text not in cache:
            cache[text] = tokenize(text)
        return cache[text]

    def joined(report, side: str, ids) -> _Joined:
        return _Joined(report.source if side == "source" else report.target, ids, toks)

    pool: dict[str, list[_Bead]] = defaultdict(list)
    for b in _beads(old):
        pool[normalise(joined(old, "source", b.source).text)].append(b)
    lost: list[Flag] = []
    gained: list[Flag] = []
    for b in _beads(new):
        src = joined(new, "source", b.source)
        key = normalise(src.text)
        if not pool.get(key):
            continue
        ob = pool[key].pop(0)
        old_tgt, new_tgt = joined(old, "target", ob.target), joined(new, "target", b.target)
        if normalise(old_tgt.text) == normalise(new_tgt.text):
            continue
        old_src = joined(old, "source", ob.source)

        def units(tgt: _Joined):
            ja_tokens = src.tokens if src_lang == "ja" else tgt.tokens
            return lexcov.source_units(src.text, src_lang, tgt.text, ja_tokens, lex)

        before, after = units(old_tgt), units(new_tgt)
        for runs, where, out, msg in (
            (_runs(before, after, src.text), src, lost,
             "had a counterpart in the reviewed translation (baseline) and has none in the update"),
            (_runs(after, before, src.text), old_src, gained,
             "had no counterpart in the reviewed translation (baseline); the update translates it"),
        ):
            for r in runs:
                seg, a, z = where.locate(r.start, r.end)
                text = _segment_text(new if where is src else old, seg)[a:z]
                if not text.strip():
                    continue
                sev = "major" if r.weight >= MAJOR_WEIGHT else "minor"
                out.append(Flag("omission", sev, "source", seg, a, z, text,
                                f"{_LANG[src_lang]} words \u201c{text}\u201d {msg}", "regression"))
    return lost, gained


def _segment_text(report, seg: int) -> str:
    return next((s.text for s in report.source.segments if s.id == seg), "")


def _runs(had, has, text: str):
    """Runs of units covered in ``had`` and not in ``has`` (same units, same order)."""
    from ..analyze.lexcov import Unit
    from ..analyze.runs import uncovered_runs

    marked = [Unit(h.start, h.end, h.weight, 0.0 if (h.covered >= COVERED and n.covered < COVERED) else 1.0, "")
              for h, n in zip(had, has)]
    return uncovered_runs(marked, text, threshold=COVERED)


def overlaps(flag: Flag, others: Sequence[Flag]) -> bool:
    """Whether another flag of the same side and segment covers part of ``flag``'s span."""
    return any(o.side == flag.side and o.segment == flag.segment and o.start < flag.end and flag.start < o.end
               for o in others)
