"""The embedding cache proves its contents: a vector altered, swapped, non-finite or
damaged on disk is dropped and embedded again (one warning), and the alignment is then
byte-identical to one made without the cache; a database damaged beyond reading is set
aside and rebuilt."""

from __future__ import annotations

import random
import sqlite3
import warnings
import zlib
from pathlib import Path

import numpy as np
import pytest
from sample_pair import write_sample_pair

from paralign.cli import main
from paralign.encoders.base import Encoder
from paralign.encoders.cache import DB_NAME, CachedEncoder, EmbeddingCache, record_digest

TEXTS = [f"Frase número {i}, sobre la casa." for i in range(12)]


class Counting(Encoder):
    """A deterministic fake that records every text it embeds."""

    dim = 8
    batch_size = 4

    def __init__(self) -> None:
        self.name = "integrity-test"
        self.seen: list[str] = []

    def _encode_batch(self, texts):
        self.seen.extend(texts)
        return np.stack(
            [np.random.default_rng(zlib.crc32(t.encode())).standard_normal(self.dim) for t in texts]
        ).astype(np.float32)


def fill(folder: Path) -> np.ndarray:
    """Fill a cache in ``folder`` with TEXTS; the vectors a clean encoder gives."""
    return CachedEncoder(Counting(), EmbeddingCache(folder)).encode(TEXTS)


def rows(folder: Path) -> list[tuple[int, bytes, bytes]]:
    with sqlite3.connect(folder / DB_NAME) as db:
        return db.execute("SELECT rowid, vector, digest FROM vectors ORDER BY rowid").fetchall()


def update(folder: Path, rowid: int, vector: bytes, digest: bytes | None = None) -> None:
    with sqlite3.connect(folder / DB_NAME) as db:
        if digest is None:
            db.execute("UPDATE vectors SET vector = ? WHERE rowid = ?", (vector, rowid))
        else:
            db.execute(
                "UPDATE vectors SET vector = ?, digest = ? WHERE rowid = ?",
                (vector, digest, rowid),
            )


def encode_again(folder: Path) -> tuple[np.ndarray, Counting, list[str]]:
    """Encode TEXTS through the cache; the vectors, the inner encoder, the warnings."""
    inner = Counting()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = CachedEncoder(inner, EmbeddingCache(folder)).encode(TEXTS)
    return out, inner, [str(w.message) for w in caught]


def test_an_altered_vector_is_dropped_and_embedded_again(tmp_path):
    clean = fill(tmp_path)
    rowid, blob, _ = rows(tmp_path)[3]
    altered = np.frombuffer(blob, dtype=np.float32).copy()
    altered[0] += 0.25
    update(tmp_path, rowid, altered.tobytes())
    out, inner, caught = encode_again(tmp_path)
    assert np.array_equal(out, clean)
    assert inner.seen == [TEXTS[3]]
    assert len(caught) == 1 and "failed their check" in caught[0]
    # the record was replaced: the next run uses the cache again, silently
    out, inner, caught = encode_again(tmp_path)
    assert np.array_equal(out, clean) and inner.seen == [] and caught == []


@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf])
def test_a_non_finite_vector_is_refused_even_with_a_matching_digest(tmp_path, value):
    clean = fill(tmp_path)
    rowid, blob, _ = rows(tmp_path)[5]
    bad = np.frombuffer(blob, dtype=np.float32).copy()
    bad[2] = value
    # a digest made for the bad vector: the value itself is refused
    update(
        tmp_path, rowid, bad.tobytes(), record_digest("integrity-test", TEXTS[5], 8, bad.tobytes())
    )
    out, inner, caught = encode_again(tmp_path)
    assert np.array_equal(out, clean) and inner.seen == [TEXTS[5]] and len(caught) == 1


