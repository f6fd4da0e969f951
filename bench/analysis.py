"""Error analysis of predicted alignments: by bead shape, and confidence calibration."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

Pair = tuple[tuple[int, ...], tuple[int, ...]]


def shape(pair: Pair) -> str:
    return f"{len(pair[0])}-{len(pair[1])}"


def by_shape(documents: Iterable[tuple[Sequence[Pair], Sequence[Pair]]]) -> dict[str, dict]:
    """Per bead shape: gold beads and how many were found exactly; predicted beads and
    how many were exactly right. Pooled over the (gold, test) documents."""
    gold_n, found, pred_n, correct = Counter(), Counter(), Counter(), Counter()
    for gold, test in documents:
        gold_set, test_set = set(gold), set(test)
        for pair in gold_set:
            gold_n[shape(pair)] += 1
            found[shape(pair)] += pair in test_set
        for pair in test_set:
            pred_n[shape(pair)] += 1
            correct[shape(pair)] += pair in gold_set
    shapes = sorted(set(gold_n) | set(pred_n), key=lambda s: (-gold_n[s], -pred_n[s], s))
    return {
        s: {"gold": gold_n[s], "found": found[s], "predicted": pred_n[s], "correct": correct[s]}
        for s in shapes
    }


def calibration(
    documents: Iterable[tuple[Sequence[Pair], Sequence[tuple[Pair, float]]]], bins: int = 10
) -> dict[str, object]:
    """Reliability of the confidences: per confidence bin, how often a predicted bead
    is exactly a gold bead; the expected calibration error; the accuracy of the beads
    with confidence ≥ 0.9."""
    rows = [[0, 0.0, 0] for _ in range(bins)]  # count, sum of confidences, exact
    high = [0, 0]
    for gold, test in documents:
        gold_set = set(gold)
        for pair, conf in test:
            right = pair in gold_set
            row = rows[min(bins - 1, max(0, int(conf * bins)))]
            row[0] += 1
            row[1] += conf
            row[2] += right
            if conf >= 0.9:
                high[0] += 1
                high[1] += right
    total = sum(r[0] for r in rows)
    table = [
        {
            "from": i / bins,
            "to": (i + 1) / bins,
            "beads": n,
            "mean_confidence": (s / n) if n else None,
            "exact": (k / n) if n else None,
        }
        for i, (n, s, k) in enumerate(rows)
    ]
    ece = sum(abs(k / n - s / n) * n / total for n, s, k in rows if n) if total else 0.0
    return {
        "ece": ece,
        "beads": total,
        "beads_conf_ge_0.9": high[0],
        "exact_conf_ge_0.9": (high[1] / high[0]) if high[0] else None,
        "table": table,
    }
