"""Segmenters by name."""

from __future__ import annotations

from functools import lru_cache

from ..errors import InputError
from .base import Segmenter
from .regex_segmenter import RegexSegmenter
from .rules import RuleAugmented
from .sentencex_segmenter import SentencexSegmenter

#: the segmenter ``segment`` uses unless told otherwise (chosen in docs/segmentation.md)
DEFAULT_SEGMENTER = "sentencex+rules"
#: every name ``get_segmenter`` knows
SEGMENTERS = ("sentencex+rules", "sentencex", "regex+rules")
_BASES: dict[str, type[Segmenter]] = {"sentencex": SentencexSegmenter, "regex": RegexSegmenter}


@lru_cache(maxsize=64)
def get_segmenter(name: str, lang: str) -> Segmenter:
    """The segmenter called ``name`` (one of ``SEGMENTERS``) for language ``lang``."""
    if name not in SEGMENTERS:
        raise InputError(f"unknown segmenter '{name}': use one of {', '.join(SEGMENTERS)}")
    base, _, rules = name.partition("+")
    segmenter = _BASES[base](lang)
    return RuleAugmented(segmenter, lang) if rules else segmenter
