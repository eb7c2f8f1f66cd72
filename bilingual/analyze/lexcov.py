"""Word-level lexical coverage: which content words of one side have evidence on the other.

Japanese content morphemes (nouns, proper nouns, verbs, adjectives, numbers;
fugashi + unidic-lite) are matched against the English text by four kinds of
evidence, strongest first:

1. numbers: the value of a Japanese number (:mod:`.numbers`) occurs in the English;
2. dictionary: a JMdict headword made of 1-4 adjacent morphemes (surface, or the
   lemma for one morpheme) has a gloss word whose key (:func:`lexicon.en_key`)
   is among the English keys (for names of people and places only a capitalised
   English word counts, since a name's gloss describes it: 山城 "castle" is not
   the province Yamashiro);
3. romaji: the folded reading of a proper noun, katakana word or run of them
   occurs in the folded English (泉涌寺 Sennyuuji ~ Senyu-ji), or a katakana
   word's consonant skeleton does, or a word of 1-3 kanji read kanji by kanji
   (KANJIDIC on, kun and name readings: 安子 Anshi, 璋子 Shoshi) is an English word;
4. kanji: a KANJIDIC meaning of one of the morpheme's kanji is an English key
   (weak: counts half).

Wikipedia link qualifiers in the Japanese (戦国時代 (日本), 3月25日 (旧暦)) are not content.

English content words are judged the other way with the same evidence: a word
is covered when its key is a gloss of some Japanese n-gram or kanji, its
folded form occurs in the Japanese romaji, or its number occurs there.

Without ``jamdict-data`` only numbers and romaji are used.

What each side needs whatever the other (the Japanese n-grams and their glosses, numbers
and dates; the English keys, prefixes and numbers) is kept for the last texts asked about:
the aligner's second opinion compares each sentence with three texts of the other side.
On the coverage calls of kyoto/align-del this took them from 12.9 s to 10.0 s, with the
same results.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Sequence


from ..types import Token
from . import lexicon as _lexicon
from ._lang import fold, nfkc_same_length, skeleton
from .dates import ERAS, dates
from .names import devoice, kanji_romaji, reading_keys, reading_romaji, spelled_by_kanji
from .numbers import en_numbers, ja_numbers

MAX_NGRAM = 4
KANJI_CREDIT = 0.5  # a single-kanji meaning is weaker evidence than a whole word
_KATAKANA = re.compile(r"^[\u30a0-\u30ffー・]+$")
_KANJI = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf々]")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'\u00c0-\u017f]*(?:-[A-Za-z\u00c0-\u017f]+)*|\d+(?:[.,]\d+)*")
_SKIP_POS = ("非自立可能", "代名詞", "助数詞")
_EN_MONTH = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")
_JA_MONTH = re.compile(r"閏?[0-9０-９一二三四五六七八九十]{1,2}月")
_LATIN = re.compile(r"^[A-Za-zＡ-Ｚａ-ｚ0-9０-９]+$")
# Grammatical nouns and verbs that unidic-lite tags as ordinary content (形式名詞 and the verbs
# of compound particles: に対して, によって, において, という): they carry no content of their own.
FUNCTION_LEMMAS = frozenset(
    "事 こと 物 もの 為 ため 様 よう 所 ところ 方 訳 わけ 筈 はず 時 とき 内 うち 上 中 際 "
    "言う いう 云う 於く おく 依る 因る よる 対する 関する 就く 付く 拠る 為る 成る 有る 居る 出来る".split()
)


@dataclass(frozen=True)
class Unit:
    """One content word and how well the other side covers it (0..1)."""

    start: int
    end: int
    weight: float  # characters (Japanese) or letters/4 (English): a rough amount of content
    covered: float
    how: str  # number | dict | romaji | kanji | ""


def is_content(tok: Token) -> bool:
    pos = tok.pos
    if tok.lemma in FUNCTION_LEMMAS or tok.surface in FUNCTION_LEMMAS:
        return False
    if any(p in pos for p in _SKIP_POS) and "数詞" not in pos:
        return False
    if pos.startswith(("名詞", "動詞", "形容詞", "形状詞")):
        return True
    return pos.startswith("接尾辞,名詞的") and bool(_KANJI.search(tok.surface))


@dataclass(frozen=True)
class _EnSide:
    """What :func:`ja_coverage` needs of an English text whatever the Japanese (kept like
    :class:`_JaSide`: the second opinion compares each English text with three Japanese)."""

    keys: frozenset[str]  # lexicon keys of the words
    fold: str
    dev: str  # folded, voicing folded too
    skel: str
    prefixes: frozenset[str]  # prefixes of 3+ letters of the folded words
    by_initial: dict  # folded words of 4+ letters by their first letter
    count: dict  # key -> how many words give it (each occurrence backs one Japanese word)
    cap: frozenset[str]  # keys of capitalised words
    dates: tuple
    values: frozenset[float]  # numbers, and the years and days of dates
    has_month: bool
    lower: frozenset[str]


# The text-only work of each side is kept for the texts asked about last (the second opinion
# asks about neighbouring sentences together); the whole store is dropped when full.
_SIDE_CACHE_MAX = 256
_EN_CACHE: dict = {}
_SIDE_CACHE: dict = {}


def _kept(store: dict, key, make, usable=lambda value: True):
    """``store[key]`` if present and usable, else ``make()`` kept there (the whole store is
    dropped when full)."""
    value = store.get(key)
    if value is None or not usable(value):
        if len(store) >= _SIDE_CACHE_MAX:
            store.clear()
        value = store[key] = make()
    return value


def _en_side(en_text: str) -> _EnSide:
    return _kept(_EN_CACHE, en_text, lambda: _build_en_side(en_text))


def _build_en_side(en_text: str) -> _EnSide:
    folded = fold(en_text)
    words = {fold(m.group()) for m in _EN_WORD.finditer(en_text)}
    words |= {devoice(w) for w in words}
    by_initial: dict[str, list[str]] = {}
    for w in words:
        if len(w) >= 4:
            by_initial.setdefault(w[0], []).append(w)
    count: dict[str, int] = {}
    for m in _EN_WORD.finditer(en_text):
        for part in {m.group(), *m.group().split("-")}:
            for k in _lexicon.en_variants(part):
                count[k] = count.get(k, 0) + 1
    cap = {k for m in _EN_WORD.finditer(en_text) if m.group()[0].isupper()
           for part in {m.group(), *m.group().split("-")} for k in _lexicon.en_variants(part)}
    en_ds = dates(en_text, "en")
    values = {n.value for n in en_numbers(en_text, en_ds)} | {v for d in en_ds for v in (d.year, d.day) if v}
    return _EnSide(
        frozenset(_lexicon.en_keys(en_text)), folded, devoice(folded), skeleton(en_text),
        frozenset(w[:n] for w in words for n in range(3, len(w) + 1)), by_initial, count, frozenset(cap),
        tuple(en_ds), frozenset(values), bool(_EN_MONTH.search(en_text)),
        frozenset(m.group().lower() for m in _EN_WORD.finditer(en_text)))


@dataclass(frozen=True)
class _Gram:
    """A run of 1..MAX_NGRAM adjacent morphemes, with what the coverage asks of it."""

    n: int
    i: int
    j: int
    surf: str
    roma: str  # folded romaji; "#" for a morpheme without a reading
    gloss: frozenset[str]  # JMdict glosses (and the lemma's, for one morpheme)
    name_like: bool  # holds a person's or place name (its gloss must be a capitalised word)
    named: bool  # holds a proper noun or a katakana word


@dataclass(frozen=True)
class _JaSide:
    """What the coverage needs of a Japanese text whatever the English: asked again for each
    English text it is compared with (the aligner's second opinion compares each sentence
    with three), so it is kept (:func:`_ja_side`)."""

    lex: object
    content: tuple[int, ...]
    numbers: tuple[tuple[int, int, float], ...]  # start, end, value
    dates: tuple  # dates without link qualifiers (:func:`_dates_without_qualifiers`)
    months: tuple[tuple[int, int], ...]  # 3月, 閏十月 ...
    grams: tuple[_Gram, ...]  # longest first, then in text order
    kanji_gloss: dict  # content index -> KANJIDIC meanings of its kanji
    # for en_coverage: every gloss of an n-gram or lemma, every kanji meaning, the romaji
    # of the whole text and its numbers and years
    all_gloss: frozenset[str]
    all_kanji: frozenset[str]
    roma: str
    values: frozenset[float]


def _ja_side(ja_text: str, tokens: Sequence[Token], lex) -> _JaSide:
    toks = tuple(tokens)
    return _kept(_SIDE_CACHE, (ja_text, toks), lambda: _build_side(ja_text, toks, lex), lambda side: side.lex is lex)


def _build_side(ja_text: str, toks: tuple, lex) -> _JaSide:
    skip = [(m.start(1), m.end(1)) for m in _DISAMBIGUATOR.finditer(ja_text)]
    content = [i for i, t in enumerate(toks) if is_content(t) and not any(a <= t.start < b for a, b in skip)]
    ds = _dates_without_qualifiers(ja_text, skip)
    nums = ja_numbers(ja_text, toks, ds)
    grams = []
    all_gloss: set[str] = set()
    name_like = [_name_like(t) for t in toks]
    named = ["固有名詞" in t.pos or bool(_KATAKANA.match(t.surface)) for t in toks]
    for i in range(len(toks)):
        surf, roma = "", ""
        for n in range(1, MAX_NGRAM + 1):
            j = i + n - 1
            if j >= len(toks) or (n > 1 and toks[j].start != toks[j - 1].end):
                break
            surf += toks[j].surface
            # a morpheme without a reading (digits, Latin) leaves the n-gram's romaji incomplete:
            # "#" keeps 3月 ("gatsu") from matching the English name Katsu
            roma += _roma(toks[j].reading, toks[j].surface) or "#"
            g = lex.glosses(surf) if lex is not None else frozenset()
            all_gloss |= g
            if n == 1 and lex is not None:
                lemma_g = _lemma_glosses(toks[i], lex)
                all_gloss |= lemma_g
                if toks[i].lemma != surf:
                    g = g | lemma_g
            grams.append(_Gram(n, i, j, surf, roma, g, any(name_like[i : j + 1]), any(named[i : j + 1])))
    grams.sort(key=lambda g: (-g.n, g.i))
    kanji_gloss, all_kanji = {}, set()
    if lex is not None:
        for i in content:
            kanji_gloss[i] = frozenset().union(*(lex.kanji_glosses(c) for c in toks[i].surface))
        for c in set(ja_text):
            if _KANJI.match(c):
                all_kanji |= lex.kanji_glosses(c)
    # en_coverage reads the dates with their link qualifiers; without any, they are ``ds``
    all_ds = dates(ja_text, "ja") if skip else ds
    values = {n.value for n in (ja_numbers(ja_text, toks, all_ds) if skip else nums)}
    values |= {d.year for d in all_ds if getattr(d, "year", None)}
    return _JaSide(
        lex, tuple(content), tuple((n.start, n.end, n.value) for n in nums), tuple(ds),
        tuple((m.start(), m.end()) for m in _JA_MONTH.finditer(ja_text)), tuple(grams), kanji_gloss, frozenset(all_gloss), frozenset(all_kanji),
        "".join(_roma(t.reading, t.surface) or fold(t.surface) for t in toks), frozenset(values))


def ja_coverage(ja_text: str, tokens: Sequence[Token], en_text: str, lex=None) -> list[Unit]:
    """Coverage of each Japanese content morpheme of ``ja_text`` by ``en_text`` (document order)."""
    lex = _lexicon.load() if lex is None else lex
    toks = list(tokens)
    side = _ja_side(ja_text, toks, lex)
    content = side.content
    if not content:
        return []
    en = _en_side(en_text)
    en_keys, en_fold, en_dev, en_skel, en_prefixes = en.keys, en.fold, en.dev, en.skel, en.prefixes
    en_count = dict(en.count)  # used up as Japanese words take English words
    score = {i: (0.0, "") for i in content}

    def credit(idx, value: float, how: str) -> None:
        for i in idx:
            if i in score and score[i][0] < value:
                score[i] = (value, how)

    # 1. numbers and dates (a date counts when the English has an equal date or its year;
    # an era name when the English has any year-like number); Latin words as they are
    ds = side.dates
    en_ds, en_vals = en.dates, en.values
    spans = [(a, b, v in en_vals) for a, b, v in side.numbers]
    spans += [(d.start, d.end, any(d.same(e) for e in en_ds) or (d.year in en_vals and not d.month)) for d in ds]
    has_year = any(1000 <= v < 2100 for v in en_vals)
    if en.has_month:  # months (and so their days) are often converted from the lunar calendar
        spans += [(a, b, True) for a, b in side.months]
        spans += [(d.start, d.end, True) for d in ds if d.month]
    en_lower = en.lower
    for i in content:
        t = toks[i]
        hits = [ok for a, b, ok in spans if a < t.end and t.start < b]
        if hits and any(hits):
            credit([i], 1.0, "number")
        elif t.surface in ERAS and has_year:
            credit([i], 1.0, "number")
        elif has_year and 0 < i < len(toks) - 1 and toks[i - 1].surface == "同" and toks[i + 1].surface == "年" \
                and "数詞" in t.pos:
            credit([i - 1, i], 1.0, "number")  # 同12年: year 12 of the same era, given as a Western year
        elif _LATIN.match(t.surface) and nfkc_same_length(t.surface).lower() in en_lower:
            credit([i], 1.0, "romaji")
    # a counter right after a number the English has (166巻 "166 copies", 3ヶ国 "three provinces")
    # goes with it: English renders counters implicitly or loosely
    for i in content:
        if i > 0 and score.get(i - 1, (0.0, ""))[1] == "number" and toks[i - 1].end == toks[i].start \
                and ("助数詞" in toks[i].pos or toks[i].pos.startswith("接尾辞")):
            credit([i], 1.0, "number")
    # 2. dictionary n-grams, longest first; each English word occurrence backs one Japanese
    # word (so 室 twice is not covered by one "wife"); 3. romaji of n-grams.
    holders: list = []  # [English key used, glosses] of each dictionary match so far
    for gram in side.grams:
        i, j, surf, roma = gram.i, gram.j, gram.surf, gram.roma
        idx = [k for k in range(i, j + 1) if k in score]
        if not idx or all(score[k][0] >= 1.0 for k in idx):
            continue
        if lex is not None:
            g = gram.gloss
            if gram.name_like:
                g = g & en.cap  # a name's gloss describes it (山城: "castle"); only a capitalised word is its name
            hit = [k for k in g if en_count.get(k, 0) > 0]
            if not hit:
                hit = _reassign(g, en_count, holders)
            if hit:
                # one English word backs this Japanese word: the most frequent one, so the rarer
                # words stay available for the other Japanese words that need them
                best = max(hit, key=lambda k: (en_count[k], k))
                en_count[best] -= 1
                holders.append([best, g])
                credit(idx, 1.0, "dict")
                continue
        named = gram.named
        if len(roma) >= 5 and (roma in en_fold or devoice(roma) in en_dev):
            credit(idx, 1.0, "romaji")
        elif named and len(roma) >= 3 and (roma in en_prefixes or devoice(roma) in en_prefixes):
            credit(idx, 1.0, "romaji")
        elif gram.n == 1 and _KATAKANA.match(surf) and len(skeleton(roma)) >= 3 and skeleton(roma) in en_skel:
            credit(idx, 1.0, "romaji")
        elif _alt_reading_in(_alt_keys(surf), en_fold, en_prefixes if named else set()):
            credit(idx, 1.0, "romaji")  # another dictionary reading of the name (安房 Awa, not Anbou)
        elif _kanji_reading_in(surf, en.by_initial):
            credit(idx, 1.0, "romaji")  # read by its kanji (安子 Anshi)
    # 4. single kanji meanings
    if lex is not None:
        for i in content:
            if score[i][0] < KANJI_CREDIT and side.kanji_gloss[i] & en_keys:
                credit([i], KANJI_CREDIT, "kanji")
    return [Unit(toks[i].start, toks[i].end, float(len(toks[i].surface)), *score[i]) for i in content]


def en_coverage(en_text: str, ja_text: str, tokens: Sequence[Token], lex=None) -> list[Unit]:
    """Coverage of each English content word of ``en_text`` by the Japanese (document order)."""
    lex = _lexicon.load() if lex is None else lex
    side = _ja_side(ja_text, list(tokens), lex)
    gloss, kanji, ja_roma, ja_vals = side.all_gloss, side.all_kanji, side.roma, side.values
    out = []
    for m in _EN_WORD.finditer(en_text):
        w = m.group()
        if w[0].isdigit():
            try:
                v = float(w.replace(",", ""))
            except ValueError:
                continue
            out.append(Unit(m.start(), m.end(), 1.0, 1.0 if v in ja_vals else 0.0, "number" if v in ja_vals else ""))
            continue
        parts = [p for p in w.split("-") if _lexicon.en_key(p)]
        if not parts:
            continue
        keys = set().union(*(_lexicon.en_variants(p) for p in parts))
        f = fold(w)
        if any(k in gloss for k in keys):
            cov, how = 1.0, "dict"
        elif len(f) >= 4 and f in ja_roma:
            cov, how = 1.0, "romaji"
        elif any(k in kanji for k in keys):
            cov, how = KANJI_CREDIT, "kanji"
        else:
            cov, how = 0.0, ""
        out.append(Unit(m.start(), m.end(), max(1.0, len(w) / 4), cov, how))
    return out


def _dates_without_qualifiers(ja_text: str, skip) -> list:
    """Japanese dates read with the link qualifiers cut out (天徳 (日本)2年 is 天徳2年, 958),
    with offsets into ``ja_text``; ``skip`` holds the qualifiers' spans inside their brackets."""
    if not skip:
        return dates(ja_text, "ja")
    # drop the space or underscore, the brackets and the qualifier
    keep = [i for i in range(len(ja_text)) if not any(a - 2 <= i <= b for a, b in skip)]
    clean = "".join(ja_text[i] for i in keep)
    out = []
    for d in dates(clean, "ja"):
        a, b = keep[d.start], keep[d.end - 1] + 1
        out.append(replace(d, start=a, end=b, text=ja_text[a:b]))
    return out


