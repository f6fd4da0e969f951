"""Segmenters by name (:data:`SEGMENTERS`, filled where each segmenter is defined)."""

from __future__ import annotations

from functools import lru_cache

from ..errors import InputError
from ..vocab import SegmenterName
from .base import SEGMENTERS, Segmenter

#: the segmenter ``segment`` uses unless told otherwise (chosen in docs/segmentation.md)
DEFAULT_SEGMENTER = SegmenterName.SENTENCEX_RULES

__all__ = ["DEFAULT_SEGMENTER", "SEGMENTERS", "get_segmenter"]


@lru_cache(maxsize=64)
def get_segmenter(name: str, lang: str) -> Segmenter:
    """The segmenter called ``name`` (one of ``SEGMENTERS``) for language ``lang``."""
    if name not in SEGMENTERS:
        raise InputError(f"unknown segmenter '{name}': use one of {', '.join(SEGMENTERS)}")
    return SEGMENTERS[name](lang)
