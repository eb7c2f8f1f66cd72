"""Japanese backend of the tokenizer layer: fugashi + unidic-lite.

Sentence splitting works on the raw text so that every span indexes it:

1. :func:`bilingual.segment.markup.lines` gives content lines (headings, list
   items, text).  Consecutive lines of one paragraph are joined when the first
   one does not end a sentence (decided from its last morpheme, not from the
   newline: "決まり次第\\nご連絡…" is one sentence, "…調整中です\\n決まり…" two).
2. Inside a joined block a sentence ends after 。！？!?．, together with the
   closing brackets, emoji and kaomoji that follow, unless it is inside a
   bracket pair or the next morpheme is a particle ("モーニング娘。は…").
   An emoji/kaomoji run followed by new content also ends a sentence, and so
   does a space after a polite sentence-final form (です/ます).

Headings and list items are one unit each (an item may hold two sentences).
"""
from __future__ import annotations

import re

from . import markup
from .japanese_tokens import _analyse, _pos1, _tag, signature, tagger, tokenize  # noqa: F401 - re-exported

TERMINATORS = "。！？!?．｡‼⁇⁈⁉"
OPENERS = "「『（(【〔［[｢“〈《〘｛"
CLOSERS = "」』）)】〕］]｣”〉》〙｝"
_PAIR = dict(zip(OPENERS, CLOSERS))
_FAMILY = {"(": "（", ")": "（", "（": "（", "）": "（", "[": "［", "]": "［", "［": "［", "］": "［"}
TRAILING_CLOSERS = CLOSERS + "\"'’"
SMALL_KANA = "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶーｰ～〜"
COMMAS = "、，,､"
_JA_LETTER = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")

# Emoji: pictographs, dingbats, stars and private-use icons, with modifiers.
_EMOJI = r"[\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\ue000-\uf8ff][\ufe0f\u200d\U0001f3fb-\U0001f3ff]*"
# Characters that make up faces; a bracket group is a kaomoji when it holds them.
FACE_CHARS = "^＾_＿;；ω∀▽´`ﾟ゜Дд∇≧≦◕‿⌒＊*・･°ε≡￣"
_KAO_PAREN = r"(?:m[\(（][^()（）\n]{1,12}[\)）]m|[＼\\ヽヾ٩⊂]?[\(（][^()（）\n]{1,12}[\)）][／/ﾉノ۶⊃]?)"
_KAO_OPEN = r"[\(（][" + re.escape(FACE_CHARS) + r" ]{2,6}(?=\s|$)"
_KAO_BARE = r"[\^＾][\^＾_＿oｏ・ー\-]{0,3}[\^＾][;；]*"
_KAO_WESTERN = r"(?<![A-Za-z0-9])(?:[:;][\-']?[)(DPp]|orz|OTL)(?![A-Za-z0-9])"
_EMO_OR_KAO = re.compile("|".join((_EMOJI, _KAO_PAREN, _KAO_OPEN, _KAO_BARE, _KAO_WESTERN)))
_EMOJI_RE = re.compile(_EMOJI)
_WORDY_PAIR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff](?<!一)[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff](?<!一)|[A-Za-z0-9]{3}")

# Sentence-initial conjunctions made of particles and copulas, which the tagger
# reads as particles after 。 ("でも" = で+も).
SENTENCE_OPENERS = ("でも", "では", "でしたら", "ですが", "ですから", "だから", "だが", "だけど", "だって",
                    "なので", "なのに", "なら", "けど", "けれど", "とはいえ", "とにかく", "ところが", "ところで")
_PREDICATES = ("動詞", "助動詞", "形容詞")
_CONTENTFUL = ("助詞", "動詞", "助動詞", "形容詞", "接続詞", "副詞", "感動詞")
_POLITE = ("です", "ます")

# Characters before a line end or space that decide whether a sentence ends there
# (the final predicate and its auxiliaries fit easily; more only costs tagging time).
TAIL = 24
# A line longer than this is prose, never a bare label/name line.
LABEL_MAX = 40


# ----------------------------------------------------------------------------- predicates


def _ends_sentence(fragment: str, strict: bool) -> bool:
    """Does ``fragment`` end in a sentence-final form (終止形/命令形 predicate, 終助詞)?

    ``strict`` asks for a polite form or a final particle: a plain た/る also
    ends relative clauses ("…となった 高木選手"), so a space after one is weak evidence.
    """
    toks = [(t, f) for t, f in _tag(fragment.strip()) if _pos1(t) not in ("補助記号", "空白", "記号")]
    if not toks:
        return False
    tok, form = toks[-1]
    pos1 = _pos1(tok)
    if tok.pos.startswith("助詞,終助詞") and tok.surface[0] not in SMALL_KANA:
        # after a space, only a final particle that follows a predicate ("ですよ", "だね")
        prev = toks[-2][0] if len(toks) > 1 else None
        if prev is None:
            return not strict
        return not strict or _pos1(prev) in _PREDICATES or prev.pos.startswith("助詞,終助詞")
    if strict:
        tail = toks[-3:]
        return form.startswith("終止形") and any(t.lemma in _POLITE for t, _ in tail)
    if pos1 == "感動詞":
        return True
    return pos1 in _PREDICATES and (form.startswith("終止形") or form.startswith("命令形"))


