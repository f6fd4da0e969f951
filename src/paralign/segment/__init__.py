"""Sentence segmentation with exact character offsets into the raw text.

``segment(raw, lang)`` splits raw text into :class:`~paralign.model.Sentence` s;
``segment_lines(raw, lang)`` reads pre-segmented text, one sentence per line.

Segmenters (``SEGMENTERS``), all behind :class:`Segmenter`:

- ``"sentencex+rules"`` (default): sentencex corrected by the archival-text rules
  of :mod:`.rules`;
- ``"sentencex"``: sentencex alone;
- ``"regex+rules"``: a plain punctuation splitter under the same rules.

The choice and its figures are in docs/segmentation.md.
"""

from __future__ import annotations

from .base import Segmenter
from .document import segment, segment_lines
from .regex_segmenter import RegexSegmenter
from .registry import DEFAULT_SEGMENTER, SEGMENTERS, get_segmenter
from .rules import RuleAugmented
from .sentencex_segmenter import SentencexSegmenter

__all__ = [
    "DEFAULT_SEGMENTER",
    "SEGMENTERS",
    "RegexSegmenter",
    "RuleAugmented",
    "Segmenter",
    "SentencexSegmenter",
    "get_segmenter",
    "segment",
    "segment_lines",
]
