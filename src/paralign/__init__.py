"""paralign: align a document with its translation, sentence by sentence, and export TEI.

The pipeline, stage by stage::

    read → clean → segment → embed → align → review → export

``align(src_text, tgt_text, src_lang="es", tgt_lang="en")`` runs it end to end and
returns an :class:`Alignment`; ``alignment.to_tei()`` gives the TEI document.
``realign(alignment)`` aligns again around the beads a person confirmed.
"""

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
]
