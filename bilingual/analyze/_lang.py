"""Language helpers shared by the detectors: clause spans, Japanese tokens, romaji.

The segmenters (``bilingual.segment.english`` / ``japanese``) are the real
source of clause spans and tokens; the small fallbacks here only keep the
analysis usable while a backend is missing (they split at commas and
semicolons, and tokenise with fugashi + unidic-lite directly).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..types import Token

_EN_CLAUSE_BREAK = re.compile(
    r"[,;:]\s+|\s+(?=(?:which|who|whereas|while|although|because|thereby|and thereby|so that|in order to)\b)"
)
_JA_CLAUSE_BREAK = re.compile(r"(?<=[、，；：。])")


def clause_spans(text: str, lang: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Clause spans (absolute offsets) inside ``text[start:end]``."""
    end = len(text) if end is None else end
    try:
        if lang == "ja":
            from ..segment import japanese as backend
        else:
            from ..segment import english as backend
        spans = list(backend.clause_spans(text, start, end))
        if spans:
            return spans
    except (ImportError, AttributeError):
        pass
    return _fallback_clauses(text, lang, start, end)


def fine_clauses(text: str, lang: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Finer chunks (at commas and clause words) for coverage: a clause-level omission
    often sits inside a long segmenter clause."""
    return _fallback_clauses(text, lang, start, len(text) if end is None else end)


def _fallback_clauses(text: str, lang: str, start: int, end: int) -> list[tuple[int, int]]:
    pattern = _JA_CLAUSE_BREAK if lang == "ja" else _EN_CLAUSE_BREAK
    min_len = 8 if lang == "ja" else 16
    cuts = [start] + [m.end() + start for m in pattern.finditer(text[start:end])] + [end]
    spans: list[list[int]] = []
    for a, b in zip(cuts, cuts[1:]):
        if b <= a:
            continue
        if spans and (b - a < min_len or spans[-1][1] - spans[-1][0] < min_len):
            spans[-1][1] = b
        else:
            spans.append([a, b])
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def tokenize_ja(text: str) -> list[Token]:
    """Japanese morphemes with offsets (the segmenter's tokenizer when present)."""
    try:
        from ..segment.japanese import tokenize

        return list(tokenize(text))
    except (ImportError, AttributeError):
        return _fallback_tokenize(text)


@lru_cache(maxsize=1)
def _tagger():
    try:
        from ..segment.japanese import tagger

        return tagger()
    except (ImportError, AttributeError):
        import fugashi
        import unidic_lite

        return fugashi.Tagger(f'-d "{unidic_lite.DICDIR}"')


def _fallback_tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    pos = 0
    for word in _tagger()(text):
        surface = word.surface
        at = text.find(surface, pos)
        if at < 0:
            continue
        f = word.feature
        pos_tags = ",".join(x for x in (f.pos1, f.pos2, f.pos3, f.pos4) if x and x != "*")
        reading = getattr(f, "kana", None) or ""
        out.append(Token(surface, f.lemma or surface, reading, pos_tags, at, at + len(surface)))
        pos = at + len(surface)
    return out


@lru_cache(maxsize=1)
def _cutlet():
    import cutlet

    return cutlet.Cutlet()


@lru_cache(maxsize=65536)
def kana_to_romaji(kana: str) -> str:
    """Hepburn romaji of a kana string (katakana accepted), lower case."""
    hira = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in kana)
    try:
        return _cutlet().map_kana(hira).lower()
    except (KeyError, IndexError):
        return ""


_LONG = [("ou", "o"), ("oo", "o"), ("uu", "u"), ("ei", "e"), ("ii", "i"), ("aa", "a")]


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """A loose key for comparing romanisations: letters only, long vowels and doubles folded.

    ``Sennyuuji``, ``Senyu-ji`` and ``Sen'yūji`` all give ``senyuji``.
    """
    s = unicodedata.normalize("NFKD", word.lower())
    s = "".join(c for c in s if "a" <= c <= "z")
    s = s.replace("tch", "ch").replace("mb", "nb").replace("mp", "np").replace("mm", "nm")
    for a, b in _LONG:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


def skeleton(word: str) -> str:
    """Consonant skeleton for foreign names written in katakana: ニコラス ~ Nicholas (nkrs)."""
    s = fold(word)
    for a, b in (("ph", "f"), ("th", "s"), ("ch", "k"), ("sh", "s"), ("ts", "s"), ("c", "k"),
                 ("l", "r"), ("v", "b"), ("q", "k"), ("x", "ks"), ("z", "s"), ("j", "s"), ("d", "t")):
        s = s.replace(a, b)
    s = re.sub(r"[aeiouhwy]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)


def nfkc_same_length(text: str) -> str:
    """NFKC per character where that keeps the length (full-width digits and letters)."""
    if text.isascii():
        return text
    return "".join(map(_nfkc_char, text))


@lru_cache(maxsize=8192)
def _nfkc_char(c: str) -> str:
    n = unicodedata.normalize("NFKC", c)
    return n if len(n) == 1 else c
