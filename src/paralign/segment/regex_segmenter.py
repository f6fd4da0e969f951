"""A plain punctuation splitter written with ``regex``: the baseline to measure against."""

from __future__ import annotations

import regex

from ..vocab import SegmenterName
from .base import SEGMENTERS, Segmenter, Spans, cuts_to_spans
from .rules import RuleAugmented

# final punctuation (and closing quotes/brackets), whitespace, then something that
# can start a sentence: a capital, a digit, an opening quote/bracket/¿¡ or a dash
_BOUNDARY = regex.compile(
    r"(?:[.?!…]+)[\"”»’'\)\]]*(?=\s+(?:--|—|―)?[¿¡«\"“‘(\[]*[\p{Lu}\p{Lt}\d¿¡])"
)


class RegexSegmenter(Segmenter):
    """Split after ``.``, ``?``, ``!`` or ``…`` when a sentence start follows.

    It knows no abbreviations: alone it splits ``Dr. Roa``; it is meant to run
    under :class:`~paralign.segment.rules.RuleAugmented`, which knows them.
    """

    name = "regex"
    covers = True

    def spans(self, text: str) -> Spans:
        return cuts_to_spans(text, [m.end() for m in _BOUNDARY.finditer(text)])


@SEGMENTERS.register(SegmenterName.REGEX_RULES, order=30)
def regex_rules(lang: str) -> Segmenter:
    """A plain punctuation splitter under the archival-text rules."""
    return RuleAugmented(RegexSegmenter(lang), lang)
