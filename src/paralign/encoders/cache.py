"""An on-disk embedding cache, so that re-aligning a document does not re-embed it.

Vectors are content-addressed: the key is the SHA-256 of the encoder's
:attr:`~paralign.encoders.base.Encoder.identity` and the text, so a changed model
or a changed sentence simply misses. The store is one SQLite database (Python's
``sqlite3``): every write is a transaction, so concurrent processes never see or
leave a half-written vector, and two processes writing the same key both succeed
(``INSERT OR IGNORE``; the vectors are equal by construction).

The folder is ``$PARALIGN_CACHE`` or ``~/.cache/paralign`` (``$XDG_CACHE_HOME``
honoured); ``PARALIGN_CACHE=off`` turns caching off. A cache that cannot be used
(read-only folder, damaged file) is reported once as a warning and skipped:
caching never stops an alignment.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
import warnings
from collections.abc import Iterable, Sequence
from contextlib import closing
from pathlib import Path

import numpy as np

from .base import Encoder, Progress, stack_rows
from .runs import RunModel, Runs, encode_runs

#: values of ``$PARALIGN_CACHE`` that turn the cache off
OFF_VALUES = frozenset({"0", "off", "false", "no", "none"})
#: the database file inside the cache folder; the suffix is the schema version (v1 was a
#: WITHOUT ROWID table, five times slower to fill with 2 KB vectors; it is left unread)
DB_NAME = "embeddings-v2.sqlite3"
_CHUNK = 500  # keys per SELECT, well under SQLite's bound-parameter limit
#: seconds a connection waits for another process's lock before the cache is skipped
_LOCK_WAIT = 60.0


def default_cache_dir() -> Path | None:
    """The cache folder the environment asks for, or ``None`` when caching is off."""
    value = os.environ.get("PARALIGN_CACHE", "").strip()
    if value.lower() in OFF_VALUES:
        return None
    if value:
        return Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or Path.home() / ".cache"
    return Path(base) / "paralign"


def text_key(identity: str, text: str) -> bytes:
    """The content address of ``text`` embedded by the model ``identity``."""
    return hashlib.sha256(f"{identity}\0{text}".encode("utf-8", "surrogatepass")).digest()


def _prepare(db: sqlite3.Connection) -> None:
    """Settings and table of a cache connection (idempotent)."""
    # pages that hold several 2 KB vectors each (set before the file has tables), in
    # a plain rowid table: a vector is appended, not slotted into a key-ordered tree
    # of overflow chains
    db.execute("PRAGMA page_size=16384")
    # the mode is stored in the file: only its first opening switches it, which
    # needs the file to itself
    if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        db.execute("PRAGMA journal_mode=WAL")
    # in WAL mode a crash may lose the last write, never corrupt the file
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(
        "CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, model TEXT NOT NULL,"
        " dim INTEGER NOT NULL, vector BLOB NOT NULL)"
    )


def _is_busy(exc: sqlite3.Error) -> bool:
    """Whether ``exc`` says another connection holds the lock (worth a retry)."""
    text = str(exc).lower()
    return "locked" in text or "busy" in text


class CacheUnavailable(Exception):
    """The cache folder or database cannot be used (reported as a warning)."""


class EmbeddingCache:
    """Vectors on disk, keyed by model identity and text."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        self.path = self.directory / DB_NAME

    def __repr__(self) -> str:
        return f"EmbeddingCache({str(self.directory)!r})"

    def _connect(self) -> sqlite3.Connection:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=_LOCK_WAIT, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise CacheUnavailable(f"embedding cache {self.path} cannot be used: {exc}") from exc
        # SQLite's busy timeout does not cover switching a new file to WAL: processes
        # that open a fresh cache at the same moment get "database is locked" at once
        # (4 of 120 in a race of four), so the setup is retried until the wait is up
        deadline = time.monotonic() + _LOCK_WAIT
        delay = 0.005
        while True:
            try:
                _prepare(db)
                return db
            except sqlite3.Error as exc:
                if not _is_busy(exc) or time.monotonic() + delay > deadline:
                    db.close()
                    raise CacheUnavailable(
                        f"embedding cache {self.path} cannot be used: {exc}"
                    ) from exc
            time.sleep(delay)
            delay = min(2 * delay, 0.25)

    def get(self, identity: str, texts: Sequence[str], dim: int) -> dict[int, np.ndarray]:
        """The cached vectors of ``texts`` by position; absent texts are left out."""
        keys = [text_key(identity, t) for t in texts]
        where: dict[bytes, list[int]] = {}
        for i, key in enumerate(keys):
            where.setdefault(key, []).append(i)
        unique = list(where)
        found: dict[int, np.ndarray] = {}
        try:
            with closing(self._connect()) as db:
                for start in range(0, len(unique), _CHUNK):
                    chunk = unique[start : start + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    rows = db.execute(
                        f"SELECT key, dim, vector FROM vectors WHERE key IN ({marks})", chunk
                    )
                    for key, row_dim, blob in rows:
                        if row_dim != dim or len(blob) != 4 * dim:
                            continue  # another model's shape under a colliding identity
                        vector = np.frombuffer(blob, dtype=np.float32)
                        for i in where[key]:
                            found[i] = vector
        except sqlite3.Error as exc:
            raise CacheUnavailable(f"embedding cache {self.path} cannot be read: {exc}") from exc
        return found

    def put(self, identity: str, texts: Iterable[str], vectors: np.ndarray) -> None:
        """Store one vector per text (a key already present is left as it is)."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        dim = vectors.shape[1]
        rows = [
            (text_key(identity, t), identity, dim, vectors[i].tobytes())
            for i, t in enumerate(texts)
        ]
        try:
            with closing(self._connect()) as db:
                db.execute("BEGIN IMMEDIATE")
                try:
                    db.executemany("INSERT OR IGNORE INTO vectors VALUES (?, ?, ?, ?)", rows)
                    db.execute("COMMIT")
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
        except sqlite3.Error as exc:
            raise CacheUnavailable(f"embedding cache {self.path} cannot be written: {exc}") from exc

    def count(self, identity: str | None = None) -> int:
        """How many vectors are stored (for one model identity, or in all)."""
        with closing(self._connect()) as db:
            if identity is None:
                return db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]
            return db.execute(
                "SELECT COUNT(*) FROM vectors WHERE model = ?", (identity,)
            ).fetchone()[0]


class CachedEncoder(Encoder):
    """Wraps an encoder: texts already in the cache are not embedded again.

    Repeated texts within one call are embedded once too. ``hits`` and
    ``misses`` count the texts served from the cache and the texts embedded.
    """

    def __init__(self, inner: Encoder, cache: EmbeddingCache) -> None:
        self.inner = inner
        self.cache: EmbeddingCache | None = cache
        self.name = inner.name
        self.dim = inner.dim
        self.batch_size = inner.batch_size
        self.hits = 0
        self.misses = 0

    @property
    def identity(self) -> str:
        return self.inner.identity

    def __repr__(self) -> str:
        return f"<CachedEncoder {self.inner!r} in {self.cache!r}>"

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        return self.inner._encode_batch(texts)

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        rows: dict[str, int] = {}
        for text in texts:
            rows.setdefault(text, len(rows))
        unique = list(rows)
        vectors = np.zeros((len(unique), self.dim), dtype=np.float32)
        found = self._get(unique)
        for i, vector in found.items():
            vectors[i] = vector
        if progress is not None and found:
            progress(len(found))
        missing = [i for i in range(len(unique)) if i not in found]
        if missing:
            fresh = self.inner.encode([unique[i] for i in missing], progress)
            vectors[missing] = fresh
            self._put([unique[i] for i in missing], fresh)
        if progress is not None and len(unique) < len(texts):
            progress(len(texts) - len(unique))
        self.hits += len(texts) - len(missing)
        self.misses += len(missing)
        if len(unique) == len(texts):
            return vectors
        return vectors[[rows[t] for t in texts]]

    def run_model(self) -> RunModel | None:
        return self.inner.run_model()

    def encode_runs(self, texts: Sequence[str], progress: Progress | None = None) -> Runs | None:
        """Parts (keyed by sentence) and junctions (keyed by the pair of sentences) come
        from the cache where it has them; only the rest is computed."""
        model = self.run_model()
        if model is None:
            return None
        n = len(texts)
        pairs = [f"{a}\0{b}" for a, b in zip(texts, texts[1:], strict=False)]
        parts_id, joins_id = f"{self.identity}#parts", f"{self.identity}#joins"
        parts = self._get(list(texts), parts_id, model.dim + 1)
        joins = self._get(pairs, joins_id, model.dim)
        if progress is not None and parts:
            progress(len(parts))
        new_parts, new_joins = encode_runs(
            model,
            texts,
            [i for i in range(n) if i not in parts],
            [j for j in range(n - 1) if j not in joins],
            progress,
        )
        for found, new, keys, identity in (
            (parts, new_parts, list(texts), parts_id),
            (joins, new_joins, pairs, joins_id),
        ):
            if new:
                rows = sorted(new)
                self._put([keys[i] for i in rows], np.stack([new[i] for i in rows]), identity)
                found.update(new)
        self.hits += n - len(new_parts)
        self.misses += len(new_parts)
        return Runs(model, stack_rows(parts, n, model.dim + 1), stack_rows(joins, n - 1, model.dim))

    def _get(
        self, texts: list[str], identity: str | None = None, dim: int | None = None
    ) -> dict[int, np.ndarray]:
        if self.cache is None or not texts:
            return {}
        try:
            return self.cache.get(identity or self.identity, texts, dim or self.dim)
        except CacheUnavailable as exc:
            self._give_up(exc)
            return {}

    def _put(self, texts: list[str], vectors: np.ndarray, identity: str | None = None) -> None:
        if self.cache is None:
            return
        try:
            self.cache.put(identity or self.identity, texts, vectors)
        except CacheUnavailable as exc:
            self._give_up(exc)

    def _give_up(self, exc: CacheUnavailable) -> None:
        warnings.warn(f"{exc}; going on without the cache", RuntimeWarning, stacklevel=3)
        self.cache = None
