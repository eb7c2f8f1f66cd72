"""Lexical drift checks on one pair of aligned texts: numbers, dates, names, negation,
modality, scope.  Offsets of a :class:`Finding` index the text of its side."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..types import Token
from . import dates as _dates
from . import modality, names, numbers, scope

LANG_NAME = {"en": "English", "ja": "Japanese"}


@dataclass(frozen=True)
class Finding:
    kind: str
    severity: str
    side: str  # source | target
    start: int
    end: int
    message: str
    check: str


@dataclass(frozen=True)
class Lexicon:
    """What the lexical checks extract from one text (computed once, reused by qa features)."""

    lang: str
    text: str
    dates: tuple
    numbers: tuple
    tokens: tuple  # Japanese only


def lexicon(text: str, lang: str, tokens: Sequence[Token] | None = None) -> Lexicon:
    ds = _dates.dates(text, lang)
    if lang == "ja":
        toks = tuple(tokens) if tokens is not None else ()
        nums = numbers.ja_numbers(text, toks, ds)
    else:
        toks = ()
        nums = numbers.en_numbers(text, ds)
    return Lexicon(lang, text, tuple(ds), tuple(nums), toks)


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _years(lex: Lexicon) -> list[int]:
    """The years a text names: its dates' and its whole numbers from 500 to 2100 written in digits."""
    out = [d.year for d in lex.dates if d.year]
    out += [int(n.value) for n in lex.numbers
            if 500 <= n.value <= 2100 and float(n.value).is_integer() and n.text[-1:] in "0123456789年"]
    return out


def _old_calendar(src: Lexicon, tgt: Lexicon) -> bool:
    """Whether the pair is about a time when Japan kept its old calendar: a year up to 1872 (a
    date's, or a number read as a year) on either side, or 旧暦 in the Japanese."""
    ja = src if src.lang == "ja" else tgt
    if "旧暦" in ja.text:
        return True
    return any(y <= _dates.LAST_LUNAR_YEAR for y in (*_years(src), *_years(tgt)))


def old_calendar_document(lexicons: Sequence[Lexicon]) -> bool:
    """Whether a document is about the time of the old calendar: most of the years it names
    are up to 1872 (a history article's bare "10月4日" is an old-calendar day)."""
    years = [y for lex in lexicons for y in _years(lex)]
    return bool(years) and 2 * sum(y <= _dates.LAST_LUNAR_YEAR for y in years) > len(years)


def lexical_findings(src: Lexicon, tgt: Lexicon, *, old_calendar: bool = False) -> list[Finding]:
    """Drift findings of one pair; ``old_calendar``: the document is about the time of the old
    calendar (:func:`old_calendar_document`), so its dates may be converted ones."""
    out: list[Finding] = []
    sl, tl = LANG_NAME[src.lang], LANG_NAME[tgt.lang]
    # Dates (full dates with a month): different date -> major drift.
    date_spans = []
    ja_side = "source" if src.lang == "ja" else "target"
    lunar = ja_side if old_calendar or _old_calendar(src, tgt) else None
    for d, repl in _dates.compare_dates(list(src.dates), list(tgt.dates), lunar):
        date_spans.append((d.start, d.end))
        if repl is not None:
            out.append(Finding("drift", "major", "source", d.start, d.end,
                               f'{sl} date "{d.text}" ({d.iso()}) is "{repl.text}" ({repl.iso()}) in the {tl}', "date"))
        else:
            out.append(Finding("omission", "minor", "source", d.start, d.end,
                               f'{sl} date "{d.text}" ({d.iso()}) has no date in the {tl}', "date"))
    # Numbers.
    miss = [n for n in numbers.missing(list(src.numbers), list(tgt.numbers))
            if not any(a <= n.start < b for a, b in date_spans)]
    extra = numbers.missing(list(tgt.numbers), list(src.numbers))
    for n in miss:
        other = next((x for x in extra if numbers.comparable(n.value, x.value)), None)
        if other is not None:
            out.append(Finding("drift", "major", "source", n.start, n.end,
                               f'{sl} "{n.text}" ({_fmt(n.value)}) is "{other.text}" ({_fmt(other.value)}) in the {tl}', "number"))
        else:
            out.append(Finding("omission", "minor", "source", n.start, n.end,
                               f'{sl} number "{n.text}" ({_fmt(n.value)}) is missing from the {tl}', "number"))
    # Names.
    ja, en = (src, tgt) if src.lang == "ja" else (tgt, src)
    en_missing = names.missing_en_names(en.text, ja.tokens, ja.text)
    ja_missing = names.missing_ja_names(ja.tokens, en.text, en_missing)
    src_missing, tgt_missing = (ja_missing, en_missing) if src.lang == "ja" else (en_missing, ja_missing)
    for n in src_missing:
        if tgt_missing:
            other = tgt_missing[0]
            out.append(Finding("drift", "major", "source", n.start, n.end,
                               f'{sl} name "{n.text}" ({n.romaji}) does not appear in the {tl}, which has "{other.text}" ({other.romaji}) instead', "name"))
        else:
            out.append(Finding("omission", "minor", "source", n.start, n.end,
                               f'{sl} name "{n.text}" ({n.romaji}) does not appear in the {tl}', "name"))
    if not src_missing:
        for n in tgt_missing:
            out.append(Finding("addition", "minor", "target", n.start, n.end,
                               f'{tl} name "{n.text}" ({n.romaji}) has no counterpart in the {sl}', "name"))
    # Negation and modality.
    # the Japanese morphemes the lexicon already holds (none given: the checks tokenise)
    for fam, side, mk in modality.differences(src.text, src.lang, tgt.text, tgt.lang,
                                              src_tokens=src.tokens or None, tgt_tokens=tgt.tokens or None):
        here, there = (sl, tl) if side == "source" else (tl, sl)
        if fam == "not":
            msg = f'{here} negation "{mk.text}" has no negation in the {there}: the meaning may be reversed'
            sev = "major"
        else:
            word = {"can": "possibility/permission", "must": "obligation"}[fam]
            msg = f'{here} "{mk.text}" ({word}) is stated without that modality in the {there}'
            sev = "major" if fam == "must" else "minor"
        out.append(Finding("drift", sev, side, mk.start, mk.end, msg, "negation" if fam == "not" else "modality"))
    # Scope.
    for mk, closed, sev in scope.narrowed(src.text, src.lang, tgt.text, tgt.lang):
        kind = "open list" if mk.strength == "strong" else "non-exhaustive"
        to = f"narrowed to {closed.text} (closed list)" if closed else "has no open-list marker"
        out.append(Finding("drift", sev, "source", mk.start, mk.end, f'{sl} "{mk.text}" ({kind}) {to} in the {tl}', "scope"))
    return out
