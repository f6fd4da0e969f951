"""Sentence alignment: bead scoring and the coarse-to-fine dynamic programme."""

from .config import DEFAULT_MAX_BEAD, OVERLAP_MODES, AlignerConfig
from .run import align_documents, align_vectors

__all__ = ["DEFAULT_MAX_BEAD", "OVERLAP_MODES", "AlignerConfig", "align_documents", "align_vectors"]
