"""Negation and modality markers in English and Japanese.

Categories: ``possibility`` (may, might, could / かもしれない, 可能性がある, 得る,
ことがある, 場合がある), ``ability`` (can, be able to / ことができる, 可能),
``obligation`` (must, shall, should, be required to / なければならない, べき,
ものとする, 必要がある).  "will" and "intend" are left out: Japanese routinely
leaves the future and intention unmarked.  A category present on one side and
absent on the other is a drift.

Japanese negation is read from unidic's morphemes, not from the characters: the
negative auxiliaries (ない, ず with its forms ぬ, ん, ざる) and the adjective 無い /
noun 無し, as English counts "not" and "no"/"without" alike.  Kana sequences that
only look negative (少ない "few", ないし "or", the ぬ of まぬけ) and prefixes such as
非 in 非難 "condemn" are not negations, and fixed expressions whose 無い negates
nothing in the sentence (間もなく "soon", だけでなく "not only", 間違いなく
"undoubtedly", しか…ない "only") are skipped.  On the gold one-to-one pairs of
kyoto/align and ntrex/align the character patterns flagged 79 and 75 negation
drifts, nearly all false.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..types import Token

_EN = {
    "possibility": r"\b(?:may|might|could|possibly|perhaps|potentially)\b",
    "ability": r"\b(?:can|cannot|can't|(?:be|is|are|was|were) able to)\b",
    "obligation": r"\b(?:must|shall|should|ought to|(?:is|are|be|was|were) required to|have to|has to|need to)\b",
    "negation": r"\b(?:not|no|never|neither|nor|none|nothing|nobody|nowhere|without|cannot|unable|hardly|scarcely|yet to)\b|n't\b",
}
_JA = {
    "possibility": r"かもしれ|可能性が|得る|うる|ことがある|場合がある|おそれ|恐れ",
    "ability": r"ことができ|ことが出来|ことが可能|可能である|でき(?:る|ます)",
    "obligation": r"なければな[らりる]|なくてはな[らりる]|なくちゃ|ねばな[らりる]|(?<!愛す)べき|ものとする|必要があ|義務",
}
_EN_RE = {k: re.compile(v, re.IGNORECASE) for k, v in _EN.items()}
_JA_RE = {k: re.compile(v) for k, v in _JA.items()}
_JA_NEG_AUX = frozenset({"ない", "ず"})  # lemmas of the negative auxiliaries (ぬ, ん, ざる, ね are ず)
_JA_NEG_WORD = frozenset({"無い", "無し"})  # "there is no", "without"
# Fixed expressions whose negative negates nothing in the sentence: soon, forced to, must be,
# not only, despite, involuntarily, considerably, wasteful, regardless, undoubtedly,
# unprecedented, constant / ceaseless / tireless, and ないし "or" between words (unidic reads
# it as 無い + し).
_JA_FIXED = re.compile(
    r"間もな[くい]|まもな[くい]|ほどな[くい]|程な[くい]|余儀な[くい]|違いな[いく]|だけでな[くい]|のみならず|"
    r"にもかかわらず|にも関わらず|にも拘らず|思わず|少なからず|もったいな[いく]|勿体な[いく]|関係な[くい]|"
    r"間違いな[くい]|前例のな[いく]|絶え(?:ず|ざる|間な)|たゆまぬ|弛まぬ|(?<=[\u4e00-\u9fff\u30a0-\u30ff\u3040-\u309f])ないし(?=[\u4e00-\u9fff\u30a0-\u30ff])"
)
# しか … ない is "only": the negative goes with しか within a few morphemes
_SHIKA_REACH = 6
# Parts of the obligation family that are mutually translatable with ability in Japanese
# legal style ("may" = することができる): treat possibility and ability as one family.
FAMILY = {"possibility": "can", "ability": "can", "obligation": "must", "negation": "not"}


@dataclass(frozen=True)
class Marker:
    category: str
    start: int
    end: int
    text: str


def markers(text: str, lang: str, tokens: Sequence[Token] | None = None) -> list[Marker]:
    """Markers of every category; ``tokens``: the Japanese text's morphemes if already known."""
    table = _JA_RE if lang == "ja" else _EN_RE
    out = []
    for cat, rx in table.items():
        for m in rx.finditer(text):
            out.append(Marker(cat, m.start(), m.end(), m.group(0)))
    if lang == "ja":
        out += _ja_negations(text, tokens)
    out.sort(key=lambda m: (m.start, m.category))
    return out


