"""Page breaks: form feeds, page-number lines (``--2--``, ``- 3 -``, ``Página 4``) and rules.

A form feed becomes a ``pb`` span of its own; a line that is only a page number
becomes a ``pb`` span holding the number as printed (the TEI writer takes ``n``
from its digits); a line that is only a typed rule (``-----``, ``* * *``) becomes a
``separator`` span. Bare numbers (``2`` alone on a line) are not taken: too many
documents have lines that are only a number and no page break.
"""

from __future__ import annotations

import regex

from ..model import Span
from ..vocab import SpanKind
from .base import CLEANERS, SpanSet, lines, span

_DASH = r"[-‐‑‒–—―_~]"
#: a line that is only a page number: ``--2--``, ``- 2 -``, ``— 2 —``, ``Page 2``, ``Pág. 2 de 5``
PAGE_NUMBER = regex.compile(
    rf"""(?:{_DASH}+\s*\d{{1,4}}\s*{_DASH}+
        |(?:page|p\.|p[áa]g\.?|p[áa]gina|hoja|folio|f\.)\s*\d{{1,4}}(?:\s*(?:of|de|/)\s*\d{{1,4}})?
        |\d{{1,4}}\s*/\s*\d{{1,4}}
        |\[\s*\d{{1,4}}\s*\])""",
    regex.IGNORECASE | regex.VERBOSE,
)
#: a line that is only a typed rule or section break
RULE = regex.compile(r"(?:[-_=~*.·•]\s*){3,}")


def page_number(line: str) -> int | None:
    """The page number a line holds when it is only a page number, else None."""
    text = line.strip()
    if PAGE_NUMBER.fullmatch(text):
        return int(regex.search(r"\d+", text).group())
    return None


@CLEANERS.register("pages", order=20)
def find_page_breaks(raw: str, found: SpanSet) -> list[Span]:
    """``pb`` spans over form feeds and page-number lines, ``separator`` spans over rules."""
    out: list[Span] = []
    for m in regex.finditer(r"\f", raw):
        out.append(span(raw, m.start(), m.end(), SpanKind.PB))
    for line in lines(raw):
        if line.blank:
            continue
        kind = None
        if page_number(line.text) is not None:
            kind = SpanKind.PB
        elif RULE.fullmatch(line.text.replace("\f", "").strip()):
            kind = SpanKind.SEPARATOR
        if kind:
            # content offsets leave out surrounding whitespace, form feeds included
            s = span(raw, line.content_start, line.content_end, kind)
            if not found.overlaps(s.start, s.end):
                out.append(s)
    return sorted(out, key=lambda s: s.start)
