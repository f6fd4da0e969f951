"""Load the hand-made segmentation gold and score a segmentation against it.

A gold file ``NAME.gold.txt`` is the raw excerpt ``NAME.txt`` with two kinds of
marks added by hand: ``‖`` right after the last character of every sentence, and
``⟦…⟧`` around every stretch that the clean-up stage keeps out of the sentences
(running headers, page numbers, separators). See README.md beside this file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from paralign.model import Document, Span

HERE = Path(__file__).resolve().parent
#: (name, language) of every gold excerpt
GOLD = [
    ("001_es", "es"),
    ("001_en", "en"),
    ("003_en", "en"),
    ("000_en", "en"),
    ("es_stress", "es"),
    ("en_stress", "en"),
]
#: the excerpts taken from the archive seeds (the stress texts were written for the test)
SEEDS = [g for g in GOLD if "stress" not in g[0]]

BOUNDARY, KEEP_OPEN, KEEP_CLOSE = "‖", "⟦", "⟧"


@dataclass
class Gold:
    """One gold excerpt: its raw text, kept-out spans and sentence end offsets."""

    name: str
    lang: str
    raw: str
    kept_out: list[Span]
    ends: list[int]


def load(name: str, lang: str) -> Gold:
    """Read ``NAME.gold.txt`` and check that without its marks it is ``NAME.txt``."""
    marked = (HERE / f"{name}.gold.txt").read_text(encoding="utf-8")
    raw_parts: list[str] = []
    ends: list[int] = []
    kept: list[Span] = []
    pos = 0
    open_at = -1
    for ch in marked:
        if ch == BOUNDARY:
            ends.append(pos)
        elif ch == KEEP_OPEN:
            open_at = pos
        elif ch == KEEP_CLOSE:
            kept.append(Span(open_at, pos, "fw"))
            open_at = -1
        else:
            raw_parts.append(ch)
            pos += 1
    raw = "".join(raw_parts)
    expected = (HERE / f"{name}.txt").read_text(encoding="utf-8")
    if raw != expected:
        raise ValueError(f"{name}.gold.txt without its marks differs from {name}.txt")
    kept = [Span(s.start, s.end, s.kind, raw[s.start : s.end]) for s in kept]
    return Gold(name, lang, raw, kept, ends)


def trivial(gold: Gold, end: int) -> bool:
    """Whether a sentence end is one no segmenter can miss: the end of the text, or a
    blank line (with nothing kept out) before the next sentence."""
    rest = gold.raw[end:]
    gap = rest[: len(rest) - len(rest.lstrip())]
    if not rest.strip():
        return True
    inside_kept = any(s.start <= end + len(gap) and s.end > end for s in gold.kept_out)
    return gap.count("\n") >= 2 and not inside_kept


@dataclass
class Score:
    """Boundary counts: true positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: Score) -> Score:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


_QUOTES = set("\"“”«»'‘’")


def score(gold: Gold, doc: Document, *, include_trivial: bool = False) -> tuple[Score, list]:
    """Boundary precision/recall of ``doc`` against ``gold``, and the errors as
    ``("fp"|"fn", offset, context)`` for reading.

    Two boundaries are the same when only whitespace and quotation marks lie
    between them (``best.|" Candide`` = ``best."| Candide``): where a quote mark
    goes is a convention of the gold, not a segmentation error.
    """
    significant = [0]
    for ch in gold.raw:
        significant.append(significant[-1] + (not ch.isspace() and ch not in _QUOTES))
    gold_at = {significant[e]: e for e in gold.ends if include_trivial or not trivial(gold, e)}
    pred_at = {
        significant[s.end]: s.end
        for s in doc.sentences
        if include_trivial or not trivial(gold, s.end)
    }
    gold_ends, pred_ends = set(gold_at), set(pred_at)
    errors = []
    for kind, keys, where in (
        ("fp", pred_ends - gold_ends, pred_at),
        ("fn", gold_ends - pred_ends, gold_at),
    ):
        for e in sorted(where[k] for k in keys):
            context = gold.raw[max(0, e - 30) : e] + "|" + gold.raw[e : e + 20]
            errors.append((kind, e, context.replace("\n", "⏎")))
    result = Score(
        len(gold_ends & pred_ends), len(pred_ends - gold_ends), len(gold_ends - pred_ends)
    )
    return result, errors
