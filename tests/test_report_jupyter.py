"""Notebook views of a Report: rich HTML repr, DataFrames, heatmap plot, missing-extra message."""
from __future__ import annotations

import sys

import pytest
from report_sample import sample_flags, sample_report

from bilingual.report import render
from bilingual.report.model import Report


def test_repr_html_is_the_html_body_without_the_page():
    rep = sample_report()
    frag = rep._repr_html_()
    assert "<html" not in frag and "<!DOCTYPE" not in frag
    assert frag.lstrip().startswith('<div class="bilingual-report">')
    assert frag.strip() in render(rep, "html")
    assert "&lt;script&gt;" in frag and "<script>" not in frag


def test_flags_frame_has_one_row_per_flag_with_bead_text():
    df = sample_report().to_frame()
    assert len(df) == len(sample_flags())
    assert list(df.columns[:8]) == ["kind", "severity", "side", "segment", "start", "end", "text", "message"]
    first = df.iloc[0]
    assert (first.kind, first.text, first.pair) == ("drift", "3", 1)
    assert first.target_text == "協力は計算とネットワークの2分野を対象とする。"
    assert df[df.kind == "addition"].iloc[0].source_text == ""


def test_pairs_frame_counts_flags_per_bead():
    df = sample_report().to_frame("pairs")
    assert len(df) == 5
    assert df["n_flags"].tolist() == [0, 2, 1, 1, 1]
    assert df.loc[0, "score"] == pytest.approx(0.91234567)
    with pytest.raises(ValueError, match="flags' or 'pairs"):
        sample_report().to_frame("beads")


def test_plot_heatmap_and_path():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rep = sample_report()
    fig, ax = plt.subplots()
    out = rep.plot(ax=ax)
    assert out is ax
    img = ax.get_images()[0].get_array()
    assert img.shape == (len(rep.source), len(rep.target))
    assert img[1, 1] == pytest.approx(float(rep.source_vecs[1] @ rep.target_vecs[1]), abs=1e-5)
    assert len(ax.patches) == 3  # one rectangle per bead with both sides
    assert "source (en)" in ax.get_ylabel()
    plt.close(fig)


def test_plot_needs_vectors():
    rep = sample_report()
    loaded = Report(rep.signature, rep.source, rep.target, rep.alignment, rep.flags)
    with pytest.raises(ValueError, match="no sentence vectors"):
        loaded.plot()


def test_missing_pandas_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'bilingual\[notebook\]'"):
        sample_report().to_frame()
