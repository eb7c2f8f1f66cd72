"""Clauses inside a Japanese sentence, from fugashi tokens (読点, conjunctive particles, enumerations, asides)."""
from __future__ import annotations

import re

from ..types import Token
from . import markup
from .japanese import _PREDICATES, COMMAS, TERMINATORS, _bracket_pairs
from .japanese_tokens import _analyse, _pos1

# A clause shorter than this (characters) is merged into its neighbour.
MIN_CLAUSE = 5
# A clause longer than this is also cut at its other 読点 (after a noun or case particle).
MAX_CLAUSE = 40
# Minimum inner length of a parenthesised aside that becomes its own clause.
MIN_ASIDE = 5
_CLAUSE_MARK = re.compile("[" + re.escape(COMMAS + TERMINATORS) + "（(]")
ENUM_WORDS = ("及び", "並びに", "又は", "若しくは", "および", "ならびに", "または", "もしくは")

def _is_enum(tok: Token) -> bool:
    return tok.lemma in ENUM_WORDS or tok.surface in ENUM_WORDS or (tok.surface == "や" and _pos1(tok) == "助詞")


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of the sentence ``text[start:end]`` (absolute offsets, 、 kept on the left).

    Cuts after a 読点 that follows a conjunctive particle, a 連用形 predicate
    (連用中止) or the end of an enumeration (A、B及びC、), after a sentence end
    inside a list item, and around a parenthesised aside.  A clause still
    longer than ``MAX_CLAUSE`` is cut at its other 読点; pieces shorter than
    ``MIN_CLAUSE`` join a neighbour.
    """
    start, end = markup.strip_span(text, start, end)
    if start >= end:
        return []
    sentence = text[start:end]
    if end - start < 2 * MIN_CLAUSE or not _CLAUSE_MARK.search(sentence, 0, len(sentence) - 1):
        return [(start, end)]  # nothing to cut at: skip the tagger
    toks = _analyse(sentence)
    strong: set[int] = set()
    weak: set[int] = set()
    # the phrases between commas, to see where an enumeration (A、B及びC) ends
    commas = [k for k, (tok, _) in enumerate(toks) if tok.surface in COMMAS]
    bounds = [-1] + commas + [len(toks)]
    has_enum = [any(_is_enum(t) for t, _ in toks[a + 1:b]) for a, b in zip(bounds, bounds[1:])]
    for n, k in enumerate(commas):
        if k == 0:
            continue
        prev, pform = toks[k - 1]
        conj = prev.pos.startswith("助詞,接続助詞")
        renyo = _pos1(prev) in _PREDICATES and pform.startswith("連用形")
        enum_done = has_enum[n] and not has_enum[n + 1]
        if conj or renyo or enum_done:
            strong.add(toks[k][0].end)
        elif _pos1(prev) == "助詞":  # "Xは、" "Aから Bまで、": a fallback for long clauses
            weak.add(toks[k][0].end)
    for tok, _ in toks[:-1]:  # a unit (list item) may hold more than one sentence
        if tok.surface in TERMINATORS and _pos1(tok) == "補助記号":
            strong.add(tok.end)
    pairs = _bracket_pairs(sentence, 0, len(sentence), set())
    for a, b in pairs.items():  # a parenthesised aside (not nested) is a clause of its own
        if sentence[a] in "（(" and b - a - 1 >= MIN_ASIDE and not any(x < a < y for x, y in pairs.items()):
            strong.update((a, b + 1))

    def allowed(c: int) -> bool:
        return 0 < c < len(sentence) and not any(a < c <= b for a, b in pairs.items())

    pieces = markup.cut_spans(sentence, sorted(c for c in strong if allowed(c)))
    refined: list[tuple[int, int]] = []
    for a, b in pieces:
        if b - a > MAX_CLAUSE:
            refined.extend(markup.cut_spans(sentence, sorted(c for c in weak if a < c < b and allowed(c)), a, b))
        else:
            refined.append((a, b))
    return [(start + a, start + b) for a, b in _merge_short(sentence, refined)]


def _merge_short(s: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join pieces shorter than MIN_CLAUSE to the previous one, or to the next after a sentence end."""
    merged: list[list[int]] = []
    carry = None
    for a, b in pieces:
        if carry is not None:
            a, carry = carry, None
        if b - a < MIN_CLAUSE:
            if merged and s[merged[-1][1] - 1] not in TERMINATORS:
                merged[-1][1] = b
                continue
            if (a, b) != pieces[-1]:
                carry = a
                continue
        merged.append([a, b])
    if carry is not None:  # pragma: no cover - the last piece never sets carry
        merged.append([carry, pieces[-1][1]])
    return [(a, b) for a, b in merged]
