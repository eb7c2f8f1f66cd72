"""Renderers over a hand-made Report: every format, escaping, colour rules, stable JSON, TMX round trip."""
from __future__ import annotations

import json
import re

import pytest
from report_sample import EN, JA, sample_flags, sample_report

from bilingual.report import FORMATS, render
from bilingual.report.model import AlignedPair, Report
from bilingual.report.serialize import FLAG_KEYS
from bilingual.report.view import runs
from bilingual.types import Document, Flag, Segment

ANSI = re.compile(r"\x1b\[")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_and_is_deterministic(fmt):
    a = render(sample_report(), fmt, **({"color": False, "width": 100} if fmt == "text" else {}))
    b = render(sample_report(), fmt, **({"color": False, "width": 100} if fmt == "text" else {}))
    assert a == b
    assert isinstance(a, bytes if fmt == "tmx" else str)
    assert len(a) > 200


def test_unknown_format_is_an_error():
    with pytest.raises(ValueError, match="unknown report format"):
        render(sample_report(), "pdf")


# -- JSON ---------------------------------------------------------------------------
def test_json_key_order_and_contents():
    text = render(sample_report(), "json")
    assert text.endswith("}\n")
    d = json.loads(text)
    assert list(d) == ["signature", "source", "target", "alignment", "flags"]
    assert list(d["source"]) == ["lang", "segments"]
    assert list(d["source"]["segments"][0]) == ["id", "text", "start", "end"]
    assert list(d["alignment"][0]) == ["source", "target", "score"]
    assert all(list(f) == list(FLAG_KEYS) for f in d["flags"])
    assert d["alignment"][0]["score"] == 0.912346  # rounded to 6 places
    assert d["alignment"][3] == {"source": [3], "target": [], "score": 0.0}
    assert [f["kind"] for f in d["flags"]] == [f.kind for f in sample_flags()]
    assert "協力" in text  # ensure_ascii=False: Japanese stays readable


def test_json_same_input_same_bytes_and_no_vectors():
    a = render(sample_report(), "json").encode()
    b = render(sample_report(), "json").encode()
    assert a == b
    assert "vecs" not in a.decode()


# -- text -----------------------------------------------------------------------------
def test_text_plain_has_no_escape_codes_and_marks_spans():
    out = render(sample_report(), "text", color=False, width=200)
    assert not ANSI.search(out)
    assert "[[3]]" in out and "[[sensing]]" in out
    assert "number 3 is 2 in the target" in out
    assert "5 beads" in out and "3 major, 2 minor" in out
    assert "signature: encoder:fake" in out
    assert "(nothing)" in out


def test_text_colour_on_request():
    out = render(sample_report(), "text", color=True, width=100)
    assert ANSI.search(out)
    assert "[[3]]" not in out


