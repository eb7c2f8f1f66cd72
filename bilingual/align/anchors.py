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

Romanised words
---------------
Translations from Japanese keep many terms as romaji: "Hira-zukuri" for 平作り,
"Hatamoto Yoriaiseki" for 旗本寄合席, "Arai" for 洗い.  The Japanese side's keys
are the Hepburn readings (from unidic) of its runs of nouns; the English side's
are its words (and hyphen parts, and adjacent pairs) that can be read as romaji.
Both are folded (long vowels, doubled letters, voicing) so that spelling
variants meet.  A key is hashed to one of 256 bits, and shared or one-sided
keys are weighed exactly like numbers, with their own weights per document.

Headings
--------
A unit with words but no sentence-final punctuation (a title, a heading, a list
label, a name line) stands on its own in both languages far more often than it
joins a sentence of the other side.  When its counterpart was deleted, its own
vector says little, and joining a neighbour's bead costs it almost nothing, so
it would rather join than stay unaligned.  The aligner therefore charges a
heading that joins a one-to-many bead its null cost: all of it when the bead's
other side is a sentence (a title does not translate part of a sentence, and a
title is about what its section's first sentence says, so how related it looks
tells nothing), otherwise in proportion to how unrelated it looks to the bead's
other side (:func:`bilingual.align.scores.bead_scores`).  Charging in
proportion alone let 漁業 join "This area used to be a rich fishing ground":
kyoto/align-del 0.974 / null F1 0.874 against 0.978 / 0.899 with the full
charge, no other eval set changed.  A piece of a sentence (it ends with a comma
or starts in lower case, :func:`is_fragment`) is no heading: with the English
of the first 1,000 kyoto-long beads cut at each sentence's first comma, the
full charge on such pieces took strict F1 from 0.891 to 0.812; not counting
them as headings at all gives 0.905.

Closing marks
-------------
A unit of punctuation alone that closes something (``'`` after "called
'namasu.", ``)`` after a parenthesis split by the segmenter) carries no content,
so its vector cannot say where it belongs; typographically it belongs to what it
closes.  A bead that starts with one pays one ``spread``, the most any prior
from the text's form may weigh (the length penalty and a null bead are bounded
by it too).  The choice it settles is not even: the exact vectors of
"called 'namasu. '" and "' Namasu is a dish ..." differ by noise of a few
``tie``, which is why ``tie`` alone (the first version) still let the mark
join the wrong sentence.  A near ban (ten spreads) gave the same strict F1 on
every eval set and a lower null F1 on kyoto/align-del (0.750 against 0.761).
"""
from __future__ import annotations

import csv
import re
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np

_NUM = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
# sentence-final punctuation, then any closing quotes or brackets (tokenised text puts spaces between)
_FINAL = re.compile(r"[.!?。！？．…:：;；][\s'\"’”」』）)\]】〕»«]*$")
_WORD = re.compile(r"\w")
_CLOSERS = set("'\"’”」』）)]】〕.,。、!?！？:;")  # not » or «: each opens in one language and closes in another


@dataclass(frozen=True)
class Cues:
    """Per-sentence cues of one side: ``numbers`` (``uint64`` marks), ``heading``, ``closing`` and
    ``sentence`` (bool)."""

    numbers: np.ndarray
    heading: np.ndarray
    closing: np.ndarray
    sentence: np.ndarray
    romaji: np.ndarray | None = None  # (n, ROMAJI_WORDS) uint64, None for a language without keys

    def __len__(self) -> int:
        return len(self.numbers)


def text_cues(texts: Sequence[str], lang: str | None = None) -> Cues:
    """The cues of every sentence of one side; romanised-word keys for ``lang`` ``en`` or ``ja``."""
    romaji = None
    if lang == "en":
        romaji = key_marks([romaji_keys_en(t) for t in texts])
    elif lang == "ja":
        romaji = key_marks([romaji_keys_ja(t) for t in texts])
    return Cues(number_marks(texts), np.array([is_heading(t) for t in texts], dtype=bool),
                np.array([is_closing(t) for t in texts], dtype=bool),
                np.array([is_sentence(t) for t in texts], dtype=bool), romaji)


ROMAJI_WORDS = 4  # 256 bits: two sentences' keys rarely meet by chance
_MIN_KEY = 4  # letters; shorter keys ("no", "ka") meet by chance


@lru_cache(maxsize=1 << 17)
def _key(word: str) -> str:
    """A romanisation folded for comparison (``Hira-zukuri``, ``hiratsukuri`` -> ``hirasukuri``)."""
    from ..analyze._lang import fold
    from ..analyze.names import devoice

    return devoice(fold(word).replace("ts", "s"))  # rendaku: つ tsu ~ づ zu


def romaji_keys_en(text: str) -> set[str]:
    """Keys of the words of an English text that read as romaji (``Yoriaiseki``, ``Hira-zukuri``).

    Also hyphenated words and two adjacent romaji words joined (``Hatamoto Yoriaiseki``).
    """
    low = _MARKS.sub("", unicodedata.normalize("NFKD", text.lower()))
    words = [(m.start(), m.end(), m.group()) for m in _ROMAJI_WORD.finditer(low)]
    out = set()
    for k, (a, b, w) in enumerate(words):
        out.add(_romaji_key(w))
        if k + 1 < len(words) and words[k + 1][0] - b == 1 and low[b] in " -":
            out.add(_romaji_key(w + words[k + 1][2]))
    out.discard("")
    return out


_MARKS = re.compile(r"[\u0300-\u036f]")
# a whole word of romaji syllables (a doubled consonant before its twin, a syllabic n)
_ROMAJI_WORD = re.compile(r"(?<![a-z])(?:(?:[kgsztdnhbpmr]y?|sh|ch|tch|ts|j|f|w|y)?[aeiou]|n|([kstp])(?=\1))+(?![a-z])")


@lru_cache(maxsize=1 << 17)
def _romaji_key(word: str) -> str:
    """The key of a romaji word of at least ``_MIN_KEY`` letters once folded, else ``""``."""
    from ..analyze._lang import fold

    return _key(word) if len(fold(word)) >= _MIN_KEY else ""


_NOUNISH = ("名詞", "接尾辞", "接頭辞")


def romaji_keys_ja(text: str) -> set[str]:
    """Keys of the readings of a Japanese text's runs of nouns (and of every part of a run)."""
    from ..analyze._lang import kana_to_romaji

    runs: list[list[str]] = [[]]
    for kana in _noun_readings(text):
        if kana:
            runs[-1].append(kana_to_romaji(kana))
        elif runs[-1]:
            runs.append([])
    out = set()
    for run in runs:
        for i in range(len(run)):
            for j in range(i + 1, min(len(run), i + 3) + 1):
                k = _key("".join(run[i:j]))
                if len(k) >= _MIN_KEY:
                    out.add(k)
    return out


