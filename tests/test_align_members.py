"""The second opinion on the extra sentence of one-to-many beads (bilingual.align.members,
bilingual.analyze.support)."""
from __future__ import annotations

import numpy as np
import pytest

from bilingual.align import members
from bilingual.align.core import align, align_vectors
from bilingual.align.dp import full_band
from bilingual.analyze.support import lexical_evidence, log_ratio
from tests.conftest import EVAL, require_eval
from tests.test_align import check_cover, lens, noisy, pairs, topics, unit

TYPES = [(0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (2, 2)]


def _scores(n: int, m: int, values: dict) -> np.ndarray:
    """A full-grid score array with ``values[(type, i, j)]`` set and everything else -inf."""
    S = np.full((len(TYPES), n + 1, m + 1), -np.inf)
    for (t, i, j), v in values.items():
        S[TYPES.index(t), i, j] = v
    return S


def test_margin_is_what_the_bead_gains_over_leaving_each_edge_member_out():
    # one bead: English 0 with Japanese 0 and 1
    S = _scores(1, 2, {((1, 2), 1, 2): 1.0, ((0, 1), 0, 1): -0.2, ((1, 1), 1, 2): 0.9,
                       ((1, 1), 1, 1): 0.5, ((0, 1), 1, 2): -0.3})
    found = members.candidates([(0, 1, 0, 2)], S, TYPES, full_band(1, 2), spread=0.5)
    assert [(c.cells, c.removed) for c in found] == [
        (((0, 0, 0, 1), (0, 1, 1, 2)), (("ja", 0),)),
        (((0, 1, 0, 1), (1, 1, 1, 2)), (("ja", 1),)),
    ]
    assert found[0].margin == pytest.approx((1.0 - (-0.2 + 0.9)) / 0.5)
    assert found[1].margin == pytest.approx((1.0 - (0.5 - 0.3)) / 0.5)


def test_only_beads_with_a_scorable_alternative_are_candidates():
    S = _scores(3, 3, {((1, 1), 1, 1): 1.0, ((2, 1), 3, 2): 1.0, ((1, 0), 2, 1): -0.1, ((1, 1), 3, 2): 0.8})
    cells = [(0, 1, 0, 1), (1, 3, 1, 2), (3, 3, 2, 3)]
    found = members.candidates(cells, S, TYPES, full_band(3, 3), spread=1.0)
    # 1-1 and null beads are not asked about; of the 2-1 bead only the first English member has both scores
    assert [(c.bead, c.removed) for c in found] == [(1, (("en", 1),))]


def test_a_two_by_two_bead_may_become_one_pair_and_two_nulls_in_monotone_order():
    pair = lambda i, j: ((1, 1), i, j)
    values = {((2, 2), 2, 2): 1.0, pair(1, 1): 0.5, pair(2, 2): 0.5, pair(1, 2): 0.5, pair(2, 1): 0.5}
    values.update({((1, 0), i, j): -0.1 for i in (1, 2) for j in (0, 1, 2)})
    values.update({((0, 1), i, j): -0.1 for i in (0, 1, 2) for j in (1, 2)})
    found = members.candidates([(0, 2, 0, 2)], _scores(2, 2, values), TYPES, full_band(2, 2), spread=1.0)
    assert len(found) == 4
    for c in found:
        cells = list(c.cells)
        assert [i for i0, i1, _, _ in cells for i in range(i0, i1)] == [0, 1]
        assert [j for _, _, j0, j1 in cells for j in range(j0, j1)] == [0, 1]
        assert all(a[1] == b[0] and a[3] == b[2] for a, b in zip(cells, cells[1:]))  # each starts where the last ended
        assert sorted(s for s, _ in c.removed) == ["en", "ja"] and c.margin == pytest.approx(1.0 - 0.3)
    kept = {next((a[0], a[2]) for a in c.cells if a[1] - a[0] == 1 and a[3] - a[2] == 1) for c in found}
    assert kept == {(0, 0), (1, 1), (0, 1), (1, 0)}


@pytest.mark.parametrize("nats, split", [(-5.0, True), (-0.5, False), (None, False), (3.0, False)])
def test_a_member_leaves_the_bead_when_margin_plus_evidence_is_below_zero(nats, split):
    cells = [(0, 1, 0, 1), (1, 2, 1, 3)]
    found = [members.Candidate(1, ((1, 2, 1, 2), (2, 2, 2, 3)), (("ja", 2),), 1.0)]
    seen = {}

    def evidence(pairs_, asks):
        seen.update(pairs=pairs_, asks=asks)
        return [nats]

    out, count = members.second_opinion(cells, found, evidence)
    assert seen == {"pairs": [(0, 0)], "asks": [("ja", 2, (1,))]}
    if split:
        assert out == [(0, 1, 0, 1), (1, 2, 1, 2), (2, 2, 2, 3)] and count == 1
    else:
        assert out == cells and count == 0


def test_the_most_negative_alternative_wins_and_evidence_adds_over_the_sentences_left_out():
    cells = [(0, 3, 0, 1)]
    first = members.Candidate(0, ((0, 1, 0, 0), (1, 3, 0, 1)), (("en", 0),), 0.5)
    last = members.Candidate(0, ((0, 2, 0, 1), (2, 3, 1, 1)), (("en", 2),), 0.5)
    out, count = members.second_opinion(cells, [first, last], lambda p, asks: [-1.0, -3.0])
    assert out == [(0, 2, 0, 1), (2, 3, 1, 1)] and count == 1
    out, _ = members.second_opinion(cells, [first, last], lambda p, asks: [-3.0, -1.0])
    assert out == [(0, 1, 0, 0), (1, 3, 0, 1)]
    with pytest.raises(ValueError, match="2 members"):
        members.second_opinion(cells, [first, last], lambda p, asks: [None])
    # two sentences left out: each is asked once, against the bead's other side, and their evidence adds
    cells = [(0, 2, 0, 2)]
    both = members.Candidate(0, ((0, 1, 0, 1), (1, 2, 1, 1), (2, 2, 1, 2)), (("en", 1), ("ja", 1)), 1.5)
    asked = []
    ev = lambda values: lambda p, asks: asked.append(asks) or values
    assert members.second_opinion(cells, [both], ev([-1.0, -1.0]))[1] == 1
    assert asked[0] == [("en", 1, (0, 1)), ("ja", 1, (0, 1))]
    assert members.second_opinion(cells, [both], ev([-1.0, 0.0]))[1] == 0
    assert members.second_opinion(cells, [both], ev([-9.0, None]))[1] == 0


@pytest.mark.parametrize("cells, swapped, removed, taken", [
    # X unaligned, then the pair (Y, Z): X takes Z, Y is left after it
    ([(0, 1, 0, 0), (1, 2, 0, 1)], ((0, 1, 0, 1), (1, 2, 1, 1)), (("en", 1),), ("en", 0, 0)),
    ([(0, 0, 0, 1), (0, 1, 1, 2)], ((0, 1, 0, 1), (1, 1, 1, 2)), (("ja", 1),), ("ja", 0, 0)),
    # the pair (Y, Z), then X unaligned: Y is left before it, X takes Z
    ([(0, 1, 0, 1), (1, 2, 1, 1)], ((0, 1, 0, 0), (1, 2, 0, 1)), (("en", 0),), ("en", 1, 0)),
    ([(0, 1, 0, 1), (1, 1, 1, 2)], ((0, 0, 0, 1), (0, 1, 1, 2)), (("ja", 0),), ("ja", 1, 0)),
])
def test_an_unaligned_sentence_may_take_its_neighbours_partner(cells, swapped, removed, taken):
    n, m = cells[-1][1], cells[-1][3]
    key = lambda c: ((c[1] - c[0], c[3] - c[2]), c[1], c[3])
    # the DP's pair scores 1.0, the pair the swap makes 0.3, a null bead -0.2
    values = {key(c): (1.0 if c in cells else 0.3) if key(c)[0] == (1, 1) else -0.2 for c in cells + list(swapped)}
    found = members.candidates(cells, _scores(n, m, values), TYPES, full_band(n, m), spread=0.5)
    assert [(c.bead, c.span, c.cells, c.removed, c.taken) for c in found] == [(0, 2, swapped, removed, taken)]
    assert found[0].margin == pytest.approx((1.0 - 0.3) / 0.5)
    side, x, z = taken
    y = removed[0][1]
    other = "ja" if side == "en" else "en"
    asked = []

    def evidence(for_x, for_y):
        def ev(pairs_, asks):
            asked.append(asks)
            return [for_y if k == y and s == side or s == other and o == (y,) else for_x for s, k, o in asks]
        return ev

    # the words say X and Z translate each other and Y and Z do not: the partner moves
    out, count = members.second_opinion(cells, found, evidence(2.0, -2.0 - found[0].margin))
    assert out == list(swapped) and count == 1
    assert sorted(asked[0]) == sorted([(side, y, (z,)), (other, z, (y,)), (side, x, (z,)), (other, z, (x,))])
    # they say the same of both, or nothing: the DP's beads stay
    for value in (0.0, None):
        assert members.second_opinion(cells, found, evidence(value, value)) == (cells, 0)


def test_a_swap_and_a_split_of_the_same_bead_the_most_negative_wins():
    cells = [(0, 1, 0, 0), (1, 2, 0, 2)]  # English 0 unaligned, then a 1-2 bead
    split = members.Candidate(1, ((1, 2, 0, 1), (2, 2, 1, 2)), (("ja", 1),), 0.5)
    swap = members.Candidate(0, ((0, 1, 0, 1), (1, 2, 1, 2)), (("en", 1),), 0.5, span=2, taken=("en", 0, 0))
    # the split's only ask comes first, then the swap's four
    out, count = members.second_opinion(cells, [split, swap], lambda p, asks: [-3.0, 0.0, 0.0, 0.0, 0.0])
    assert out == [(0, 1, 0, 0), (1, 2, 0, 1), (2, 2, 1, 2)] and count == 1
    out, count = members.second_opinion(cells, [split, swap], lambda p, asks: [-1.0, -2.0, -2.0, 2.0, 2.0])
    assert out == [(0, 1, 0, 1), (1, 2, 1, 2)] and count == 1


def _absorbing_case():
    """Japanese sentence 5 is two halves of English 5, and the DP makes a 1-2 bead of them."""
    t = topics(12, 21)
    en = noisy(t, 22)
    half = topics(1, 23)[0]
    ja_t = np.vstack([t[:5], unit(t[5] - 0.6 * half)[None], unit(t[5] + 0.6 * half)[None], t[6:]])
    ja = noisy(ja_t, 24, noise=0.05)
    le = lens(12, 25)
    lj = np.concatenate([le[:5], [le[5] / 6, le[5] / 6], le[6:]]) / 3

    def span_embed(side, spans):
        vecs = en if side == "en" else ja
        return unit(np.stack([vecs[a:b].sum(axis=0) for a, b in spans]))

    return en, ja, le, lj, span_embed


def test_the_aligner_asks_about_the_bead_and_follows_the_evidence():
    en, ja, le, lj, span_embed = _absorbing_case()
    plain = align_vectors(en, ja, le, lj, span_embed=span_embed)
    assert ((5,), (5, 6)) in pairs(plain)
    asked = []

    def against(pairs_, asks):
        asked.extend(asks)
        return [-100.0 if k == 6 else None for _, k, _ in asks]

    res = align(en, ja, le, lj, span_embed=span_embed, member_evidence=against)
    check_cover(res.beads, 12, 13)
    assert ("ja", 6, (5,)) in asked
    assert ((5,), (5,)) in pairs(res.beads) and ((), (6,)) in pairs(res.beads) and res.members_split == 1
    # evidence for the member, or none, leaves the DP's bead alone
    for value in (None, 2.0):
        same = align(en, ja, le, lj, span_embed=span_embed, member_evidence=lambda p, asks: [value] * len(asks))
        assert pairs(same.beads) == pairs(plain) and same.members_split == 0


def test_log_ratio_is_positive_where_translations_are_more_common():
    table = log_ratio([0.9, 0.8, 0.85, 0.95], [0.1, 0.2, 0.05, 0.9], bins=5)
    assert table.shape == (5,)
    assert table[4] > 0 > table[0]
    assert np.allclose(log_ratio([0.5, 0.1], [0.5, 0.1]), 0.0)


def _kyoto(name: str, folder: str = "align"):
    """Lines and gold of one Kyoto document, read as scripts/evaluate.py reads them."""
    from scripts.evaluate import read_gold, read_lines

    require_eval()
    base = EVAL / "kyoto" / folder / name
    gold = [(tuple(a), tuple(b)) for a, b in read_gold(base.with_suffix(".gold"))]
    return read_lines(base.with_suffix(".en")), read_lines(base.with_suffix(".ja")), gold


def test_lexical_evidence_favours_a_sentence_translated_by_the_other_side():
    en, ja, gold = _kyoto("GNM00072")
    ones = [(a[0], b[0]) for a, b in gold if len(a) == 1 and len(b) == 1]
    evidence = lexical_evidence(en, ja)
    asks = [("ja", j, (i,)) for i, j in ones[:20]] + [("ja", j, (ones[(k + 10) % len(ones)][0],))
                                                     for k, (_, j) in enumerate(ones[:20])]
    asks += [("en", i, (j,)) for i, j in ones[:20]]
    got = evidence(ones, asks)
    partner, stranger, english = got[:20], got[20:40], got[40:]
    better = [p > s for p, s in zip(partner, stranger) if p is not None and s is not None]
    assert len(better) >= 15 and sum(better) >= 0.8 * len(better)
    assert sum(e > 0 for e in english if e is not None) >= 0.7 * sum(e is not None for e in english)


def _with_and_without_words(encoder, doc: str):
    """kyoto/align-del ``doc`` aligned by the real encoder without and with the words' second opinion."""
    from bilingual.align.anchors import text_cues

    en, ja, gold = _kyoto(doc, "align-del")
    ev, jv = encoder.embed(en), encoder.embed(ja)

    def span_embed(side, spans):
        lines, joiner = (en, " ") if side == "en" else (ja, "")
        return encoder.embed([joiner.join(lines[a:b]) for a, b in spans])

    def run(evidence):
        return align(ev, jv, [len(s) for s in en], [len(s) for s in ja], span_embed=span_embed,
                     en_cues=text_cues(en, "en"), ja_cues=text_cues(ja, "ja"), member_evidence=evidence)

    return run(None), run(lexical_evidence(en, ja)), gold


def test_deleted_sentences_absorbed_by_a_neighbour_come_out_unaligned(use_encoder):
    """kyoto/align-del EPR00151: the DP alone puts two deleted sentences in neighbours' beads."""
    plain, checked, gold = _with_and_without_words(use_encoder, "EPR00151")
    gold_nulls = {b for b in gold if not b[0] or not b[1]}
    nulls = lambda res: {(b.en, b.ja) for b in res.beads if not b.en or not b.ja}
    assert checked.members_split >= 1
    assert nulls(checked) <= gold_nulls
    assert len(nulls(checked) & gold_nulls) > len(nulls(plain) & gold_nulls)
    assert sum(p in set(gold) for p in pairs(checked.beads)) > sum(p in set(gold) for p in pairs(plain.beads))



def test_the_words_move_a_partner_to_the_sentence_that_translates_it(use_encoder):
    """kyoto/align-del CLT00565: of two English verses quoting Shoin YOSHIDA, the Japanese kept
    only the first; by the vectors alone the DP pairs it with the second."""
    plain, checked, gold = _with_and_without_words(use_encoder, "CLT00565")
    assert ((44,), (41,)) not in pairs(plain.beads) and ((45,), ()) not in pairs(plain.beads)
    assert ((44,), (41,)) in set(gold) and ((45,), ()) in set(gold)
    assert ((44,), (41,)) in pairs(checked.beads) and ((45,), ()) in pairs(checked.beads)


def test_lexical_evidence_has_no_opinion_without_pairs_or_content_words():
    evidence = lexical_evidence(["The temple burned down.", "1074."], ["寺は焼失した。", "1074。"])
    assert evidence([], [("ja", 0, (0,))]) == [None]  # nothing to calibrate on
    got = evidence([(0, 0), (1, 1)], [("en", 1, (1,)), ("ja", 0, (0,))])
    assert len(got) == 2 and all(g is None or np.isfinite(g) for g in got)


@pytest.mark.parametrize("text, fragment", [
    ("Although some were more competent than others,", True),
    ("every shogun was involved in politics.", True),
    ("歴代の将軍は能力の優劣はあったとしても、", True),
    ("The ceremony took place; ", True),
    ("Gekkeikan Okura Sake Museum", False),
    ("葬式について", False),
    ("'Udome' was changed to 'U-ton'.", False),
    ("It is said to be the origin of Nanzen-ji Temple.", False),
])
def test_fragments_of_a_sentence_get_no_opinion(text, fragment):
    from bilingual.analyze.support import is_fragment

    assert is_fragment(text) is fragment
    en = ["The temple was built in 1074 by the emperor.", text if text.isascii() else "A temple.",
          "It burned down in 1180."]
    ja = ["寺は1074年に天皇によって建てられた。", text if not text.isascii() else "寺。", "1180年に焼失した。"]
    side, k = ("en", 1) if text.isascii() else ("ja", 1)
    got = lexical_evidence(en, ja)([(0, 0), (1, 1), (2, 2)], [(side, k, (0,))])[0]
    assert (got is None) if fragment else (got is not None)
