"""Japanese morphemes: the fugashi tagger on unidic-lite, tokens with character offsets."""
from __future__ import annotations

from functools import lru_cache

from ..types import Token


@lru_cache(maxsize=1)
def tagger():
    """The fugashi tagger on the unidic-lite dictionary, passed explicitly (built once)."""
    try:
        import fugashi
        import unidic_lite
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("Japanese segmentation needs fugashi and unidic-lite: pip install 'bilingual[ja]'") from exc
    dicdir = unidic_lite.DICDIR
    return fugashi.Tagger(f'-r "{dicdir}/mecabrc" -d "{dicdir}"')


def signature() -> str:
    """Versions of the segmenter, for report signatures."""
    from importlib.metadata import version

    return f"fugashi-{version('fugashi')}+unidic-lite-{version('unidic-lite')}"


# Positions in a unidic-lite feature row (fugashi's UnidicFeatures26); unknown words have 6 fields.
_CFORM, _LEMMA, _PRON, _KANA = 5, 7, 9, 17


def _features(raw: str) -> list[str]:
    if '"' not in raw:
        return raw.split(",")
    import csv

    return next(csv.reader([raw]))


def _feat(feat: list[str], k: int) -> str:
    value = feat[k] if k < len(feat) else ""
    return "" if value == "*" else value


def tokenize(text: str) -> list[Token]:
    """Morphemes of ``text`` with offsets: ``text[t.start:t.end] == t.surface``."""
    return [tok for tok, _ in _analyse(text)]


def _analyse(text: str) -> list[tuple[Token, str]]:
    """Tokens of ``text`` with their conjugation form (cForm, "" when none)."""
    out: list[tuple[Token, str]] = []
    if not text:
        return out
    tag = tagger()
    for line_start, line in _physical_lines(text):
        pos = line_start
        for word in tag(line):
            surface = word.surface
            if not surface:
                continue
            i = text.find(surface, pos, line_start + len(line))
            if i < 0:  # MeCab changed the surface: skip rather than invent an offset
                continue
            feat = _features(word.feature_raw)
            pos_tag = ",".join(p for p in feat[:4] if p != "*") or "未知語"
            lemma = _feat(feat, _LEMMA) or surface
            reading = _feat(feat, _KANA) or _feat(feat, _PRON) or surface
            out.append((Token(surface, lemma, reading, pos_tag, i, i + len(surface)), _feat(feat, _CFORM)))
            pos = i + len(surface)
    return out


# MeCab crashes (segfault) on lines of a few hundred thousand characters, so a
# long line is tagged in pieces, cut after 。、 or a space when there is one.
TAG_CHUNK = 4096


def _physical_lines(text: str):
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            start = 0
            while len(line) - start > TAG_CHUNK:
                cut = max(line.rfind(ch, start + TAG_CHUNK // 2, start + TAG_CHUNK) for ch in "。、 ")
                cut = cut + 1 if cut > start else start + TAG_CHUNK
                yield pos + start, line[start:cut]
                start = cut
            yield pos + start, line[start:]
        pos += len(line) + 1


def _pos1(tok: Token) -> str:
    return tok.pos.split(",", 1)[0]


@lru_cache(maxsize=4096)
def _tag(fragment: str) -> tuple[tuple[Token, str], ...]:
    """Cached analysis of a short fragment (line tails and windows repeat a lot)."""
    return tuple(_analyse(fragment))
