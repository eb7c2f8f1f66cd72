"""Detectors of bilingual.analyze on hand-made inputs (no encoder needed except the fake one)."""
from __future__ import annotations

import numpy as np
import pytest

from bilingual.analyze import analyze, checks, dates, modality, names, numbers, scope
from bilingual.analyze._lang import fold, tokenize_ja
from bilingual.types import Alignment, Bead, Document, Segment


@pytest.mark.parametrize("text,iso", [
    ("2019年12月19日に東京で", ["2019-12-19"]),
    ("令和元年12月19日", ["2019-12-19"]),
    ("平成31年4月30日", ["2019-04-30"]),
    ("文永8年に", ["1271"]),
    ("２０１９年１２月１９日", ["2019-12-19"]),
    ("十二月十九日", ["????-12-19"]),
    ("文化の日", []),
])
def test_ja_dates(text, iso):
    assert [d.iso() for d in dates.ja_dates(text)] == iso


@pytest.mark.parametrize("text,iso", [
    ("Signed in Tokyo on 19 December 2019 in English.", ["2019-12-19"]),
    ("on December 19, 2019,", ["2019-12-19"]),
    ("in March 1868", ["1868-03"]),
    ("We may act.", []),
    ("2020-05-01", ["2020-05-01"]),
])
def test_en_dates(text, iso):
    assert [d.iso() for d in dates.en_dates(text)] == iso


@pytest.mark.parametrize("text,values", [
    ("入場料 1,800円、3万人", [1800, 30000]),
    ("八年間、十三世紀", [8, 13]),
    ("一流の一色氏", []),
    ("文永8年（1271年）から8年間", [1271, 1271, 8]),
    ("12万5千石、1億2000万円、3千人", [125000, 120000000, 3000]),
])
def test_ja_numbers(text, values):
    ds = dates.ja_dates(text)
    assert [n.value for n in numbers.ja_numbers(text, tokenize_ja(text), ds)] == values


@pytest.mark.parametrize("text,values", [
    ("eight years, the thirteenth century, 1,800 yen", [8, 13, 1800]),
    ("twenty-five and 3 million", [25, 3_000_000]),
    ("one of the temples", []),
])
def test_en_numbers(text, values):
    assert [n.value for n in numbers.en_numbers(text)] == values


@pytest.mark.parametrize("ja,en,missing", [
    ("泉涌寺は東京にある。", "Senyu-ji Temple is in Tokyo.", []),
    ("泉涌寺は東京にある。", "The temple is in Osaka.", ["泉涌", "東京"]),
    ("日本の寺", "a temple in Japan", []),
    ("ニコラス・ヒル", "Nicholas Hill", []),
    # unidic tags the old form 惠 inside 互惠 as the given name Megumi: glued between common nouns, no name
    ("互惠関係を推進する。", "promote reciprocity", []),
    ("恵が東京に来た。", "She came to Tokyo.", ["恵"]),  # a one-kanji given name on its own still is one
    ("東京都港区にある。", "It is in the city.", ["東京", "港"]),  # a place glued to common nouns still is one
])
def test_missing_ja_names(ja, en, missing):
    assert [n.text for n in names.missing_ja_names(tokenize_ja(ja), en)] == missing


@pytest.mark.parametrize("en,ja,extra", [
    # unidic reads 泰樹 "Yasuki"; the name dictionary (JMnedict) also knows "Hiroki", the reading meant
    ("Mr. MATSUO Hiroki", "松尾 泰樹", []),
    ("Mr. MATSUO Kenji", "松尾 泰樹", ["Kenji"]),
    ("in the Muromachi period", "中世において", ["Muromachi"]),
    ("the road Kohechi", "小辺路という道", []),
])
def test_missing_en_names(en, ja, extra):
    assert [n.text for n in names.missing_en_names(en, tokenize_ja(ja), ja)] == extra


