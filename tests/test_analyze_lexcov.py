"""Word-level lexical coverage (bilingual.analyze.lexcov) and its lexicon (bilingual.analyze.lexicon).

Hand-made sentences, not from the eval sets.  The lexicon tests build a tiny sqlite file with
the jamdict-data schema, so they run without the 325 MB package; the coverage tests use the
real lexicon when jamdict-data is installed.
"""
from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilingual.analyze import lexcov, lexicon, names, runs
from bilingual.analyze._lang import tokenize_ja


@pytest.mark.parametrize("word,key", [
    ("Temples", "temple"), ("studies", "study"), ("the", ""), ("of", ""), ("x", ""),
    ("building", "build"), ("Zen-principle", "zen-pr"), ("boxes", "box"), ("status", "status"),
])
def test_en_key(word, key):
    assert lexicon.en_key(word) == key


@pytest.mark.parametrize("word,variant", [("used", "use"), ("making", "make"), ("Japanese", "japan"), ("temples", "temple")])
def test_en_variants_meet_base_forms(word, variant):
    assert variant in lexicon.en_variants(word)


def _tiny_db(path):
    con = sqlite3.connect(path)
    con.executescript("""
        create table Kanji (ID integer primary key, idseq integer, text text);
        create table Kana (ID integer primary key, idseq integer, text text, nokanji boolean);
        create table Sense (ID integer primary key, idseq integer);
        create table SenseGloss (sid integer, lang text, gend text, text text);
        create table character (ID integer primary key, literal text);
        create table rm_group (ID integer primary key, cid integer);
        create table meaning (gid integer, value text, m_lang text);
        insert into Kanji values (1, 100, '寺院');
        insert into Kana values (1, 100, 'じいん', 0);
        insert into Sense values (1, 100);
        insert into SenseGloss values (1, 'eng', '', 'Buddhist temple');
        insert into SenseGloss values (1, 'fre', '', 'temple bouddhiste');
        insert into character values (1, '寺');
        insert into rm_group values (1, 1);
        insert into meaning values (1, 'Buddhist temple', '');
    """)
    con.commit()
    con.close()


def test_lexicon_build_reads_english_glosses_only(tmp_path):
    db = tmp_path / "jamdict.db"
    _tiny_db(db)
    lex = lexicon.build(db)
    assert lex.glosses("寺院") == {"buddhi", "temple"}  # keys keep KEY_LEN letters
    assert lex.glosses("じいん") == lex.glosses("寺院")
    assert "bouddh" not in lex.glosses("寺院")
    assert lex.kanji_glosses("寺") == {"buddhi", "temple"}
    assert lex.glosses("神社") == frozenset()


