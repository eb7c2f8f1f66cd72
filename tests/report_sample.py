"""A hand-made Report for renderer tests (no encoder, no aligner, no analyzer)."""
from __future__ import annotations

import numpy as np

from bilingual.report.model import AlignedPair, Report
from bilingual.types import Document, Flag, Segment

EN = [
    "We intend to promote QIST.",
    "Cooperation covers 3 areas: computing, networking and sensing.",
    'Tom said "<script>alert(1)</script>" & left | then.',
    "This sentence has no translation.",
]
JA = [
    "私たちはQISTを推進する意図を有する。",
    "協力は計算とネットワークの2分野を対象とする。",
    "トムは「<script>alert(1)</script>」&と言った。",
    "訳にだけある文。",
]


def make_doc(lang: str, texts: list[str]) -> Document:
    """A Document whose segments are ``texts`` joined by a space (en) or nothing (ja)."""
    sep = " " if lang == "en" else ""
    segs, pos = [], 0
    for i, t in enumerate(texts):
        segs.append(Segment(i, t, pos, pos + len(t)))
        pos += len(t) + len(sep)
    return Document(lang, sep.join(texts), tuple(segs))


def sample_flags() -> tuple[Flag, ...]:
    s1 = EN[1]
    a = s1.index("3")
    sens = s1.index("sensing")
    return (
        Flag("drift", "major", "source", 1, a, a + 1, "3", "number 3 is 2 in the target", "number"),
        Flag("omission", "minor", "source", 1, sens, sens + len("sensing"), "sensing", "'sensing' has no counterpart", "content"),
        Flag("omission", "major", "source", 3, 0, len(EN[3]), EN[3], "sentence not translated", "null"),
        Flag("addition", "major", "target", 3, 0, len(JA[3]), JA[3], 'added <b>"text"</b> & more', "null"),
        Flag("drift", "minor", "source", 2, 0, 3, "Tom", "name 'Tom' & <x> | not matched", "name"),
    )


def sample_report(flags: tuple[Flag, ...] | None = None, source: str = "en") -> Report:
    en, ja = make_doc("en", EN), make_doc("ja", JA)
    pairs = (
        AlignedPair((0,), (0,), 0.91234567),
        AlignedPair((1,), (1,), 0.71),
        AlignedPair((2,), (2,), 0.8),
        AlignedPair((3,), (), 0.0),
        AlignedPair((), (3,), 0.0),
    )
    rng = np.random.default_rng(0)
    sv = rng.normal(size=(4, 8)).astype(np.float32)
    tv = (sv + 0.3 * rng.normal(size=(4, 8))).astype(np.float32)
    sv /= np.linalg.norm(sv, axis=1, keepdims=True)
    tv /= np.linalg.norm(tv, axis=1, keepdims=True)
    return Report(
        signature="encoder:fake|seg:test|max-bead:4|bilingual:0.1.0|source:en",
        source=en,
        target=ja,
        alignment=pairs,
        flags=sample_flags() if flags is None else flags,
        warnings=("a warning",),
        source_vecs=sv,
        target_vecs=tv,
    )


# -- stand-ins for the align and analyze stages, so report/CLI tests don't depend on them --
def fake_align_documents(en, ja, encoder, *, max_bead=4, progress=None):
    """1-1 beads in order, the longer side's tail as null beads."""
    from bilingual.types import Alignment, Bead

    vecs = encoder.embed(en.texts + ja.texts)
    n = min(len(en), len(ja))
    beads = [Bead((i,), (i,), 0.5) for i in range(n)]
    beads += [Bead((i,), (), 0.0) for i in range(n, len(en))]
    beads += [Bead((), (j,), 0.0) for j in range(n, len(ja))]
    return Alignment(en, ja, tuple(beads), f"encoder:{encoder.signature}|max-bead:{max_bead}"), vecs[: len(en)], vecs[len(en):]


def fake_analyze(alignment, encoder, *, source="en", en_vecs=None, ja_vecs=None):
    """An omission flag for every source sentence left alone, an addition for every target one."""
    target = "ja" if source == "en" else "en"
    flags = []
    for b in alignment.beads:
        s_ids, t_ids = getattr(b, source), getattr(b, target)
        s_doc, t_doc = getattr(alignment, source), getattr(alignment, target)
        if s_ids and not t_ids:
            t = s_doc.segments[s_ids[0]].text
            flags.append(Flag("omission", "major", "source", s_ids[0], 0, len(t), t, "not translated", "null"))
        if t_ids and not s_ids:
            t = t_doc.segments[t_ids[0]].text
            flags.append(Flag("addition", "major", "target", t_ids[0], 0, len(t), t, "not in the original", "null"))
    return flags


def install_fake_stages(monkeypatch, encoder):
    """Route build_report through the fakes above and ``encoder`` (whatever encoder name is asked for)."""
    import bilingual.analyze
    import bilingual.embed
    import bilingual.pipeline

    monkeypatch.setattr(bilingual.pipeline, "align_documents", fake_align_documents)
    monkeypatch.setattr(bilingual.analyze, "analyze", fake_analyze, raising=False)
    monkeypatch.setattr(bilingual.embed, "get_encoder", lambda spec="use", cache_dir=None: encoder)
