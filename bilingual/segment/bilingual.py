"""Split a one-file bilingual document into its English and its Japanese side.

Government statements are often published as one file: the English original,
then a provisional translation (``(仮訳)``), or the Japanese first and the
English after it.  :func:`split_bilingual` finds the two regions:

1. If a marker line (``(仮訳)``, ``仮訳``, ``Provisional translation`` ...; see
   :data:`markup.PROVISIONAL_MARKER`) separates text of one language from text
   of the other, the first such marker is the boundary; the marker line itself
   belongs to neither side.  A marker repeated at a page break inside the
   Japanese stays in the Japanese region; :func:`markup.lines` drops it later.
2. Otherwise every content line is labelled by script (the Japanese-character
   share of :func:`detect_lang`), weighted by its letter count, and the
   boundary is the line where the script switches for good: the cut that
   agrees with the most weight when everything before it is one language and
   everything after it the other.

Both sides must hold text in their language, and the smaller side must weigh at
least :data:`MIN_SIDE_SHARE` of the larger one (a translation is of comparable
length; a Japanese name or an English acronym line is not a second side).
"""
from __future__ import annotations

from ..errors import InputError
from . import _JA_CHARS as _JA
from . import _LATIN, markup

# One Japanese character carries roughly as much text as 3 Latin letters
# (same ratio as segment.detect_lang); weights are in Latin-letter units.
JA_WEIGHT = 3.0
# The smaller side must weigh at least this share of the larger one.  Measured
# Japanese/English weight ratios: 0.47-1.84 (median 1.28) over the 85 Kyoto and
# NTREX document pairs, 1.20 on the Tokyo Statement; 0.2 only rules out stray lines.
MIN_SIDE_SHARE = 0.2


def _weights(line: str) -> tuple[float, float]:
    """(English weight, Japanese weight) of one line."""
    return float(len(_LATIN.findall(line))), JA_WEIGHT * len(_JA.findall(line))


def _content_lines(text: str) -> list[tuple[int, int, float, float, bool]]:
    """``(start, end, en_weight, ja_weight, is_marker)`` of the non-blank lines."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        if not raw.strip():
            continue
        marker = bool(markup.PROVISIONAL_MARKER.match(raw))
        en, ja = (0.0, 0.0) if marker else _weights(raw)
        out.append((start, end, en, ja, marker))
    return out




def _side_lang(lines) -> tuple[str, float, float]:
    en = sum(ln[2] for ln in lines)
    ja = sum(ln[3] for ln in lines)
    return ("ja" if ja > en else "en"), en, ja


def _by_marker(lines) -> int | None:
    """Index of the first marker line with one language before it and the other after."""
    for i, ln in enumerate(lines):
        if not ln[4]:
            continue
        before, after = lines[:i], lines[i + 1 :]
        if not before or not after:
            continue
        lb, lb_en, lb_ja = _side_lang(before)
        la, la_en, la_ja = _side_lang(after)
        if lb != la and (lb_en + lb_ja) > 0 and (la_en + la_ja) > 0:
            return i
    return None


def _by_switch(lines) -> int:
    """Index of the first line of the second side: the best single script switch."""
    n = len(lines)
    # prefix sums of English / Japanese weight
    pe, pj = [0.0], [0.0]
    for ln in lines:
        pe.append(pe[-1] + ln[2])
        pj.append(pj[-1] + ln[3])
    best, best_k = -1.0, 1
    for k in range(1, n):
        en_first = pe[k] + (pj[n] - pj[k])
        ja_first = pj[k] + (pe[n] - pe[k])
        score = max(en_first, ja_first)
        if score > best:
            best, best_k = score, k
    return best_k


def split_bilingual(text: str, name: str = "input") -> tuple[tuple[int, int], tuple[int, int]]:
    """``((en_start, en_end), (ja_start, ja_end))``: the English and Japanese regions of ``text``.

    Raises :class:`InputError` when one side is missing.
    """
    missing = InputError(f"{name}: could not find both an English and a Japanese part")
    lines = _content_lines(text)
    if len(lines) < 2:
        raise missing
    i = _by_marker(lines)
    if i is not None:
        first = (0, lines[i][0])
        second = (lines[i][1], len(text))
        first_lines, second_lines = lines[:i], lines[i + 1 :]
    else:
        k = _by_switch(lines)
        first = (0, lines[k][0])
        second = (lines[k][0], len(text))
        first_lines, second_lines = lines[:k], lines[k:]
    l1, en1, ja1 = _side_lang(first_lines)
    l2, en2, ja2 = _side_lang(second_lines)
    if l1 == l2:
        raise missing
    w1 = ja1 if l1 == "ja" else en1
    w2 = ja2 if l2 == "ja" else en2
    if min(w1, w2) <= 0 or min(w1, w2) < MIN_SIDE_SHARE * max(w1, w2):
        raise missing
    first, second = markup.strip_span(text, *first), markup.strip_span(text, *second)
    return (first, second) if l1 == "en" else (second, first)
