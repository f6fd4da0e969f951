"""Editorial brackets: what an editor or translator added to the text in ``[…]``.

Translations in archives carry the editor's insertions: identifications
(``Dobryni [Anatoly F. Dobrynin]``), words supplied for the grammar (``[that]``),
comments (``[i.e., draft-ed.]``) and notices of text left out (``[several lines
excised]``). Each becomes an ``editorial`` span over the bracketed text, brackets
included. :func:`editorial_type` says which TEI element fits it.
"""

from __future__ import annotations

import regex

from ..model import Span
from ..vocab import SpanKind
from .base import SpanSet, span

#: a bracketed insertion on one line (a Markdown link ``[text](url)`` is not one)
BRACKET = regex.compile(r"\[[^\[\]\r\n]{1,300}\](?!\()")
_OMISSION = regex.compile(
    r"\b(?:excised|illegible|omitted|deleted|redacted|missing|lost|torn|unreadable|"
    r"ilegible|omitido|tachado|suprimido)\b|^(?:\.\.\.|…)$",
    regex.IGNORECASE,
)
_COMMENT = regex.compile(
    r"^(?:i\.\s?e\.|e\.\s?g\.|sic\b|ed\.|editor|translator|trans\.|note|n\.\s?b\.|"
    r"es decir|nota|n\.\s?del\s?t\.)|[-—–]\s?(?:ed|eds|trans|tr)\.?$|\?$",
    regex.IGNORECASE,
)


def editorial_type(text: str) -> str:
    """``"gap"``, ``"note"`` or ``"supplied"`` for a bracketed insertion (brackets optional).

    ``gap``: a notice of text left out (``[several lines excised]``); ``note``: an
    editor's comment (``[i.e., draft-ed.]``, ``[sic]``, ``[?]``); ``supplied``: words the
    editor put into the text (``[that]``, ``[Anatoly F. Dobrynin]``).
    """
    inner = text.strip()
    if inner.startswith("[") and inner.endswith("]"):
        inner = inner[1:-1].strip()
    if _OMISSION.search(inner):
        return SpanKind.GAP
    if _COMMENT.search(inner):
        return SpanKind.NOTE
    return SpanKind.SUPPLIED


def find_editorial(raw: str, found: SpanSet) -> list[Span]:
    """An ``editorial`` span over every bracketed insertion not already kept out."""
    out = []
    for m in BRACKET.finditer(raw):
        if not found.overlaps(m.start(), m.end()):
            out.append(span(raw, m.start(), m.end(), SpanKind.EDITORIAL))
    return out
