"""The clean stage: find what is not the author's running text, before segmentation.

``clean(raw)`` returns a :class:`Cleaned` holding the raw text untouched and spans
over it: ``kept_out`` (running headers and letterhead ``fw``, page numbers and form
feeds ``pb``, rules ``separator``, web ``debris``, page breaks inside a paragraph
``join``) and ``marks`` (editorial brackets, kept in the text but marked, and the
``hyphen`` of each word broken at a line end). Hand both to
``segment(raw, lang, kept_out=cleaned.kept_out)``; nothing is deleted, so every
sentence keeps exact offsets into ``raw``, and every character of ``raw`` is in a
sentence, in a span or whitespace.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import InputError
from ..model import Span
from ..vocab import KEPT_OUT_KINDS, EditorialMode, SpanKind, choices
from .base import CLEANERS, Block, Cleaned, Cleaner, Line, SpanSet, blocks, lines
from .debris import is_debris
from .editorial import editorial_type, find_editorial
from .pages import page_number

#: kinds a cleaner finds that stay in the sentence text (the segmenter rejoins a
#: hyphenated word itself; the span tells the TEI writer where ``<lb break="no"/>`` goes)
MARK_KINDS = frozenset({SpanKind.HYPHEN})

#: what ``editorial=`` may be: mark brackets and keep them in the text, leave them
#: out of the text (they still reach the TEI), or leave them alone
EDITORIAL_MODES = choices(EditorialMode)


def clean(
    raw: str,
    *,
    editorial: str = EditorialMode.MARK,
    skip: Iterable[str] = (),
    kept_out: Iterable[Span] = (),
) -> Cleaned:
    """Find headers, page breaks, debris, broken words and editorial brackets in ``raw``.

    ``editorial``: ``"mark"`` (default) keeps bracketed insertions in the sentence
    text and marks them; ``"omit"`` leaves them out of the sentence text (so they do
    not disturb alignment) while the TEI still shows them; ``"keep"`` ignores them.
    ``skip`` names cleaners not to run (``"debris"``, ``"pages"``, ``"headers"``,
    ``"letterhead"``, ``"breaks"``). ``kept_out`` are spans already known (e.g. the
    catalogue record), kept as they are.
    """
    if editorial not in EDITORIAL_MODES:
        raise InputError(f"editorial={editorial!r}: choose one of {', '.join(EDITORIAL_MODES)}")
    skip = set(skip)
    unknown = skip - set(CLEANERS)
    if unknown:
        raise InputError(
            f"unknown cleaner(s) {', '.join(sorted(unknown))}: the cleaners are "
            + ", ".join(CLEANERS)
        )
    found = SpanSet(kept_out)
    marks: list[Span] = []
    for name, cleaner in CLEANERS.items():
        if name not in skip:
            for s in cleaner(raw, found):
                if s.kind in MARK_KINDS:
                    marks.append(s)
                else:
                    found.add(s)
    if editorial == EditorialMode.MARK:
        marks.extend(find_editorial(raw, found))
    elif editorial == EditorialMode.OMIT:
        for s in find_editorial(raw, found):
            found.add(s)
    marks.sort(key=lambda s: s.start)
    return Cleaned(raw=raw, kept_out=found.list(), marks=marks)


__all__ = [
    "CLEANERS",
    "EDITORIAL_MODES",
    "KEPT_OUT_KINDS",
    "MARK_KINDS",
    "Block",
    "Cleaned",
    "Cleaner",
    "Line",
    "SpanSet",
    "blocks",
    "clean",
    "editorial_type",
    "is_debris",
    "lines",
    "page_number",
]
