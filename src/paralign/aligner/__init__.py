"""Sentence alignment: bead scoring and the coarse-to-fine dynamic programme."""

from .config import AlignerConfig
from .run import align_documents, align_vectors

__all__ = ["AlignerConfig", "align_documents", "align_vectors"]