def _name_like(tok: Token) -> bool:
    """A person's or place name (not a country: 中国 is glossed China)."""
    return "固有名詞" in tok.pos and ("人名" in tok.pos or ("地名" in tok.pos and "国" not in tok.pos))


def _lemma_glosses(tok: Token, lex) -> frozenset[str]:
    """Glosses of the dictionary form.  unidic's lemma spells it in kanji (投げ付ける), which
    JMdict may not list; the form as written in the text (投げつける: the surface with the
    lemma's ending) is tried when the lemma has no entry."""
    g = lex.glosses(tok.lemma)
    if g or not tok.surface or tok.surface == tok.lemma:
        return g
    s, lem = tok.surface, tok.lemma
    if len(s) < len(lem):
        base = s + lem[len(s):]
    else:
        base = s[:-1] + lem[-1]
    return lex.glosses(base) if base != lem else g


def _reassign(glosses, en_count: dict, holders: list) -> list[str]:
    """Free an English word that this Japanese word needs by moving an earlier match to another
    English word it also glosses (one augmenting step of a bipartite matching)."""
    for h in holders:
        if h[0] in glosses:
            alt = [k for k in h[1] if en_count.get(k, 0) > 0]
            if alt:
                new = max(alt, key=lambda k: (en_count[k], k))
                en_count[new] -= 1
                en_count[h[0]] += 1
                h[0] = new
                return [k for k in glosses if en_count.get(k, 0) > 0]
    return []


