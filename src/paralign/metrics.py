"""The reference alignment metric: strict and lax precision, recall and F1.

The same definition as the scorer shipped with Vecalign and Bertalign, so the
figures are comparable with published ones:

- a bead is a (source ids, target ids) pair; per document, duplicates and the
  empty bead are dropped;
- precision counts over all predicted beads, null (1-0, 0-1) beads included.
  Strict: the bead is exactly a gold bead. Lax: it is exact, or its target ids
  meet the union of the gold targets linked to any of its source ids;
- recall is the same count with gold and prediction swapped, after removing the
  null beads from both;
- counts are summed over the documents of a set (micro average), then
  P = TP / (TP + FP), R likewise, F1 = 2PR / (P + R), with 0/0 taken as 0.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from .errors import InputError
from .model import Alignment, Bead

Pair = tuple[tuple[int, ...], tuple[int, ...]]
Beads = Alignment | Iterable[Bead | tuple[Sequence[int], Sequence[int]]]


@dataclass(frozen=True)
class Counts:
    """True and false positives of one side of the metric, strict and lax."""

    strict_tp: int = 0
    strict_fp: int = 0
    lax_tp: int = 0
    lax_fp: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(self.astuple(), other.astuple(), strict=True)))

    def astuple(self) -> tuple[int, int, int, int]:
        return (self.strict_tp, self.strict_fp, self.lax_tp, self.lax_fp)


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1."""

    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class Score:
    """Strict and lax P/R/F1 of a set of documents, with the counts behind them.

    ``precision_counts`` counts predicted beads (FP = wrong predictions);
    ``recall_counts`` counts non-null gold beads (its "FP" are the misses).
    """

    strict: PRF
    lax: PRF
    precision_counts: Counts
    recall_counts: Counts
    documents: int

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def summary(self) -> str:
        """One line: strict P/R/F1, then lax."""
        s, x = self.strict, self.lax
        return (
            f"strict P/R/F1 {s.precision:.3f}/{s.recall:.3f}/{s.f1:.3f}  "
            f"lax P/R/F1 {x.precision:.3f}/{x.recall:.3f}/{x.f1:.3f}"
        )


def as_pairs(beads: Beads) -> list[Pair]:
    """Beads (an :class:`Alignment`, :class:`Bead` s or id pairs) as tuples of ints."""
    if isinstance(beads, Alignment):
        beads = beads.beads
    out = []
    for bead in beads:
        src, tgt = (bead.src, bead.tgt) if isinstance(bead, Bead) else bead
        out.append((tuple(int(i) for i in src), tuple(int(j) for j in tgt)))
    return out


def _count(reference: Iterable[Pair], candidates: Iterable[Pair]) -> Counts:
    """Strict and lax hits of ``candidates`` against ``reference`` (the precision side)."""
    reference = {p for p in reference if p[0] or p[1]}
    candidates = {p for p in candidates if p[0] or p[1]}
    linked: dict[int, set[int]] = {}
    for src, tgt in reference:
        for i in src:
            linked.setdefault(i, set()).update(tgt)
    strict_tp = lax_tp = 0
    for src, tgt in candidates:
        if (src, tgt) in reference:
            strict_tp += 1
            lax_tp += 1
            continue
        reachable: set[int] = set()
        for i in src:
            reachable |= linked.get(i, set())
        if reachable.intersection(tgt):
            lax_tp += 1
    n = len(candidates)
    return Counts(strict_tp, n - strict_tp, lax_tp, n - lax_tp)


def count(gold: Beads, test: Beads) -> tuple[Counts, Counts]:
    """The precision counts and the recall counts of one document."""
    gold_pairs, test_pairs = as_pairs(gold), as_pairs(test)
    precision = _count(gold_pairs, test_pairs)
    recall = _count(
        [p for p in test_pairs if p[0] and p[1]],
        [p for p in gold_pairs if p[0] and p[1]],
    )
    return precision, recall


def _ratio(hits: int, misses: int) -> float:
    return hits / (hits + misses) if hits + misses else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_documents(documents: Iterable[tuple[Beads, Beads]]) -> Score:
    """Micro-averaged score of (gold, test) pairs, one pair per document."""
    precision, recall, n = Counts(), Counts(), 0
    for gold, test in documents:
        p, r = count(gold, test)
        precision, recall, n = precision + p, recall + r, n + 1
    ps, rs = (
        _ratio(precision.strict_tp, precision.strict_fp),
        _ratio(recall.strict_tp, recall.strict_fp),
    )
    pl, rl = _ratio(precision.lax_tp, precision.lax_fp), _ratio(recall.lax_tp, recall.lax_fp)
    return Score(
        strict=PRF(ps, rs, _f1(ps, rs)),
        lax=PRF(pl, rl, _f1(pl, rl)),
        precision_counts=precision,
        recall_counts=recall,
        documents=n,
    )


def score(gold: Beads, test: Beads) -> Score:
    """The score of one document."""
    return score_documents([(gold, test)])


def read_verses(path: str | os.PathLike[str]) -> list[str]:
    """The verse id of each sentence, one per line (e.g. ``Gen:1:2``)."""
    try:
        return [line.strip() for line in Path(path).read_text(encoding="utf-8").splitlines()]
    except FileNotFoundError:
        raise InputError(f"{path}: no such verse file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read as a verse file ({exc})") from None


def merge_verses(beads: Beads, src_verses: Sequence[str], tgt_verses: Sequence[str]) -> list[Pair]:
    """Merge consecutive predicted beads that lie within one and the same verse.

    For gold sets aligned at verse level (the Bible): a bead belongs to a verse
    when every sentence of it (on the sides that are not empty) has that verse
    id; consecutive beads of the same verse become one bead, beads that span
    verses are kept as they are. This is how Bertalign's published Bible
    figures were scored.
    """
    merged: list[Pair] = []
    last = None
    for src, tgt in as_pairs(beads):
        verse = _verse_of(src, src_verses, "source") or None
        other = _verse_of(tgt, tgt_verses, "target") or None
        # a null side takes the other side's verse; two sides must agree
        key = (verse if verse == other else None) if src and tgt else verse or other
        if key is not None and key == last:
            merged[-1] = (merged[-1][0] + src, merged[-1][1] + tgt)
        else:
            merged.append((src, tgt))
        last = key
    return merged


def _verse_of(ids: tuple[int, ...], verses: Sequence[str], side: str) -> str:
    """The one verse all ``ids`` lie in; ``""`` when none or several."""
    found = set()
    for i in ids:
        if not 0 <= i < len(verses):
            raise InputError(f"{side} sentence {i} is beyond the verse file ({len(verses)} lines)")
        found.add(verses[i])
    return found.pop() if len(found) == 1 else ""
