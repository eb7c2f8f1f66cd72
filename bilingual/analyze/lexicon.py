"""A compact Japanese -> English word lexicon from JMdict and KANJIDIC (package ``jamdict-data``).

``load()`` returns a :class:`Lexicon` (or ``None`` when ``jamdict-data`` is not
installed: callers then fall back to romaji, numbers and embeddings).  The
325 MB sqlite database is read once with a few queries and reduced to
``{headword: tuple of English key ids}`` (JMdict words, kanji and kana
headwords) plus ``{kanji: key ids}`` (KANJIDIC meanings), pickled under the
user cache directory (``$BILINGUAL_CACHE`` or ``~/.cache/bilingual``, see
:mod:`bilingual._cache`), so that later loads take a fraction of a second.

English words are compared through :func:`en_key`: lower case, a light suffix
stripper and the first :data:`KEY_LEN` letters, so "temples", "temple" and
"temporal" may share a key (a dictionary hit is evidence, not proof).
"""
from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .._cache import cached_pickle

KEY_LEN = 6  # English keys keep this many letters after suffix stripping
FORMAT = 3  # bump when the pickled layout changes
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
STOP = frozenset(
    """a an the of to in on at by for from with and or but not no as be is are was were been being
    it its this that these those he she they them his her their we our you your i me my one ones
    something someone somebody thing things etc esp e.g i.e oneself do does did have has had
    into out up down over under about so such than then there here very more most much many
    some any all each other which who whom what when where how also only just can may will would
    should must shall could might""".split()
)
_SUFFIXES = ("ies", "ied", "ing", "edly", "ed", "es", "s", "ly")


@lru_cache(maxsize=1 << 18)  # the dictionary build asks for 1.6M keys of ~100k distinct words
def en_key(word: str) -> str:
    """Canonical matching key of one English word ("" for stop words and very short words)."""
    w = word.lower().strip("'-")
    if len(w) < 2 or w in STOP:
        return ""
    for suf in _SUFFIXES:
        if len(w) - len(suf) >= 3 and w.endswith(suf):
            if suf == "es" and not w.endswith(("ses", "xes", "zes", "ches", "shes")):
                suf = "s"  # temples -> temple, boxes -> box
            elif suf == "s" and w.endswith(("ss", "us", "is")):
                break  # class, status, basis
            w = w[: -len(suf)] + ("y" if suf in ("ies", "ied") else "")
            break
    return w[:KEY_LEN]


@lru_cache(maxsize=65536)
def en_variants(word: str) -> frozenset[str]:
    """The canonical key and the keys of other plausible stems (used -> use, making -> make),
    so an inflected English word meets the base form of a gloss."""
    w = word.lower().strip("'-")
    k = en_key(w)
    if not k:
        return frozenset()
    out = {k, w[:KEY_LEN]}
    for suf, repl in (("d", ""), ("ing", "e"), ("es", ""), ("s", ""), ("er", ""), ("ers", ""), ("al", ""), ("ic", ""), ("ese", ""), ("an", ""), ("n", "")):
        if w.endswith(suf) and len(w) - len(suf) + len(repl) >= 3:
            out.add((w[: -len(suf)] + repl)[:KEY_LEN])
    return frozenset(out)


def en_keys(text: str) -> set[str]:
    """Keys of the content words of an English text (hyphenated parts too)."""
    out = set()
    for m in _WORD.finditer(text):
        for part in [m.group()] + m.group().split("-"):
            out |= en_variants(part)
    return out


def gloss_keys(text: str) -> set[str]:
    """Canonical keys of the words of a dictionary gloss."""
    out = set()
    for m in _WORD.finditer(text):
        for part in [m.group()] + m.group().split("-"):
            k = en_key(part)
            if k:
                out.add(k)
    return out


_NONE: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Lexicon:
    keys: tuple[str, ...]  # English key strings, indexed by id
    words: dict  # Japanese headword -> tuple of key ids
    kanji: dict  # single kanji -> tuple of key ids (KANJIDIC meanings)

    def glosses(self, headword: str) -> frozenset[str]:
        ids = self.words.get(headword)
        if not ids:  # most n-grams the coverage tries are not headwords
            return _NONE
        memo = self.__dict__.get("_memo")  # per instance, outside the dataclass fields
        if memo is None:
            memo = self.__dict__["_memo"] = {}
        found = memo.get(headword)
        if found is None:
            found = memo[headword] = frozenset(self.keys[i] for i in ids)
        return found

    def kanji_glosses(self, char: str) -> frozenset[str]:
        return frozenset(self.keys[i] for i in self.kanji.get(char, ()))


