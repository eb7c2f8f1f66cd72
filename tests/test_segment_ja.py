"""Japanese sentence/clause segmentation and tokenisation (fugashi + unidic-lite)."""
from __future__ import annotations

import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bilingual.segment import segment_text
from bilingual.segment.japanese import clause_spans, sentence_spans, tagger, tokenize

from tests.conftest import EVAL, require_eval


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b, _ in sentence_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a sentence wrapped after a noun/連用形 is joined, newline kept inside the span
        ("予定は現在調整中ですので決まり次第\nご連絡いたします。", ["予定は現在調整中ですので決まり次第\nご連絡いたします。"]),
        ("会議は来週に\n延期されました。", ["会議は来週に\n延期されました。"]),
        # a line ending in a final form is a sentence even without 。
        ("予定は現在調整中です\n決まり次第ご連絡いたします", ["予定は現在調整中です", "決まり次第ご連絡いたします"]),
        ("雨が降った\n傘を買った", ["雨が降った", "傘を買った"]),
        ("今日は暑いですね\nそうですね", ["今日は暑いですね", "そうですね"]),
        # terminators, closing brackets stay with the sentence
        ("彼は「行きます。」と言った。私も行く！本当？", ["彼は「行きます。」と言った。", "私も行く！", "本当？"]),
        ("次の点に注意（詳細は後述。）。以上です。", ["次の点に注意（詳細は後述。）。", "以上です。"]),
        ("『この本を読め。』は名作だ。", ["『この本を読め。』は名作だ。"]),
        # a name containing 。 followed by a particle is not a boundary
        ("モーニング娘。が歌った。", ["モーニング娘。が歌った。"]),
        ("あ！っと驚いた。", ["あ！っと驚いた。"]),
        # a conjunction made of particles opens a new sentence
        ("雨が降った。でも私は行く。", ["雨が降った。", "でも私は行く。"]),
        ("店に行った。が、誰もいなかった。", ["店に行った。", "が、誰もいなかった。"]),
        # a quote opened in an earlier paragraph: its closer and the quotative stay together
        ("走り回っている。」と彼は述べた。", ["走り回っている。」と彼は述べた。"]),
        # emoji and kaomoji end a sentence, or stay after its 。
        ("楽しかった😊また行こう。", ["楽しかった😊", "また行こう。"]),
        ("ありがとう。(^_^)また明日。", ["ありがとう。(^_^)", "また明日。"]),
        ("疲れた（＾ω＾）寝ます", ["疲れた（＾ω＾）", "寝ます"]),
        ("寿司🍣を食べた。", ["寿司🍣を食べた。"]),
        # a real parenthesis is not a kaomoji
        ("東京（とうきょう）は首都だ。", ["東京（とうきょう）は首都だ。"]),
        # a space after a polite final form separates sentences, not after a relative clause
        ("確認しました 次に進みます。", ["確認しました", "次に進みます。"]),
        ("優勝した\u3000山田選手は喜んだ。", ["優勝した\u3000山田選手は喜んだ。"]),
        ("2016年:アチェ州ピディ ジャヤ県で地震が起きた。", ["2016年:アチェ州ピディ ジャヤ県で地震が起きた。"]),
        ("数値は3.14です。", ["数値は3.14です。"]),
    ],
)
def test_sentences(text, expected):
    assert sentences(text) == expected


def test_structure_bullets_headings_and_signature_lines():
    text = "## 声明\n\n- 第一の項目です。二文目。\n- 第二の項目、\n  続きです。\n\n(仮訳)\n\n日本のために\n\n山田 太郎\n"
    spans = sentence_spans(text)
    got = [(text[a:b], kind) for a, b, kind in spans]
    assert got == [
        ("声明", "heading"),
        ("第一の項目です。二文目。", "item"),
        ("第二の項目、\n  続きです。", "item"),
        ("日本のために", "line"),
        ("山田 太郎", "line"),
    ]


def test_signature_block_without_blank_lines_stays_apart():
    text = "日本のために\n内閣府政策統括官（科学技術）\n山田 太郎"
    assert sentences(text) == ["日本のために", "内閣府政策統括官（科学技術）", "山田 太郎"]


def test_kind_sentence_or_line():
    text = "これは文です。\n行はここまでです\n雨です😊\n「晴れた。」(^_^)\n"
    assert [k for *_, k in sentence_spans(text)] == ["sentence", "line", "line", "sentence"]