@pytest.mark.parametrize("word,kanji,reads", [
    ("Kokei", "弘敬", True),    # ko + kei, the on readings
    ("Tokushi", "篤子", True),  # toku + shi, where unidic reads Atsuko
    ("Ryoun", "霊雲", True),    # ryo + un: folding joins the two readings (ryon)
    ("Osaka", "大阪", True),
    ("Kyoto", "東京", False),   # the same kanji readings in the other order
    ("Kyoto", "大阪", False),
])
def test_spelled_by_kanji(word, kanji, reads):
    assert names.spelled_by_kanji(fold(word), kanji) is reads


@pytest.mark.parametrize("en,ja,extra", [
    ("Imperial Princess Tokushi entered the court.", "篤子内親王が入内した。", []),
    ("the Eisan school", "英粲の流派", []),
    # 京 + 百 of 東京|百景 would read kyo + do: a reading across two words is chance, not a match
    ("Best 100 scenic spots in Kyoto", "東京百景", ["Kyoto"]),
    # a sentence-initial word followed by another capitalised one is part of a name
    ("Kyoto Station is busy.", "東京駅は混雑している。", ["Kyoto"]),
    ("Kyoto is old.", "東京は古い。", []),  # sentence-initial on its own: not judged
])
def test_missing_en_names_read_by_kanji_and_at_the_start(en, ja, extra):
    assert [n.text for n in names.missing_en_names(en, tokenize_ja(ja), ja)] == extra


def test_letters_of_a_missing_english_name_do_not_stand_for_part_of_a_japanese_name():
    ja, en = "南は東京駅で分断される。", "In the south it is cut by Kyoto Station."
    toks = tokenize_ja(ja)
    # two thirds of tokyo ("kyo") is inside "Kyoto"
    assert names.missing_ja_names(toks, en) == []
    en_missing = names.missing_en_names(en, toks, ja)
    assert [n.text for n in en_missing] == ["Kyoto"]
    assert [n.text for n in names.missing_ja_names(toks, en, en_missing)] == ["東京"]
    found = checks.lexical_findings(checks.lexicon(en, "en"), checks.lexicon(ja, "ja", toks))
    assert [(f.kind, f.severity, en[f.start:f.end]) for f in found if f.check == "name"] == [("drift", "major", "Kyoto")]


def test_fold():
    assert fold("Sennyuuji") == fold("Senyu-ji") == "senyuji"


