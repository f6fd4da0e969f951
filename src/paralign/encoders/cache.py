"""An on-disk embedding cache, so that re-aligning a document does not re-embed it.

Vectors are content-addressed: the key is the SHA-256 of the encoder's
:attr:`~paralign.encoders.base.Encoder.identity` and the text, so a changed model
or a changed sentence simply misses. The store is one SQLite database (Python's
``sqlite3``): every write is a transaction, so concurrent processes never see or
leave a half-written vector, and two processes writing the same key both succeed
(the vectors are equal by construction).

The cache proves its contents: each vector is stored with a digest of the vector
and of what it encodes (model identity, text, dimension). A record whose digest
does not match what was asked for, or that holds a value that is not finite
(NaN, inf), is dropped and embedded again, with one warning; the alignment is then
the same, byte for byte, as one without the cache. See docs/cache.md.

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
from contextlib import closing, suppress
from pathlib import Path

import numpy as np

from ..progress import Tick
from .base import Encoder, stack_rows
from .blocks import BlockModel, BlockParts, encode_parts

#: values of ``$PARALIGN_CACHE`` that turn the cache off
OFF_VALUES = frozenset({"0", "off", "false", "no", "none"})
#: the database file inside the cache folder; the suffix is the schema version (v1 was a
#: WITHOUT ROWID table, five times slower to fill with 2 KB vectors; v2 had no digests;
#: both are left unread)
DB_NAME = "embeddings-v3.sqlite3"
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


def record_digest(identity: str, text: str, dim: int, blob: bytes) -> bytes:
    """The digest stored with a vector: of the model, the text, the dimension and the
    vector's bytes, so that a record proves both its value and what it encodes."""
    h = hashlib.blake2b(digest_size=16, person=b"paralign-cache3")
    h.update(f"{identity}\0{text}\0{dim}\0".encode("utf-8", "surrogatepass"))
    h.update(blob)
    return h.digest()


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
        " dim INTEGER NOT NULL, vector BLOB NOT NULL, digest BLOB NOT NULL)"
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
        #: records dropped so far because they failed their check
        self.rejected = 0

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
        """The cached vectors of ``texts`` by position; absent texts are left out, and
        so are records that fail their check (they are deleted and counted in
        :attr:`rejected`)."""
        keys = [text_key(identity, t) for t in texts]
        where: dict[bytes, list[int]] = {}
        for i, key in enumerate(keys):
            where.setdefault(key, []).append(i)
        unique = list(where)
        found: dict[int, np.ndarray] = {}
        bad: list[bytes] = []
        try:
            with closing(self._connect()) as db:
                for start in range(0, len(unique), _CHUNK):
                    chunk = unique[start : start + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    rows = db.execute(
                        f"SELECT key, dim, vector, digest FROM vectors WHERE key IN ({marks})",
                        chunk,
                    ).fetchall()
                    for key, row_dim, blob, digest in rows:
                        if key not in where:
                            continue
                        if row_dim != dim:
                            continue  # another model's shape under a colliding identity
                        text = texts[where[key][0]]
                        if not _proves(identity, text, dim, row_dim, blob, digest):
                            bad.append(key)
                            continue
                        vector = np.frombuffer(blob, dtype=np.float32)
                        for i in where[key]:
                            found[i] = vector
                if bad:
                    self.rejected += len(bad)
                    self._drop(db, bad)
        except sqlite3.Error as exc:
            raise CacheUnavailable(f"embedding cache {self.path} cannot be read: {exc}") from exc
        return found

    @staticmethod
    def _drop(db: sqlite3.Connection, keys: list[bytes]) -> None:
        """Delete records that failed their check (best effort: a read-only cache keeps
        them, and they fail again next time)."""
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany("DELETE FROM vectors WHERE key = ?", [(k,) for k in keys])
            db.execute("COMMIT")
        except sqlite3.Error:
            with suppress(sqlite3.Error):
                db.execute("ROLLBACK")

    def put(self, identity: str, texts: Iterable[str], vectors: np.ndarray) -> None:
        """Store one vector per text, with its digest (a record already there is replaced:
        it was missed, so it failed its check or another process has just written the
        same vector)."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        dim = vectors.shape[1]
        rows = []
        for i, t in enumerate(texts):
            blob = vectors[i].tobytes()
            if not np.isfinite(vectors[i]).all():
                continue  # never store what would be refused on reading
            digest = record_digest(identity, t, dim, blob)
            rows.append((text_key(identity, t), identity, dim, blob, digest))
        try:
            with closing(self._connect()) as db:
                db.execute("BEGIN IMMEDIATE")
                try:
                    db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?, ?)", rows)
                    db.execute("COMMIT")
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
        except sqlite3.Error as exc:
            raise CacheUnavailable(f"embedding cache {self.path} cannot be written: {exc}") from exc

    def set_aside_if_damaged(self, exc: CacheUnavailable) -> Path | None:
        """When ``exc`` says the database file is damaged (not a database, malformed),
        rename it to ``….damaged`` so that the next run builds a new cache instead of
        stumbling on it forever; return the new name (None: not damaged, or not moved)."""
        cause = str(exc.__cause__ or "").lower()
        if not any(word in cause for word in ("malformed", "not a database", "corrupt")):
            return None
        aside = self.path.with_name(self.path.name + ".damaged")
        try:
            os.replace(self.path, aside)
        except OSError:
            return None
        for suffix in ("-wal", "-shm"):
            with suppress(OSError):
                os.unlink(f"{self.path}{suffix}")
        return aside

    def count(self, identity: str | None = None) -> int:
        """How many vectors are stored (for one model identity, or in all)."""
        with closing(self._connect()) as db:
            if identity is None:
                return db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]
            return db.execute(
                "SELECT COUNT(*) FROM vectors WHERE model = ?", (identity,)
            ).fetchone()[0]


def _proves(
    identity: str, text: str, dim: int, row_dim: object, blob: object, digest: object
) -> bool:
    """Whether a record holds a finite vector of ``dim`` values whose digest is that of
    ``text`` embedded by ``identity``."""
    if row_dim != dim or not isinstance(blob, bytes) or len(blob) != 4 * dim:
        return False
    if not isinstance(digest, bytes) or digest != record_digest(identity, text, dim, blob):
        return False
    return bool(np.isfinite(np.frombuffer(blob, dtype=np.float32)).all())


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
        self._warned = False

    @property
    def identity(self) -> str:
        return self.inner.identity

    def __repr__(self) -> str:
        return f"<CachedEncoder {self.inner!r} in {self.cache!r}>"

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        return self.inner._encode_batch(texts)

    def encode(self, texts: Sequence[str], progress: Tick | None = None) -> np.ndarray:
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

    def block_model(self) -> BlockModel | None:
        return self.inner.block_model()

    def encode_blocks(
        self, texts: Sequence[str], progress: Tick | None = None
    ) -> BlockParts | None:
        """Parts (keyed by sentence) and junctions (keyed by the pair of sentences) come
        from the cache where it has them; only the rest is computed."""
        model = self.block_model()
        if model is None:
            return None
        n = len(texts)
        pairs = [f"{a}\0{b}" for a, b in zip(texts, texts[1:], strict=False)]
        parts_id, joins_id = f"{self.identity}#parts", f"{self.identity}#joins"
        parts = self._get(list(texts), parts_id, model.dim + 1)
        joins = self._get(pairs, joins_id, model.dim)
        if progress is not None and parts:
            progress(len(parts))
        new_parts, new_joins = encode_parts(
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
        return BlockParts(
            model, stack_rows(parts, n, model.dim + 1), stack_rows(joins, n - 1, model.dim)
        )

    def _get(
        self, texts: list[str], identity: str | None = None, dim: int | None = None
    ) -> dict[int, np.ndarray]:
        if self.cache is None or not texts:
            return {}
        before = self.cache.rejected
        try:
            found = self.cache.get(identity or self.identity, texts, dim or self.dim)
        except CacheUnavailable as exc:
            self._give_up(exc)
            return {}
        if self.cache.rejected > before and not self._warned:
            self._warned = True
            warnings.warn(
                f"embedding cache {self.cache.path}: vectors that failed their check "
                "(altered or damaged) were dropped and embedded again",
                RuntimeWarning,
                stacklevel=3,
            )
        return found

    def _put(self, texts: list[str], vectors: np.ndarray, identity: str | None = None) -> None:
        if self.cache is None:
            return
        try:
            self.cache.put(identity or self.identity, texts, vectors)
        except CacheUnavailable as exc:
            self._give_up(exc)

    def _give_up(self, exc: CacheUnavailable) -> None:
        assert self.cache is not None
        aside = self.cache.set_aside_if_damaged(exc)
        then = f"; it is moved to {aside.name} and the next run starts a new one" if aside else ""
        warnings.warn(f"{exc}; going on without the cache{then}", RuntimeWarning, stacklevel=3)
        self.cache = None
