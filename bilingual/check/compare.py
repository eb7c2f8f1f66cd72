"""Compare the flags of a new report with those of a baseline, by content, not by index.

A flag's identity is ``(kind, side, flagged text, text of the segment it sits
in)``, all normalised (NFKC, case-folded, whitespace collapsed).  Segment ids
are left out on purpose: inserting or deleting an unrelated sentence shifts
every id after it, and must not make old flags look new.  The counterpart
side's text is left out too, so that re-translating a neighbouring sentence of
the same bead does not renew an omission flag that is still there.

Matching runs in two passes, each one-to-one:

1. identical identity (a multiset match, so a sentence repeated in the document
   keeps as many flags as it had);
2. for what is left, same kind and side with a lightly edited segment
   (similarity >= ``SEGMENT_SIMILARITY``) and a similar flagged span
   (>= ``SPAN_SIMILARITY``): a typo fixed elsewhere in the sentence, or a span
   boundary that moved by a word, is the same problem, not a new one.
   The two ratios are ``difflib`` ratios of the normalised texts; 0.8 keeps a
   one-word edit of a ten-word sentence (ratio ~0.9) and rejects a rewritten
   sentence that merely shares its topic (typically < 0.6).

Whatever is left of the new flags is *new*; of the baseline's, *resolved*.
Coverage regressions (:mod:`.regress`) are added to both lists.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from ..report.model import Report
from ..types import Flag
from .baseline import Baseline, as_baseline, signature_differences

SEVERITY_RANK = {"minor": 1, "major": 2}
SEGMENT_SIMILARITY = 0.8
SPAN_SIMILARITY = 0.6

_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFKC", text or "")).strip().casefold()


@dataclass(frozen=True)
class FlagChange:
    """A flag with the text of its bead on both sides (English and Japanese), and where it is."""

    flag: Flag
    en: str
    ja: str
    file: str | None = None
    line: int | None = None

    def to_dict(self) -> dict:
        from ..report.serialize import flag_dict

        return {**flag_dict(self.flag), "en": self.en, "ja": self.ja, "file": self.file, "line": self.line}


@dataclass(frozen=True)
class CheckResult:
    new: tuple[FlagChange, ...]
    resolved: tuple[FlagChange, ...]
    unchanged: tuple[FlagChange, ...]
    signature: str = ""
    baseline_signature: str = ""
    notes: tuple[str, ...] = field(default=())

    def failing(self, fail_on: str = "major") -> tuple[FlagChange, ...]:
        """New flags at or above ``fail_on`` (``major`` | ``minor``)."""
        floor = severity_rank(fail_on)
        return tuple(c for c in self.new if SEVERITY_RANK.get(c.flag.severity, 2) >= floor)

    def exit_code(self, fail_on: str = "major") -> int:
        return 1 if self.failing(fail_on) else 0

    def to_dict(self) -> dict:
        return {
            "signature": self.signature,
            "baseline_signature": self.baseline_signature,
            "new": [c.to_dict() for c in self.new],
            "resolved": [c.to_dict() for c in self.resolved],
            "unchanged": [c.to_dict() for c in self.unchanged],
            "notes": list(self.notes),
        }


def severity_rank(name: str) -> int:
    if name not in SEVERITY_RANK:
        raise ValueError(f"unknown severity {name!r}: use major or minor")
    return SEVERITY_RANK[name]


class _View:
    """Look-ups over one report: segment text by side and id, bead text on both sides."""

    def __init__(self, b: Baseline):
        self.b = b
        self._seg = {
            "source": {s.id: s.text for s in b.source.segments},
            "target": {s.id: s.text for s in b.target.segments},
        }
        self._bead: dict[tuple[str, int], int] = {}
        for k, p in enumerate(b.alignment):
            for i in p.source:
                self._bead.setdefault(("source", i), k)
            for i in p.target:
                self._bead.setdefault(("target", i), k)

    def segment_text(self, side: str, seg: int) -> str:
        return self._seg.get(side, {}).get(seg, "")

    def change(self, flag: Flag) -> FlagChange:
        k = self._bead.get((flag.side, flag.segment))
        if k is None:
            src_ids = (flag.segment,) if flag.side == "source" else ()
            tgt_ids = (flag.segment,) if flag.side == "target" else ()
        else:
            src_ids, tgt_ids = self.b.alignment[k].source, self.b.alignment[k].target
        src = _join([self.segment_text("source", i) for i in src_ids], self.b.source.lang)
        tgt = _join([self.segment_text("target", i) for i in tgt_ids], self.b.target.lang)
        en, ja = (src, tgt) if self.b.source.lang != "ja" else (tgt, src)
        return FlagChange(flag, en, ja)

    def key(self, flag: Flag) -> tuple[str, str, str, str]:
        return (flag.kind, flag.side, normalise(flag.text), normalise(self.segment_text(flag.side, flag.segment)))


def _join(texts: list[str], lang: str) -> str:
    return ("" if lang == "ja" else " ").join(t.strip() for t in texts)


def _ratio(a: str, b: str) -> float:
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def compare(baseline: Baseline | Report | dict, new_report: Baseline | Report | dict, *,
            regressions: bool = True) -> CheckResult:
    """Which flags of ``new_report`` are new, which of ``baseline`` are resolved, which are unchanged.

    With ``regressions``, beads whose source is unchanged and whose translation
    changed are compared word by word (:mod:`.regress`): content the baseline's
    translation covered and the update's does not is a new omission, the reverse
    a resolved one.

    Signatures are not checked here (see :func:`check_signatures`); version
    differences are returned as notes.
    """
    old_b = as_baseline(baseline, "baseline")
    new_b = as_baseline(new_report, "report")
    old_v, new_v = _View(old_b), _View(new_b)
    old_keys = [old_v.key(f) for f in old_b.flags]
    new_keys = [new_v.key(f) for f in new_b.flags]

    # Pass 1: identical identity, one-to-one.
    pool: dict[tuple, list[int]] = defaultdict(list)
    for i, k in enumerate(old_keys):
        pool[k].append(i)
    matched_old: dict[int, int] = {}  # new index -> old index
    for j, k in enumerate(new_keys):
        if pool.get(k):
            matched_old[j] = pool[k].pop(0)
    # Pass 2: similar segment and span, best pairs first.
    free_old = [i for i in range(len(old_keys)) if i not in set(matched_old.values())]
    free_new = [j for j in range(len(new_keys)) if j not in matched_old]
    candidates = []
    for j in free_new:
        kind, side, span, seg = new_keys[j]
        for i in free_old:
            okind, oside, ospan, oseg = old_keys[i]
            if (okind, oside) != (kind, side):
                continue
            seg_sim = _ratio(seg, oseg)
            if seg_sim < SEGMENT_SIMILARITY:
                continue
            span_sim = _ratio(span, ospan)
            if span_sim >= SPAN_SIMILARITY:
                candidates.append((seg_sim + span_sim, j, i))
    used_old: set[int] = set()
    for _, j, i in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if j in matched_old or i in used_old:
            continue
        matched_old[j] = i
        used_old.add(i)
    used_old |= set(matched_old.values())

    new = tuple(new_v.change(f) for j, f in enumerate(new_b.flags) if j not in matched_old)
    unchanged = tuple(new_v.change(f) for j, f in enumerate(new_b.flags) if j in matched_old)
    resolved_flags = [f for i, f in enumerate(old_b.flags) if i not in used_old]
    resolved = tuple(old_v.change(f) for f in resolved_flags)
    if regressions:
        from .regress import coverage_changes, overlaps

        lost, gained = coverage_changes(old_b, new_b)
        new += tuple(new_v.change(f) for f in lost if not overlaps(f, new_b.flags))
        resolved += tuple(old_v.change(f) for f in gained if not overlaps(f, resolved_flags))
    _, notes = signature_differences(old_b.signature, new_b.signature)
    return CheckResult(new, resolved, unchanged, new_b.signature, old_b.signature, tuple(notes))


def all_new(report: Baseline | Report | dict) -> CheckResult:
    """Every flag of ``report`` as new: the result when there is no baseline yet."""
    b = as_baseline(report, "report")
    view = _View(b)
    return CheckResult(tuple(view.change(f) for f in b.flags), (), (), b.signature, "")