@pytest.mark.parametrize("src,tgt,expected", [
    ("We will not promote it.", "推進する。", [("not", "source")]),
    ("We will promote it.", "推進しない。", [("not", "target")]),
    ("We will not promote it.", "推進しない。", []),
    ("which could include exchanges", "交流を含む", [("can", "source")]),
    ("Members shall report.", "会員は報告しなければならない。", []),
    ("Members shall report.", "会員は報告する。", [("must", "source")]),
    ("unprecedented precision", "前例のない精度", []),
    # romanised names and the month are not markers; the same words as markers still are
    ("TAIRA no Tomomori acquired many retainers.", "平知盛は多くの家人を獲得した。", []),
    ("He became Shikibu no jo at Oki-no-erabujima.", "式部丞となった。", []),
    ("The Shogunate no longer paid them.", "幕府は支払った。", [("not", "source")]),
    ("Tomomori had no retainers.", "知盛は家人を獲得した。", [("not", "source")]),
    ("The school has no Japanese teachers.", "その学校には日本人の教師がいる。", [("not", "source")]),
    ("He left for the front in May.", "5月に出陣した。", []),
    ("May 5, 1868: he left.", "1868年5月5日に出発した。", []),
    ("He left on 5 May 1868.", "1868年5月5日に出発した。", []),
    ("Members may report.", "会員は報告する。", [("can", "source")]),
    ("May members report?", "会員は報告するか。", [("can", "source")]),
    # Japanese negation from the morphemes: kana that only look negative, fixed expressions
    ("There are few records.", "記録は少ない。", []),
    ("They condemned the policy.", "方針を非難した。", []),
    ("It will arrive soon.", "間もなく到着する。", []),
    ("Use the left or the right exit.", "右ないし左の出口を使う。", []),
    ("There are only stairs at the exits.", "出口には階段しかない。", []),
    ("It is based on the ceaseless creation of knowledge.", "知識の絶えざる創出に基づく。", []),
    ("It appears to have nothing to do with Hideyoshi.", "秀吉との関連はなさそうである。", []),
    ("Sashimi is no longer limited to seafood.", "刺身は魚介類に限らず食される。", []),
    ("If the UK leaves without a deal, prices rise.", "英国が合意なしで離脱すれば、価格が上がる。", []),
    ("The funds were provided in time.", "資金は期限までに提供されずに終わった。", [("not", "target")]),
    ("The funds were provided in time.", "資金は期限までに提供されなかった。", [("not", "target")]),
    ("The funds were not provided in time.", "資金は期限までに提供された。", [("not", "source")]),
    # the romanised genitive between lower-case romaji; limits such as "no later than"
    ("He became Sakone gon no shosho in 1865.", "1865年に左近衛権少将となった。", []),
    ("There are no data for it.", "そのデータがある。", [("not", "source")]),  # English verbs shaped like romaji
    ("We see no reason for it.", "その理由がある。", [("not", "source")]),
    ("The vote will take place no later than Friday.", "投票は金曜日までに行われる。", []),
    ("I had to say goodbye.", "別れを言わなくてはなりませんでした。", [("must", "target")]),
    ("Nobody could believe it.", "誰も信じることができない。", []),
    ("The team has yet to announce a starter.", "チームは先発を公表していない。", []),
    ("It came not just from Toyota.", "トヨタから来た。", []),
    ("They prepared for a no-deal scenario.", "ノーディールの事態に備えた。", []),
])
def test_modality_and_negation(src, tgt, expected):
    assert [(fam, side) for fam, side, _ in modality.differences(src, "en", tgt, "ja")] == expected


@pytest.mark.parametrize("src,tgt,expected", [
    ("QIST including but not limited to quantum computing", "量子コンピューティングを含む量子科学技術", [("including but not limited to", "major")]),
    ("QIST including but not limited to quantum computing", "量子コンピューティングを含むがこれに限らない量子科学技術", []),
    ("venues such as workshops", "ワークショップといった場", []),
    ("venues such as workshops", "ワークショップの場", [("such as", "minor")]),
    ("QIST including but not limited to computing", "計算等を含む量子科学技術", [("including but not limited to", "minor")]),
])
def test_scope(src, tgt, expected):
    assert [(m.text, sev) for m, _, sev in scope.narrowed(src, "en", tgt, "ja")] == expected


def test_lexical_findings_number_drift_points_at_source_words():
    en, ja = "The fee is 1,800 yen.", "料金は1,500円。"
    found = checks.lexical_findings(checks.lexicon(en, "en"), checks.lexicon(ja, "ja", tokenize_ja(ja)))
    number = [f for f in found if f.check == "number"]
    assert len(number) == 1 and number[0].kind == "drift" and en[number[0].start:number[0].end] == "1,800"


def _findings(en: str, ja: str, check: str, source: str = "en"):
    lex_en, lex_ja = checks.lexicon(en, "en"), checks.lexicon(ja, "ja", tokenize_ja(ja))
    pair = (lex_en, lex_ja) if source == "en" else (lex_ja, lex_en)
    return [(f.kind, f.severity) for f in checks.lexical_findings(*pair) if f.check == check]


@pytest.mark.parametrize("en,ja,expected", [
    # an old-calendar day given in the Gregorian calendar (嘉吉3年5月7日 is 13 June 1443)
    ("On June 13, 1443, he died.", "嘉吉3年5月7日に死去した。", []),
    ("On January 19, 1861, he left.", "万延元年12月9日に出発した。", []),  # into the next year
    ("In 1568, on November 24, he left.", "1568年10月4日に出発した。", []),
    ("On November 24, he left.", "10月4日（旧暦）に出発した。", []),
    # not a conversion: too far from the old day, a modern date, no sign of the old calendar
    ("On March 2, 1443, he died.", "嘉吉3年5月7日に死去した。", [("drift", "major")]),
    ("Signed on 20 December 2019.", "2019年12月19日に署名した。", [("drift", "major")]),
    ("On November 24, he left.", "10月4日に出発した。", [("drift", "major")]),
])
def test_old_calendar_dates_match_their_conversion(en, ja, expected):
    assert _findings(en, ja, "date") == expected
    assert _findings(en, ja, "date", source="ja") == expected