def _noun_only(fragment: str) -> bool:
    """A short line made of nouns and symbols only: a name, title or label."""
    if len(fragment) > LABEL_MAX:
        return False
    return not any(_pos1(t) in _CONTENTFUL for t, _ in _tag(fragment.strip()))


def _starts_with_particle(text: str, i: int, limit: int) -> bool:
    """Does the text at ``i`` continue the previous words (particle, copula, small kana)?"""
    if i >= limit:
        return False
    ch = text[i]
    if ch in SMALL_KANA or ch in COMMAS:
        return True
    if not ("\u3040" <= ch <= "\u309f"):  # particles and copulas are hiragana
        return False
    # tag with the preceding character (。」 or a bracket) as context, not as if a sentence started
    lo = i - 1 if i > 0 and not text[i - 1].isspace() else i
    window = text[lo:min(limit, i + 12)].split("\n", 1)[0]
    first = next((t for t, _ in _tag(window) if t.start >= i - lo), None)
    if first is None or first.start != i - lo or _pos1(first) != "助詞" or first.pos.startswith("助詞,接続助詞"):
        return False
    # "が、" "と、" and particle-made conjunctions ("でも", "だから") open a sentence
    comma_after = window[first.end:first.end + 1] in COMMAS
    return not ((comma_after and first.surface in ("が", "で", "と")) or text.startswith(SENTENCE_OPENERS, i))


# ----------------------------------------------------------------------------- scanning helpers


def _is_kaomoji(match: str) -> bool:
    """A bracketed candidate is a face when it holds face characters and no words ("(^o^)", not "(K-ON!)")."""
    if match[0] not in "(（＼\\ヽヾ٩⊂m":
        return True
    inner = re.sub(r"^[^\(（]*[\(（]|[\)）][^\)）]*$", "", match)
    faces = sum(c in FACE_CHARS for c in inner)
    if _WORDY_PAIR.search(inner):
        return False
    return faces >= 2 or (faces >= 1 and len(inner.strip()) >= 3)


def _emoticon_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Runs of emoji and kaomoji in ``text[start:end]`` (adjacent ones merged)."""
    runs: list[list[int]] = []
    for m in _EMO_OR_KAO.finditer(text, start, end):
        if not _EMOJI_RE.fullmatch(m.group()) and not _is_kaomoji(m.group()):
            continue
        if runs and runs[-1][1] == m.start():
            runs[-1][1] = m.end()
        else:
            runs.append([m.start(), m.end()])
    return [(a, b) for a, b in runs]


def _bracket_pairs(text: str, start: int, end: int, masked: set[int]) -> dict[int, int]:
    """Matched bracket pairs: map opener offset -> closer offset (unmatched ones ignored)."""
    pairs: dict[int, int] = {}
    stack: list[tuple[int, str]] = []
    for m in _BRACKET.finditer(text, start, end):
        i, ch = m.start(), m.group()
        if i in masked:
            continue
        if ch in _PAIR:
            stack.append((i, _FAMILY.get(ch, ch)))
        elif ch in CLOSERS:
            fam = _FAMILY.get(ch, OPENERS[CLOSERS.index(ch)])
            for k in range(len(stack) - 1, max(-1, len(stack) - 17), -1):  # bounded: no quadratic scans
                if stack[k][1] == fam:
                    pairs[stack[k][0]] = i
                    del stack[k:]
                    break
    return pairs


_BRACKET = re.compile("[" + re.escape(OPENERS + CLOSERS) + "]")
_CANDIDATE = re.compile(r"[" + re.escape(TERMINATORS + OPENERS) + r"]|[ \t\u3000]+")


def _is_terminator(text: str, i: int, end: int) -> bool:
    ch = text[i]
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < end else ""
    if ch in "!?" and before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
        return False  # "Yahoo!JAPAN"-like words
    if ch == "．" and (before.isdigit() or (after and (after.isalnum() and after.isascii()))):
        return False
    return True


def _block_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split one joined block ``text[start:end]`` into sentence spans."""
    emoticons = _emoticon_spans(text, start, end)
    emo_end = {a: b for a, b in emoticons}
    masked = {i for a, b in emoticons for i in range(a, b)}
    pairs = _bracket_pairs(text, start, end, masked)
    cuts: list[int] = []
    sent_start = start

    def absorb(j: int) -> int:
        """Extend past closers, more terminators, and emoticons (after spaces)."""
        while j < end:
            ch = text[j]
            if ch in TERMINATORS or ch in CLOSERS or ch == "’":
                j += 1
                continue
            if ch in "\"'" and text.count(ch, sent_start, j) % 2 == 1:  # closes an ASCII quote
                j += 1
                continue
            k = j
            while k < end and text[k] in " \t\u3000":
                k += 1
            if k in emo_end:
                j = emo_end[k]
                continue
            break
        return j

    def next_content(j: int) -> int:
        while j < end and text[j].isspace():
            j += 1
        return j

    def continues(j: int) -> bool:
        """Is the text at ``j`` a continuation (particle, possibly after a bracket aside)?"""
        k = next_content(j)
        if k < end and k in pairs and text[k] in "（(":
            k = pairs[k] + 1
        return k >= end or _starts_with_particle(text, k, end) or text[k] in TERMINATORS

    def cut(j: int) -> None:
        nonlocal sent_start
        cuts.append(j)
        sent_start = j

    emo_starts = sorted(emo_end)
    ei = 0
    i = start
    while i < end:
        m = _CANDIDATE.search(text, i, end)
        while ei < len(emo_starts) and emo_starts[ei] < i:
            ei += 1
        e = emo_starts[ei] if ei < len(emo_starts) else end
        p = m.start() if m else end
        if e < end and e <= p:  # an emoji/kaomoji run followed by new content ends a sentence
            j = absorb(emo_end[e])
            if text[sent_start:e].strip() and next_content(j) < end and not continues(j):
                cut(j)
            i = j
            continue
        if not m:
            break
        ch = text[p]
        if ch in OPENERS:
            i = pairs.get(p, p) + 1
            continue
        if ch in TERMINATORS:
            i = p + 1
            if _is_terminator(text, p, end):
                i = absorb(p + 1)
                if next_content(i) < end and not continues(i):
                    cut(i)
            continue
        # horizontal whitespace between Japanese text: a boundary after a polite final form
        i = m.end()
        if (
            p > sent_start
            and i < end
            and _JA_LETTER.match(text[p - 1])
            and _JA_LETTER.match(text[i])
            and _ends_sentence(text[max(sent_start, p - TAIL):p].split("\n")[-1], strict=True)
            and not continues(i)
        ):
            cut(i)
    return markup.cut_spans(text, cuts, start, end)




