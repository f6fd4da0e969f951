"""Sentence alignment: bead scoring and the coarse-to-fine dynamic programme."""

from .config import DEFAULT_MAX_BEAD, OVERLAP_MODES, AlignerConfig
from .run import Prepared, align_documents, align_prepared, align_vectors, prepare

__all__ = [
    "DEFAULT_MAX_BEAD",
    "OVERLAP_MODES",
    "AlignerConfig",
    "Prepared",
    "align_documents",
    "align_prepared",
    "align_vectors",
    "prepare",
]