def test_a_history_document_reads_bare_days_as_old_calendar_days():
    history = [("In 1568 he left Gifu.", "1568年に岐阜を出た。"), ("In 1582 he died.", "1582年に死去した。"),
               ("On November 24, he left.", "10月4日に出発した。")]
    modern = [("In 2019 it was signed.", "2019年に署名された。"), ("On November 24, he left.", "10月4日に出発した。")]
    for doc, old, expected in ((history, True, []), (modern, False, [("drift", "major")])):
        lexes = [x for en, ja in doc for x in (checks.lexicon(en, "en"), checks.lexicon(ja, "ja", tokenize_ja(ja)))]
        assert checks.old_calendar_document(lexes) is old
        last = lexes[-2:]
        assert [(f.kind, f.severity) for f in checks.lexical_findings(*last, old_calendar=old) if f.check == "date"] == expected
    assert not checks.old_calendar_document([])


@pytest.mark.parametrize("en,ja,expected", [
    ("He won his first battle.", "1568年の戦いで初陣を飾った。", [("omission", "minor")]),  # not the same quantity
    ("The fee is 1,800 yen.", "料金は1,500円。", [("drift", "major")]),
    ("It sold 170,000 copies.", "170万部を売った。", [("drift", "major")]),  # ten times: still a change
    ("The rate was 17 percent.", "率は17.8%だった。", []),  # rounded
])
def test_a_number_is_changed_only_into_a_comparable_one(en, ja, expected):
    assert _findings(en, ja, "number") == expected


class FakeEncoder:
    """Bag-of-characters vectors: deterministic and model-free."""

    def embed(self, texts):
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for i, t in enumerate(texts):
            for c in t:
                out[i, ord(c) % 64] += 1
        n = np.linalg.norm(out, axis=1, keepdims=True)
        n[n == 0] = 1
        return out / n


def _doc(lang, lines):
    segs, pos = [], 0
    for i, line in enumerate(lines):
        segs.append(Segment(i, line, pos, pos + len(line)))
        pos += len(line) + 1
    return Document(lang, "\n".join(lines), tuple(segs))


def test_null_beads_become_whole_sentence_omissions_and_additions_sorted():
    en = _doc("en", ["The meeting was held in Tokyo on 19 December 2019.", "It was long and very productive indeed."])
    ja = _doc("ja", ["会議は2019年12月19日に東京で開かれた。", "追加された文である。"])
    al = Alignment(en, ja, (Bead((0,), (0,), 1.0), Bead((1,), (), 0.0), Bead((), (1,), 0.0)))
    flags = analyze(al, FakeEncoder(), source="en")
    whole = [(f.kind, f.side, f.segment) for f in flags if f.check == "alignment"]
    assert whole == [("omission", "source", 1), ("addition", "target", 1)]
    assert flags == sorted(flags, key=lambda f: (f.side, f.segment, f.start, f.kind))
    for f in flags:
        doc = en if (f.side == "source") else ja
        assert doc.segments[f.segment].text[f.start:f.end] == f.text


def test_source_ja_swaps_sides():
    en = _doc("en", ["The temple was built in 1271."])
    ja = _doc("ja", ["その寺は1272年に建てられた。"])
    flags = analyze(Alignment(en, ja, (Bead((0,), (0,), 1.0),)), FakeEncoder(), source="ja")
    num = [f for f in flags if f.check == "number"]
    assert num and num[0].side == "source" and num[0].text.startswith("1272")
