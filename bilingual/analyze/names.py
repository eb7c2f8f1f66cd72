"""Proper nouns: Japanese names (unidic 固有名詞) by their romanised reading vs English words.

A Japanese name counts as present in the English when its folded romaji
(:func:`fold`: long vowels and double letters folded, so 泉涌寺 ``Sennyuuji``
matches ``Senyu-ji``) occurs in the folded English text, or for katakana names
when the consonant skeletons match (ニコラス ~ Nicholas).  An English name
counts as present when it looks like romanised Japanese and occurs in the
folded romaji of the whole Japanese text, or reads some of its kanji one by one
(:func:`spelled_by_kanji`: 篤子 Tokushi); words that don't look like romaji
(Emperor, Temple) are not judged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from ..types import Token
from ._lang import fold, kana_to_romaji, skeleton
from .dates import ERAS

# Names that English writes as exonyms, not romaji (folded English keys).
EXONYMS = {
    "日本": ("japan",), "米国": ("america", "us", "unitedstates"), "合衆国": ("unitedstates", "us"),
    "中国": ("china", "chinese"), "韓国": ("korea",), "朝鮮": ("korea",), "英国": ("britain", "uk", "english", "british"),
    "唐": ("tang",), "宋": ("song", "sung"), "明": ("ming",), "清": ("qing", "ching"), "元": ("yuan",), "隋": ("sui",),
    "漢": ("han",), "百済": ("baekje", "kudara", "paekche"), "新羅": ("sila", "shiragi"), "高句麗": ("goguryeo", "koguryo"),
}
_ROMAJI_WORD = re.compile(r"^(?:(?:[kgsztdnhbpmrfj]|ch|sh|ts|[kgnhbpmr]y)?[aeiou]|n)+$")
_EN_CAP = re.compile(r"\b[A-Z][A-Za-z'\u0100-\u017f]*(?:-[A-Za-z\u0100-\u017f]+)*")
_STOP = {"japan", "japanese", "emperor", "mister", "madam"}
# what any romanised reading looks like (folded): a word of another shape reads no kanji
_READING_SHAPE = re.compile(r"^(?:(?:[kgsztdnhbpmrfjwyv]|ch|sh|ts|[kgnhbpmrj]y)?[aeiou]|n)+$")
_KANJI_RUN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf々]+")
MAX_KANJI_READ = 3  # kanji read one by one (the combinations grow fast)
# a sentence-initial word followed by another capitalised word: part of a name (Kyoto Station)
_NAME_NEXT = re.compile(r" [A-Z][a-z]")
_EN_WORD = re.compile(r"[a-z][a-z'\u0100-\u017f-]*")


@dataclass(frozen=True)
class Name:
    text: str
    start: int
    end: int
    romaji: str  # folded reading (Japanese) or folded word (English)
    parts: tuple[str, ...] = ()  # folded reading of each morpheme (Japanese)
    surfaces: tuple[str, ...] = ()  # each morpheme as written (Japanese)


def ja_names(tokens: Sequence[Token]) -> list[Name]:
    """Runs of adjacent proper-noun tokens, with their folded romaji."""
    tokens = list(tokens)
    out: list[Name] = []
    run: list[Token] = []
    for k, tok in enumerate(tokens + [None]):  # type: ignore[list-item]
        proper = tok is not None and "固有名詞" in tok.pos and not _wedged_person(tokens, k)
        if proper and (not run or run[-1].end == tok.start):
            run.append(tok)
            continue
        if run:
            text = "".join(t.surface for t in run)
            parts = tuple(fold(reading_romaji(t)) for t in run)
            out.append(Name(text, run[0].start, run[-1].end, "".join(parts), parts, tuple(t.surface for t in run)))
        run = [tok] if proper else []
    return out


def _wedged_person(tokens: Sequence[Token], k: int) -> bool:
    """A one-character person name glued between two common nouns (互[惠]関係, 通[寳]銅): unidic's
    guess for a character it does not know inside a word (here old forms of 恵 and 宝), not a
    name.  A given name follows a family name or stands apart; place names (都[港]区) are kept."""
    tok = tokens[k]
    if len(tok.surface) != 1 or "人名" not in tok.pos or k == 0 or k + 1 >= len(tokens):
        return False
    before, after = tokens[k - 1], tokens[k + 1]
    return (before.end == tok.start and after.start == tok.end
            and "普通名詞" in before.pos and "普通名詞" in after.pos)


def reading_romaji(tok: Token) -> str:
    if tok.reading and tok.reading != "*":
        return kana_to_romaji(tok.reading)
    if re.fullmatch(r"[\u30a0-\u30ff]+", tok.surface):
        return kana_to_romaji(tok.surface)
    return ""


def ja_romaji_key(tokens: Sequence[Token]) -> str:
    """Folded romaji of the whole Japanese text (for finding English names in it)."""
    return "".join(fold(reading_romaji(t)) or fold(t.surface) for t in tokens)


def en_key(text: str) -> str:
    return fold(text)


@lru_cache(maxsize=65536)  # the same words and readings recur across a document's pairs
def devoice(key: str) -> str:
    """Fold voiced/unvoiced pairs (ぢ ji ~ chi, g ~ k): for romanisations that disagree."""
    for a, b in (("j", "ch"), ("g", "k"), ("z", "s"), ("d", "t"), ("b", "h"), ("p", "h")):
        key = key.replace(a, b)
    return key


def ja_name_in_english(name: Name, en_folded: str, en_skel: str, en_lower: str, en_partial: str | None = None) -> bool:
    """``en_partial``: the folded English that a partial match (two thirds of a long name) may
    use, when it differs from ``en_folded``."""
    if _found(name, en_folded, en_skel, en_partial):
        return True
    # translated rather than romanised (金本位制 "gold standard", 東 "east"): unidic tags some
    # single kanji of common words as names; a JMdict gloss of it in the English counts as
    # present.  Longer names are left out: JMdict glosses place names with their kind
    # ("Awa (former province ...)"), which any English sentence about a province would meet.
    if len(name.text) == 1 and _translated(name.text, en_lower):
        return True
    # unidic gives one reading of a name, often not the one meant (安房 Awa, not Anbou): the
    # dictionary readings of the whole name, or of every part, before calling it missing
    alts = reading_keys(name.text)
    if any(len(r) >= 3 and (r in en_folded or devoice(r) in devoice(en_folded)) for r in alts):
        return True
    if len(name.surfaces) > 1:
        if all(len(p) < 3 or p in en_folded or devoice(p) in devoice(en_folded)
               or any(len(r) >= 3 and r in en_folded for r in reading_keys(s))
               for s, p in zip(name.surfaces, name.parts)):
            return True
    # read kanji by kanji (弘敬 Kokei, 篤子 Tokushi): the whole name, or else every part
    words = _reading_words(en_lower)
    if any(spelled_by_kanji(w, name.text) for w in words):
        return True
    return len(name.surfaces) > 1 and all(
        len(p) < 3 or p in en_folded or any(spelled_by_kanji(w, s) for w in words)
        for s, p in zip(name.surfaces, name.parts))


@lru_cache(maxsize=4096)  # the same English is asked about each Japanese name of its pair
def _reading_words(en_lower: str) -> tuple[str, ...]:
    """The English words (folded) of 4 letters or more that could be a romanised reading."""
    return tuple(sorted({w for w in (_refold(m.group(0)) for m in _EN_WORD.finditer(en_lower))
                         if len(w) >= 4 and _READING_SHAPE.match(w)}))


@lru_cache(maxsize=16384)
def kanji_romaji(char: str) -> tuple[str, ...]:
    """KANJIDIC readings of one kanji in romaji, not folded; ``()`` without jamdict-data."""
    from .lexicon import kanji_readings

    return tuple(sorted({kana_to_romaji(r).replace("っ", "") for r in kanji_readings(char)} - {""}))


@lru_cache(maxsize=262144)
def spelled_by_kanji(word: str, kanji: str) -> bool:
    """Whether ``word`` (folded) reads ``kanji`` one kanji at a time, by their KANJIDIC on, kun
    and name readings (folded together, voicing ignored): 弘敬 ko+kei = Kokei, 霊雲 ryo+un =
    Ryoun.  Names of the court and clergy, and romanised common words (酒 Sake, 国 Kuni), are
    often read this way, which no word list holds.  False unless ``kanji`` is 1 to
    :data:`MAX_KANJI_READ` kanji, and always without jamdict-data."""
    if len(kanji) > MAX_KANJI_READ or not _KANJI_RUN.fullmatch(kanji):
        return False
    word = _refold(word)
    if not _READING_SHAPE.match(word):
        return False  # an English word (Station, Temple) is no reading: skip the search
    target = devoice(word)

    def read(i: int, acc: str) -> bool:
        if i == len(kanji):
            f = _refold(acc)
            return f == word or devoice(f) == target
        for r in kanji_romaji(kanji[i]):
            nxt = acc + r
            # folding may still merge the last letter with the next reading (ryou + un -> ryon)
            if target.startswith(devoice(_refold(nxt))[:-1]) and read(i + 1, nxt):
                return True
        return False

    return read(0, "")


@lru_cache(maxsize=262144)  # the same partial readings recur for every word tried on a kanji
def _refold(s: str) -> str:
    """:func:`fold` until nothing changes: a reading ending in a long vowel followed by one
    starting with a vowel folds in two steps (ryou + un: ryouun -> ryoun -> ryon, as Ryoun)."""
    while (f := fold(s)) != s:
        s = f
    return s


def read_in_kanji(word: str, tokens: Sequence[Token]) -> bool:
    """Whether ``word`` (folded) reads, kanji by kanji, 1-3 adjacent whole morphemes of the
    Japanese that are all kanji (3 kanji at most).  Whole morphemes only: a reading that
    straddles a word boundary (東[京百]景 kyo+do, 久世[橋通] kyo+to) is chance."""
    if not _READING_SHAPE.match(_refold(word)):
        return False
    tokens = list(tokens)
    for i in range(len(tokens)):
        run = ""
        for j in range(i, min(i + MAX_KANJI_READ, len(tokens))):
            if j > i and tokens[j].start != tokens[j - 1].end:
                break
            run += tokens[j].surface
            if len(run) > MAX_KANJI_READ or not _KANJI_RUN.fullmatch(run):
                break
            if spelled_by_kanji(word, run):
                return True
    return False


def _translated(text: str, en_lower: str) -> bool:
    from . import lexicon

    lex = lexicon.load()
    if lex is None:
        return False
    glosses = lex.glosses(text)
    return bool(glosses) and bool(glosses & lexicon.en_keys(en_lower))


def _name_readings(tokens: Sequence[Token]) -> set[str]:
    """Dictionary readings (folded, and devoiced) of the Japanese names and of each of their parts."""
    out: set[str] = set()
    for name in ja_names(tokens):
        for surface in {name.text, *name.surfaces}:
            for r in reading_keys(surface):
                if len(r) >= 3:
                    out |= {r, devoice(r)}
    return out


@lru_cache(maxsize=65536)
def reading_keys(text: str) -> tuple[str, ...]:
    """The dictionary readings of a written word (:func:`bilingual.analyze.lexicon.readings`),
    romanised and folded like English text; cached, as the same words recur across a document."""
    from .lexicon import readings

    return tuple(fold(kana_to_romaji(r)) for r in readings(text))


def _found(name: Name, en_folded: str, en_skel: str, en_partial: str | None = None) -> bool:
    if name.text in ERAS:
        return True  # era names are usually given as Western years
    if name.text in EXONYMS:
        return any(k in en_folded for k in EXONYMS[name.text])
    if len(name.romaji) < 3:
        return True  # too short to judge
    if name.romaji in en_folded or devoice(name.romaji) in devoice(en_folded):
        return True
    if re.fullmatch(r"[\u30a0-\u30ff・]+", name.text):
        sk = skeleton(name.romaji)
        return len(sk) < 2 or sk in en_skel
    # Family and given name may be swapped (伊牟田尚平 -> Shohei IMUTA): each part on its own.
    if len(name.parts) > 1 and all(len(p) < 3 or p in en_folded or devoice(p) in devoice(en_folded) for p in name.parts):
        return True
    # Long names are often partly translated (真言宗 -> Shingon sect): half is enough.
    half = max(3, (len(name.romaji) * 2) // 3)
    part_of = en_partial if en_partial is not None else en_folded
    return any(name.romaji[i : i + half] in part_of for i in range(0, len(name.romaji) - half + 1))


def missing_ja_names(tokens: Sequence[Token], en_text: str, en_missing: Sequence[Name] = ()) -> list[Name]:
    """The Japanese names that the English does not give.  ``en_missing``: English names already
    judged to have no Japanese counterpart (:func:`missing_en_names`); their letters cannot
    stand for part of a Japanese name (京都 swapped for 東京: "Kyoto" is not two thirds of
    Tokyo)."""
    ef = en_key(en_text)
    es = skeleton(en_text)
    partial = None
    if en_missing:
        cut = list(en_text)
        for n in en_missing:
            cut[n.start:n.end] = " " * (n.end - n.start)
        partial = en_key("".join(cut))
    return [n for n in ja_names(tokens) if not ja_name_in_english(n, ef, es, en_text.lower(), partial)]


def en_names(text: str) -> list[Name]:
    """Capitalised English words that look like romanised Japanese; a sentence-initial word
    only when another capitalised word follows (Kyoto Station), as any first word is capitalised."""
    out = []
    for m in _EN_CAP.finditer(text):
        before = text[: m.start()].rstrip()
        if (not before or before[-1] in ".!?:;\"'(“‘") and not _NAME_NEXT.match(text, m.end()):
            continue
        key = fold(m.group(0))
        plain = re.sub(r"[^a-z]", "", m.group(0).lower())
        if len(key) < 4 or key in _STOP or not _ROMAJI_WORD.match(plain):
            continue
        out.append(Name(m.group(0), m.start(), m.end(), key))
    return out


def missing_en_names(text: str, ja_tokens: Sequence[Token], ja_text: str) -> list[Name]:
    jk = ja_romaji_key(ja_tokens)
    jsk = skeleton(jk)
    out = []
    alts: set[str] | None = None
    for n in en_names(text):
        if n.romaji in jk or devoice(n.romaji) in devoice(jk) or any(n.romaji in k for keys in EXONYMS.values() for k in keys):
            continue
        if alts is None:  # unidic reads a name one way (泰樹 yasuki); the name dictionary knows others (hiroki)
            alts = _name_readings(ja_tokens)
        if n.romaji in alts or devoice(n.romaji) in alts:
            continue
        if len(skeleton(n.romaji)) >= 3 and skeleton(n.romaji) in jsk:
            continue
        if read_in_kanji(n.romaji, ja_tokens):  # 篤子 read Tokushi, 酒 romanised as Sake
            continue
        out.append(n)
    return out
