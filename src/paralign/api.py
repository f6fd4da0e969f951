"""The facade: one-call conveniences over the stages, re-exported at the package root.

The data model (:mod:`paralign.model`, :class:`paralign.review.Review`) holds
data and imports nothing above it; what turns that data into files lives in the
stages (:mod:`paralign.export`, :mod:`paralign.tei`, :mod:`paralign.review`,
:mod:`paralign.report`). This module sits above all of them and gives users the
short calls::

    import paralign
    a = paralign.align(es_text, en_text, src_lang="es", tgt_lang="en")
    tei = paralign.to_tei(a)                        # same as export(a, "tei")
    tmx = paralign.to_format(a, "tmx", min_confidence=0.5)
    result = paralign.review_alignment(a)           # paralign.review.review(a)
    html = paralign.to_html(result)                 # the side-by-side report
    tei_with_findings = paralign.to_tei(result)     # findings on the links
"""

from __future__ import annotations

from .export import export
from .model import Alignment
from .report import render_html
from .review import Review, review
from .tei.review import review_tei


def to_tei(item: Alignment | Review, **options: object) -> bytes:
    """An alignment as TEI P5 bytes; a :class:`~paralign.review.Review` as the TEI of its
    alignment with the findings on the links. Options as for ``export(..., "tei")``."""
    if isinstance(item, Review):
        return review_tei(item, **options)
    return export(item, "tei", **options)


def to_format(alignment: Alignment, fmt: str, **options: object) -> bytes:
    """An alignment in one of the export formats (``paralign.export.FORMATS``):
    :func:`paralign.export.export`."""
    return export(alignment, fmt, **options)


def review_alignment(alignment: Alignment, **options: object) -> Review:
    """Check every bead for omissions, additions, numbers, names…: a ranked
    :class:`~paralign.review.Review` (options: see :func:`paralign.review.review`)."""
    return review(alignment, **options)


def to_html(result: Review, **options: object) -> str:
    """The self-contained HTML report of a review (see :mod:`paralign.report`)."""
    return render_html(result, **options)


__all__ = ["review_alignment", "to_format", "to_html", "to_tei"]
