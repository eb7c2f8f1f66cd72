"""Score the embedding aligner on the eval sets, side by side with Vecalign's DP on the same vectors.

    .venv/bin/python scripts/evaluate.py --cache .cache/embed
    .venv/bin/python scripts/evaluate.py --sets tokyo,kyoto/align --no-peer

Each set is read in presplit mode (one segment per line).  Scores (scripts/scoring.py) follow
Vecalign's score.py (strict / lax precision and recall; recall ignores null
beads, precision counts every predicted bead); ``null_f`` is the F1 of the
sentences left unaligned, pooled over both sides.  Both systems get their
vectors from one encoder through one in-memory cache (backed by the on-disk
cache), so they see identical embeddings.  ``sec`` is the alignment time with
embeddings served from the cache; ``texts/sent`` is how many texts our aligner
asked to embed per sentence.
"""
from __future__ import annotations

import argparse
import sys
import time
from ast import literal_eval
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EVAL = ROOT.parent / "shared" / "eval"
SETS = ("tokyo", "kyoto/align", "kyoto/align-del", "ntrex/align", "textberg")


def read_lines(path: Path) -> list[str]:
    """Lines as the gold numbers them (split on newline only, trailing newline dropped)."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [s.rstrip("\r") for s in lines]


def read_gold(path: Path) -> list[tuple[list[int], list[int]]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        src, tgt = line.split(":")[:2]
        out.append((list(literal_eval(src)), list(literal_eval(tgt))))
    return out


def load_set(name: str):
    """``(lang of the second side, [(doc, first lines, second lines, gold)])``."""
    folder = EVAL / name
    docs = []
    if name == "textberg":
        for g in sorted((folder / "gold").iterdir()):
            docs.append((g.name, read_lines(folder / "de" / g.name), read_lines(folder / "fr" / g.name), read_gold(g)))
        return "fr", docs
    for g in sorted(folder.glob("*.gold")):
        stem = g.name[: -len(".gold")]
        docs.append((stem, read_lines(folder / f"{stem}.en"), read_lines(folder / f"{stem}.ja"), read_gold(g)))
    return "ja", docs


class VectorCache:
    """One encoder behind a dict, shared by our aligner and the peer."""

    def __init__(self, encoder):
        self.encoder = encoder
        self.memo: dict[str, np.ndarray] = {}

    def embed(self, texts: list[str]) -> np.ndarray:
        todo = list(dict.fromkeys(t for t in texts if t not in self.memo))
        if todo:
            for t, v in zip(todo, self.encoder.embed(todo)):
                self.memo[t] = v
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return np.stack([self.memo[t] for t in texts])

    def encode(self, sentences):  # the peer's encoder protocol
        return self.embed(list(sentences))


def run_ours(cache: VectorCache, en: list[str], ja: list[str], second_lang: str, max_bead: int, words: bool = True):
    """Our beads as lists, the alignment's seconds and the number of texts embedded."""
    res, sec, texts = align_doc(cache, en, ja, second_lang, max_bead, words=words)
    return [(list(b.en), list(b.ja)) for b in res.beads], sec, texts


def align_doc(cache: VectorCache, en: list[str], ja: list[str], second_lang: str, max_bead: int = 4,
              words: bool = True):
    """The aligner's full result (beads and calibration) on one presplit document; ``words``:
    with the words' second opinion on many-sentence beads (en-ja only, as in the pipeline)."""
    from bilingual.align.anchors import text_cues
    from bilingual.align.core import align
    from bilingual.analyze.support import lexical_evidence

    ev, jv = cache.embed(en), cache.embed(ja)
    counts = {"texts": len(en) + len(ja)}

    def span_embed(side, spans):
        counts["texts"] += len(spans)
        return cache.embed(join_spans(en if side == "en" else ja, spans, side, second_lang))

    t0 = time.perf_counter()
    evidence = lexical_evidence(en, ja) if second_lang == "ja" and words else None
    res = align(ev, jv, [len(s) for s in en], [len(s) for s in ja], max_bead=max_bead, span_embed=span_embed,
                en_cues=text_cues(en, "en" if second_lang == "ja" else None),
                ja_cues=text_cues(ja, second_lang), member_evidence=evidence)
    return res, time.perf_counter() - t0, counts["texts"]


