"""A bead whose lines stand in another order on the two sides says so in every view."""
import dataclasses
import json

import pytest

from bilingual.report import render
from bilingual.report.model import AlignedPair
from tests.report_sample import sample_report


@pytest.fixture
def report():
    rep = sample_report(flags=())
    pairs = (AlignedPair((0, 1), (0, 1), 0.6, "reordered"),) + rep.alignment[2:]
    return dataclasses.replace(rep, alignment=pairs)


def test_note_in_json_only_where_set(report):
    beads = json.loads(render(report, "json"))["alignment"]
    assert beads[0]["note"] == "reordered"
    assert list(beads[0]) == ["source", "target", "score", "note"]
    assert all("note" not in b for b in beads[1:])


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_note_shown(report, fmt):
    out = render(report, fmt)
    assert "(reordered)" in (out if isinstance(out, str) else out.decode())
