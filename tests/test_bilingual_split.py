"""Splitting a one-file bilingual document into its English and Japanese sides."""
from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.errors import InputError
from bilingual.segment.bilingual import split_bilingual

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"

EN = (
    "## Joint Statement on Cooperation\n\n"
    "The two countries intend to cooperate in science and technology.\n\n"
    "- Recognizing that research is global and that partnerships matter;\n"
    "- Acknowledging the value of open data.\n\n"
    "Signed in Tokyo on 1 April 2020.\n"
)
JA = (
    "## 協力に関する共同声明\n\n"
    "両国は、科学技術において協力することを意図する。\n\n"
    "- 研究が国際的であり、パートナーシップが重要であることを認識し、\n"
    "- オープンデータの価値を認め、\n\n"
    "2020年4月1日に東京で署名した。\n"
)


def sides(text: str) -> tuple[str, str]:
    (a, b), (c, d) = split_bilingual(text)
    return text[a:b], text[c:d]


@pytest.mark.parametrize(
    "text",
    [
        EN + "\n(仮訳)\n\n" + JA,  # English first, ASCII-bracket marker
        EN + "\n（仮訳）\n\n" + JA,  # full-width marker
        EN + "\n仮訳\n" + JA,  # bare marker
        EN + "\n" + JA,  # no marker: the script switches
        JA + "\nProvisional translation\n\n" + EN,  # Japanese first, English marker line
        JA + "\n\n" + EN,  # Japanese first, no marker
        "(仮訳)\n" + JA + "\n" + EN,  # marker at the very top: not a separator
    ],
)
def test_sides_found(text):
    en, ja = sides(text)
    assert en.startswith("## Joint Statement") and en.endswith("1 April 2020.")
    assert "仮訳" not in en and "Provisional" not in en
    assert ja.endswith("署名した。")
    assert "Joint Statement" not in ja and "Provisional" not in ja


def test_marker_line_excluded_and_repeated_marker_kept_in_japanese():
    ja_with_page_break = JA.replace("- オープンデータ", "(仮訳)\n\n- オープンデータ")
    text = EN + "\n(仮訳)\n\n" + ja_with_page_break
    en, ja = sides(text)
    assert ja.startswith("## 協力に関する共同声明")
    assert ja.count("(仮訳)") == 1  # the page-break repeat stays; markup.lines drops it later


def test_regions_index_the_input():
    text = "\n\n" + EN + "\n(仮訳)\n\n" + JA + "\n\n"
    (a, b), (c, d) = split_bilingual(text)
    assert 0 <= a < b <= c < d <= len(text)
    assert text[a:b] == text[a:b].strip() and text[c:d] == text[c:d].strip()


def test_switch_point_tolerates_mixed_lines():
    # An English side quoting a Japanese name and a Japanese side quoting an
    # English acronym still split at the real switch.
    en = EN.replace("Signed in Tokyo", "Signed (東京) in Tokyo")
    ja = JA.replace("オープンデータ", "Open Data (OD)")
    en_side, ja_side = sides(en + "\n" + ja)
    assert en_side.endswith("1 April 2020.") and ja_side.startswith("## 協力")


@pytest.mark.parametrize(
    "text",
    [
        EN,  # English only
        JA,  # Japanese only
        EN + "\n(仮訳)\n",  # marker but no translation
        EN + "\n東京\n",  # a stray Japanese line is not a translation
        "",
    ],
)
def test_missing_side_raises(text):
    with pytest.raises(InputError, match="could not find both an English and a Japanese part"):
        split_bilingual(text)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds not present")
def test_tokyo_seed():
    text = (SEEDS / "001_de4efa8a5d0b4356.txt").read_text(encoding="utf-8")
    en, ja = sides(text)
    assert en.startswith("## **The Tokyo Statement on Quantum Cooperation**")
    assert en.endswith("for U.S. Embassy Tokyo")
    assert ja.startswith("## 量子協力に関する東京声明")
    assert ja.endswith("ニコラス・M・ヒル")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds not present")
@pytest.mark.parametrize("seed", ["000_2e1f0053462c66cc.txt", "004_654c726cf0a9f280.txt"])
def test_monolingual_seeds_raise(seed):
    with pytest.raises(InputError):
        split_bilingual((SEEDS / seed).read_text(encoding="utf-8"), seed)