# ----------------------------------------------------------------------------- line joining


def _tail(text: str, line: markup.Line) -> str:
    """The last sentence fragment of a line (after its last terminator)."""
    frag = text[line.start:line.end]
    cut = max(frag.rfind(c) for c in TERMINATORS)
    return (frag[cut + 1:] if cut >= 0 and cut + 1 < len(frag) else frag)[-TAIL:]


def _joins(text: str, prev: markup.Line, nxt: markup.Line) -> bool:
    """Is the newline between ``prev`` and ``nxt`` (same paragraph) inside a sentence?"""
    if nxt.blank_before or nxt.kind != "text" or prev.kind == "heading":
        return False
    raw_end = text.find("\n", prev.end)
    if raw_end > 0 and text[prev.end:raw_end].endswith("  "):  # markdown hard line break
        return False
    frag = text[prev.start:prev.end]
    if frag[-1] in TERMINATORS or frag[-1] in CLOSERS and frag.rstrip(CLOSERS)[-1:] in tuple(TERMINATORS):
        return False
    emos = _emoticon_spans(text, prev.start, prev.end)
    if emos and emos[-1][1] == prev.end:
        return False
    if frag[-1] in COMMAS or frag[-1] in OPENERS:
        return True
    if _noun_only(text[nxt.start:nxt.end]) or _noun_only(frag):
        return False
    return not _ends_sentence(_tail(text, prev), strict=False)


def _ends_with_terminator(text: str, a: int, b: int) -> bool:
    """Does ``text[a:b]`` end in 。！？ (before closing brackets and trailing emoji/kaomoji)?"""
    emos = _emoticon_spans(text, max(a, b - 16), b)
    if emos and emos[-1][1] == b:
        b = emos[-1][0]
    last = text[a:b].rstrip().rstrip(TRAILING_CLOSERS)
    return last[-1:] in tuple(TERMINATORS)


def sentence_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of the sentence-level units of a Japanese document side."""
    lines = markup.lines(text)
    blocks: list[list] = []  # [start, end, kind]
    for k, line in enumerate(lines):
        if blocks and _joins(text, lines[k - 1], line):
            blocks[-1][1] = line.end
        else:
            blocks.append([line.start, line.end, line.kind])
    out: list[tuple[int, int, str]] = []
    for start, end, kind in blocks:
        if kind in ("heading", "item"):
            out.append((start, end, kind))
            continue
        for a, b in _block_sentences(text, start, end):
            out.append((a, b, "sentence" if _ends_with_terminator(text, a, b) else "line"))
    return out


# Clause splitting lives in its own module; re-exported here so both stages
# of the Japanese backend are reached through one name.
from .japanese_clauses import clause_spans  # noqa: E402,F401
