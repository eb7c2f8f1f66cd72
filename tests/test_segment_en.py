"""English sentence and clause segmentation: golden cases and offset invariants."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilingual.segment import english, segment_text

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def units(text: str) -> list[tuple[str, str]]:
    return [(text[a:b], kind) for a, b, kind in english.sentence_spans(text)]


def texts(text: str) -> list[str]:
    return [t for t, _ in units(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # abbreviations must not end a sentence
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        ("The U.S. and Japan signed it. It was a good day.", ["The U.S. and Japan signed it.", "It was a good day."]),
        ("Some fields, e.g. quantum sensing, matter. Others do not.", ["Some fields, e.g. quantum sensing, matter.", "Others do not."]),
        ("See No. 5 in the list. Then stop.", ["See No. 5 in the list.", "Then stop."]),
        ("It rose 3.5 percent in 2019. Then it fell.", ["It rose 3.5 percent in 2019.", "Then it fell."]),
        # a soft-wrapped paragraph is joined before splitting
        (
            "This is a long sentence that has been wrapped by the editor because it\n"
            "was too long for one line. Here is a second sentence on the same line.\n",
            [
                "This is a long sentence that has been wrapped by the editor because it\nwas too long for one line.",
                "Here is a second sentence on the same line.",
            ],
        ),
        # blank lines separate paragraphs
        ("First paragraph.\n\nSecond paragraph.", ["First paragraph.", "Second paragraph."]),
    ],
)
def test_sentences(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("## **The Title of It**\n\nBody text here.", [("The Title of It", "heading"), ("Body text here.", "sentence")]),
        (
            "We intend to:\n\n- Embark on cooperation.\n- Collaborate in venues. It helps.\n  • Third item with bullet",
            [
                ("We intend to:", "line"),
                ("Embark on cooperation.", "item"),
                ("Collaborate in venues.", "item"),
                ("It helps.", "item"),
                ("Third item with bullet", "item"),
            ],
        ),
        # signature block: short lines, each its own unit, "Mr." stays with the name
        (
            "Signed in Tokyo on 19 December 2019.\n\nFor Japan:\n\nMr. MATSUO Hiroki\n\nDirector-General  \n"
            "for Science, Technology and Innovation Policy  \nCabinet Office\n",
            [
                ("Signed in Tokyo on 19 December 2019.", "sentence"),
                ("For Japan:", "line"),
                ("Mr. MATSUO Hiroki", "line"),
                ("Director-General", "line"),
                ("for Science, Technology and Innovation Policy", "line"),
                ("Cabinet Office", "line"),
            ],
        ),
        # a title broken over lines without Markdown hard breaks: a lower-case
        # continuation is joined into one unit
        (
            "Acting Deputy Chief of Mission\nfor U.S. Embassy Tokyo\n",
            [("Acting Deputy Chief of Mission\nfor U.S. Embassy Tokyo", "line")],
        ),
        # an address block: short capitalised lines stay separate
        ("Cabinet Office\n1-6-1 Nagatacho\nChiyoda-ku, Tokyo", [("Cabinet Office", "line"), ("1-6-1 Nagatacho", "line"), ("Chiyoda-ku, Tokyo", "line")]),
        # page artefacts are dropped
        ("Some text here.\n\n12\n\nMore text here.", [("Some text here.", "sentence"), ("More text here.", "sentence")]),
    ],
)
def test_units_and_kinds(text, expected):
    assert units(text) == expected


def test_abbreviation_pysbd_split_is_undone():
    # pysbd cuts after a title when the name is all capitals; the segmenter must not.
    text = "The statement was signed by Mr. MATSUO of the Cabinet Office. It was short."
    assert texts(text) == ["The statement was signed by Mr. MATSUO of the Cabinet Office.", "It was short."]


def clauses(sentence: str) -> list[str]:
    return [sentence[a:b] for a, b in english.clause_spans(sentence, 0, len(sentence))]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "We intend to promote QIST including but not limited to quantum computing, quantum networking, and quantum sensing, which underpins the development of society.",
            [
                "We intend to promote QIST",
                "including but not limited to quantum computing, quantum networking, and quantum sensing",
                "which underpins the development of society.",
            ],
        ),
        (
            "Collaborating in many venues such as workshops, seminars, and conferences.",
            ["Collaborating in many venues", "such as workshops, seminars, and conferences."],
        ),
        (
            "The first part is done; the second part will follow next year.",
            ["The first part is done", "the second part will follow next year."],
        ),
        # short enumeration items stay together
        ("Science, technology, and innovation have enabled many things.", ["Science, technology, and innovation have enabled many things."]),
        # long enumeration items are separate clauses
        (
            "We intend to encourage a respectful research environment, to facilitate multidisciplinary research, and to share research data openly.",
            ["We intend to encourage a respectful research environment", "to facilitate multidisciplinary research", "and to share research data openly."],
        ),
        # a short piece is merged into its neighbour
        ("They share data, when appropriate.", ["They share data, when appropriate."]),
        ("The meeting starts at 10:30 in the main hall.", ["The meeting starts at 10:30 in the main hall."]),
        ("Two goals matter: the speed of the work, and the care taken.", ["Two goals matter:", "the speed of the work", "and the care taken."]),
        ("One goal matters: speed.", ["One goal matters: speed."]),
    ],
)
def test_clauses(sentence, expected):
    assert clauses(sentence) == expected


def test_clause_offsets_are_absolute():
    text = "Intro.\n\nWe do A; we also do the B part."
    (a, b, _), (c, d, _) = english.sentence_spans(text)
    spans = english.clause_spans(text, c, d)
    assert [text[x:y] for x, y in spans] == ["We do A", "we also do the B part."]
    assert all(c <= x < y <= d for x, y in spans)


@pytest.mark.skipif(not (SHARED / "eval" / "tokyo" / "tokyo.en").exists(), reason="eval data not present")
def test_tokyo_english_side_matches_gold_units():
    from bilingual.segment.bilingual import split_bilingual

    text = (SHARED / "seeds" / "001_de4efa8a5d0b4356.txt").read_text(encoding="utf-8")
    (a, b), _ = split_bilingual(text)
    gold = [g.replace("## ", "").replace("**", "") for g in (SHARED / "eval" / "tokyo" / "tokyo.en").read_text(encoding="utf-8").splitlines()]
    doc = segment_text(text[a:b], "en")
    assert doc.texts == gold
    assert all(doc.text[s.start : s.end] == s.text for s in doc.segments)
    scope = [c.text for s in doc.segments for c in s.clauses if c.text.startswith("including")]
    assert scope == ["including but not limited to quantum computing, quantum networking, and quantum sensing"]


# ---------------------------------------------------------------- properties

_words = st.sampled_from(
    ["Mr.", "U.S.", "e.g.", "No.", "the", "quantum", "and", "which", "including", "such as", "that", ";", ":", ",", ".", "?", "-", "**",
     "##", "(仮訳)", "12", "\n", "\n\n", "  \n", " ", "'", '"', "(", ")", "Cabinet", "Office", "for", "when", "A", "b.", "•", "1."]
)
_texts = st.one_of(st.lists(_words, max_size=40).map(" ".join), st.lists(_words, max_size=40).map("".join), st.text(max_size=120))


def _check_span(text: str, a: int, b: int) -> None:
    assert 0 <= a < b <= len(text)
    piece = text[a:b]
    assert piece == piece.strip() and piece


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts)
def test_span_invariants(text):
    prev_end = 0
    for a, b, kind in english.sentence_spans(text):
        assert kind in {"sentence", "item", "heading", "line"}
        _check_span(text, a, b)
        assert a >= prev_end
        prev_end = b
        c_end = a
        for x, y in english.clause_spans(text, a, b):
            _check_span(text, x, y)
            assert a <= x and y <= b and x >= c_end
            c_end = y
