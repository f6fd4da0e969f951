"""The interface every sentence segmenter implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable

from ..registry import Registry

Spans = list[tuple[int, int]]


class Segmenter(ABC):
    """Splits one paragraph of flat text into sentence spans.

    The text it is given has no line breaks (the document layer has turned every
    whitespace character, and every kept-out character, into a space of the same
    length), so offsets into it are offsets into the paragraph. ``spans`` returns
    ``(start, end)`` pairs in order, non-overlapping, each stripped of surrounding
    whitespace; text between them must be whitespace only.
    """

    #: short stable name (``"sentencex"``, ``"regex"``, …)
    name: str = ""
    #: whether the spans always cover every non-blank character (the built-in
    #: segmenters do; for others the document layer re-derives spans from cuts)
    covers: bool = False

    def __init__(self, lang: str) -> None:
        self.lang = lang

    @abstractmethod
    def spans(self, text: str) -> Spans:
        """The sentence spans of ``text``, stripped and in order."""


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` narrowed so that ``text[start:end]`` has no surrounding whitespace."""
    piece = text[start:end]
    stripped = piece.lstrip()
    if not stripped:
        return start, start
    start += len(piece) - len(stripped)
    return start, start + len(stripped.rstrip())


def cuts_to_spans(text: str, cuts: list[int]) -> Spans:
    """Spans of the stretches between sorted cut positions, stripped, empty ones dropped."""
    spans: Spans = []
    prev = 0
    for cut in [*cuts, len(text)]:
        start, end = strip_span(text, prev, cut)
        if start < end:
            spans.append((start, end))
        prev = cut
    return spans


#: segmenters by name: each a factory ``make(lang) -> Segmenter``, registered with
#: ``@SEGMENTERS.register(name, order=…)`` in the module that defines it
SEGMENTERS: Registry[Callable[[str], Segmenter]] = Registry("segmenter", "paralign.segment")
