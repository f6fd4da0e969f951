"""The Bible pair of ../shared/eval (5,000 English × 6,301 Chinese sentences) as a
TEI alignment made from its gold beads, for the editor's scale tests and benchmark."""

from __future__ import annotations

from pathlib import Path

from paralign import to_tei
from paralign.goldfile import read_pairs
from paralign.model import Alignment, Bead, Document

FOLDER = Path("eval") / "bible-en-zh"


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def bible_alignment(shared: Path) -> Alignment:
    """The pair with its gold beads; confidences spread over 0.3..1 so that the
    page has doubtful beads to show."""
    folder = shared / FOLDER
    src, tgt = _lines(folder / "en" / "001"), _lines(folder / "zh" / "001")
    beads = [
        Bead(tuple(s), tuple(t), round(0.3 + 0.07 * ((k * 37) % 11), 3))
        for k, (s, t) in enumerate(read_pairs(folder / "gold" / "001.align"))
    ]
    return Alignment(
        Document.from_sentences(src, "en"), Document.from_sentences(tgt, "zh"), beads, "usem3"
    )


def bible_tei(shared: Path, folder: Path) -> Path:
    """Write the pair's TEI into ``folder``; its path."""
    path = folder / "bible.tei.xml"
    path.write_bytes(to_tei(bible_alignment(shared)))
    return path
