"""The real text the tests align: seed 001's Spanish original and its English translation.

Both come from the corpus transcription in texts/ (the Wilson Center Digital Archive's page
of 2 December 1962), cut into its two parts by :func:`paralign.archive.load_transcription`:
each half is an exact slice of the file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSCRIPTION = ROOT / "texts" / "1962-12-02_mikoyan-kennedy-conversations" / "transcription.txt"


@cache
def sample_pair() -> tuple[str, str]:
    """The Spanish original and the English translation, as text."""
    from paralign.archive import load_transcription

    tr = load_transcription(TRANSCRIPTION, bilingual=True)
    return tr.original.text, tr.translation.text


def write_sample_pair(folder: Path) -> tuple[Path, Path]:
    """Write the pair as ``es.txt`` and ``en.txt`` (UTF-8) in ``folder``; their paths."""
    paths = folder / "es.txt", folder / "en.txt"
    for path, text in zip(paths, sample_pair(), strict=True):
        path.write_text(text, encoding="utf-8")
    return paths


def with_paragraph_marks(sentences) -> str:
    """A document's sentences one per line, with a ``<p>`` line before each of its
    paragraphs (the pre-segmented form of the same paragraphs)."""
    lines, last = [], None
    for s in sentences:
        if s.paragraph != last:
            lines.append("<p>")
            last = s.paragraph
        lines.append(s.text)
    return "\n".join(lines) + "\n"