def _noun_readings(text: str):
    """The kana reading of each morpheme, ``""`` except for nouns that are not numerals (the raw tagger: fast)."""
    from ..segment.japanese_tokens import tagger

    tag = tagger()
    for line in text.splitlines():
        for word in tag(line):
            raw = word.feature_raw
            f = raw.split(",", 18) if '"' not in raw else next(csv.reader([raw]))
            nounish = f[0] in _NOUNISH and f[1] != "数詞"
            yield f[17] if nounish and len(f) > 17 and f[17] != "*" else ""


def key_marks(key_sets: Sequence[set[str]], words: int = ROMAJI_WORDS) -> np.ndarray:
    """``(n, words)`` uint64: one bit (of ``64 * words``) per key of each set."""
    out = np.zeros((len(key_sets), words), dtype=np.uint64)
    for r, keys in enumerate(key_sets):
        for key in keys:
            h = zlib.crc32(key.encode("utf-8")) % (64 * words)
            out[r, h // 64] |= np.uint64(1 << (h % 64))
    return out


def is_closing(text: str) -> bool:
    """Punctuation without words that closes what came before: ``'``, ``)``, ``）.``, ``」``."""
    text = unicodedata.normalize("NFKC", text).strip()
    return bool(text) and not _WORD.search(text) and text[0] in _CLOSERS


def is_heading(text: str) -> bool:
    """Words without sentence-final punctuation that are not a fragment of a sentence
    (:func:`is_fragment`): ``Summary``, ``漁業``, ``Makoto KONDO``."""
    text = unicodedata.normalize("NFKC", text).strip()
    return bool(_WORD.search(text)) and not _FINAL.search(text) and not is_fragment(text)


_CONTINUES = re.compile(r"[,、，;；:：\-–—]\s*$")
_LOWER_START = re.compile(r"^\s*[\"'(“‘]*[a-z]")


def is_fragment(text: str) -> bool:
    """A unit that is part of a sentence rather than one: it ends with a comma, a semicolon, a
    colon or a dash (it goes on in the next unit), or it starts in lower case (it goes on from the last one).
    A segmenter or a wrapped line cut it; its words are shared with its neighbour's by construction."""
    return bool(_CONTINUES.search(text) or _LOWER_START.match(text))


def is_sentence(text: str) -> bool:
    """Words with sentence-final punctuation: ``It was cut.``, ``「そうか。」``."""
    text = unicodedata.normalize("NFKC", text).strip()
    return bool(_WORD.search(text)) and bool(_FINAL.search(text))


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
    return key_marks([number_keys(t) for t in texts], words=1)[:, 0]


def span_marks(marks: np.ndarray, max_k: int) -> dict[int, np.ndarray]:
    """``out[k][e]``: the OR of the marks of sentences ``[e-k, e)``, for ``e`` in ``0..n``."""
    marks = np.asarray(marks, dtype=np.uint64)
    n = len(marks)
    padded = np.concatenate([np.zeros((1,) + marks.shape[1:], dtype=np.uint64), marks])
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


def shared_only(a: np.ndarray, b: np.ndarray, wide: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Keys in both marks, and keys in exactly one of them (``wide``: marks of several words, last axis)."""
    if not wide:
        return popcount(a & b).astype(np.float64), popcount(a ^ b).astype(np.float64)
    # one word at a time: over a band at 20k sentences the (rows, width, words) temporaries are ~0.25 GB
    s = u = 0.0
    for w in range(a.shape[-1]):
        aw, bw = a[..., w], b[..., w]
        s = s + popcount(aw & bw)
        u = u + popcount(aw ^ bw)
    return np.asarray(s, dtype=np.float64), np.asarray(u, dtype=np.float64)


def number_weights(true_a, true_b, rand_a, rand_b, nat: float, wide: bool = False) -> tuple[float, float]:
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
    s_t, u_t = shared_only(np.asarray(true_a, dtype=np.uint64), np.asarray(true_b, dtype=np.uint64), wide)
    s_r, u_r = shared_only(np.asarray(rand_a, dtype=np.uint64), np.asarray(rand_b, dtype=np.uint64), wide)
    if s_t.sum() + u_t.sum() == 0:
        return 0.0, 0.0
    f_t = (s_t.sum() + 1.0) / (s_t.sum() + u_t.sum() + 2.0)
    f_r = (s_r.sum() + 1.0) / (s_r.sum() + u_r.sum() + 2.0)
    if f_t <= f_r:  # numbers do not tell true pairs from random ones in this document
        return 0.0, 0.0
    return nat * float(np.log(f_t / f_r)), nat * float(np.log((1.0 - f_t) / (1.0 - f_r)))
