"""Helpers shared by the archival tests: the seeds, and what accounts for each character."""

from __future__ import annotations

from paralign.model import Document

SEED_000 = "000_81f58aeddf4b621a.txt"
SEED_001 = "001_0bda452ea65fa1e2.txt"
SEED_003 = "003_981abd3d85692948.txt"


def unaccounted(doc: Document) -> str:
    """The non-whitespace characters of ``doc.raw`` in no sentence and no kept-out span."""
    covered = [False] * len(doc.raw)
    for s in doc.sentences:
        covered[s.start : s.end] = [True] * (s.end - s.start)
    for s in doc.kept_out:
        covered[s.start : s.end] = [True] * (s.end - s.start)
    return "".join(c for c, ok in zip(doc.raw, covered, strict=True) if not ok and not c.isspace())
