"""Open vs closed lists: "including but not limited to" narrowed to を含む, and the reverse.

An *open* marker says the list is not exhaustive.  Strong open markers
("including but not limited to", "without limitation", を含むがこれに限らない)
are legal phrasing whose loss changes scope: a major drift.  Weak ones ("such
as", "e.g.", 等, など, といった) are often rendered loosely: a minor drift.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_EN_STRONG = r"including,? but not limited to|including,? without limitation|but (?:is|are) not limited to|not limited to"
_EN_WEAK = r"\bsuch as\b|\be\.g\.|\bfor example\b|\bfor instance\b|\betc\.?|\band so on\b|\band others\b|\bamong others\b|\bincluding\b|\blike\b"
_JA_STRONG = r"(?:を)?含むがこれ(?:ら)?に限(?:らない|定されない|られない)|に限らず|をはじめ(?:とする)?|を含め(?:て)?(?:様々|さまざま)"
_JA_WEAK = r"等|など|といった|ほか|例えば|などの|をはじめ|その他|他の"
_EN_CLOSED = r"\bincludes?\b|\bincluding\b|\bconsisting of\b|\bnamely\b"
_JA_CLOSED = r"を含む|を含め|から成る|からなる|すなわち"

_RX = {
    ("en", "strong"): re.compile(_EN_STRONG, re.IGNORECASE),
    ("en", "weak"): re.compile(_EN_WEAK, re.IGNORECASE),
    ("ja", "strong"): re.compile(_JA_STRONG),
    ("ja", "weak"): re.compile(_JA_WEAK),
    ("en", "closed"): re.compile(_EN_CLOSED, re.IGNORECASE),
    ("ja", "closed"): re.compile(_JA_CLOSED),
}
_NOT_WEAK_JA = re.compile(r"平等|高等|上等|同等|等しい|均等|対等|等級|劣等|優等|特等|一等|二等|三等|初等|中等")


@dataclass(frozen=True)
class ScopeMarker:
    strength: str  # strong | weak | closed
    start: int
    end: int
    text: str


def find(text: str, lang: str, strength: str) -> list[ScopeMarker]:
    out = []
    bad = [(m.start(), m.end()) for m in _NOT_WEAK_JA.finditer(text)] if lang == "ja" else []
    for m in _RX[(lang, strength)].finditer(text):
        if any(a <= m.start() < b for a, b in bad):
            continue
        out.append(ScopeMarker(strength, m.start(), m.end(), m.group(0)))
    return out


def narrowed(src: str, src_lang: str, tgt: str, tgt_lang: str) -> list[tuple[ScopeMarker, ScopeMarker | None, str]]:
    """Open-list markers of the source with no open marker in the target.

    Returns ``(source marker, target closed marker or None, severity)``.
    """
    out = []
    tgt_open = find(tgt, tgt_lang, "strong") + find(tgt, tgt_lang, "weak")
    tgt_strong = find(tgt, tgt_lang, "strong")
    tgt_closed = find(tgt, tgt_lang, "closed")
    strong = find(src, src_lang, "strong")
    for mk in strong:
        if not tgt_strong:
            out.append((mk, tgt_closed[0] if tgt_closed else None, "major" if not tgt_open else "minor"))
    if strong:
        return out
    weak = [w for w in find(src, src_lang, "weak") if not (src_lang == "en" and w.text.lower() in ("including", "like"))]
    if weak and not tgt_open:
        out.append((weak[0], tgt_closed[0] if tgt_closed else None, "minor"))
    return out
