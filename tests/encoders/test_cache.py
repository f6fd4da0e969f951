"""The on-disk embedding cache: hits are not re-embedded, and concurrent writers are safe."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time
import zlib
from pathlib import Path

import numpy as np
import pytest

from paralign.encoders.base import Encoder
from paralign.encoders.cache import DB_NAME, CachedEncoder, EmbeddingCache, default_cache_dir


class Counting(Encoder):
    """A deterministic fake that records every text it is asked to embed."""

    dim = 8
    batch_size = 4

    def __init__(self, name: str = "counting-test") -> None:
        self.name = name
        self.seen: list[str] = []

    def _encode_batch(self, texts):
        self.seen.extend(texts)
        return np.stack([vector(t, self.dim) for t in texts])


def vector(text: str, dim: int) -> np.ndarray:
    rng = np.random.default_rng(zlib.crc32(text.encode("utf-8")))
    return rng.standard_normal(dim).astype(np.float32)


TEXTS = ["Primera frase.", "Segunda frase.", "Tercera frase, más larga que las otras.", "¿Cuarta?"]


def test_second_encoder_on_the_same_folder_embeds_nothing(tmp_path):
    first = CachedEncoder(Counting(), EmbeddingCache(tmp_path))
    expected = first.encode(TEXTS)
    assert first.inner.seen == TEXTS and first.misses == 4

    second = CachedEncoder(Counting(), EmbeddingCache(tmp_path))
    done: list[int] = []
    again = second.encode(TEXTS, progress=done.append)
    assert second.inner.seen == []
    assert second.hits == 4 and sum(done) == 4
    assert np.array_equal(again, expected)
    # what the cache returns is what the encoder itself gives, normalised
    assert again == pytest.approx(Counting().encode(TEXTS))


def test_only_new_texts_are_embedded_and_repeats_once(tmp_path):
    cache = EmbeddingCache(tmp_path)
    CachedEncoder(Counting(), cache).encode(TEXTS[:2])
    encoder = CachedEncoder(Counting(), cache)
    texts = [TEXTS[0], TEXTS[2], TEXTS[2], TEXTS[1], TEXTS[3], TEXTS[2]]
    out = encoder.encode(texts)
    assert encoder.inner.seen == [TEXTS[2], TEXTS[3]]
    assert out == pytest.approx(Counting().encode(texts))


def test_another_model_does_not_see_the_first_models_vectors(tmp_path):
    cache = EmbeddingCache(tmp_path)
    CachedEncoder(Counting("model-a"), cache).encode(TEXTS)
    other = CachedEncoder(Counting("model-b"), cache)
    other.encode(TEXTS)
    assert other.inner.seen == TEXTS
    assert cache.count("model-a") == cache.count("model-b") == 4


def test_realigning_with_other_settings_does_not_re_embed(tmp_path):
    from paralign import align

    src = [
        "Fidel Castro habló el 22 de octubre.",
        "Kennedy respondió al día siguiente.",
        "La crisis duró trece días.",
        "Los misiles fueron retirados.",
    ]
    tgt = [
        "Fidel Castro spoke on 22 October.",
        "Kennedy answered the next day.",
        "The crisis lasted thirteen days.",
        "The missiles were withdrawn.",
    ]
    cache = EmbeddingCache(tmp_path)
    first = CachedEncoder(Counting(), cache)
    align(src, tgt, src_lang="es", tgt_lang="en", model=first, max_bead=4)
    assert first.misses > 0
    second = CachedEncoder(Counting(), cache)
    align(src, tgt, src_lang="es", tgt_lang="en", model=second, max_bead=3)
    assert second.inner.seen == [] and second.misses == 0


def test_an_unusable_cache_warns_and_still_embeds(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    encoder = CachedEncoder(Counting(), EmbeddingCache(blocker))
    with pytest.warns(RuntimeWarning, match="cannot be used"):
        out = encoder.encode(TEXTS)
    assert out == pytest.approx(Counting().encode(TEXTS))
    assert encoder.cache is None  # gave up once, no warning per call
    encoder.encode(TEXTS)


def test_a_damaged_database_warns_and_still_embeds(tmp_path):
    (tmp_path / DB_NAME).write_bytes(b"this is not an SQLite database" * 100)
    encoder = CachedEncoder(Counting(), EmbeddingCache(tmp_path))
    with pytest.warns(RuntimeWarning):
        out = encoder.encode(TEXTS)
    assert out == pytest.approx(Counting().encode(TEXTS))


def test_default_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("PARALIGN_CACHE", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    for off in ("off", "0", "OFF", "none"):
        monkeypatch.setenv("PARALIGN_CACHE", off)
        assert default_cache_dir() is None
    monkeypatch.delenv("PARALIGN_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "paralign"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir() == Path.home() / ".cache" / "paralign"


WRITER = textwrap.dedent(
    """
    import sys, zlib
    import numpy as np
    from paralign.encoders.cache import EmbeddingCache, text_key

    folder, rounds = sys.argv[1], int(sys.argv[2])
    cache = EmbeddingCache(folder)
    texts = [f"sentence number {i}" for i in range(400)]
    for r in range(rounds):
        part = texts[(r * 37) % 400:] + texts[: (r * 37) % 400]
        vecs = np.stack([
            np.random.default_rng(zlib.crc32(t.encode())).standard_normal(8).astype(np.float32)
            for t in part
        ])
        cache.put("concurrent-test", part, vecs)
        cache.get("concurrent-test", part, 8)
    print("ok")
    """
)


def run_at_once(n: int, script: Path, *args: str) -> None:
    """Run ``n`` copies of ``script`` side by side; each must exit 0 printing ``ok``."""
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(n)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.strip() == "ok"


def test_two_processes_writing_the_same_keys_do_not_corrupt(tmp_path):
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    folder = tmp_path / "cache"
    run_at_once(2, script, str(folder), "15")
    texts = [f"sentence number {i}" for i in range(400)]
    found = EmbeddingCache(folder).get("concurrent-test", texts, 8)
    assert sorted(found) == list(range(400))
    for i, text in enumerate(texts):
        assert np.array_equal(found[i], vector(text, 8))
    with sqlite3.connect(folder / DB_NAME) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0] == 400


OPENER = textwrap.dedent(
    """
    import sys, time
    import numpy as np
    from paralign.encoders.cache import EmbeddingCache

    folders, start = sys.argv[1:-1], float(sys.argv[-1])
    for k, folder in enumerate(folders):
        while time.time() < start + 0.3 * k:  # every process opens each folder at once
            pass
        EmbeddingCache(folder).put("race", ["a", "b"], np.ones((2, 8), dtype=np.float32))
    print("ok")
    """
)


def test_processes_opening_a_fresh_cache_at_once_all_get_it(tmp_path):
    # the first opening switches the file to WAL, which SQLite's busy timeout does not
    # cover: before the setup was retried, 4 of 120 racing processes lost the cache
    script = tmp_path / "opener.py"
    script.write_text(OPENER, encoding="utf-8")
    folders = [str(tmp_path / f"cache{k}") for k in range(12)]
    start = str(time.time() + 2.0)
    run_at_once(4, script, *folders, start)
    for folder in folders:
        assert EmbeddingCache(folder).count("race") == 2
