"""Web-page debris: navigation, buttons and PDF-viewer notices left in a copied page.

Transcriptions saved from an archive's web page (seed 000) carry lines such as
"Search in", "get citation" or "Click here to view the PDF file in a new window."
They are no part of the document: each such line becomes a ``debris`` span. Only
whole lines that match one of :data:`DEBRIS_LINES` are taken, so a sentence that
merely mentions a PDF is never touched.
"""

from __future__ import annotations

import regex

from ..model import Span
from ..vocab import SpanKind
from .base import CLEANERS, SpanSet, lines, span

#: whole lines (bullets and surrounding whitespace ignored, any case) that are page debris
DEBRIS_LINES: tuple[str, ...] = (
    r"search in",
    r"search",
    r"digital archive(?: international history declassified)?",
    r"international history declassified",
    r"get citation",
    r"share(?: this)? document",
    r"share",
    r"print(?: this)? document",
    r"download(?: the)? pdf",
    r"(?:english|spanish|russian|french|german|portuguese|italian|chinese) html",
    r"it appears your web browser is not configured to display pdf files\..*",
    r"(?:no worries, )?(?:just )?click here to (?:view|download|open) the pdf file.*",
    r"pdfs cannot be printed inline in the page\..*",
    r"skip to (?:main )?content",
    r"back to top",
)

_DEBRIS = regex.compile(r"(?:[•·▪●*-]\s*)?(?:" + "|".join(DEBRIS_LINES) + r")\s*", regex.IGNORECASE)


def is_debris(line: str) -> bool:
    """Whether a whole line is web-page debris."""
    return _DEBRIS.fullmatch(line.strip()) is not None


@CLEANERS.register("debris", order=10)
def find_debris(raw: str, found: SpanSet) -> list[Span]:
    """A ``debris`` span over each debris line not already kept out."""
    out = []
    for line in lines(raw):
        if not line.blank and is_debris(line.text):
            s = span(raw, line.content_start, line.content_end, SpanKind.DEBRIS)
            if not found.overlaps(s.start, s.end):
                out.append(s)
    return out
