"""Analysis stage: omission / addition / drift flags inside an alignment.

``analyze(alignment, encoder, source="en")`` returns :class:`~bilingual.types.Flag`
objects whose ``start``/``end`` index the text of the segment they point at.
Signals: word-level lexical coverage (:mod:`.lexcov`: runs of source content
words with no dictionary, reading, number or word-vector counterpart in the
bead, severities calibrated on checked Kyoto translations), clause coverage
(:mod:`.coverage`), numbers, dates, names, negation, modality and scope
(:mod:`.checks`).  ``score_pairs`` in :mod:`.qa` scores already-aligned
sentence pairs with the same lexical coverage.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from ..types import Alignment, Document, Flag, Segment, Token
from . import checks, coverage, lexcov, runs
from . import lexicon as _lexicon
from ._lang import clause_spans, fine_clauses, tokenize_ja

__all__ = ["analyze", "score_pairs"]

_SEP = "\n"
# A null-bead segment shorter than this is a heading or signature line (names, titles), whose
# alignment is often reordered rather than missing: minor.  A full sentence missing is major.
# (English: 6 words; Japanese: 16 characters, about the length of a short predicate clause.)
_MIN_SENTENCE = {"en": 6, "ja": 16}


def score_pairs(pairs, *, source_lang: str = "ja", encoder):
    from .qa import score_pairs as _score

    return _score(pairs, source_lang=source_lang, encoder=encoder)


def local_clauses(doc: Document, seg: Segment) -> list[tuple[int, int]]:
    """Clause spans of ``seg`` as offsets into ``seg.text`` (the whole segment if none),
    each segmenter clause cut further at commas and clause words."""
    if seg.clauses:
        spans = [(c.start - seg.start, c.end - seg.start) for c in seg.clauses]
    elif doc.text[seg.start : seg.end] == seg.text:
        spans = [(a - seg.start, b - seg.start) for a, b in clause_spans(doc.text, doc.lang, seg.start, seg.end)]
    else:
        spans = clause_spans(seg.text, doc.lang)
    fine = [f for a, b in spans for f in fine_clauses(seg.text, doc.lang, a, b)]
    return [(a, b) for a, b in fine if seg.text[a:b].strip()] or ([(0, len(seg.text))] if seg.text.strip() else [])


class _Side:
    """One language side of the alignment, with clause spans and a text per bead."""

    def __init__(self, doc: Document, role: str):
        self.doc, self.role, self.lang = doc, role, doc.lang
        self.clauses = {s.id: local_clauses(doc, s) for s in doc.segments}
        self._tokens: dict[int, list[Token]] = {}

    def tokens(self, seg_id: int) -> list[Token]:
        if seg_id not in self._tokens:
            self._tokens[seg_id] = tokenize_ja(self.doc.segments[seg_id].text) if self.lang == "ja" else []
        return self._tokens[seg_id]

    def joined(self, ids: Sequence[int]) -> tuple[str, list[tuple[int, int]], list[Token]]:
        """Text of several segments joined, the offset of each, and shifted tokens."""
        parts, offsets, toks, pos = [], [], [], 0
        for i in ids:
            t = self.doc.segments[i].text
            offsets.append((i, pos))
            for k in self.tokens(i):
                toks.append(Token(k.surface, k.lemma, k.reading, k.pos, k.start + pos, k.end + pos))
            parts.append(t)
            pos += len(t) + len(_SEP)
        return _SEP.join(parts), offsets, toks


def _locate(offsets: list[tuple[int, int]], start: int, end: int) -> tuple[int, int, int]:
    seg, base = offsets[0]
    for sid, off in offsets:
        if off <= start:
            seg, base = sid, off
    return seg, start - base, end - base


def analyze(alignment: Alignment, encoder, *, source: str = "en", en_vecs=None, ja_vecs=None) -> list[Flag]:
    """Flags for every bead of ``alignment``; ``source`` is the original language."""
    if source not in ("en", "ja"):
        raise ValueError("source must be 'en' or 'ja'")
    en, ja = _Side(alignment.en, "en"), _Side(alignment.ja, "ja")
    src, tgt = (en, ja) if source == "en" else (ja, en)
    src_vecs, tgt_vecs = (en_vecs, ja_vecs) if source == "en" else (ja_vecs, en_vecs)
    beads = [(tuple(b.en), tuple(b.ja)) if source == "en" else (tuple(b.ja), tuple(b.en)) for b in alignment.beads]
    flags: list[Flag] = []

    def flag(side: _Side, seg: int, a: int, b: int, kind: str, sev: str, msg: str, check: str) -> None:
        text = side.doc.segments[seg].text
        # A finding on the joined text of a many-segment bead can run over the
        # separator into the next segment ("5\nmillion"): keep the part in ``seg``.
        b = max(0, min(b, len(text)))
        a = max(0, min(a, b))
        if a == b and text:
            return
        flags.append(Flag(kind, sev, side.role_name, seg, a, b, text[a:b], msg, check))

    src.role_name, tgt.role_name = "source", "target"  # type: ignore[attr-defined]

    # Whole segments in null beads.
    for s_ids, t_ids in beads:
        for side, ids, other, kind in ((src, s_ids, t_ids, "omission"), (tgt, t_ids, s_ids, "addition")):
            if ids and not other:
                for i in ids:
                    seg = side.doc.segments[i]
                    if not seg.text.strip():
                        continue
                    a = len(seg.text) - len(seg.text.lstrip())
                    b = len(seg.text.rstrip())
                    size = len(seg.text.split()) if side.lang == "en" else b - a
                    sev = "major" if size >= _MIN_SENTENCE[side.lang] else "minor"
                    lang = checks.LANG_NAME[side.lang]
                    there = checks.LANG_NAME[(tgt if side is src else src).lang]
                    msg = (f"{lang} sentence has no counterpart in the {there}" if kind == "omission"
                           else f"{lang} sentence has no counterpart in the {there} (added)")
                    flag(side, i, a, b, kind, sev, msg, "alignment")

    aligned = [(s, t) for s, t in beads if s and t]
    if not aligned:
        return _sorted(flags)

    # One encoder call: bead texts, clauses, sentences without each clause, sentences if needed.
    texts: list[str] = []

    def add(t: str) -> int:
        texts.append(t)
        return len(texts) - 1

    bead_idx = []
    for s_ids, t_ids in aligned:
        bead_idx.append((add(src.joined(s_ids)[0]), add(tgt.joined(t_ids)[0])))
    clause_rows: dict[str, list[tuple[int, int, int, int, int]]] = {"src": [], "tgt": []}
    for key, side, pick in (("src", src, 0), ("tgt", tgt, 1)):
        for b, pair in enumerate(aligned):
            for sid in pair[pick]:
                text = side.doc.segments[sid].text
                spans = side.clauses[sid]
                for a, e in spans:
                    loo = add((text[:a] + text[e:]).strip()) if len(spans) > 1 else -1
                    clause_rows[key].append((b, sid, a, e, add(text[a:e]), loo))
    sent_idx = {}
    for key, side, given in (("src", src, src_vecs), ("tgt", tgt, tgt_vecs)):
        if given is None:
            sent_idx[key] = [add(s.text) for s in side.doc.segments]
    vecs = encoder.embed(texts) if texts else np.zeros((0, 1), np.float32)

    def sent_vecs(key: str, given) -> np.ndarray:
        return np.asarray(given, dtype=np.float32) if given is not None else vecs[sent_idx[key]]

    sv = {"src": sent_vecs("src", src_vecs), "tgt": sent_vecs("tgt", tgt_vecs)}
    bead_vec = {"src": vecs[[i for i, _ in bead_idx]], "tgt": vecs[[j for _, j in bead_idx]]}

    for key, other, side, kind in (("src", "tgt", src, "omission"), ("tgt", "src", tgt, "addition")):
        rows = clause_rows[key]
        if not rows:
            continue
        cvecs = vecs[[r[4] for r in rows]]
        other_clause_vecs: dict[int, list[int]] = {}
        for r in clause_rows[other]:
            other_clause_vecs.setdefault(r[0], []).append(r[4])
        cands, s_sim, l_sim = [], [], []
        for r, cv in zip(rows, cvecs):
            b = r[0]
            ob = bead_vec[other][b]
            near = [bead_vec[other][k] for k in (b - 1, b + 1) if 0 <= k < len(aligned)]
            cand = np.vstack([ob[None, :], vecs[other_clause_vecs.get(b, [])].reshape(-1, vecs.shape[1])] + [n[None, :] for n in near])
            cands.append(cand)
            whole = float(sv[key][r[1]] @ ob)
            s_sim.append(whole)
            l_sim.append(float(vecs[r[5]] @ ob) if r[5] >= 0 else whole)
        scores = coverage.score_clauses(cvecs, np.array(s_sim), np.array(l_sim), cands)
        for sc, sev in coverage.uncovered(scores, side.lang):
            b, sid, a, e = rows[sc.index][:4]
            there = checks.LANG_NAME[(tgt if side is src else src).lang]
            what = "is not rendered in" if kind == "omission" else "is not in"
            msg = (f"{checks.LANG_NAME[side.lang]} clause {what} the {there} "
                   f"(clause similarity {sc.coverage:.2f}; the sentence matches {sc.gain:+.2f} better without it)")
            flag(side, sid, a, e, kind, sev, msg, "coverage")

    clause_vec = {(k, r[1], r[2], r[3]): r[4] for k in ("src", "tgt") for r in clause_rows[k]}

    # Word-level lexical coverage: runs of source content words with no counterpart in the bead
    # (dictionary, readings, numbers, then soft evidence from word vectors; lexcov).
    lex = _lexicon.load()
    units, s_texts, t_texts, offs = [], [], [], []
    for s_ids, t_ids in aligned:
        s_text, s_off, s_tok = src.joined(s_ids)
        t_text, _, t_tok = tgt.joined(t_ids)
        units.append(lexcov.source_units(s_text, src.lang, t_text, s_tok if src.lang == "ja" else t_tok, lex))
        s_texts.append(s_text)
        t_texts.append(t_text)
        offs.append(s_off)
    for us, s_text, s_off in zip(runs.soft_cover(units, s_texts, t_texts, encoder, other_lang=tgt.lang), s_texts, offs):
        for run in runs.uncovered_runs(us, s_text):
            sev = runs.run_severity(run, src.lang)
            if sev is None:
                continue
            seg, a, e = _locate(s_off, run.start, run.end)
            flag(src, seg, a, e, "omission", sev,
                 f"{checks.LANG_NAME[src.lang]} words have no counterpart in the {checks.LANG_NAME[tgt.lang]} "
                 f"(no dictionary, reading or number match for {run.units} content words)", "lexical")

    # Lexical drift checks per bead.
    lexicons = []
    for s_ids, t_ids in aligned:
        s_text, s_off, s_tok = src.joined(s_ids)
        t_text, t_off, t_tok = tgt.joined(t_ids)
        lexicons.append((s_off, t_off, checks.lexicon(s_text, src.lang, s_tok), checks.lexicon(t_text, tgt.lang, t_tok)))
    old_calendar = checks.old_calendar_document([lx for _, _, *pair in lexicons for lx in pair])
    for b, ((s_ids, t_ids), (s_off, t_off, s_lex, t_lex)) in enumerate(zip(aligned, lexicons)):
        for f in checks.lexical_findings(s_lex, t_lex, old_calendar=old_calendar):
            if f.side == "source":
                seg, a, e = _locate(s_off, f.start, f.end)
                flag(src, seg, a, e, f.kind, f.severity, f.message, f.check)
                continue
            seg, a, e = _locate(t_off, f.start, f.end)
            flag(tgt, seg, a, e, f.kind, f.severity, f.message, f.check)
            if f.check == "negation":  # point at the source words the negation reverses
                tclause = next(((x, y) for x, y in tgt.clauses[seg] if x <= a < y), (0, len(tgt.doc.segments[seg].text)))
                tv = vecs[clause_vec[("tgt", seg, *tclause)]] if ("tgt", seg, *tclause) in clause_vec else bead_vec["tgt"][b]
                best = max(((sid, x, y) for sid in s_ids for x, y in src.clauses[sid]),
                           key=lambda c: float(vecs[clause_vec[("src", *c)]] @ tv))
                flag(src, best[0], best[1], best[2], "drift", f.severity,
                     f'{checks.LANG_NAME[tgt.lang]} negates this: "{tgt.doc.segments[seg].text[tclause[0]:tclause[1]]}"', "negation")
    return _sorted(flags)


def _sorted(flags: list[Flag]) -> list[Flag]:
    return sorted(set(flags), key=lambda f: (f.side, f.segment, f.start, f.kind, f.end, f.check, f.message))
