"""sentencex alone: the off-the-shelf base segmenter (MIT, Rust, ~300 languages)."""

from __future__ import annotations

import sentencex

from ..vocab import SegmenterName
from .base import SEGMENTERS, Segmenter, Spans, strip_span
from .rules import RuleAugmented


@SEGMENTERS.register(SegmenterName.SENTENCEX, order=20)
class SentencexSegmenter(Segmenter):
    """Sentence boundaries from ``sentencex.get_sentence_boundaries``.

    sentencex returns Python ``str`` offsets, so its spans are used as they are
    (only stripped of the trailing whitespace it keeps). It never splits inside a
    closed quotation or bracket; :class:`~paralign.segment.rules.RuleAugmented`
    corrects that and the other faults measured in ``docs/segmentation.md``.
    """

    name = "sentencex"
    covers = True

    def spans(self, text: str) -> Spans:
        out: Spans = []
        for b in sentencex.get_sentence_boundaries(self.lang, text):
            start, end = strip_span(text, b["start_index"], b["end_index"])
            if start < end:
                out.append((start, end))
        return out


@SEGMENTERS.register(SegmenterName.SENTENCEX_RULES, order=10)
def sentencex_rules(lang: str) -> Segmenter:
    """sentencex corrected by the archival-text rules (the default)."""
    return RuleAugmented(SentencexSegmenter(lang), lang)