def test_vectors_swapped_between_texts_are_refused(tmp_path):
    clean = fill(tmp_path)
    (a, va, da), (b, vb, db_) = rows(tmp_path)[:2]
    update(tmp_path, a, vb, db_)  # each record now holds the other text's vector and digest
    update(tmp_path, b, va, da)
    out, inner, caught = encode_again(tmp_path)
    assert np.array_equal(out, clean)
    assert sorted(inner.seen) == sorted(TEXTS[:2]) and len(caught) == 1


def test_non_finite_vectors_are_never_stored(tmp_path):
    cache = EmbeddingCache(tmp_path)
    vectors = np.ones((2, 8), dtype=np.float32)
    vectors[1, 3] = np.nan
    cache.put("integrity-test", ["a", "b"], vectors)
    assert cache.count() == 1


def test_a_database_damaged_beyond_reading_is_set_aside_and_rebuilt(tmp_path):
    clean = fill(tmp_path)
    (tmp_path / DB_NAME).write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    out, _, caught = encode_again(tmp_path)
    assert np.array_equal(out, clean)
    assert len(caught) == 1 and "damaged" in caught[0]
    assert (tmp_path / (DB_NAME + ".damaged")).exists()
    # the next run starts a new cache, fills it, and the one after that hits
    encode_again(tmp_path)
    out, inner, caught = encode_again(tmp_path)
    assert np.array_equal(out, clean) and inner.seen == [] and caught == []


# ---------------------------------------------------------------- the real model, the CLI


def align_argv(folder: Path, out: Path) -> list[str]:
    src, tgt = folder / "es.txt", folder / "en.txt"
    return ["align", str(src), str(tgt), "--src-lang", "es", "--tgt-lang", "en", "-o", str(out)]


def alter_vectors(db_path: Path, rng: random.Random) -> None:
    """Add 0.5 to one value of 40 vectors, a NaN into some of them."""
    with sqlite3.connect(db_path) as db:
        found = db.execute("SELECT rowid, vector FROM vectors").fetchall()
        for rowid, blob in rng.sample(found, min(40, len(found))):
            v = np.frombuffer(blob, dtype=np.float32).copy()
            v[rng.randrange(len(v))] += 0.5
            if rng.random() < 0.3:
                v[rng.randrange(len(v))] = np.nan
            db.execute("UPDATE vectors SET vector = ? WHERE rowid = ?", (v.tobytes(), rowid))


def random_bytes(db_path: Path, rng: random.Random) -> None:
    """Write 200 random bytes at random places of the database file."""
    data = bytearray(db_path.read_bytes())
    for _ in range(200):
        data[rng.randrange(len(data))] = rng.randrange(256)
    db_path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("damage", "seed"),
    [(alter_vectors, 1), (random_bytes, 1), (random_bytes, 4)],
)
def test_a_damaged_cache_gives_the_alignment_of_a_clean_run(
    monkeypatch, capsys, tmp_path, damage, seed
):
    write_sample_pair(tmp_path)
    monkeypatch.setenv("PARALIGN_CACHE", "off")
    assert main([*align_argv(tmp_path, tmp_path / "clean.xml"), "-q"]) == 0
    cache = tmp_path / "cache"
    monkeypatch.setenv("PARALIGN_CACHE", str(cache))
    assert main([*align_argv(tmp_path, tmp_path / "filled.xml"), "-q"]) == 0
    damage(cache / DB_NAME, random.Random(seed))
    capsys.readouterr()
    assert main([*align_argv(tmp_path, tmp_path / "after.xml"), "-q"]) == 0
    err = capsys.readouterr().err
    clean = (tmp_path / "clean.xml").read_bytes()
    assert (tmp_path / "after.xml").read_bytes() == clean
    assert err and all(line.startswith("paralign: warning: ") for line in err.splitlines()), err
    # and the run after that, on the repaired or rebuilt cache, too
    assert main([*align_argv(tmp_path, tmp_path / "again.xml"), "-q"]) == 0
    assert (tmp_path / "again.xml").read_bytes() == clean
