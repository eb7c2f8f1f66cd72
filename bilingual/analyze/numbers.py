"""Numbers and amounts in English and Japanese, and which ones have no counterpart.

English: digits (``1,800``, ``3.5``), ordinals (``13th``) and number words
(``eight``, ``thirteenth``, ``twenty-five``, ``3 million``).  Japanese: digits
(full-width too), ``3万``, and kanji numerals that unidic tags as 数詞
(``八年間`` -> 8, but not the 一 of 一流 or 一色).  Spans inside dates are left
to :mod:`dates`; an era year counts as its Western year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..types import Token
from ._lang import nfkc_same_length
from .dates import Date, ERAS, kanji_number

_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_WORDS.update({w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())})
_ORD = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
_SCALE = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "dozen": 12}
_WORD_RE = "|".join(sorted(list(_WORDS) + list(_ORD), key=len, reverse=True))
_EN_NUM = re.compile(
    rf"(?<![\w.])(?P<d>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?:st|nd|rd|th)?(?:\s+(?P<ds>hundred|thousand|million|billion))?\b"
    rf"|\b(?P<w>(?:{_WORD_RE})(?:-(?:{_WORD_RE}))?)(?:\s+(?P<ws>hundred|thousand|million|billion|dozen))?\b",
    re.IGNORECASE,
)
_JA_DIGITS = re.compile(r"(?:(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)[兆億万千百])*(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:[兆億万千百](?!\d))?")
_GROUP = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)([兆億万千百]?)")
_UNIT = {"兆": 10**12, "億": 10**8, "万": 10_000, "千": 1000, "百": 100, "": 1}


@dataclass(frozen=True)
class Num:
    value: float
    start: int
    end: int
    text: str
    approx: bool = False


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def en_numbers(text: str, dates: Sequence[Date] = ()) -> list[Num]:
    """Numbers in English text; a date counts as its year."""
    out = [Num(float(d.year), d.start, d.end, d.text) for d in dates if d.year]
    skip = [(d.start, d.end) for d in dates]
    for m in _EN_NUM.finditer(text):
        if _inside(m.start(), m.end(), skip):
            continue
        if m.group("d"):
            value = float(m.group("d").replace(",", ""))
            scale = m.group("ds")
        else:
            word = m.group("w").lower()
            if word == "one" and not m.group("ws"):
                continue  # "one of the ..." is rarely an amount
            value = float(sum(_WORDS.get(p, _ORD.get(p, 0)) for p in word.split("-")))
            scale = m.group("ws")
        if scale:
            value *= _SCALE[scale.lower()]
        out.append(Num(value, m.start(), m.end(), m.group(0)))
    out.sort(key=lambda n: n.start)
    return out


def ja_numbers(text: str, tokens: Sequence[Token] | None = None, dates: Sequence[Date] = ()) -> list[Num]:
    """Numbers in Japanese text; era years are replaced by their (approximate) Western year."""
    norm = nfkc_same_length(text)
    out: list[Num] = []
    date_spans = [(d.start, d.end) for d in dates]
    for d in dates:
        if d.approx_year and d.year:
            out.append(Num(float(d.year), d.start, d.end, d.text, approx=True))
        elif d.year:
            out.append(Num(float(d.year), d.start, d.end, d.text))
    for m in _JA_DIGITS.finditer(norm):
        if _inside(m.start(), m.end(), date_spans):
            continue
        value = _mixed_value(m.group(0))
        out.append(Num(value, m.start(), m.end(), text[m.start():m.end()]))
        date_spans.append((m.start(), m.end()))
    # Kanji numerals: runs of tokens tagged 数詞 made of kanji digits.
    run: list[Token] = []
    for tok in list(tokens or ()) + [None]:  # type: ignore[list-item]
        if tok is not None and "数詞" in tok.pos and all(c in "〇零一二三四五六七八九十百千万億兆" for c in tok.surface):
            if run and run[-1].end != tok.start:
                _flush(run, text, date_spans, out)
                run = []
            run.append(tok)
            continue
        _flush(run, text, date_spans, out)
        run = []
    out.sort(key=lambda n: n.start)
    return out


def _mixed_value(text: str) -> float:
    """Value of digits with kanji units: 3万 30000, 12万5千 125000, 1億2000万 120000000."""
    total, section = 0.0, 0.0
    for d, unit in _GROUP.findall(text):
        v = float(d.replace(",", ""))
        if unit in ("兆", "億", "万"):
            total += (section + v) * _UNIT[unit]
            section = 0.0
        else:
            section += v * _UNIT[unit]
    return total + section


def _flush(run: list[Token], text: str, skip, out: list[Num]) -> None:
    if not run:
        return
    a, b = run[0].start, run[-1].end
    if any(a < y and x < b for x, y in skip) or any(text[max(0, a - 2):a].endswith(e) for e in ERAS):
        return
    value = kanji_number(text[a:b])
    if value is not None:
        out.append(Num(float(value), a, b, text[a:b]))


COMPARABLE = 10.0  # a changed number stays within this factor of the one it replaced


def comparable(a: float, b: float) -> bool:
    """Whether ``b`` can be ``a`` changed rather than another quantity: the same sign, within a
    factor of :data:`COMPARABLE` (1,800 -> 1,500 yen, 170,000 -> 170万; not "first" -> 1568)."""
    if a == b:
        return True
    if a <= 0 or b <= 0:
        return a == b == 0 or (a < 0 and b < 0)
    return max(a, b) / min(a, b) <= COMPARABLE


def _rounded(a: float, b: float) -> bool:
    """One is a whole number less than 1 away from the other, which has decimals: 17 for 17.8,
    the other text's rounding (or truncation) of the same figure."""
    return float(a).is_integer() != float(b).is_integer() and abs(a - b) < 1


def missing(src: Sequence[Num], tgt: Sequence[Num]) -> list[Num]:
    """Source numbers whose value appears nowhere on the target side (first mention of each)."""
    out: list[Num] = []
    seen: set[float] = set()
    for n in src:
        tol = 1.0 if n.approx else 1e-9
        if n.value in seen or any(abs(t.value - n.value) <= tol or _rounded(n.value, t.value) for t in tgt):
            seen.add(n.value)
            continue
        seen.add(n.value)
        out.append(n)
    return out