def join_spans(lines: list[str], spans, side: str, second_lang: str) -> list[str]:
    """The text of each span ``(a, b)`` of lines, joined as the aligner's span embedder joins them."""
    joiner = "" if side != "en" and second_lang == "ja" else " "
    return [joiner.join(lines[a:b]) for a, b in spans]


def run_peer(cache: VectorCache, en: list[str], ja: list[str]):
    from sentalign import sentalign

    # warm the cache with the peer's overlap texts first, so its time is alignment only
    from sentalign.dp_utils import layer, preprocess_line

    for lines in (en, ja):
        clean = [preprocess_line(s) for s in lines]
        for k in range(1, 9):
            cache.embed(layer(clean, k))
    t0 = time.perf_counter()
    res = sentalign(en, ja, encoder=cache, alignment_max_size=8)
    sec = time.perf_counter() - t0
    return [(list(a.src_indices), list(a.tgt_indices)) for a in res.alignments], sec


def score(golds, tests):
    from scripts.scoring import score_many

    return score_many(golds, tests)


def check_cover(beads, n, m, name):
    en = [i for x, _ in beads for i in x]
    ja = [j for _, y in beads for j in y]
    if en != list(range(n)) or ja != list(range(m)):
        raise SystemExit(f"{name}: beads do not cover every sentence once, in order")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated, from: " + ", ".join(SETS))
    ap.add_argument("--max-bead", type=int, default=4)
    ap.add_argument("--no-peer", action="store_true", help="skip Vecalign's DP (sentalign)")
    ap.add_argument("--no-second-opinion", action="store_true",
                    help="the vectors and text cues alone, without the words' second opinion (bilingual.align.members)")
    ap.add_argument("--cache", default=str(ROOT / ".cache" / "embed"), help="on-disk embedding cache")
    ap.add_argument("--encoder", default="use")
    args = ap.parse_args(argv)

    from bilingual.embed import get_encoder

    cache = VectorCache(get_encoder(args.encoder, cache_dir=args.cache))
    header = f"{'set':<16} {'system':<12} {'P-strict':>8} {'R-strict':>8} {'F-strict':>8} " \
             f"{'P-lax':>6} {'R-lax':>6} {'F-lax':>6} {'null_f':>6} {'sec':>7} {'texts/sent':>10}"
    rows = []
    for name in [s.strip() for s in args.sets.split(",") if s.strip()]:
        if name not in SETS:
            raise SystemExit(f"unknown set {name!r}: choose from {', '.join(SETS)}")
        second, docs = load_set(name)
        golds = [d[3] for d in docs]
        ours, secs, texts, sents = [], 0.0, 0, 0
        for doc, en, ja, _ in docs:
            beads, sec, nt = run_ours(cache, en, ja, second, args.max_bead, words=not args.no_second_opinion)
            check_cover(beads, len(en), len(ja), f"{name}/{doc}")
            ours.append(beads)
            secs, texts, sents = secs + sec, texts + nt, sents + len(en) + len(ja)
        rows.append((name, "bilingual", score(golds, ours), secs, texts / sents))
        if not args.no_peer:
            peer, psec = [], 0.0
            for doc, en, ja, _ in docs:
                beads, sec = run_peer(cache, en, ja)
                peer.append(beads)
                psec += sec
            rows.append((name, "vecalign-dp", score(golds, peer), psec, float("nan")))
        print(f"done {name}", file=sys.stderr)
    print(header)
    for name, system, r, sec, tps in rows:
        print(f"{name:<16} {system:<12} {r['strict_p']:>8.3f} {r['strict_r']:>8.3f} {r['strict_f1']:>8.3f} "
              f"{r['lax_p']:>6.3f} {r['lax_r']:>6.3f} {r['lax_f1']:>6.3f} {r['null_f']:>6.3f} "
              f"{sec:>7.2f} {tps:>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