_ALL_KANJI = re.compile(r"^[\u4e00-\u9fff\u3400-\u4dbf々]{1,4}$")


def _alt_reading_in(alt: tuple[str, ...], en_fold: str, en_prefixes: set) -> bool:
    return any((len(k) >= 5 and k in en_fold) or (len(k) >= 3 and k in en_prefixes) for k in alt)


def _alt_keys(surf: str) -> tuple[str, ...]:
    """Folded dictionary readings of a word written in kanji (names and terms read otherwise
    are written in kanji)."""
    return reading_keys(surf) if _ALL_KANJI.match(surf) else ()


# A short qualifier in half-width brackets after a space or underscore, as Wikipedia link titles
# carry it (戦国時代 (日本), 3月25日 (旧暦), 天文 (元号)): it names which article was linked and is
# not part of the sentence, so translations leave it out.
_DISAMBIGUATOR = re.compile(r"(?<=[^\s])[ _]\(([^()（）0-9０-９A-Za-z]{1,4})\)")


def _kanji_reading_in(surf: str, en_by_initial: dict) -> bool:
    """Whether an English word of at least 4 letters reads a word of 1-3 kanji kanji by kanji
    (:func:`bilingual.analyze.names.spelled_by_kanji`): 安子 an+shi = Anshi.
    ``en_by_initial``: the English words of 4 letters or more by their first letter."""
    if not surf:
        return False
    words = {w for r in kanji_romaji(surf[0]) for w in en_by_initial.get(r[:1], ())}
    return any(spelled_by_kanji(w, surf) for w in words)


@lru_cache(maxsize=65536)
def _roma(reading: str, surface: str) -> str:
    """Folded romaji of a morpheme (cached: the same morphemes recur)."""
    return fold(reading_romaji(Token(surface, surface, reading, "", 0, 0)))


def source_units(src_text: str, src_lang: str, tgt_text: str, ja_tokens: Sequence[Token], lex=None) -> list[Unit]:
    """Content units of the source text with their lexical coverage by the target."""
    if src_lang == "ja":
        return ja_coverage(src_text, ja_tokens, tgt_text, lex)
    return en_coverage(src_text, tgt_text, ja_tokens, lex)