def test_tokenize_offsets_and_features():
    text = "松尾 泰樹は\n東京で働いた。"
    toks = tokenize(text)
    assert all(text[t.start:t.end] == t.surface for t in toks)
    assert [t.surface for t in toks][:2] == ["松尾", "泰樹"]
    assert toks[0].pos == "名詞,固有名詞,人名,姓"
    assert toks[1].start == 3  # the space is skipped, not swallowed
    worked = next(t for t in toks if t.surface == "働い")
    assert worked.lemma == "働く" and worked.pos.startswith("動詞")
    assert all(t.reading for t in toks)


def test_tagger_is_cached_and_uses_unidic_lite():
    import unidic_lite

    assert tagger() is tagger()
    assert unidic_lite.DICDIR in tagger().dictionary_info[0]["filename"]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("雨が降ったので、試合は中止になり、選手たちは帰宅した。", ["雨が降ったので、", "試合は中止になり、", "選手たちは帰宅した。"]),
        ("研究環境を奨励し、学際的な研究を促進すること。", ["研究環境を奨励し、", "学際的な研究を促進すること。"]),
        # an enumeration is not cut inside, but after it ends
        ("精度、正確性及び速度を改善し、費用を減らす。", ["精度、正確性及び速度を改善し、", "費用を減らす。"]),
        # a parenthesised aside is its own clause
        ("社会を支える量子技術（計算、通信、計測を含む。）を推進するために協力する。", ["社会を支える量子技術", "（計算、通信、計測を含む。）", "を推進するために協力する。"]),
        # short pieces are merged, not returned as single words
        ("今日、雨。", ["今日、雨。"]),
    ],
)
def test_clauses(sentence, expected):
    text = "\n" + sentence + "  "
    got = [text[a:b] for a, b in clause_spans(text, 1, 1 + len(sentence))]
    assert got == expected


def _check_spans(text, spans, lo, hi):
    prev = lo
    for a, b in spans:
        assert lo <= prev <= a < b <= hi
        assert text[a:b].strip() == text[a:b]
        prev = b


JA_TEXT = st.text(
    alphabet=st.sampled_from(list("あいうえおかがきくはのをにでもすっ漢字語文日本東京です。、！？!?．「」『』（）()【】 \n\u3000-・^_;😊ωT:")),
    max_size=80,
)


@settings(max_examples=150, deadline=None)
@given(JA_TEXT | st.text(max_size=40))
@example("か あ")  # a lone final particle before a space once raised IndexError
def test_spans_are_ordered_stripped_and_disjoint(text):
    spans = sentence_spans(text)
    _check_spans(text, [(a, b) for a, b, _ in spans], 0, len(text))
    assert all(kind in ("sentence", "item", "heading", "line") for *_, kind in spans)
    for a, b, _ in spans:
        _check_spans(text, clause_spans(text, a, b), a, b)
    for tok in tokenize(text):
        assert text[tok.start:tok.end] == tok.surface


def test_tokyo_statement_units():
    require_eval()
    seed = (EVAL.parent / "seeds" / "001_de4efa8a5d0b4356.txt").read_text(encoding="utf-8")
    start = seed.index("\n", seed.index("(仮訳)")) + 1
    doc = segment_text(seed[start:], "ja")
    gold = [line.lstrip("#").strip() for line in (EVAL / "tokyo" / "tokyo.ja").read_text(encoding="utf-8").splitlines()]
    assert doc.texts == gold
    assert [s.kind for s in doc.segments][:2] == ["heading", "item"]
    for seg in doc.segments:
        assert seg.clauses and all(seg.start <= c.start < c.end <= seg.end for c in seg.clauses)


@pytest.mark.parametrize("name, best", [("wikipedia", 100.0), ("cc100", 88.4), ("emoji", 100.0), ("kaomoji", 84.2), ("named_entity", 75.0), ("new_line", 100.0)])
def test_jaseg_benchmark_at_least_published_best(name, best):
    from collections import Counter

    require_eval()

    tp = n_pred = n_gold = 0
    for line in (EVAL / "jaseg" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        gold = Counter(s.strip() for s in doc["output"])
        pred = Counter(s.strip() for s in sentences(doc["input"]))
        tp += sum((gold & pred).values())
        n_pred += sum(pred.values())
        n_gold += sum(gold.values())
    assert 200.0 * tp / (n_pred + n_gold) >= best
