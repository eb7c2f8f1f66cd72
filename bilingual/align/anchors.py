"""Cues from the text itself: evidence for or against a bead that embeddings blur.

Numbers
-------

Sentence encoders place "In 1074, he became Sangi" and "In 1075 he became
Governor of Iyo" close together, and a sentence whose counterpart was deleted
often joins a neighbour's bead.  Numbers written in digits survive translation
between English and Japanese almost unchanged (1074年, 27歳, 3,000人), so the
digits a bead's two sides share, and those only one side has, are evidence the
aligner can weigh.

Each sentence gets a 64-bit mark: one bit per distinct number (by its digits,
thousands separators and leading zeros dropped).  A span's mark is the OR of its
sentences' marks.  How much a shared or an unshared number is worth is measured
on each document (:func:`number_weights`), never set by hand.

Headings
--------
A unit with words but no sentence-final punctuation (a title, a heading, a list
label, a name line) stands on its own in both languages far more often than it
joins a sentence of the other side.  When its counterpart was deleted, its own
vector says little, and joining a neighbour's bead costs it almost nothing, so
it would rather join than stay unaligned.  The aligner therefore charges a
heading that joins a one-to-many bead its null cost, in proportion to how
unrelated it looks to the bead's other side
(:func:`bilingual.align.scores.bead_scores`).

Closing marks
-------------
A unit of punctuation alone that closes something (``'`` after "called
'namasu.", ``)`` after a parenthesis split by the segmenter) carries no content,
so its vector cannot say where it belongs; typographically it belongs to what it
closes.  A bead that starts with one pays ``tie`` (the smallest score
difference that counts), which settles the otherwise even choice in favour of
the bead before it.
"""
from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass
from typing import Sequence

import numpy as np

_NUM = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
# sentence-final punctuation, then any closing quotes or brackets (tokenised text puts spaces between)
_FINAL = re.compile(r"[.!?。！？．…:：;；][\s'\"’”」』）)\]】〕»«]*$")
_WORD = re.compile(r"\w")
_CLOSERS = set("'\"’”」』）)]】〕.,。、!?！？:;")  # not » or «: each opens in one language and closes in another


@dataclass(frozen=True)
class Cues:
    """Per-sentence cues of one side: ``numbers`` (``uint64`` marks), ``heading`` and ``closing`` (bool)."""

    numbers: np.ndarray
    heading: np.ndarray
    closing: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.numbers)


def text_cues(texts: Sequence[str]) -> Cues:
    """The cues of every sentence of one side."""
    return Cues(number_marks(texts), np.array([is_heading(t) for t in texts], dtype=bool),
                np.array([is_closing(t) for t in texts], dtype=bool))


def is_closing(text: str) -> bool:
    """Punctuation without words that closes what came before: ``'``, ``)``, ``）.``, ``」``."""
    text = unicodedata.normalize("NFKC", text).strip()
    return bool(text) and not _WORD.search(text) and text[0] in _CLOSERS


def is_heading(text: str) -> bool:
    """Words without sentence-final punctuation: ``Summary``, ``漁業``, ``Makoto KONDO``."""
    text = unicodedata.normalize("NFKC", text).strip()
    return bool(_WORD.search(text)) and not _FINAL.search(text)


def number_keys(text: str) -> set[str]:
    """Distinct numbers written in digits (full-width digits count), normalised."""
    out = set()
    for m in _NUM.finditer(unicodedata.normalize("NFKC", text)):
        s = m.group().replace(",", "")
        if "." in s:
            s = s.rstrip("0").rstrip(".")
        s = s.lstrip("0") or "0"
        out.add(s)
    return out


def number_marks(texts: Sequence[str]) -> np.ndarray:
    """One ``uint64`` per text with a bit set for each of its numbers."""
    marks = np.zeros(len(texts), dtype=np.uint64)
    for k, text in enumerate(texts):
        bits = 0
        for key in number_keys(text):
            bits |= 1 << (zlib.crc32(key.encode("ascii")) % 64)
        marks[k] = bits
    return marks


def span_marks(marks: np.ndarray, max_k: int) -> dict[int, np.ndarray]:
    """``out[k][e]``: the OR of the marks of sentences ``[e-k, e)``, for ``e`` in ``0..n``."""
    n = len(marks)
    padded = np.concatenate([np.zeros(1, dtype=np.uint64), np.asarray(marks, dtype=np.uint64)])
    out = {1: padded}
    for k in range(2, max_k + 1):
        cur = out[k - 1].copy()
        if k <= n:
            cur[k:] |= padded[1 : n + 2 - k]
        out[k] = cur
    return out


_BYTE_BITS = np.array([bin(k).count("1") for k in range(256)], dtype=np.uint8)


def popcount(x: np.ndarray) -> np.ndarray:
    """Set bits of each ``uint64`` (``np.bitwise_count`` from numpy 2, a byte table before)."""
    x = np.asarray(x, dtype=np.uint64)
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(x)
    return _BYTE_BITS[np.ascontiguousarray(x).view(np.uint8)].reshape(x.shape + (8,)).sum(axis=-1)


def shared_only(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Numbers in both marks, and numbers in exactly one of them."""
    return popcount(a & b).astype(np.float64), popcount(a ^ b).astype(np.float64)


def number_weights(true_a, true_b, rand_a, rand_b, nat: float) -> tuple[float, float]:
    """Score (in similarity units) of one shared and of one unshared number.

    Over the likely true pairs and the alternatives the aligner weighs against
    them (``rand_*``: in practice each true pair's neighbours), the share ``f`` of numbers
    present on both sides (each pair's union of numbers counted once) gives the
    log-likelihood ratio of a shared number, ``log(f_true / f_rand)``, and of an
    unshared one, ``log((1 - f_true) / (1 - f_rand))``; add-one smoothing keeps
    both finite.  ``nat`` converts one unit of log-likelihood into similarity
    units (see :meth:`bilingual.align.calibrate.Calibration`).  With no number
    in the true pairs there is nothing to learn and both weights are 0.
    """
    s_t, u_t = shared_only(np.asarray(true_a, dtype=np.uint64), np.asarray(true_b, dtype=np.uint64))
    s_r, u_r = shared_only(np.asarray(rand_a, dtype=np.uint64), np.asarray(rand_b, dtype=np.uint64))
    if s_t.sum() + u_t.sum() == 0:
        return 0.0, 0.0
    f_t = (s_t.sum() + 1.0) / (s_t.sum() + u_t.sum() + 2.0)
    f_r = (s_r.sum() + 1.0) / (s_r.sum() + u_r.sum() + 2.0)
    if f_t <= f_r:  # numbers do not tell true pairs from random ones in this document
        return 0.0, 0.0
    return nat * float(np.log(f_t / f_r)), nat * float(np.log((1.0 - f_t) / (1.0 - f_r)))