def test_text_no_color_env_wins(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    out = render(sample_report(), "text", width=100)
    assert not ANSI.search(out)


def test_text_non_tty_is_plain(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    import io
    import sys

    monkeypatch.setattr(sys, "stdout", io.StringIO())
    out = render(sample_report(), "text", width=100)
    assert not ANSI.search(out)


@pytest.mark.parametrize("width", [60, 90, 140])
def test_text_fits_the_width(width):
    from rich.cells import cell_len

    out = render(sample_report(), "text", color=False, width=width)
    assert max(cell_len(line) for line in out.splitlines()) <= width


# -- Markdown ---------------------------------------------------------------------
def _cells(row: str) -> list[str]:
    return re.split(r"(?<!\\)\|", row.strip())[1:-1]


def test_markdown_summary_and_flag_rows():
    md = render(sample_report(), "markdown")
    assert "| major | 3 |" in md and "| omission | 2 |" in md
    rows = [ln for ln in md.splitlines() if ln.startswith("| ") and ("drift" in ln or "omission" in ln or "addition" in ln)]
    flag_rows = [r for r in rows if len(_cells(r)) == 8]
    assert len(flag_rows) == len(sample_flags())
    # flags come in bead order, and each row carries both texts of its bead
    assert [_cells(r)[0].strip() for r in flag_rows] == ["1:1", "1:1", "2:2", "3:-", "-:3"]
    assert "協力は計算とネットワークの2分野を対象とする。" in flag_rows[0]


def test_markdown_escapes_html_pipes_and_markup():
    md = render(sample_report(), "markdown")
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "left \\| then" in md
    assert "alert(1)" in md
    from bilingual.report.markdown import escape

    assert escape("a*b_c `d` [x](y) ~z~ \\ q\nr") == "a\\*b\\_c \\`d\\` \\[x\\](y) \\~z\\~ \\\\ q r"
    row = next(ln for ln in md.splitlines() if "Tom said" in ln)
    assert len(_cells(row)) == 8  # the pipe in the text did not break the row


def test_markdown_without_flags():
    md = render(sample_report(flags=()), "markdown")
    assert "No flags." in md and "| flags | 0 |" in md


# -- HTML -------------------------------------------------------------------------
def test_html_escapes_all_text():
    html = render(sample_report(), "html")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp; left" in html
    assert "&#34;" in html or "&quot;" in html
    # message with markup inside a title attribute stays inside it
    assert 'title="addition (major): added &lt;b&gt;&#34;text&#34;&lt;/b&gt; &amp; more"' in html
    assert "<b>\"text\"</b>" not in html


def test_html_is_self_contained():
    html = render(sample_report(), "html")
    assert html.startswith("<!DOCTYPE html>")
    assert "<style>" in html
    for needle in ("http://", "https://", "<link", "src=", "<script"):
        assert needle not in html


def test_html_marks_every_flagged_span_with_kind_and_severity():
    html = render(sample_report(), "html")
    marks = re.findall(r'<mark class="k-(\w+) s-(\w+)" title="[^"]*">([^<]*)</mark>', html)
    assert ("drift", "major", "3") in marks
    assert ("omission", "minor", "sensing") in marks
    assert ("addition", "major", "訳にだけある文。") in marks
    assert len(marks) == len(sample_flags())
    assert html.count('<tr id="pair-') == len(sample_report().alignment)


# -- TMX --------------------------------------------------------------------------
def test_tmx_round_trip():
    from translate.storage.tmx import tmxfile

    data = render(sample_report(), "tmx")
    store = tmxfile.parsestring(data)
    assert store.sourcelanguage == "en"
    got = [(u.source, u.target) for u in store.units]
    assert got == [(EN[i], JA[i]) for i in range(3)]  # null beads are not translation units
    assert b"creationdate" not in data


def _doc(lang, texts):
    segs, pos = [], 0
    for i, t in enumerate(texts):
        segs.append(Segment(i, t, pos, pos + len(t)))
        pos += len(t) + 1
    return Document(lang, "\n".join(texts), tuple(segs))


def test_tmx_joins_sentences_per_language_and_follows_source():
    ja = _doc("ja", ["一つ目。", "二つ目。"])
    en = _doc("en", ["One and two."])
    rep = Report("sig", ja, en, (AlignedPair((0, 1), (0,), 0.9),), ())
    from translate.storage.tmx import tmxfile

    store = tmxfile.parsestring(render(rep, "tmx"))
    assert store.sourcelanguage == "ja"
    assert [(u.source, u.target) for u in store.units] == [("一つ目。二つ目。", "One and two.")]
    rep2 = Report("sig", _doc("en", ["One.", "Two."]), _doc("ja", ["一と二。"]), (AlignedPair((0, 1), (0,), 0.9),), ())
    store2 = tmxfile.parsestring(render(rep2, "tmx"))
    assert [(u.source, u.target) for u in store2.units] == [("One. Two.", "一と二。")]


# -- runs --------------------------------------------------------------------------
def _flag(sev, a, b):
    return Flag("drift", sev, "source", 0, a, b, "", "m")


def test_runs_cut_at_flag_edges_and_most_severe_wins():
    minor, major = _flag("minor", 0, 6), _flag("major", 3, 9)
    got = [(r.text, r.flag) for r in runs("abcdefghij", [minor, major])]
    assert got == [("abc", minor), ("defghi", major), ("j", None)]


def test_runs_clamp_offsets_and_keep_text():
    got = runs("abc", [_flag("minor", 2, 50), _flag("major", -3, 0)])
    assert "".join(r.text for r in got) == "abc"
    assert [r.flag is not None for r in got] == [False, True]
