"""Seed 001 (Cuban mission memo, 1962) as a hand-segmented, hand-aligned pair for the review tests.

tests/data/review/ holds the raw Spanish and English parts of
../shared/seeds/001_*.txt (cut by hand: lines 44-151 and 157-218), the same texts
one sentence per line (segmented by hand) and the gold alignment
(seed001.es-en.gold, made by hand, vecalign format). The Spanish raw text keeps
its letterheads, so the "135 EAST 44TH STREET" copy is there to be found.
"""

from __future__ import annotations

import ast
from pathlib import Path

import regex

from paralign.model import Alignment, Bead, Document, Sentence

DATA = Path(__file__).resolve().parent / "data" / "review"


def _locate(raw: str, sentences: list[str], lang: str) -> Document:
    """A document whose sentences carry their offsets into ``raw``."""
    out, pos = [], 0
    for text in sentences:
        words = text.split()
        head = r"\s+".join(regex.escape(w) for w in words[:3])
        tail = r"\s+".join(regex.escape(w) for w in words[-2:])
        start = regex.compile(head).search(raw, pos)
        assert start is not None, text
        end = regex.compile(tail).search(raw, start.start())
        assert end is not None, text
        out.append(Sentence(text=text, start=start.start(), end=end.end()))
        pos = end.end()
    return Document(raw=raw, lang=lang, sentences=out)


def gold_beads(path: Path) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The beads of a gold file, as (source ids, target ids)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        a, b = line.split(":")
        out.append((tuple(ast.literal_eval(a)), tuple(ast.literal_eval(b))))
    return out


def seed001() -> Alignment:
    """Seed 001 aligned by hand (every bead confidence 1.0, model usem3)."""
    docs = []
    for lang in ("es", "en"):
        raw = (DATA / f"seed001.{lang}.raw.txt").read_text(encoding="utf-8")
        sents = (DATA / f"seed001.{lang}.txt").read_text(encoding="utf-8").splitlines()
        docs.append(_locate(raw, sents, lang))
    beads = [Bead(a, b) for a, b in gold_beads(DATA / "seed001.es-en.gold")]
    return Alignment(src=docs[0], tgt=docs[1], beads=beads, model="usem3")
