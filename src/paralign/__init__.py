"""paralign: align a document with its translation, sentence by sentence, and export TEI.

The stages, one package each, with the plain dataclasses of :mod:`paralign.model`
flowing between them (docs/architecture.md)::

    read → clean → segment → embed → align → review → export

``align(src, tgt, src_lang="es", tgt_lang="en")`` runs clean → segment → embed →
align and returns an :class:`Alignment`: raw text goes through the clean stage
(running headers, page numbers, broken words, editorial brackets; ``clean=False``:
segmented only) and is segmented; ``presegmented=True`` reads one sentence per
line and never cleans; a list of sentences or a :class:`Document` is taken as it
is. Languages left out are detected. Reading a file (:func:`paralign.read.read_text`),
review and export are calls of their own.
``realign(alignment)`` aligns again around the beads a person confirmed.

The facade (:mod:`paralign.api`, re-exported here) gives the one-call forms:
``to_tei(alignment)`` (or of a review: the findings on the links),
``to_format(alignment, "tmx")``, ``review_alignment(alignment)`` and
``to_html(review)``. ``read_tei`` and ``read_tei_document`` read TEI back.
"""

from .api import review_alignment, to_format, to_html, to_tei
from .errors import FormatError, InputError, ModelError, ParalignError
from .model import Alignment, Bead, BeadStatus, Document, Sentence, Span
from .pipeline import Realigner, align, realign
from .tei import read_tei, read_tei_document
from .version import __version__


def __getattr__(name: str):
    # ``paralign.batch(...)``: the batch package is callable and loaded on first use
    if name == "batch":
        from . import batch

        return batch
    raise AttributeError(f"module 'paralign' has no attribute {name!r}")


__all__ = [
    "Alignment",
    "Bead",
    "BeadStatus",
    "Document",
    "FormatError",
    "InputError",
    "ModelError",
    "ParalignError",
    "Realigner",
    "Sentence",
    "Span",
    "__version__",
    "align",
    "batch",
    "read_tei",
    "realign",
    "read_tei_document",
    "review_alignment",
    "to_format",
    "to_html",
    "to_tei",
]
