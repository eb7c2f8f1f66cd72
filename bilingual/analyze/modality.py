"""Negation and modality markers in English and Japanese.

Categories: ``possibility`` (may, might, could / かもしれない, 可能性がある, 得る,
ことがある, 場合がある), ``ability`` (can, be able to / ことができる, 可能),
``obligation`` (must, shall, should, be required to / なければならない, べき,
ものとする, 必要がある).  "will" and "intend" are left out: Japanese routinely
leaves the future and intention unmarked.  A category present on one side and
absent on the other is a drift.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_EN = {
    "possibility": r"\b(?:may|might|could|possibly|perhaps|potentially)\b",
    "ability": r"\b(?:can|cannot|can't|(?:be|is|are|was|were) able to)\b",
    "obligation": r"\b(?:must|shall|should|ought to|(?:is|are|be) required to|have to|has to|need to)\b",
    "negation": r"\b(?:not|no|never|neither|nor|none|nothing|without|cannot)\b|n't\b",
}
_JA = {
    "possibility": r"かもしれ|可能性が|得る|うる|ことがある|場合がある|おそれ|恐れ",
    "ability": r"ことができ|ことが出来|ことが可能|可能である|でき(?:る|ます)",
    "obligation": r"なければなら|なくてはなら|ねばなら|べき|ものとする|必要があ|義務",
    "negation": r"(?<![でにはがの])ない|なかった|なく(?![てし])|ません|ず[、。に]|ずに|ぬ|無し|しない|できない|ではない|非[^常]|不[可能要適]|未[だ]",
}
_EN_RE = {k: re.compile(v, re.IGNORECASE) for k, v in _EN.items()}
_JA_RE = {k: re.compile(v) for k, v in _JA.items()}
# Parts of the obligation family that are mutually translatable with ability in Japanese
# legal style ("may" = することができる): treat possibility and ability as one family.
FAMILY = {"possibility": "can", "ability": "can", "obligation": "must", "negation": "not"}


@dataclass(frozen=True)
class Marker:
    category: str
    start: int
    end: int
    text: str


def markers(text: str, lang: str) -> list[Marker]:
    table = _JA_RE if lang == "ja" else _EN_RE
    out = []
    for cat, rx in table.items():
        for m in rx.finditer(text):
            out.append(Marker(cat, m.start(), m.end(), m.group(0)))
    out.sort(key=lambda m: (m.start, m.category))
    return out


_NEG_FALSE_EN = re.compile(r"\bnot only\b|\bno\.\s*\d|\bnot limited to\b|\bwithout limitation\b", re.IGNORECASE)
# The Japanese genitive "no" inside a romanised name or title ("TAIRA no Tomomori",
# "Shikibu no jo", "Oki-no-erabujima"): after a capitalised word or between hyphens.
# "has no Japanese ...", "the Shogunate no longer ..." stay negations.
_ROMAJI_NO = re.compile(r"\b[A-Z][A-Za-z'-]*\s+(no)\s+(?!(?:longer|more|one|other|such|further|less|matter)\b)"
                        r"|(?<=\w-)(no)(?=-\w)")


def _month_may(text: str, start: int) -> bool:
    """``May`` the month: capitalised inside a sentence ("in May") or next to a day number
    ("May 5", "5 May"); a sentence-initial "May" without a number stays the modal."""
    if text[start:start + 3] != "May":
        return False
    if re.match(r"\s*\d", text[start + 3:start + 8]) or re.search(r"\d\s*$", text[max(0, start - 4):start]):
        return True
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in ".!?\"'\u201c\u2018"


def families(text: str, lang: str) -> dict[str, list[Marker]]:
    """Markers grouped by family (``can``, ``must``, ``not``)."""
    out: dict[str, list[Marker]] = {}
    found = markers(text, lang)
    skip = [(m.start(), m.end()) for m in _NEG_FALSE_EN.finditer(text)] if lang == "en" else []
    if lang == "en":
        skip += [m.span(1) if m.group(1) else m.span(2) for m in _ROMAJI_NO.finditer(text)]
        found = [mk for mk in found if not (mk.category == "possibility" and _month_may(text, mk.start))]
    # なければならない / なくてはならない are obligation, not negation: mask their tail.
    skip += [(m.start, m.end + 3) for m in found if lang == "ja" and m.category == "obligation"]
    for mk in found:
        if mk.category == "negation" and any(a <= mk.start < b for a, b in skip):
            continue
        out.setdefault(FAMILY[mk.category], []).append(mk)
    return out


def differences(src: str, src_lang: str, tgt: str, tgt_lang: str) -> list[tuple[str, str, Marker]]:
    """``(family, side, marker)`` for each family whose count of markers differs in parity
    (negation) or presence (modality) between the two texts; side is where the marker is."""
    fs, ft = families(src, src_lang), families(tgt, tgt_lang)
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
