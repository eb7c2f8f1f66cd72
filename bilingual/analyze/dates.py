"""Dates in English and Japanese: ``19 December 2019``, ``2019年12月19日``, ``令和元年``, ``文永8年``.

Japanese era years are converted with the table below (first Western year of
each era; year N of an era is ``start + N - 1``).  An era starts part-way
through a Western year and old dates follow the lunar calendar, so a converted
year is compared with a tolerance of one year.  Where a pair is about the time of
the old calendar (until 1872), a Gregorian day 10 to 60 days after the Japanese
month and day is its conversion, not a changed date (:func:`lunar_equivalent`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ._lang import nfkc_same_length

# First Western year of each era (Nengo), from 大化 to 令和; duplicate spellings of the
# Northern and Southern courts included.  Only used when followed by a year number.
_ERA_TEXT = """
大化645 白雉650 朱鳥686 大宝701 慶雲704 和銅708 霊亀715 養老717 神亀724 天平729 天平感宝749
天平勝宝749 天平宝字757 天平神護765 神護景雲767 宝亀770 天応781 延暦782 大同806 弘仁810 天長824
承和834 嘉祥848 仁寿851 斉衡854 天安857 貞観859 元慶877 仁和885 寛平889 昌泰898 延喜901 延長923
承平931 天慶938 天暦947 天徳957 応和961 康保964 安和968 天禄970 天延973 貞元976 天元978 永観983
寛和985 永延987 永祚989 正暦990 長徳995 長保999 寛弘1004 長和1012 寛仁1017 治安1021 万寿1024
長元1028 長暦1037 長久1040 寛徳1044 永承1046 天喜1053 康平1058 治暦1065 延久1069 承保1074
承暦1077 永保1081 応徳1084 寛治1087 嘉保1094 永長1096 承徳1097 康和1099 長治1104 嘉承1106
天仁1108 天永1110 永久1113 元永1118 保安1120 天治1124 大治1126 天承1131 長承1132 保延1135
永治1141 康治1142 天養1144 久安1145 仁平1151 久寿1154 保元1156 平治1159 永暦1160 応保1161
長寛1163 永万1165 仁安1166 嘉応1169 承安1171 安元1175 治承1177 養和1181 寿永1182 元暦1184
文治1185 建久1190 正治1199 建仁1201 元久1204 建永1206 承元1207 建暦1211 建保1213 承久1219
貞応1222 元仁1224 嘉禄1225 安貞1227 寛喜1229 貞永1232 天福1233 文暦1234 嘉禎1235 暦仁1238
延応1239 仁治1240 寛元1243 宝治1247 建長1249 康元1256 正嘉1257 正元1259 文応1260 弘長1261
文永1264 建治1275 弘安1278 正応1288 永仁1293 正安1299 乾元1302 嘉元1303 徳治1306 延慶1308
応長1311 正和1312 文保1317 元応1319 元亨1321 正中1324 嘉暦1326 元徳1329 元弘1331 正慶1332
建武1334 延元1336 暦応1338 興国1340 康永1342 貞和1345 正平1346 観応1350 文和1352 延文1356
康安1361 貞治1362 応安1368 建徳1370 文中1372 天授1375 永和1375 康暦1379 弘和1381 永徳1381
元中1384 至徳1384 嘉慶1387 康応1389 明徳1390 応永1394 正長1428 永享1429 嘉吉1441 文安1444
宝徳1449 享徳1452 康正1455 長禄1457 寛正1460 文正1466 応仁1467 文明1469 長享1487 延徳1489
明応1492 文亀1501 永正1504 大永1521 享禄1528 天文1532 弘治1555 永禄1558 元亀1570 天正1573
文禄1592 慶長1596 元和1615 寛永1624 正保1644 慶安1648 承応1652 明暦1655 万治1658 寛文1661
延宝1673 天和1681 貞享1684 元禄1688 宝永1704 正徳1711 享保1716 元文1736 寛保1741 延享1744
寛延1748 宝暦1751 明和1764 安永1772 天明1781 寛政1789 享和1801 文化1804 文政1818 天保1830
弘化1844 嘉永1848 安政1854 万延1860 文久1861 元治1864 慶応1865 明治1868 大正1912 昭和1926
平成1989 令和2019
"""
ERAS: dict[str, int] = {m.group(1): int(m.group(2)) for m in re.finditer(r"(\D+?)(\d+)", _ERA_TEXT.replace("\n", " ").replace(" ", ""))}

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
_KANJI_BIG = {"万": 10_000, "億": 100_000_000, "兆": 10**12}


def kanji_number(s: str) -> int | None:
    """``二千十九`` -> 2019, ``十二`` -> 12, ``二〇一九`` -> 2019, ``元`` -> 1."""
    if s == "元":
        return 1
    if s and all(c in _KANJI_DIGITS for c in s):
        return int("".join(str(_KANJI_DIGITS[c]) for c in s))
    total = section = digit = 0
    seen = False
    for c in s:
        if c in _KANJI_DIGITS:
            digit = _KANJI_DIGITS[c]
            seen = True
        elif c in _KANJI_UNITS:
            section += (digit or 1) * _KANJI_UNITS[c]
            digit = 0
            seen = True
        elif c in _KANJI_BIG:
            total += (section + digit or 1) * _KANJI_BIG[c]
            section = digit = 0
            seen = True
        else:
            return None
    return total + section + digit if seen else None


@dataclass(frozen=True)
class Date:
    year: int | None
    month: int | None
    day: int | None
    start: int
    end: int
    text: str
    approx_year: bool = False  # converted from an era year

    def iso(self) -> str:
        parts = [f"{self.year:04d}" if self.year else "????"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def same(self, other: "Date") -> bool:
        tol = 1 if (self.approx_year or other.approx_year) else 0
        if self.year and other.year and abs(self.year - other.year) > tol:
            return False
        if self.month and other.month and self.month != other.month:
            return False
        if self.day and other.day and self.day != other.day:
            return False
        return True


_NUM = r"[0-9]+|[〇一二三四五六七八九十百千]+|元"
_JA_DATE = re.compile(
    rf"(?:(?P<era>{'|'.join(sorted(ERAS, key=len, reverse=True))})\s*(?P<eyear>{_NUM})年|(?P<year>[0-9]{{3,4}})年)"
    rf"(?:\s*(?P<m1>{_NUM})月(?:\s*(?P<d1>{_NUM})日)?)?"
    rf"|(?P<m2>[0-9]{{1,2}}|[一二三四五六七八九十]+)月\s*(?P<d2>{_NUM})日"
)
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"]
_MON = r"(?P<mon>" + "|".join(m.capitalize() for m in _MONTHS) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)"
_EN_DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MON}(?:,?\s+(?P<y1>\d{{3,4}}))?"
    rf"|{_MON.replace('mon', 'mon2')}\s+(?:(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{{3,4}}))?|(?P<y3>\d{{3,4}})))\b"
    rf"|\b(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})\b"
)


def _month(name: str | None) -> int | None:
    if not name:
        return None
    key = name.lower().rstrip(".")[:3]
    for i, m in enumerate(_MONTHS):
        if m.startswith(key):
            return i + 1
    return None


def ja_dates(text: str) -> list[Date]:
    norm = nfkc_same_length(text)
    out = []
    for m in _JA_DATE.finditer(norm):
        g = m.groupdict()
        approx = False
        year = None
        if g["era"]:
            n = int(g["eyear"]) if g["eyear"].isdigit() else kanji_number(g["eyear"])
            year = ERAS[g["era"]] + n - 1 if n else None
            approx = True
        elif g["year"]:
            year = int(g["year"])
        month_s, day_s = (g["m1"], g["d1"]) if g["m1"] or year else (g["m2"], g["d2"])
        month = _num(month_s)
        day = _num(day_s)
        if month is not None and not 1 <= month <= 12:
            continue
        out.append(Date(year, month, day, m.start(), m.end(), text[m.start():m.end()], approx))
    return out


def _num(s: str | None) -> int | None:
    if not s:
        return None
    return int(s) if s.isdigit() else kanji_number(s)


def en_dates(text: str) -> list[Date]:
    out = []
    for m in _EN_DATE.finditer(text):
        g = m.groupdict()
        if g["iy"]:
            y, mo, d = int(g["iy"]), int(g["im"]), int(g["id"])
        elif g["mon"]:
            if g["mon"].lower() == "may" and not g["y1"]:
                continue  # "may" the verb is far more common than a bare "19 May"
            y, mo, d = _num(g["y1"]), _month(g["mon"]), _num(g["d1"])
        else:
            if g["mon2"].lower() == "may" and not (g["d2"] or g["y3"]):
                continue
            y, mo, d = _num(g["y2"] or g["y3"]), _month(g["mon2"]), _num(g["d2"])
        out.append(Date(y, mo, d, m.start(), m.end(), m.group(0)))
    return out


def dates(text: str, lang: str) -> list[Date]:
    return ja_dates(text) if lang == "ja" else en_dates(text)


# Japan kept a lunisolar calendar until 1872 (旧暦); translations give such dates in the
# Gregorian calendar, which runs 10 to 60 days ahead of the old month and day (the old new
# year fell between 21 January and 20 February, and twelve lunar months are 11 days shorter
# than the Gregorian ones).  Leap months (閏月) are not read as dates.
LAST_LUNAR_YEAR = 1872
LUNAR_LAG = (10, 60)
_MONTH_START = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)


def lunar_equivalent(old: Date, new: Date) -> bool:
    """Whether ``new`` (Gregorian) can be the conversion of ``old``, a day of the old Japanese
    calendar: same year or the next, and ``LUNAR_LAG`` days later in the year."""
    if not (old.month and old.day and new.month and new.day):
        return False
    if old.year and new.year and not -1 <= new.year - old.year <= 1:
        return False
    lag = (_MONTH_START[new.month - 1] + new.day - _MONTH_START[old.month - 1] - old.day) % 365
    return LUNAR_LAG[0] <= lag <= LUNAR_LAG[1]


def compare_dates(src: list[Date], tgt: list[Date], lunar: str | None = None) -> list[tuple[Date, Date | None]]:
    """Source dates (with a month) that have no equal on the target side, with the target
    date that most likely replaced them (same position in order), or None when the
    target has no date at all.  ``lunar`` (``"source"`` or ``"target"``): that side may
    give days of the old calendar, which the other converted (:func:`lunar_equivalent`)."""
    def same(s: Date, t: Date) -> bool:
        if s.same(t):
            return True
        if lunar == "source":
            return lunar_equivalent(s, t)
        return lunar == "target" and lunar_equivalent(t, s)

    out = []
    src_full = [d for d in src if d.month]
    tgt_full = [d for d in tgt if d.month]
    unmatched_tgt = [t for t in tgt_full if not any(same(s, t) for s in src_full)]
    for d in src_full:
        if any(same(d, t) for t in tgt_full):
            continue
        out.append((d, unmatched_tgt.pop(0) if unmatched_tgt else None))
    return out