def _ja_negations(text: str, tokens: Sequence[Token] | None = None) -> list[Marker]:
    """Negative auxiliaries and 無い / 無し among the morphemes (see the module docstring)."""
    from ._lang import tokenize_ja

    toks = list(tokens) if tokens is not None else tokenize_ja(text)
    fixed = [m.span() for m in _JA_FIXED.finditer(text)]
    out = []
    for k, t in enumerate(toks):
        aux = t.pos.startswith("助動詞") and t.lemma in _JA_NEG_AUX
        word = t.pos.startswith(("形容詞", "名詞")) and t.lemma in _JA_NEG_WORD
        if not (aux or word) or any(a <= t.start < b for a, b in fixed):
            continue
        before = toks[max(0, k - _SHIKA_REACH):k]
        cut = max((i for i, b in enumerate(before) if b.pos.startswith("補助記号")), default=-1)
        if any(b.surface == "しか" and b.pos.startswith("助詞") for b in before[cut + 1:]):
            continue
        out.append(Marker("negation", t.start, t.end, t.surface))
    return out


_NEG_FALSE_EN = re.compile(r"\bnot only\b|\bno\.\s*\d|\bnot limited to\b|\bwithout limitation\b|"
                           r"\bno (?:later|earlier|sooner|more|less|fewer) than\b|\bno doubt\b|\bnothing but\b|"
                           r"\bnot (?:just|merely|least)\b|\bno-(?=\w)", re.IGNORECASE)
# The Japanese genitive "no" inside a romanised name or title ("TAIRA no Tomomori",
# "Shikibu no jo", "Oki-no-erabujima"): after a capitalised word or between hyphens.
# "has no Japanese ...", "the Shogunate no longer ..." stay negations.
_NOT_AFTER_NO = r"(?!(?:longer|more|one|other|such|further|less|matter)\b)"
_ROMAJI_NO = re.compile(r"\b[A-Z][A-Za-z'-]*\s+(no)\s+" + _NOT_AFTER_NO + r"|(?<=\w-)(no)(?=-\w)"
                        # a capitalised word, then two lower-case words that read as romaji around it
                        # ("Sakone gon no shosho", "Sakon e no chujo"); not English verbs of that shape
                        r"|\b[A-Z][A-Za-z'-]*\s+(?!(?:are|were|be|see|made|make|take|came|come|become|became|done|gone)\s)"
                        r"(?:[kgsztdnhbpmrfjwy]?[aeiou]n?)+\s+(no)\s+" + _NOT_AFTER_NO
                        + r"(?=(?:[kgsztdnhbpmrfjwy]|ch|sh|ts)?[aeiou](?:n?(?:[kgsztdnhbpmrfjwy]|ch|sh|ts)?[aeiou])+n?\b)")


def _month_may(text: str, start: int) -> bool:
    """``May`` the month: capitalised inside a sentence ("in May") or next to a day number
    ("May 5", "5 May"); a sentence-initial "May" without a number stays the modal."""
    if text[start:start + 3] != "May":
        return False
    if re.match(r"\s*\d", text[start + 3:start + 8]) or re.search(r"\d\s*$", text[max(0, start - 4):start]):
        return True
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in ".!?\"'\u201c\u2018"


def families(text: str, lang: str, tokens: Sequence[Token] | None = None) -> dict[str, list[Marker]]:
    """Markers grouped by family (``can``, ``must``, ``not``)."""
    out: dict[str, list[Marker]] = {}
    found = markers(text, lang, tokens)
    skip = [(m.start(), m.end()) for m in _NEG_FALSE_EN.finditer(text)] if lang == "en" else []
    if lang == "en":
        skip += [next(m.span(g) for g in (1, 2, 3) if m.group(g)) for m in _ROMAJI_NO.finditer(text)]
        found = [mk for mk in found if not (mk.category == "possibility" and _month_may(text, mk.start))]
    # なければならない / なくてはならない are obligation, not negation: mask their tail.
    skip += [(m.start, m.end + 3) for m in found if lang == "ja" and m.category == "obligation"]
    for mk in found:
        if mk.category == "negation" and any(a <= mk.start < b for a, b in skip):
            continue
        out.setdefault(FAMILY[mk.category], []).append(mk)
    return out


def differences(src: str, src_lang: str, tgt: str, tgt_lang: str, *, src_tokens: Sequence[Token] | None = None,
                tgt_tokens: Sequence[Token] | None = None) -> list[tuple[str, str, Marker]]:
    """``(family, side, marker)`` for each family whose count of markers differs in parity
    (negation) or presence (modality) between the two texts; side is where the marker is."""
    fs, ft = families(src, src_lang, src_tokens), families(tgt, tgt_lang, tgt_tokens)
    out = []
    for fam in ("not", "must", "can"):
        a, b = fs.get(fam, []), ft.get(fam, [])
        if fam == "not":
            if (len(a) % 2) == (len(b) % 2) or (a and b):
                continue
        elif bool(a) == bool(b):
            continue
        if a:
            out.append((fam, "source", a[0]))
        else:
            out.append((fam, "target", b[0]))
    return out