@lru_cache(maxsize=1)  # asked for every reading looked up; the installed package does not change
def _db_path() -> Path | None:
    try:
        import jamdict_data
    except ImportError:
        return None
    p = Path(jamdict_data.JAMDICT_DB_PATH)
    return p if p.exists() else None


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("jamdict-data")
    except Exception:
        return "unknown"


@lru_cache(maxsize=1)
def load() -> Lexicon | None:
    """The lexicon, from the cache when present, else built from jamdict-data (None if absent)."""
    db = _db_path()
    if db is None:
        return None
    return cached_pickle(f"lexicon-jmdict-{_version()}-v{FORMAT}.pickle", lambda: build(db),
                         lambda obj: isinstance(obj, Lexicon))


_WORDS_SQL = """
select k.text, g.text from Kanji k join Sense s on s.idseq = k.idseq join SenseGloss g on g.sid = s.ID where g.lang = 'eng'
union all
select k.text, g.text from Kana k join Sense s on s.idseq = k.idseq join SenseGloss g on g.sid = s.ID where g.lang = 'eng'
"""
_KANJI_SQL = """
select c.literal, m.value from character c join rm_group r on r.cid = c.ID join meaning m on m.gid = r.ID
where m.m_lang = '' or m.m_lang is null
"""


def build(db: str | os.PathLike) -> Lexicon:
    """Read JMdict and KANJIDIC from the jamdict sqlite file into a compact lexicon."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        ids: dict[str, int] = {}
        words: dict[str, set[int]] = {}
        kanji: dict[str, set[int]] = {}
        key_ids: dict[str, tuple[int, ...]] = {}  # a gloss repeats under every written form of its entry
        for table, sql in ((words, _WORDS_SQL), (kanji, _KANJI_SQL)):
            for head, gloss in con.execute(sql):
                if not head or not gloss:
                    continue
                found = key_ids.get(gloss)
                if found is None:
                    found = key_ids[gloss] = tuple(ids.setdefault(k, len(ids)) for k in sorted(gloss_keys(gloss)))
                table.setdefault(head, set()).update(found)
    finally:
        con.close()
    keys = tuple(sorted(ids, key=ids.get))
    pack = lambda d: {h: tuple(sorted(v)) for h, v in d.items() if v}
    return Lexicon(keys, pack(words), pack(kanji))


def signature() -> str:
    """The lexicon the analysis used, for report signatures: ``jmdict-1.5`` or ``none``."""
    return f"jmdict-{_version()}" if _db_path() is not None else "none"


_READINGS_SQL = """
select n.text from NEKanji k join NEKana n on n.idseq = k.idseq where k.text = ?
union
select n.text from Kanji k join Kana n on n.idseq = k.idseq where k.text = ?
"""


@lru_cache(maxsize=2)
def _connection(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True, check_same_thread=False)


def readings(headword: str) -> tuple[str, ...]:
    """Kana readings of a written word in JMnedict (names) and JMdict (``()`` without
    jamdict-data): unidic gives one reading of a name, often not the one meant (安房 Awa)."""
    db = _db_path()
    if db is None or not headword:
        return ()
    return _readings(db, headword)


@lru_cache(maxsize=65536)
def _readings(db: Path, headword: str) -> tuple[str, ...]:
    try:
        rows = _connection(db).execute(_READINGS_SQL, (headword, headword)).fetchall()
    except sqlite3.Error:  # a database without the name tables
        return ()
    return tuple(sorted({r for (r,) in rows if r}))


_KANJI_READINGS_SQL = """
select c.literal, r.value from character c join rm_group g on g.cid = c.ID join reading r on r.gid = g.ID
where r.r_type in ('ja_on', 'ja_kun')
union
select c.literal, n.value from character c join nanori n on n.cid = c.ID
"""


def kanji_readings(char: str) -> tuple[str, ...]:
    """KANJIDIC readings of one kanji as hiragana (on, kun without okurigana, name readings);
    ``()`` without jamdict-data.  Names of the court and clergy are often read by the on
    readings of their kanji (安子 Anshi, 璋子 Shoshi), which no word list holds."""
    db = _db_path()
    if db is None:
        return ()
    return _kanji_table(db).get(char, ())


@lru_cache(maxsize=2)
def _kanji_table(db: Path) -> dict[str, tuple[str, ...]]:
    """All KANJIDIC readings in one query (0.1 s; the table has no index on the character)."""
    try:
        rows = _connection(db).execute(_KANJI_READINGS_SQL).fetchall()
    except sqlite3.Error:  # a database without KANJIDIC
        return {}
    table: dict[str, set[str]] = {}
    for char, r in rows:
        r = r.split(".")[0].strip("-")
        r = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in r)
        if r:
            table.setdefault(char, set()).add(r)
    return {c: tuple(sorted(v)) for c, v in table.items()}