def test_lexicon_load_caches_and_degrades(tmp_path, monkeypatch):
    db = tmp_path / "jamdict.db"
    _tiny_db(db)
    monkeypatch.setenv("BILINGUAL_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(lexicon, "_db_path", lambda: db)
    lexicon.load.cache_clear()
    try:
        first = lexicon.load()
        assert list((tmp_path / "cache").glob("lexicon-jmdict-*.pickle"))
        db.unlink()  # the second load must come from the cache
        monkeypatch.setattr(lexicon, "_db_path", lambda: tmp_path / "jamdict.db")
        lexicon.load.cache_clear()
        assert lexicon.load().glosses("寺院") == first.glosses("寺院")
        monkeypatch.setattr(lexicon, "_db_path", lambda: None)
        lexicon.load.cache_clear()
        assert lexicon.load() is None
        # without a lexicon, numbers and readings still count
        ja = "京都で1200年に会議が開かれた。"
        units = lexcov.ja_coverage(ja, tokenize_ja(ja), "A meeting was held in Kyoto in 1200.", None)
        how = {ja[u.start:u.end]: u.how for u in units}
        assert how["京都"] == "romaji" and how["1200"] == "number"
    finally:
        lexicon.load.cache_clear()


needs_lexicon = pytest.mark.skipif(lexicon._db_path() is None, reason="jamdict-data not installed")


def _uncovered(ja: str, en: str) -> list[str]:
    units = lexcov.ja_coverage(ja, tokenize_ja(ja), en)
    return [ja[r.start:r.end] for r in runs.uncovered_runs(units, ja)]


@needs_lexicon
def test_complete_translation_is_covered():
    ja = "寺院の建物は1600年に京都の職人によって建てられた。"
    en = "The temple building was built in 1600 by craftsmen from Kyoto."
    assert _uncovered(ja, en) == []


@needs_lexicon
def test_dropped_phrase_is_one_uncovered_run():
    ja = "寺院の建物は1600年に京都の職人によって建てられ、後に火災で焼失した。"
    en = "The temple building was built in 1600 by craftsmen from Kyoto."
    runs = _uncovered(ja, en)
    assert len(runs) == 1 and "火災" in runs[0] and "焼失" in runs[0]


@needs_lexicon
def test_one_english_word_backs_one_japanese_word():
    ja = "妻と妻の妹が来た。"
    units = lexcov.ja_coverage(ja, tokenize_ja(ja), "His wife and her younger sister came.")
    wives = [u for u in units if ja[u.start:u.end] == "妻"]
    assert wives[0].covered == 1.0 and wives[0].how == "dict"
    assert wives[1].covered < 1.0  # at most the weak single-kanji evidence


@needs_lexicon
def test_coverage_does_not_depend_on_what_was_asked_before(monkeypatch):
    """Each side's text-only work is kept between calls (the aligner's second opinion compares
    each sentence with three texts): what one comparison uses up (an English word backs one
    Japanese word) must not leak into the next, and a kept side gives what a fresh one gives."""
    ja = "妻と妻の妹が1600年に京都の寺院を訪れた。"
    ja_toks = tokenize_ja(ja)
    ens = ["His wife and her younger sister visited a temple in Kyoto in 1600.",
           "His wife visited Kyoto.", "The sister came to the temple."]

    def fresh(fn, *args):
        monkeypatch.setattr(lexcov, "_SIDE_CACHE", {})
        monkeypatch.setattr(lexcov, "_EN_CACHE", {})
        return fn(*args)

    expect_ja = [fresh(lexcov.ja_coverage, ja, ja_toks, en) for en in ens]
    expect_en = [fresh(lexcov.en_coverage, en, ja, ja_toks) for en in ens]
    assert expect_ja[0] != expect_ja[1]  # the English texts differ in what they cover
    for _ in range(2):  # twice over, in both orders, from the kept sides
        for k in (2, 0, 1):
            assert lexcov.ja_coverage(ja, ja_toks, ens[k]) == expect_ja[k]
            assert lexcov.en_coverage(ens[k], ja, ja_toks) == expect_en[k]
    wives = [u for u in lexcov.ja_coverage(ja, ja_toks, ens[0]) if ja[u.start:u.end] == "妻"]
    assert wives[0].how == "dict" and wives[1].covered < 1.0


def test_run_severity_thresholds_are_ordered():
    for lang in ("ja", "en"):
        assert 0 < runs.RUN_MINOR[lang] < runs.RUN_MAJOR[lang]
        assert runs.run_severity(runs.Run(0, 1, runs.RUN_MAJOR[lang], 2), lang) == "major"
        assert runs.run_severity(runs.Run(0, 1, runs.RUN_MINOR[lang], 2), lang) == "minor"
        assert runs.run_severity(runs.Run(0, 1, runs.RUN_MINOR[lang] / 2, 1), lang) is None


@needs_lexicon
def test_analyze_flags_the_source_words_that_lost_their_counterpart():
    from bilingual.analyze import analyze
    from bilingual.embed import get_encoder
    from bilingual.pipeline import align_documents
    from bilingual.segment import presplit

    ja = ("寺院の建物は1600年に京都の職人によって建てられた。\n"
          "本堂は江戸時代の中期に大規模な火災で焼失したが、明治時代に地元の商人の寄付で再建された。\n"
          "境内には樹齢数百年の杉の大木がある。\n")
    full = ("The temple building was built in 1600 by craftsmen from Kyoto.\n"
            "The main hall was destroyed by a large fire in the middle of the Edo period, "
            "but it was rebuilt in the Meiji period with donations from local merchants.\n"
            "In the precincts there is a large cedar tree several hundred years old.\n")
    cut = full.replace(", but it was rebuilt in the Meiji period with donations from local merchants", "")
    enc = get_encoder("use")

    def majors(en_text):
        en, jd = presplit(en_text, "en"), presplit(ja, "ja")
        al, ev, jv = align_documents(en, jd, enc)
        return jd, [f for f in analyze(al, enc, source="ja", en_vecs=ev, ja_vecs=jv)
                    if f.check == "lexical" and f.severity == "major"]

    _, none = majors(full)
    assert none == []
    jd, flags = majors(cut)
    seg = jd.segments[1].text
    hit = [f for f in flags if f.side == "source" and f.segment == 1]
    assert hit and any(seg.index("明治") < f.end and f.start < seg.index("再建") + 2 for f in hit)
    for f in hit:
        assert seg[f.start:f.end] == f.text


def test_lexicon_signature_names_the_dictionary(monkeypatch):
    assert lexicon.signature() == ("none" if lexicon._db_path() is None else f"jmdict-{lexicon._version()}")
    monkeypatch.setattr(lexicon, "_db_path", lambda: None)
    assert lexicon.signature() == "none"


def _how(ja: str, en: str) -> dict:
    return {ja[u.start:u.end]: (u.covered, u.how) for u in lexcov.ja_coverage(ja, tokenize_ja(ja), en)}


@needs_lexicon
def test_counter_goes_with_a_number_the_english_has():
    ja = "巻物166巻が献上された。"
    assert _how(ja, "166 scrolls were presented.")["巻"] == (1.0, "number")
    assert _how(ja, "Many scrolls were presented.")["巻"][0] < 1.0  # no number, no credit


@needs_lexicon
def test_lunar_day_counts_when_the_english_has_a_month():
    ja = "3月25日に到着した。"
    assert _how(ja, "He arrived on May 2.")["25"] == (1.0, "number")
    assert _how(ja, "He arrived later.")["25"][0] < 1.0


@needs_lexicon
def test_a_name_may_be_read_another_way_than_unidic_reads_it():

    ja = "安房国に移った。"
    toks = tokenize_ja(ja)
    assert "awa" in {names.fold(names.kana_to_romaji(r)) for r in lexicon.readings("安房")}
    assert not names.missing_ja_names(toks, "He moved to Awa Province.")
    assert names.missing_ja_names(toks, "He moved to a far province.")
    assert _how(ja, "He moved to Awa Province.")["安房"][0] == 1.0


def test_reassign_moves_an_earlier_match_to_its_other_english_word():
    en_count = {"assass": 0, "killer": 1}
    holders = [["assass", frozenset({"assass", "killer"})]]  # an earlier word took "assassinated"
    assert lexcov._reassign(frozenset({"assass"}), en_count, holders) == ["assass"]
    assert holders[0][0] == "killer" and en_count == {"assass": 1, "killer": 0}
    # nothing to move to: the earlier match keeps its word
    assert lexcov._reassign(frozenset({"killer"}), {"killer": 0}, [["killer", frozenset({"killer"})]]) == []


@needs_lexicon
def test_a_name_may_be_read_kanji_by_kanji():
    ja = "中宮の藤原安子が嫉妬した。"
    assert "an" in names.kanji_romaji("安")
    assert _how(ja, "Empress Anshi FUJIWARA was jealous.")["安子"] == (1.0, "romaji")
    assert _how(ja, "The empress was jealous.")["安子"][0] < 1.0


@needs_lexicon
def test_a_name_is_not_covered_by_a_word_of_its_gloss():
    ja = "清水宗治は城を守った。"  # 清水 the family name Shimizu; JMdict glosses 清水 "clear water"
    assert _how(ja, "Muneharu defended the castle by the clear water.")["清水"][0] < 1.0
    assert _how(ja, "Muneharu SHIMIZU defended the castle.")["清水"][0] == 1.0


@needs_lexicon
def test_digits_without_a_reading_do_not_join_a_romaji_match():
    ja = "3月14日の交渉では、勝が回答した。"  # 3月14 would read "gatsu", as the name Katsu
    how = _how(ja, "At the negotiation, Katsu answered.")
    assert how["3"][0] < 1.0 and how["14"][0] < 1.0
    how = _how(ja, "At the negotiation on March 14, Katsu answered.")
    assert how["3"][0] == 1.0 and how["14"][0] == 1.0


@pytest.mark.parametrize("ja", ["戦国時代 (日本)の武将。", "3月25日 (旧暦)に没した。", "天文_(元号)の頃。"])
def test_wikipedia_link_qualifiers_are_not_content(ja):
    units = lexcov.ja_coverage(ja, tokenize_ja(ja), "")
    qualifier = ja[ja.index("(") + 1 : ja.index(")")]
    assert all(qualifier not in ja[u.start:u.end] for u in units)


@needs_lexicon
def test_dictionary_form_as_written_when_the_lemma_is_spelt_in_kanji():
    ja = "破片を投げつけた。"  # unidic lemma 投げ付ける, JMdict 投げつける
    tok = next(t for t in tokenize_ja(ja) if t.surface.startswith("投げ"))
    assert tok.lemma != "投げつける" and "throw" in lexcov._lemma_glosses(tok, lexicon.load())
    assert _how(ja, "She throws a piece.")["投げつけ"] == (1.0, "dict")


@needs_lexicon
def test_a_year_of_the_same_era_goes_with_a_western_year():
    ja = "同12年、城代に就任する。"
    assert _how(ja, "In 1607, he was appointed keeper of the castle.")["12"] == (1.0, "number")
    assert _how(ja, "Then he was appointed keeper of the castle.")["12"][0] < 1.0


@needs_lexicon
def test_an_era_year_is_read_across_a_link_qualifier():
    ja = "958年（天徳 (日本)2年）10月に女御宣下。"
    how = _how(ja, "She was declared Nyogo in October 958.")
    assert how["2"] == (1.0, "number") and "日本" not in how


@needs_lexicon
def test_a_name_given_by_its_meaning_is_present():

    ja = "金本位制が制定された。"
    toks = tokenize_ja(ja)
    if not [n for n in names.ja_names(toks) if n.text == "金"]:
        pytest.skip("this unidic does not tag 金 as a name here")
    assert names.missing_ja_names(toks, "The gold standard was enacted.") == []
    assert [n.text for n in names.missing_ja_names(toks, "The standard was enacted.")] == ["金"]


@given(st.text())
def test_nfkc_same_length_keeps_every_offset(text):
    import unicodedata

    from bilingual.analyze._lang import nfkc_same_length

    out = nfkc_same_length(text)
    assert len(out) == len(text)
    for a, b in zip(text, out):
        n = unicodedata.normalize("NFKC", a)
        assert b == (n if len(n) == 1 else a)
